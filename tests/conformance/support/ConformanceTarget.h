#pragma once

#include "WorkerServer.h"
#include "application/Services.h"
#include "application/EventBus.h"
#include "infrastructure/remote/RemoteSession.h"

#include <QMap>
#include <QTemporaryDir>

#include <memory>

namespace edge::test {

// The store a conformance run is against, chosen by EDGE_CONFORMANCE_STORE ("embedded" or
// "worker"): the same test cases get their Services from here and nothing else.
class ConformanceTarget
{
public:
    enum class Kind { Embedded, Worker };
    static Kind kindFromEnvironment(); // defaults to embedded

    explicit ConformanceTarget(Kind kind);
    ~ConformanceTarget();

    Kind kind() const { return m_kind; }
    QString name() const;
    // Whether sign-in and roles exist (the Worker); the embedded store has no login.
    bool hasRoles() const { return m_kind == Kind::Worker; }

    // Embedded: opens a temporary store. Worker: starts the server (see waitReady) first.
    bool startServer();
    WorkerServer *server() { return m_server.get(); }
    // After the store is ready: the admin's (or the local user's) Services.
    void connectAsAdmin();
    Services &services() { return *m_services; }

    // Worker only: Services signed in as a fresh user of that role (made once, then reused).
    Services &servicesAs(Role role);
    const User &userOf(Role role) const { return m_roleUsers.at(role); }

    static QString adminEmail() { return QStringLiteral("admin@conformance.test"); }
    static QString rolePassword() { return QStringLiteral("role-password-1"); }
    QString adminPassword() const { return m_adminPassword; }

private:
    Kind m_kind;
    QTemporaryDir m_dir;
    QString m_adminPassword;
    std::unique_ptr<WorkerServer> m_server;
    EventBus m_bus;
    std::unique_ptr<remote::RemoteSession> m_adminSession;
    std::unique_ptr<Services> m_services;
    std::map<Role, std::unique_ptr<remote::RemoteSession>> m_roleSessions;
    std::map<Role, std::unique_ptr<Services>> m_roleServices;
    std::map<Role, User> m_roleUsers;
};

} // namespace edge::test
