// The client against a server that misbehaves the way real networks do: it hangs, trickles,
// resets the connection, is not there at all, or answers with something that is not the API.
#include "FakeHttpServer.h"
#include "ClientOptions.h"
#include "TaskWatcher.h"
#include "infrastructure/remote/WorkerClient.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QTest>

using namespace edge;
using namespace edge::remote;
using namespace edge::remote::test;
using namespace std::chrono_literals;
using namespace Qt::Literals::StringLiterals;

namespace {

WorkerClientOptions quickOptions()
{
    return testClientOptions(300ms, 5s, 2);
}

} // namespace

class TestWorkerClientFaults final : public QObject
{
    Q_OBJECT

private slots:
    void hangingServerTimesOut_data();
    void hangingServerTimesOut();
    void trickleStopsAtDeadline();
    void resetMidBodyIsRetriedForGet();
    void resetMidBodyFailsPostWithoutRetry();
    void refusedConnectionNamesTheUrl();
    void bodyThatIsNotTheApiFailsClearly_data();
    void bodyThatIsNotTheApiFailsClearly();
};

void TestWorkerClientFaults::hangingServerTimesOut_data()
{
    QTest::addColumn<bool>("isPost");
    QTest::addColumn<int>("expectedRequests");

    QTest::newRow("GET is retried, then gives up") << false << 2;
    QTest::newRow("POST is sent once") << true << 1;
}

void TestWorkerClientFaults::hangingServerTimesOut()
{
    QFETCH(bool, isPost);
    QFETCH(int, expectedRequests);

    FakeHttpServer server;
    server.setFallback(ScriptedResponse::hang());
    WorkerClient client(server.url(u"/api/v1"_s), quickOptions());

    auto call = watch(client.send(isPost ? ApiRequest::post(u"/users"_s, QJsonObject{})
                                         : ApiRequest::get(u"/users"_s)));
    QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 4000);

    const auto error = call.error();
    QVERIFY2(error, qPrintable(call.describe()));
    QCOMPARE(error->kind(), ErrorKind::Unavailable);
    QVERIFY2(error->message().contains(u"transfer timeout"_s), qPrintable(error->message()));
    QVERIFY2(error->message().contains(server.url(u"/api/v1/users"_s).toString()),
             qPrintable(error->message()));
    QCOMPARE(server.requestCount(), expectedRequests);
    QCOMPARE(client.pendingCount(), 0);
}

void TestWorkerClientFaults::trickleStopsAtDeadline()
{
    // One byte every 100 ms keeps the transfer timeout (300 ms) happy for 4 s; only the
    // overall deadline can stop it.
    FakeHttpServer server;
    server.enqueue(ScriptedResponse::trickle(QByteArray(40, ' '), 100ms));
    WorkerClientOptions options = quickOptions();
    options.deadline = 800ms;
    WorkerClient client(server.url(u"/api/v1"_s), options);

    QElapsedTimer elapsed;
    elapsed.start();
    auto call = watch(client.send(ApiRequest::get(u"/lessons"_s)));
    QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 3000);

    const auto error = call.error();
    QVERIFY2(error, qPrintable(call.describe()));
    QCOMPARE(error->kind(), ErrorKind::Unavailable);
    QVERIFY2(error->message().contains(u"deadline"_s), qPrintable(error->message()));
    QVERIFY2(error->message().contains(u"0.8 s"_s), qPrintable(error->message()));
    // Not before the deadline; and not after the 4 s trickle, which the wait above rules out.
    QVERIFY2(elapsed.elapsed() >= 700, qPrintable(QString::number(elapsed.elapsed())));
    QCOMPARE(server.requestCount(), 1); // the deadline covers retries too: none left
}

void TestWorkerClientFaults::resetMidBodyIsRetriedForGet()
{
    FakeHttpServer server;
    server.enqueue(ScriptedResponse::resetMidBody(R"({"success":true,"data":{"id":"u1"}})"));
    server.enqueue(ScriptedResponse::success(QJsonObject{{u"id"_s, u"u1"_s}}));
    WorkerClient client(server.url(u"/api/v1"_s), quickOptions());

    auto call = watch(client.send(ApiRequest::get(u"/users/u1"_s)));
    QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 4000);

    QVERIFY2(call.succeeded(), qPrintable(call.describe()));
    QCOMPARE(call.value().data.toObject().value(u"id"_s).toString(), u"u1"_s);
    QCOMPARE(call.value().attempts, 2);
    QCOMPARE(server.requestCount(), 2);
}

