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
    // Shows the user with this id once their dashboard is read (a learner dashboard opened
    // from a progress row knows only the id).
    void showUserId(const QString &userId);
    // Reads the shown user's dashboard again (after it was saved).
    void reload();
    // Whether the latest progress rows are listed (a dashboard lists them all itself).
    void setRecentProgressShown(bool shown);
    std::optional<QString> shownUserId() const;
    // Whether to read and show the user's sign-in sessions (Worker admins only).
    void setSessionsShown(bool shown);

signals:
    // "End all…" next to the sessions was pressed.
    void endSessionsRequested();
    // The dashboard of the shown user arrived (their freshest record).
    void dashboardShown(const edge::UserDashboard &dashboard);

private:
    void loadSessions(quint64 request);
    void showIdentity(const User &user);
    void loadDashboard();
    void showDashboard(const UserDashboard &dashboard);
    void showProgressMessage(const QString &message);

    std::shared_ptr<Services> m_services;
    std::optional<User> m_user;
    QString m_userId; // of m_user, or of the user whose dashboard is being read
    bool m_recentShown = true;
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
