// The users, lessons and events lists of the HTTP store against the scripted server, for their
// counts: a query without withTotal asks the Worker not to count (D1 bills every row a count
// reads, on every page) and reads the answer's null total as -1; a query with withTotal, and
// count(), leave the parameter out (the Worker counts by default) and read the total.
#include "FakeHttpServer.h"
#include "ClientOptions.h"
#include "TaskWatcher.h"
#include "infrastructure/remote/HttpEventLog.h"
#include "infrastructure/remote/HttpLessonRepository.h"
#include "infrastructure/remote/HttpUserRepository.h"
#include "infrastructure/remote/WorkerClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrlQuery>

using namespace edge;
using namespace edge::remote;
using namespace edge::remote::test;
using namespace std::chrono_literals;
using namespace Qt::Literals::StringLiterals;

namespace {

const QJsonObject UserJson{{u"id"_s, u"0b6f3c1e-8f5a-4c1d-9e2b-7a4d5c6e8f90"_s},
                           {u"email"_s, u"ada@example.test"_s},
                           {u"username"_s, u"Ada"_s},
                           {u"role"_s, u"learner"_s},
                           {u"version"_s, 1},
                           {u"createdAt"_s, u"2024-05-01T10:00:00.000Z"_s},
                           {u"updatedAt"_s, u"2024-05-01T10:00:00.000Z"_s}};

const QJsonObject LessonJson{{u"id"_s, u"1b6f3c1e-8f5a-4c1d-9e2b-7a4d5c6e8f90"_s},
                             {u"title"_s, u"Intro to HTML"_s},
                             {u"track"_s, u"web"_s},
                             {u"difficulty"_s, 2},
                             {u"status"_s, u"published"_s},
                             {u"hasContent"_s, false},
                             {u"version"_s, 1},
                             {u"createdAt"_s, u"2024-05-01T10:00:00.000Z"_s},
                             {u"updatedAt"_s, u"2024-05-01T10:00:00.000Z"_s}};

const QJsonObject EventJson{{u"id"_s, 42},
                            {u"type"_s, u"user.created"_s},
                            {u"actorId"_s, QJsonValue::Null},
                            {u"actorEmail"_s, QJsonValue::Null},
                            {u"subjectType"_s, u"user"_s},
                            {u"subjectId"_s, u"0b6f3c1e-8f5a-4c1d-9e2b-7a4d5c6e8f90"_s},
                            {u"payload"_s, QJsonObject{}},
                            {u"createdAt"_s, u"2024-05-01T10:00:00.000Z"_s}};

// A list answer with one row; total and totalPages null when the Worker did not count.
ScriptedResponse pageOf(const QJsonObject &row, int page, int pageSize, std::optional<qint64> total)
{
    const QJsonObject pagination{{u"page"_s, page},
                                 {u"pageSize"_s, pageSize},
                                 {u"total"_s, total ? QJsonValue(*total) : QJsonValue(QJsonValue::Null)},
                                 {u"totalPages"_s, total ? QJsonValue(int((*total + pageSize - 1) / pageSize))
                                                         : QJsonValue(QJsonValue::Null)}};
    const QJsonObject envelope{{u"success"_s, true}, {u"data"_s, QJsonArray{row}}, {u"pagination"_s, pagination}};
    return ScriptedResponse::raw(200, "OK", QJsonDocument(envelope).toJson(QJsonDocument::Compact));
}

// The query of a request target as name → decoded value.
QMap<QString, QString> queryOf(const RecordedRequest &request)
{
    const QUrl url(QString::fromLatin1(request.target));
    QMap<QString, QString> items;
    for (const auto &[name, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded))
        items.insert(name, value);
    return items;
}

} // namespace

#define AWAIT_OK(call)                                                  \
    QTRY_VERIFY_WITH_TIMEOUT((call).isDone(), 5000);                    \
    QVERIFY2((call).succeeded(), qPrintable((call).describe()))

class TestHttpListTotals final : public QObject
{
    Q_OBJECT

private:
    FakeHttpServer *m_server = nullptr;
    std::shared_ptr<WorkerClient> m_client;