void TestWorkerClientFaults::resetMidBodyFailsPostWithoutRetry()
{
    // The server may have acted on the POST before the reset: sending it again could create
    // a second user. So it fails, and says why.
    FakeHttpServer server;
    server.enqueue(ScriptedResponse::resetMidBody(R"({"success":true,"data":{"id":"u1"}})"));
    WorkerClient client(server.url(u"/api/v1"_s), quickOptions());

    auto call = watch(client.send(ApiRequest::post(u"/users"_s, QJsonObject{{u"email"_s, u"a@b.c"_s}})));
    QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 4000);

    const auto error = call.error();
    QVERIFY2(error, qPrintable(call.describe()));
    QCOMPARE(error->kind(), ErrorKind::Unavailable);
    QVERIFY2(error->message().contains(server.url(u"/api/v1/users"_s).toString()),
             qPrintable(error->message()));
    QVERIFY2(error->message().contains(u"may have carried it out"_s), qPrintable(error->message()));
    QCOMPARE(server.requestCount(), 1);
}

void TestWorkerClientFaults::refusedConnectionNamesTheUrl()
{
    // A port that was just free: nothing listens there.
    quint16 closedPort = 0;
    {
        FakeHttpServer gone;
        closedPort = gone.port();
    }
    QUrl base(u"http://127.0.0.1/api/v1"_s);
    base.setPort(closedPort);
    WorkerClient client(base, quickOptions());

    auto call = watch(client.send(ApiRequest::get(u"/health"_s)));
    QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 4000);

    const auto error = call.error();
    QVERIFY2(error, qPrintable(call.describe()));
    QCOMPARE(error->kind(), ErrorKind::Unavailable);
    const QString expected = u"Could not reach http://127.0.0.1:%1/api/v1/health"_s.arg(closedPort);
    QVERIFY2(error->message().startsWith(expected), qPrintable(error->message()));
    QVERIFY2(error->message().contains(u"refused"_s, Qt::CaseInsensitive), qPrintable(error->message()));
    QVERIFY2(error->message().contains(u"2 attempts"_s), qPrintable(error->message()));
}

void TestWorkerClientFaults::bodyThatIsNotTheApiFailsClearly_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<ErrorKind>("kind");
    QTest::addColumn<QString>("problem");

    QTest::newRow("200 invalid JSON") << 200 << QByteArray("{\"success\": tru") << ErrorKind::Internal
                                      << u"invalid JSON"_s;
    QTest::newRow("200 JSON, no envelope") << 200 << QByteArray("{\"id\": 1}") << ErrorKind::Internal
                                           << u"envelope"_s;
    QTest::newRow("500 HTML page") << 500 << QByteArray("<h1>Oops</h1>") << ErrorKind::Internal
                                   << u"500"_s;
    QTest::newRow("502 from a proxy") << 502 << QByteArray("Bad gateway") << ErrorKind::Unavailable
                                      << u"502"_s;
}

void TestWorkerClientFaults::bodyThatIsNotTheApiFailsClearly()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(ErrorKind, kind);
    QFETCH(QString, problem);

    FakeHttpServer server;
    server.setFallback(ScriptedResponse::raw(status, "Whatever", body, "text/plain"));
    WorkerClient client(server.url(u"/api/v1"_s), quickOptions());

    auto call = watch(client.send(ApiRequest::get(u"/users"_s)));
    QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 4000);

    const auto error = call.error();
    QVERIFY2(error, qPrintable(call.describe()));
    QCOMPARE(error->kind(), kind);
    QVERIFY2(error->message().contains(server.url(u"/api/v1/users"_s).toString()),
             qPrintable(error->message()));
    QVERIFY2(error->message().contains(problem), qPrintable(error->message()));
    QCOMPARE(server.requestCount(), 1); // none of these is worth repeating
}

QTEST_GUILESS_MAIN(TestWorkerClientFaults)
#include "tst_workerclientfaults.moc"
