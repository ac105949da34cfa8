// Stopping requests: a closing window must not leave requests running or answers arriving.
#include "FakeHttpServer.h"
#include "ClientOptions.h"
#include "TaskWatcher.h"
#include "infrastructure/remote/RemoteErrors.h"
#include "infrastructure/remote/WorkerClient.h"

#include <QJsonObject>
#include <QTest>

using namespace edge;
using namespace edge::remote;
using namespace edge::remote::test;
using namespace std::chrono_literals;
using namespace Qt::Literals::StringLiterals;

namespace {

WorkerClientOptions patientOptions()
{
    return testClientOptions(30s, 60s);
}

} // namespace

class TestWorkerClientCancel final : public QObject
{
    Q_OBJECT

private slots:
    void abortAllEndsEveryPendingRequestAtOnce();
    void tokenCancelsOnlyItsOwnRequests();
    void cancelDuringRetryWaitSendsNothingMore();
    void cancelledTokenSendsNothing();
    void destroyingTheClientEndsPendingRequests();
};

void TestWorkerClientCancel::abortAllEndsEveryPendingRequestAtOnce()
{
    FakeHttpServer server;
    server.setFallback(ScriptedResponse::hang());
    WorkerClient client(server.url(u"/api/v1"_s), patientOptions());

    auto first = watch(client.send(ApiRequest::get(u"/users"_s)));
    auto second = watch(client.send(ApiRequest::post(u"/users"_s, QJsonObject{})));
    QTRY_COMPARE_WITH_TIMEOUT(server.requestCount(), 2, 4000);
    QCOMPARE(client.pendingCount(), 2);

    client.abortAll();

    // Synchronously: once abortAll() returns, nothing of these requests runs later.
    QVERIFY(first.isDone());
    QVERIFY(second.isDone());
    QVERIFY2(first.error<RequestCancelledError>(), qPrintable(first.describe()));
    QVERIFY2(second.error<RequestCancelledError>(), qPrintable(second.describe()));
    QVERIFY(first.error()->message().contains(server.url(u"/api/v1/users"_s).toString()));
    QCOMPARE(client.pendingCount(), 0);
    QCOMPARE(server.requestCount(), 2); // cancelled, not retried
}

void TestWorkerClientCancel::tokenCancelsOnlyItsOwnRequests()
{
    FakeHttpServer server;
    server.setFallback(ScriptedResponse::hang());
    WorkerClient client(server.url(u"/api/v1"_s), patientOptions());

    CancelToken closingWindow;
    ApiRequest fromClosingWindow = ApiRequest::get(u"/lessons"_s);
    fromClosingWindow.cancelToken = closingWindow;
    auto cancelled = watch(client.send(fromClosingWindow));
    auto other = watch(client.send(ApiRequest::get(u"/users"_s)));
    QTRY_COMPARE_WITH_TIMEOUT(server.requestCount(), 2, 4000);

    closingWindow.cancel();

    QVERIFY(cancelled.isDone());
    QVERIFY2(cancelled.error<RequestCancelledError>(), qPrintable(cancelled.describe()));
    QVERIFY2(!other.isDone(), "another window's request is none of its business");
    QCOMPARE(client.pendingCount(), 1);

    client.abortAll();
    QVERIFY(other.isDone());
}

void TestWorkerClientCancel::cancelDuringRetryWaitSendsNothingMore()
{
    FakeHttpServer server;
    server.enqueue(ScriptedResponse::failure(503, u"unavailable"_s, u"Busy"_s)
                       .withHeader("Retry-After", "30"));
    server.setFallback(ScriptedResponse::success(QJsonObject{}));
    WorkerClient client(server.url(u"/api/v1"_s), patientOptions());

    CancelToken token;
    ApiRequest request = ApiRequest::get(u"/users"_s);
    request.cancelToken = token;
    auto call = watch(client.send(request));
    QTRY_COMPARE_WITH_TIMEOUT(server.requestCount(), 1, 4000);
    QTRY_VERIFY_WITH_TIMEOUT(!call.isDone() && client.pendingCount() == 1, 1000); // now waiting 30 s

    token.cancel();

    QVERIFY(call.isDone());
    QVERIFY2(call.error<RequestCancelledError>(), qPrintable(call.describe()));
    QCOMPARE(client.pendingCount(), 0);
    QCOMPARE(server.requestCount(), 1);
}

void TestWorkerClientCancel::cancelledTokenSendsNothing()
{
    FakeHttpServer server;
    WorkerClient client(server.url(u"/api/v1"_s), patientOptions());
    CancelToken token;
    token.cancel();

    ApiRequest request = ApiRequest::get(u"/users"_s);
    request.cancelToken = token;
    auto call = watch(client.send(request));

    QVERIFY(call.isDone());
    QVERIFY2(call.error<RequestCancelledError>(), qPrintable(call.describe()));
    QCOMPARE(client.pendingCount(), 0);
    QCOMPARE(server.requestCount(), 0);
}

void TestWorkerClientCancel::destroyingTheClientEndsPendingRequests()
{
    FakeHttpServer server;
    server.setFallback(ScriptedResponse::hang());
    auto client = std::make_unique<WorkerClient>(server.url(u"/api/v1"_s), patientOptions());

    auto call = watch(client->send(ApiRequest::get(u"/users"_s)));
    QTRY_COMPARE_WITH_TIMEOUT(server.requestCount(), 1, 4000);

    client.reset();

    QVERIFY(call.isDone());
    QVERIFY2(call.error<RequestCancelledError>(), qPrintable(call.describe()));
}

QTEST_GUILESS_MAIN(TestWorkerClientCancel)
#include "tst_workerclientcancel.moc"
