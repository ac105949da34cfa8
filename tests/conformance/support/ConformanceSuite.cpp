#include "ConformanceSuite.h"

namespace edge::test {

ConformanceSuite::ConformanceSuite() : m_target(ConformanceTarget::kindFromEnvironment()) {}

ConformanceSuite::~ConformanceSuite() = default;

void ConformanceSuite::initTestCase()
{
    qInfo("conformance run against the %s store", qPrintable(m_target.name()));
    QVERIFY2(m_target.startServer(), qPrintable(m_target.server() ? m_target.server()->errorText() : QString()));
    if (WorkerServer *server = m_target.server()) {
        // wrangler applies the migrations and creates the admin first: allow minutes.
        QTRY_VERIFY_WITH_TIMEOUT((server->probe(), server->isHealthy()) || !server->isRunning(), 240000);
        QVERIFY2(server->isHealthy(),
                 qPrintable(QStringLiteral("wrangler dev did not come up:\n") + server->logTail()));
    }
    m_target.connectAsAdmin();
}

void ConformanceSuite::cleanupTestCase()
{
    if (WorkerServer *server = m_target.server())
        server->stop();
}

User ConformanceSuite::create(const QString &email, const QString &username, const QString &role)
{
    return await(services().createUser.execute({email, username, role, QStringLiteral("password-123")}));
}

QList<User> ConformanceSuite::searchAll(const QString &term, UserSortField sort, SortOrder order)
{
    UserListQuery query;
    query.search = term;
    query.pageSize = UserListQuery::MaxPageSize;
    query.sort = sort;
    query.order = order;
    return await(services().listUsers.execute(query)).items;
}

QList<ActivityEntry> ConformanceSuite::eventsAbout(const QString &subjectId)
{
    EventQuery query;
    query.subjectId = subjectId;
    query.pageSize = EventQuery::MaxPageSize;
    return await(services().listEvents.execute(query)).items;
}

} // namespace edge::test
