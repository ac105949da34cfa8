// Which requests the client repeats, when, and when it stops: backoff, Retry-After, limits.
#include "FakeHttpServer.h"
#include "ClientOptions.h"
#include "TaskWatcher.h"
#include "infrastructure/remote/WorkerClient.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QLocale>
#include <QTest>

using namespace edge;
using namespace edge::remote;
using namespace edge::remote::test;
using namespace std::chrono_literals;
using namespace Qt::Literals::StringLiterals;

namespace {

WorkerClientOptions quickOptions()
{
    return testClientOptions(2s, 8s, 3);
}

ScriptedResponse unavailable()
{
    return ScriptedResponse::failure(503, u"unavailable"_s, u"Deploy in progress"_s);
}

ScriptedResponse rateLimited(const QByteArray &retryAfter)
{
    return ScriptedResponse::failure(429, u"rate_limited"_s, u"Too many requests"_s)
        .withHeader("Retry-After", retryAfter);
}

QByteArray httpDate(const QDateTime &when)
{
    return QLocale::c().toString(when.toUTC(), u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s).toLatin1();
}

ApiRequest requestFor(const QByteArray &method)
{
    const QJsonObject body{{u"title"_s, u"Intro"_s}};
    if (method == "GET")
        return ApiRequest::get(u"/lessons/l1"_s);
    if (method == "PUT")
        return ApiRequest::put(u"/lessons/l1"_s, body);
    if (method == "DELETE")
        return ApiRequest::remove(u"/lessons/l1"_s);
    if (method == "PATCH")
        return ApiRequest::patch(u"/lessons/l1"_s, body);
    return ApiRequest::post(u"/lessons"_s, body);
}

} // namespace

class TestWorkerClientRetries final : public QObject
{
    Q_OBJECT

private slots:
    void onlyIdempotentRequestsAreRetried_data();
    void onlyIdempotentRequestsAreRetried();
    void givesUpAfterMaxAttempts();
    void honoursRetryAfter_data();
    void honoursRetryAfter();
    void rateLimitedPostIsNotRetried();
    void retryAfterBeyondCapFailsAndSaysWhen();
    void retryAfterBeyondDeadlineFailsAtOnce();
};

void TestWorkerClientRetries::onlyIdempotentRequestsAreRetried_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<int>("idempotentOverride"); // -1 default, 0 no, 1 yes
    QTest::addColumn<bool>("retried");

    QTest::newRow("GET") << QByteArray("GET") << -1 << true;
    QTest::newRow("PUT") << QByteArray("PUT") << -1 << true;
    QTest::newRow("DELETE") << QByteArray("DELETE") << -1 << true;
    QTest::newRow("POST") << QByteArray("POST") << -1 << false;
    QTest::newRow("PATCH") << QByteArray("PATCH") << -1 << false;
    QTest::newRow("POST declared idempotent") << QByteArray("POST") << 1 << true;
    QTest::newRow("GET declared not idempotent") << QByteArray("GET") << 0 << false;
}

void TestWorkerClientRetries::onlyIdempotentRequestsAreRetried()
{
    QFETCH(QByteArray, method);
    QFETCH(int, idempotentOverride);
    QFETCH(bool, retried);

    FakeHttpServer server;
    server.enqueue(unavailable());
    server.enqueue(ScriptedResponse::success(QJsonObject{{u"id"_s, u"l1"_s}}));
    WorkerClient client(server.url(u"/api/v1"_s), quickOptions());

    ApiRequest request = requestFor(method);
    if (idempotentOverride >= 0)
        request.idempotent = idempotentOverride == 1;
    auto call = watch(client.send(request));
    QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 5000);

    QCOMPARE(server.requests().first().method, method);
    if (retried) {
        QVERIFY2(call.succeeded(), qPrintable(call.describe()));
        QCOMPARE(call.value().attempts, 2);
        QCOMPARE(server.requestCount(), 2);
        QCOMPARE(server.requests().at(1).body, server.requests().at(0).body); // same request again
    } else {
        const auto error = call.error();
        QVERIFY2(error, qPrintable(call.describe()));
        QCOMPARE(error->kind(), ErrorKind::Unavailable);
        QVERIFY2(error->message().contains(u"Deploy in progress"_s), qPrintable(error->message()));
        QCOMPARE(server.requestCount(), 1);
    }
}

void TestWorkerClientRetries::givesUpAfterMaxAttempts()
{
    FakeHttpServer server;
    server.setFallback(unavailable());
    WorkerClient client(server.url(u"/api/v1"_s), quickOptions());

    auto call = watch(client.send(ApiRequest::get(u"/health"_s)));
    QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 5000);

    const auto error = call.error();
    QVERIFY2(error, qPrintable(call.describe()));
    QCOMPARE(error->kind(), ErrorKind::Unavailable);
    QVERIFY2(error->message().contains(u"gave up after 3 attempts"_s), qPrintable(error->message()));
    QVERIFY2(error->message().contains(server.url(u"/api/v1/health"_s).toString()),
             qPrintable(error->message()));
    QCOMPARE(server.requestCount(), 3);
}

