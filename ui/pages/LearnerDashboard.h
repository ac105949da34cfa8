#pragma once

#include "application/Services.h"
#include "connection/ConsoleAccess.h"

#include <QTimer>
#include <QWidget>

#include <memory>

class QAction;
class QLabel;
class QTableView;

namespace edge {
class EventBus;
struct DomainEvent;
} // namespace edge

namespace edge::ui {

class ProgressCorrections;
class ProgressTableModel;
class UserDetailPane;

// One learner at a glance, in a window of its own: who they are and their totals (the
// user's dashboard, as the Users page's detail pane shows it) beside every progress row
// they have, paged like the Progress page (the progress list filtered by this learner).
// Admins correct or reset rows from here too. Opened from the Users page and from a
// progress row; one window per learner (opening it again raises it).
class LearnerDashboard final : public QWidget
{
    Q_OBJECT

public:
    // The open dashboard of this learner among `owner`'s windows, raised, or a new one.
    static LearnerDashboard *open(std::shared_ptr<Services> services, EventBus &events, const ConsoleAccess &access,
                                  const QString &userId, QWidget *owner);

    const QString &userId() const { return m_userId; }
    ProgressTableModel *progressModel() const { return m_model; }
    UserDetailPane *detailPane() const { return m_detail; }

private:
    LearnerDashboard(std::shared_ptr<Services> services, EventBus &events, const ConsoleAccess &access,
                     const QString &userId, QWidget *owner);
    void onDomainEvent(const DomainEvent &event);
    void updateActions();
    std::optional<ProgressEntry> currentEntry() const;

    std::shared_ptr<Services> m_services;
    ConsoleAccess m_access;
    QString m_userId;
    UserDetailPane *m_detail = nullptr;
    ProgressTableModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_count = nullptr;
    ProgressCorrections *m_corrections = nullptr;
    QTimer m_refreshDelay; // one refresh for a burst of events
    QAction *m_correctAction = nullptr;
    QAction *m_resetAction = nullptr;
    QAction *m_refreshAction = nullptr;
};

} // namespace edge::ui
