#pragma once

#include "pages/ListPage.h"

class QComboBox;
class QDateEdit;
class QLineEdit;

namespace edge {
class EventBus;
}

namespace edge::ui {

class ActivityModel;

// The audit trail: who did what to which record and when, newest first, filtered by type,
// actor and date range, on the shared list page. What the store lets this account read
// (admins all, editors and support their own) is the store's decision; the page shows what
// comes back. This window's own changes appear at the top as they happen.
class ActivityPage final : public ListPage
{
    Q_OBJECT

public:
    explicit ActivityPage(EventBus &events, QWidget *parent = nullptr);
    ActivityModel *activityModel() const { return m_model; }

    bool isAvailableTo(const ConsoleAccess &access) const override { return access.activityVisible(); }

private:
    QWidget *buildFilters();
    void applyFilter();

    ActivityModel *m_model;
    QComboBox *m_type = nullptr;
    QLineEdit *m_actor = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
};

} // namespace edge::ui