void TestWorkerClientRetries::honoursRetryAfter_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("asDate");
    QTest::addColumn<int>("minWaitMs");

    // A date has one-second resolution: "now + 2 s" written down is 1 to 2 s away.
    QTest::newRow("429, seconds") << 429 << false << 950;
    QTest::newRow("429, HTTP-date") << 429 << true << 900;
    QTest::newRow("503, seconds") << 503 << false << 950;
}

void TestWorkerClientRetries::honoursRetryAfter()
{
    QFETCH(int, status);
    QFETCH(bool, asDate);
    QFETCH(int, minWaitMs);

    FakeHttpServer server;
    const QByteArray retryAfter =
        asDate ? httpDate(QDateTime::currentDateTimeUtc().addSecs(2)) : QByteArray("1");
    server.enqueue(status == 429 ? rateLimited(retryAfter)
                                 : unavailable().withHeader("Retry-After", retryAfter));
    server.enqueue(ScriptedResponse::success(QJsonObject{{u"ok"_s, true}}));
    WorkerClient client(server.url(u"/api/v1"_s), quickOptions());

    QElapsedTimer elapsed;
    elapsed.start();
    auto call = watch(client.send(ApiRequest::get(u"/users"_s)));
    QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 5000);

    QVERIFY2(call.succeeded(), qPrintable(call.describe()));
    QCOMPARE(server.requestCount(), 2);
    QVERIFY2(elapsed.elapsed() >= minWaitMs,
             qPrintable(u"retried after %1 ms, before the server allowed it"_s.arg(elapsed.elapsed())));
}

void TestWorkerClientRetries::rateLimitedPostIsNotRetried()
{
    FakeHttpServer server;
    server.enqueue(rateLimited("1"));
    server.enqueue(ScriptedResponse::success(QJsonObject{}));
    WorkerClient client(server.url(u"/api/v1"_s), quickOptions());

    auto call = watch(client.send(ApiRequest::post(u"/auth/login"_s, QJsonObject{})));
    QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 5000);

    const auto error = call.error();
    QVERIFY2(error, qPrintable(call.describe()));
    QCOMPARE(error->kind(), ErrorKind::RateLimited);
    QVERIFY2(error->message().contains(u"try again in 1 s"_s), qPrintable(error->message()));
    QCOMPARE(server.requestCount(), 1);
}

void TestWorkerClientRetries::retryAfterBeyondCapFailsAndSaysWhen()
{
    FakeHttpServer server;
    server.enqueue(rateLimited("120"));
    WorkerClientOptions options = quickOptions();
    options.maxRetryAfter = 60s;
    WorkerClient client(server.url(u"/api/v1"_s), options);

    auto call = watch(client.send(ApiRequest::get(u"/users"_s)));
    QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 5000);

    const auto error = call.error();
    QVERIFY2(error, qPrintable(call.describe()));
    QCOMPARE(error->kind(), ErrorKind::RateLimited);
    QVERIFY2(error->message().contains(u"try again in 120 s"_s), qPrintable(error->message()));
    const QString at = QTime::currentTime().addSecs(120).toString(u"HH:mm"_s);
    QVERIFY2(error->message().contains(at) || error->message().contains(u"(at "_s),
             qPrintable(error->message()));
    QCOMPARE(server.requestCount(), 1); // and at once: the wait above allows 5 s, not 120
}

void TestWorkerClientRetries::retryAfterBeyondDeadlineFailsAtOnce()
{
    // Waiting 30 s would pass the 10 s deadline anyway: failing at once is the only useful
    // answer. Waiting until the deadline would miss the 5 s the check below allows.
    FakeHttpServer server;
    server.enqueue(unavailable().withHeader("Retry-After", "30"));
    WorkerClientOptions options = quickOptions();
    options.deadline = 10s;
    WorkerClient client(server.url(u"/api/v1"_s), options);

    auto call = watch(client.send(ApiRequest::get(u"/users"_s)));
    QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 5000);

    const auto error = call.error();
    QVERIFY2(error, qPrintable(call.describe()));
    QCOMPARE(error->kind(), ErrorKind::Unavailable);
    QVERIFY2(error->message().contains(u"try again in 30 s"_s), qPrintable(error->message()));
    QVERIFY2(error->message().contains(u"deadline"_s), qPrintable(error->message()));
    QCOMPARE(server.requestCount(), 1);
}

QTEST_GUILESS_MAIN(TestWorkerClientRetries)
#include "tst_workerclientretries.moc"
