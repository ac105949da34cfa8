// The bearer token must only ever reach the origin of the profile's base URL.
#include "FakeHttpServer.h"
#include "ClientOptions.h"
#include "TaskWatcher.h"
#include "infrastructure/remote/WorkerClient.h"

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
    return testClientOptions(2s, 5s);
}

} // namespace

class TestWorkerClientRedirects final : public QObject
{
    Q_OBJECT

private slots:
    void crossOriginRedirectIsRefused_data();
    void crossOriginRedirectIsRefused();
    void sameOriginRedirectIsFollowed_data();
    void sameOriginRedirectIsFollowed();
};

void TestWorkerClientRedirects::crossOriginRedirectIsRefused_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<bool>("otherHostSamePort");

    QTest::newRow("302 GET, other port") << 302 << QByteArray("GET") << false;
    QTest::newRow("301 GET, other port") << 301 << QByteArray("GET") << false;
    QTest::newRow("307 POST, other port") << 307 << QByteArray("POST") << false;
    QTest::newRow("308 PUT, other port") << 308 << QByteArray("PUT") << false;
    QTest::newRow("302 GET, other host name") << 302 << QByteArray("GET") << true;
}

void TestWorkerClientRedirects::crossOriginRedirectIsRefused()
{
    QFETCH(int, status);
    QFETCH(QByteArray, method);
    QFETCH(bool, otherHostSamePort);

    // Another port is another origin (scheme, host and port must all match).
    FakeHttpServer worker;
    FakeHttpServer elsewhere;
    elsewhere.setFallback(ScriptedResponse::success(QJsonObject{}));
    QUrl target = elsewhere.url(u"/api/v1/users"_s);
    if (otherHostSamePort) // "localhost" names this very server, but it is another origin
        target = QUrl(u"http://localhost:%1/api/v1/users"_s.arg(worker.port()));
    worker.enqueue(ScriptedResponse::redirect(status, target.toEncoded()));
    WorkerClient client(worker.url(u"/api/v1"_s), quickOptions());
    client.setToken(u"secret-token"_s);

    ApiRequest request = method == "GET" ? ApiRequest::get(u"/users"_s)
                         : method == "PUT" ? ApiRequest::put(u"/users/u1"_s, QJsonObject{})
                                           : ApiRequest::post(u"/users"_s, QJsonObject{});
    auto call = watch(client.send(request));
    QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 4000);

    for (const RecordedRequest &received : elsewhere.requests())
        QVERIFY2(!received.hasHeader("Authorization"), "the token leaked to another origin");
    QCOMPARE(elsewhere.requestCount(), 0);
    QCOMPARE(worker.requestCount(), 1);
    QCOMPARE(worker.requests().first().header("Authorization"), QByteArray("Bearer secret-token"));

    const auto error = call.error();
    QVERIFY2(error, qPrintable(call.describe()));
    QCOMPARE(error->kind(), ErrorKind::Unavailable);
    QVERIFY2(error->message().contains(u"redirect"_s), qPrintable(error->message()));
    QVERIFY2(error->message().contains(target.authority()), qPrintable(error->message()));
}

void TestWorkerClientRedirects::sameOriginRedirectIsFollowed_data()
{
    QTest::addColumn<QByteArray>("location");

    QTest::newRow("relative") << QByteArray("/api/v1/people");
    QTest::newRow("absolute, same origin") << QByteArray(); // filled in with the server's URL
}

void TestWorkerClientRedirects::sameOriginRedirectIsFollowed()
{
    QFETCH(QByteArray, location);

    FakeHttpServer worker;
    if (location.isEmpty())
        location = worker.url(u"/api/v1/people"_s).toEncoded();
    worker.enqueue(ScriptedResponse::redirect(301, location));
    worker.enqueue(ScriptedResponse::success(QJsonObject{{u"moved"_s, true}}));
    WorkerClient client(worker.url(u"/api/v1"_s), quickOptions());
    client.setToken(u"secret-token"_s);

    auto call = watch(client.send(ApiRequest::get(u"/users"_s)));
    QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 4000);

    QVERIFY2(call.succeeded(), qPrintable(call.describe()));
    QCOMPARE(call.value().data.toObject().value(u"moved"_s).toBool(), true);
    QCOMPARE(worker.requestCount(), 2);
    QCOMPARE(worker.requests().at(1).target, QByteArray("/api/v1/people"));
    QCOMPARE(worker.requests().at(1).header("Authorization"), QByteArray("Bearer secret-token"));
}

QTEST_GUILESS_MAIN(TestWorkerClientRedirects)
#include "tst_workerclientredirects.moc"
