// What the client puts on the wire, and what it makes of the Worker's envelope answers.
#include "FakeHttpServer.h"
#include "ClientOptions.h"
#include "TaskWatcher.h"
#include "infrastructure/remote/WorkerClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace edge;
using namespace edge::remote;
using namespace edge::remote::test;
using namespace std::chrono_literals;
using namespace Qt::Literals::StringLiterals;

namespace {

WorkerClientOptions quickOptions()
{
    return testClientOptions(2s, 5s);
}

} // namespace

class TestWorkerClientRequests final : public QObject
{
    Q_OBJECT

private slots:
    void sendsTokenBodyQueryAndHeaders();
    void sendsNoAuthorizationWithoutToken();
    void listAnswerGivesDataAndPagination();
    void envelopeErrorsBecomeDomainErrors_data();
    void envelopeErrorsBecomeDomainErrors();
    void validationDetailsReachFieldErrors();
    void conflictCarriesCurrentRecord();
    void unauthorizedIsAnnounced();
    void refusalOfAReplacedTokenIsNotAnnounced();
    void refusalWithoutATokenIsNotAnnounced();
};

void TestWorkerClientRequests::sendsTokenBodyQueryAndHeaders()
{
    FakeHttpServer server;
    server.enqueue(ScriptedResponse::success(QJsonObject{{u"id"_s, u"u 1/x"_s}}));
    WorkerClient client(server.url(u"/api/v1/"_s), quickOptions()); // trailing slash tolerated
    client.setToken(u"tok-123"_s);

    ApiRequest request = ApiRequest::put(u"/users/u 1"_s, QJsonObject{{u"username"_s, u"ada"_s}});
    request.query.addQueryItem(u"notify"_s, u"no"_s);
    request.setHeader("If-Match", "\"7\"");
    request.setHeader("Authorization", "Bearer forged"); // must not win over the token
    auto call = watch(client.send(request));
    QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 4000);
    QVERIFY2(call.succeeded(), qPrintable(call.describe()));

    const RecordedRequest &received = server.requests().first();
    QCOMPARE(received.method, QByteArray("PUT"));
    QCOMPARE(received.target, QByteArray("/api/v1/users/u%201?notify=no"));
    QCOMPARE(received.header("Authorization"), QByteArray("Bearer tok-123"));
    QCOMPARE(received.header("If-Match"), QByteArray("\"7\""));
    QCOMPARE(received.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(received.header("Accept"), QByteArray("application/json"));
    QCOMPARE(QJsonDocument::fromJson(received.body).object().value(u"username"_s).toString(), u"ada"_s);
    QCOMPARE(call.value().status, 200);
    QCOMPARE(call.value().attempts, 1);
}

void TestWorkerClientRequests::sendsNoAuthorizationWithoutToken()
{
    FakeHttpServer server;
    server.enqueue(ScriptedResponse::success(QJsonObject{}));
    server.enqueue(ScriptedResponse::success(QJsonObject{}));
    WorkerClient client(server.url(u"/api/v1"_s), quickOptions());

    auto before = watch(client.send(ApiRequest::get(u"/health"_s)));
    QTRY_VERIFY_WITH_TIMEOUT(before.isDone(), 4000);
    client.setToken(u"t"_s);
    client.setToken({}); // signing out
    auto after = watch(client.send(ApiRequest::get(u"/health"_s)));
    QTRY_VERIFY_WITH_TIMEOUT(after.isDone(), 4000);

    QCOMPARE(server.requestCount(), 2);
    QVERIFY(!server.requests().at(0).hasHeader("Authorization"));
    QVERIFY(!server.requests().at(1).hasHeader("Authorization"));
}

void TestWorkerClientRequests::listAnswerGivesDataAndPagination()
{
    FakeHttpServer server;
    const QByteArray body = R"({"success":true,"data":[{"id":"a"},{"id":"b"}],
        "pagination":{"page":1,"pageSize":2,"total":3,"totalPages":2}})";
    server.enqueue(ScriptedResponse::raw(200, "OK", body).withHeader("ETag", "\"v9\""));
    WorkerClient client(server.url(u"/api/v1"_s), quickOptions());

    QUrlQuery page;
    page.addQueryItem(u"page"_s, u"1"_s);
    page.addQueryItem(u"pageSize"_s, u"2"_s);
    auto call = watch(client.send(ApiRequest::get(u"/users"_s, page)));
    QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 4000);

    QVERIFY2(call.succeeded(), qPrintable(call.describe()));
    QCOMPARE(server.requests().first().target, QByteArray("/api/v1/users?page=1&pageSize=2"));
    QCOMPARE(call.value().data.toArray().size(), 2);
    QVERIFY(call.value().pagination);
    QCOMPARE(call.value().pagination->total, 3);
    QCOMPARE(call.value().pagination->totalPages, 2);
    QCOMPARE(call.value().header("etag"), QByteArray("\"v9\""));
}

void TestWorkerClientRequests::envelopeErrorsBecomeDomainErrors_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<ErrorKind>("kind");

    QTest::newRow("400") << 400 << u"validation"_s << ErrorKind::Validation;
    QTest::newRow("401") << 401 << u"unauthorized"_s << ErrorKind::Unauthorized;
    QTest::newRow("403") << 403 << u"forbidden"_s << ErrorKind::Forbidden;
    QTest::newRow("404") << 404 << u"not_found"_s << ErrorKind::NotFound;
    QTest::newRow("409") << 409 << u"conflict"_s << ErrorKind::Conflict;
    QTest::newRow("413") << 413 << u"payload_too_large"_s << ErrorKind::PayloadTooLarge;
    QTest::newRow("500") << 500 << u"internal"_s << ErrorKind::Internal;
}

