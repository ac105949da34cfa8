#pragma once

#include "application/Services.h"

#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>

class QFormLayout;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTreeWidget;

namespace edge::ui {

// The selected user at a glance: who they are, and from their dashboard their totals and
// latest progress, read asynchronously (a short pause first, so running the selection down
// the table does not read every dashboard on the way).
class UserDetailPane final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int DashboardDelayMs = 120;

    explicit UserDetailPane(QWidget *parent = nullptr);

    void setServices(std::shared_ptr<Services> services);
    // Shows this user (or "no selection"), then reads their dashboard.
    void showUser(const std::optional<User> &user);
    // Reads the shown user's dashboard again (after it was saved).
    void reload();
    std::optional<QString> shownUserId() const;
    // Whether to read and show the user's sign-in sessions (Worker admins only).
    void setSessionsShown(bool shown);

signals:
    // "End all…" next to the sessions was pressed.
    void endSessionsRequested();

private:
    void loadSessions(quint64 request);
    void showIdentity(const User &user);
    void loadDashboard();
    void showDashboard(const UserDashboard &dashboard);
    void showProgressMessage(const QString &message);

    std::shared_ptr<Services> m_services;
    std::optional<User> m_user;
    quint64 m_request = 0; // answers for a user no longer shown are dropped
    QTimer m_delay;

    QStackedWidget *m_stack = nullptr; // "select a user" / details
    QLabel *m_title = nullptr;
    QLabel *m_email = nullptr;
    QLabel *m_username = nullptr;
    QLabel *m_role = nullptr;
    QLabel *m_created = nullptr;
    QLabel *m_updated = nullptr;
    QLabel *m_version = nullptr;
    QFormLayout *m_identity = nullptr;
    QWidget *m_sessionsRow = nullptr;
    QLabel *m_sessions = nullptr;
    QPushButton *m_endSessions = nullptr;
    bool m_sessionsShown = false;
    QLabel *m_totals = nullptr;
    QLabel *m_progressState = nullptr; // loading, empty, failed
    QTreeWidget *m_progress = nullptr;
};

} // namespace edge::ui
