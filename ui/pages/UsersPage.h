#pragma once

#include "pages/ListPage.h"

#include <optional>

class QAction;

namespace edge {
class EventBus;
struct DomainEvent;
} // namespace edge

namespace edge::ui {

class UserDetailPane;
class UsersTableModel;

// Browse, search, create, edit and delete users: the shared list page over the users
// table, a detail pane, and keyboard shortcuts (Ctrl+N, Enter, Delete, F5, Ctrl+F).
// Refreshes live from the EventBus when users change in this window.
class UsersPage final : public ListPage
{
    Q_OBJECT

public:
    explicit UsersPage(EventBus &events, QWidget *parent = nullptr);

    bool isAvailableTo(const ConsoleAccess &access) const override { return access.usersVisible(); }
    void setServices(std::shared_ptr<Services> services, const QString &noStoreMessage) override;
    // Read-only for roles that may only look users up: New, Edit and Delete disabled, with
    // a tooltip saying why.
    void setAccess(const ConsoleAccess &access) override;
    // After a new sign-in: open user dialogs whose save was refused save again.
    void retryInterruptedWork() override;

    UsersTableModel *usersModel() const { return m_model; }

private:
    void buildActions();
    void createUser();
    void editSelectedUser();
    void deleteSelectedUser();
    void deleteUser(const User &user);
    void endSessionsOfSelectedUser();
    void openDashboardOfSelectedUser();
    void askToEndSessions(const User &user, const QList<SignInSession> &sessions);
    void onDomainEvent(const DomainEvent &event);
    void onCurrentRowChanged();
    void updateActions();
    std::optional<User> currentUser() const;

    EventBus &m_events;
    UsersTableModel *m_model;
    UserDetailPane *m_detail = nullptr;
    QTimer m_eventRefreshDelay; // one refresh for a burst of events
    QString m_deletedUserId;    // just deleted: nothing to keep selected
    bool m_deleting = false;
    ConsoleAccess m_access;

    QAction *m_newAction = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_dashboardAction = nullptr; // the learner dashboard: every progress row
    QAction *m_endSessionsAction = nullptr; // Worker admins only: sign a user out everywhere
};

} // namespace edge::ui