    QMap<QString, QString> lastQuery() const { return queryOf(m_server->requests().last()); }

private slots:
    void init()
    {
        m_server = new FakeHttpServer(this);
        m_client = std::make_shared<WorkerClient>(m_server->url(u"/api/v1"_s), testClientOptions(2s, 5s));
    }

    void cleanup()
    {
        m_client.reset();
        delete m_server;
        m_server = nullptr;
    }

    void usersWithoutTotalAreNotCounted()
    {
        HttpUserRepository users(m_client);
        m_server->enqueue(pageOf(UserJson, 3, 100, std::nullopt));
        UserListQuery query;
        query.page = 3;
        query.pageSize = 100;
        query.withTotal = false;
        auto call = watch(users.list(query));
        AWAIT_OK(call);
        QCOMPARE(lastQuery().value(u"withTotal"_s), u"false"_s);
        QCOMPARE(call.value().items.size(), 1);
        QCOMPARE(call.value().items.first().username(), u"Ada"_s);
        QCOMPARE(call.value().total, qint64(-1));
        QCOMPARE(call.value().totalPages, -1);
        QCOMPARE(call.value().page, 3);
        QCOMPARE(call.value().pageSize, 100);
    }

    void usersWithTotalAndCountAreCounted()
    {
        HttpUserRepository users(m_client);
        m_server->enqueue(pageOf(UserJson, 1, 50, 1234));
        auto listed = watch(users.list(UserListQuery{}));
        AWAIT_OK(listed);
        QVERIFY(!lastQuery().contains(u"withTotal"_s));
        QCOMPARE(listed.value().total, qint64(1234));
        QCOMPARE(listed.value().totalPages, 25);

        m_server->enqueue(pageOf(UserJson, 1, 1, 77));
        auto counted = watch(users.count(u"ada"_s));
        AWAIT_OK(counted);
        QVERIFY(!lastQuery().contains(u"withTotal"_s));
        QCOMPARE(counted.value(), qint64(77));
    }

    void lessonsWithoutTotalAreNotCounted()
    {
        HttpLessonRepository lessons(m_client);
        m_server->enqueue(pageOf(LessonJson, 2, 10, std::nullopt));
        LessonListQuery query;
        query.page = 2;
        query.pageSize = 10;
        query.withTotal = false;
        auto call = watch(lessons.list(query));
        AWAIT_OK(call);
        QCOMPARE(lastQuery().value(u"withTotal"_s), u"false"_s);
        QCOMPARE(call.value().items.size(), 1);
        QCOMPARE(call.value().total, qint64(-1));
        QCOMPARE(call.value().totalPages, -1);

        m_server->enqueue(pageOf(LessonJson, 1, 1, 9));
        LessonListQuery countQuery;
        countQuery.withTotal = false; // count() counts whatever the query said
        auto counted = watch(lessons.count(countQuery));
        AWAIT_OK(counted);
        QCOMPARE(counted.value(), qint64(9));
    }

    void eventsWithoutTotalAreNotCounted()
    {
        HttpEventLog events(m_client);
        m_server->enqueue(pageOf(EventJson, 1, 50, std::nullopt));
        EventQuery query;
        query.type = u"user.created"_s;
        query.withTotal = false;
        auto call = watch(events.list(query));
        AWAIT_OK(call);
        QCOMPARE(lastQuery().value(u"withTotal"_s), u"false"_s);
        QCOMPARE(lastQuery().value(u"type"_s), u"user.created"_s);
        QCOMPARE(call.value().items.size(), 1);
        QCOMPARE(call.value().items.first().id, qint64(42));
        QCOMPARE(call.value().total, qint64(-1));
        QCOMPARE(call.value().totalPages, -1);

        m_server->enqueue(pageOf(EventJson, 1, 50, 3));
        auto counted = watch(events.list(EventQuery{}));
        AWAIT_OK(counted);
        QVERIFY(!lastQuery().contains(u"withTotal"_s));
        QCOMPARE(counted.value().total, qint64(3));
        QCOMPARE(counted.value().totalPages, 1);
    }
};

QTEST_GUILESS_MAIN(TestHttpListTotals)
#include "tst_httplisttotals.moc"