void TestWorkerClientRequests::envelopeErrorsBecomeDomainErrors()
{
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(ErrorKind, kind);

    FakeHttpServer server;
    server.setFallback(ScriptedResponse::failure(status, code, u"Server says no"_s));
    WorkerClient client(server.url(u"/api/v1"_s), quickOptions());

    auto call = watch(client.send(ApiRequest::get(u"/users/u1"_s)));
    QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 4000);

    const auto error = call.error();
    QVERIFY2(error, qPrintable(call.describe()));
    QCOMPARE(error->kind(), kind);
    QVERIFY2(error->message().contains(u"Server says no"_s), qPrintable(error->message()));
    QCOMPARE(server.requestCount(), 1); // none of these is retried, even for a GET
}

void TestWorkerClientRequests::validationDetailsReachFieldErrors()
{
    FakeHttpServer server;
    server.enqueue(ScriptedResponse::failure(
        400, u"validation"_s, u"Check the highlighted fields"_s,
        QJsonObject{{u"details"_s, QJsonObject{{u"email"_s, u"Email is invalid"_s},
                                               {u"password"_s, u"At least 8 characters"_s}}}}));
    WorkerClient client(server.url(u"/api/v1"_s), quickOptions());

    auto call = watch(client.send(ApiRequest::post(u"/users"_s, QJsonObject{})));
    QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 4000);

    const auto error = call.error<ValidationError>();
    QVERIFY2(error, qPrintable(call.describe()));
    QCOMPARE(error->fieldErrors().value(u"email"_s), u"Email is invalid"_s);
    QCOMPARE(error->fieldErrors().value(u"password"_s), u"At least 8 characters"_s);
}

void TestWorkerClientRequests::conflictCarriesCurrentRecord()
{
    FakeHttpServer server;
    const QJsonObject current{{u"id"_s, u"u1"_s}, {u"email"_s, u"now@example.com"_s}, {u"version"_s, 4}};
    server.enqueue(ScriptedResponse::failure(409, u"conflict"_s, u"Someone else changed this user"_s,
                                             QJsonObject{{u"current"_s, current}}));
    WorkerClient client(server.url(u"/api/v1"_s), quickOptions());

    ApiRequest request = ApiRequest::patch(u"/users/u1"_s, QJsonObject{{u"role"_s, u"editor"_s}});
    request.setHeader("If-Match", "\"3\"");
    auto call = watch(client.send(request));
    QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 4000);

    const auto error = call.error<ConflictError>();
    QVERIFY2(error, qPrintable(call.describe()));
    QCOMPARE(error->message(), u"Someone else changed this user"_s);
    QCOMPARE(error->current().toJsonObject(), current);
}

void TestWorkerClientRequests::unauthorizedIsAnnounced()
{
    FakeHttpServer server;
    server.enqueue(ScriptedResponse::failure(401, u"unauthorized"_s, u"Session expired"_s));
    WorkerClient client(server.url(u"/api/v1"_s), quickOptions());
    client.setToken(u"old"_s);
    QSignalSpy unauthorized(&client, &WorkerClient::unauthorized);

    auto call = watch(client.send(ApiRequest::get(u"/auth/me"_s)));
    QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 4000);

    QVERIFY(call.error<UnauthorizedError>());
    QTRY_COMPARE(unauthorized.count(), 1);
}

void TestWorkerClientRequests::refusalOfAReplacedTokenIsNotAnnounced()
{
    // The user signed in again while a request with the old token was still in flight: its
    // 401 must not end the new sign-in.
    FakeHttpServer server;
    server.enqueue(ScriptedResponse::failure(401, u"unauthorized"_s, u"Session expired"_s));
    WorkerClient client(server.url(u"/api/v1"_s), quickOptions());
    client.setToken(u"old"_s);
    connect(&server, &FakeHttpServer::requestReceived, &client, [&client] { client.setToken(u"new"_s); });
    QSignalSpy unauthorized(&client, &WorkerClient::unauthorized);

    auto call = watch(client.send(ApiRequest::get(u"/users"_s)));
    QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 4000);

    QVERIFY(call.error<UnauthorizedError>()); // the old request still fails
    QCoreApplication::processEvents();         // deliver a queued announcement, if any
    QCOMPARE(unauthorized.count(), 0);
}

void TestWorkerClientRequests::refusalWithoutATokenIsNotAnnounced()
{
    // A wrong password at sign-in is a 401 too, but there is no session to expire.
    FakeHttpServer server;
    server.enqueue(ScriptedResponse::failure(401, u"unauthorized"_s, u"Wrong email or password"_s));
    WorkerClient client(server.url(u"/api/v1"_s), quickOptions());
    QSignalSpy unauthorized(&client, &WorkerClient::unauthorized);

    auto call = watch(client.send(ApiRequest::post(u"/auth/login"_s, QJsonObject{})));
    QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 4000);

    QVERIFY(call.error<UnauthorizedError>());
    QCoreApplication::processEvents();
    QCOMPARE(unauthorized.count(), 0);
}

QTEST_GUILESS_MAIN(TestWorkerClientRequests)
#include "tst_workerclientrequests.moc"
