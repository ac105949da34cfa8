#pragma once

#include "application/Services.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;

namespace edge {
class EventBus;
}

namespace edge::ui {

class ActivityModel;

// The audit trail: who did what to which record and when, newest first, filtered by type,
// actor and date range. What the store lets this account read (admins all, editors and
// support their own) is the store's decision; the page shows what comes back. This
// window's own changes appear at the top as they happen.
class ActivityPage final : public QWidget
{
    Q_OBJECT

public:
    explicit ActivityPage(EventBus &events, QWidget *parent = nullptr);

    void setServices(std::shared_ptr<Services> services, const QString &noStoreMessage = {});
    ActivityModel *model() const { return m_model; }

private:
    void buildLayout();
    void applyFilter();
    void showTotal(qint64 total);

    std::shared_ptr<Services> m_services;
    ActivityModel *m_model = nullptr;
    QComboBox *m_type = nullptr;
    QLineEdit *m_actor = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QLabel *m_total = nullptr;
    QLabel *m_error = nullptr;
    QTableView *m_table = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_noStore = nullptr;
};

} // namespace edge::ui
