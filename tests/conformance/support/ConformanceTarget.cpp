#include "ConformanceTarget.h"

#include "TestStore.h"

#include <QUuid>

namespace edge::test {

ConformanceTarget::Kind ConformanceTarget::kindFromEnvironment()
{
    return qEnvironmentVariable("EDGE_CONFORMANCE_STORE") == QLatin1String("worker") ? Kind::Worker
                                                                                     : Kind::Embedded;
}

ConformanceTarget::ConformanceTarget(Kind kind)
    : m_kind(kind)
    , m_adminPassword(QUuid::createUuid().toString(QUuid::Id128))
{
}

ConformanceTarget::~ConformanceTarget()
{
    // Services and sessions before the server they talk to.
    m_roleServices.clear();
    m_roleSessions.clear();
    m_services.reset();
    m_adminSession.reset();
    m_server.reset();
}

QString ConformanceTarget::name() const
{
    return m_kind == Kind::Worker ? QStringLiteral("worker") : QStringLiteral("embedded");
}

bool ConformanceTarget::startServer()
{
    if (m_kind == Kind::Embedded)
        return true;
    m_server = std::make_unique<WorkerServer>(QStringLiteral(EDGE_WORKER_DIR));
    return m_server->start(adminEmail(), m_adminPassword);
}

void ConformanceTarget::connectAsAdmin()
{
    if (m_kind == Kind::Embedded) {
        std::unique_ptr<Backend> backend = openStore(m_dir.filePath(QStringLiteral("conformance.db")));
        m_services = std::make_unique<Services>(std::move(backend), m_bus, Actor::localUser());
        return;
    }
    m_adminSession = std::make_unique<remote::RemoteSession>(QStringLiteral("conformance"), m_server->apiUrl(), nullptr);
    await(m_adminSession->login(adminEmail(), m_adminPassword));
    m_services = std::make_unique<Services>(m_adminSession->makeBackend(), m_bus, m_adminSession->actor());
}

Services &ConformanceTarget::servicesAs(Role role)
{
    if (auto found = m_roleServices.find(role); found != m_roleServices.end())
        return *found->second;
    const QString email = roleToString(role) + QStringLiteral(".") + QUuid::createUuid().toString(QUuid::Id128).left(8)
                          + QStringLiteral("@conformance.test");
    const User user = await(m_services->createUser.execute(
        {email, roleDisplayName(role) + QStringLiteral(" Person"), roleToString(role), rolePassword()}));
    auto session = std::make_unique<remote::RemoteSession>(QStringLiteral("conformance"), m_server->apiUrl(), nullptr);
    await(session->login(email, rolePassword()));
    m_roleServices[role] = std::make_unique<Services>(session->makeBackend(), m_bus, session->actor());
    m_roleSessions[role] = std::move(session);
    m_roleUsers.emplace(role, user);
    return *m_roleServices[role];
}

} // namespace edge::test
