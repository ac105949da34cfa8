// How answers of the Worker API become results or errors, without a network in between.
#include "infrastructure/remote/ResponseInterpreter.h"
#include "domain/Errors.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace edge;
using namespace edge::remote;
using namespace Qt::Literals::StringLiterals;

namespace {

const RequestLabel usersLabel{"GET", QUrl(QStringLiteral("https://edge.example.com/api/v1/users"))};
const QDateTime fixedNow = QDateTime(QDate(2025, 3, 1), QTime(12, 0, 0), Qt::UTC);

HttpAnswer answerOf(int status, const QByteArray &body, const QByteArray &retryAfter = {})
{
    HttpAnswer answer;
    answer.status = status;
    answer.body = body;
    answer.headers.insert("content-type", body.startsWith('{') ? "application/json" : "text/html");
    if (!retryAfter.isEmpty())
        answer.headers.insert("retry-after", retryAfter);
    return answer;
}

std::exception_ptr failureOf(const HttpAnswer &answer)
{
    try {
        interpretResponse(usersLabel, answer, ResponseFormat::Envelope, fixedNow);
    } catch (...) {
        return std::current_exception();
    }
    return nullptr;
}

// The subclass matters: handlers catch ValidationError, the UI catches ConflictError.
bool hasTypeFor(ErrorKind kind, const std::exception_ptr &error)
{
    try {
        std::rethrow_exception(error);
    } catch (const ValidationError &) {
        return kind == ErrorKind::Validation;
    } catch (const UnauthorizedError &) {
        return kind == ErrorKind::Unauthorized;
    } catch (const ForbiddenError &) {
        return kind == ErrorKind::Forbidden;
    } catch (const ConflictError &) {
        return kind == ErrorKind::Conflict;
    } catch (const NotFoundError &) {
        return kind == ErrorKind::NotFound;
    } catch (const DomainError &error) {
        return kind != ErrorKind::Validation && kind != ErrorKind::Unauthorized
               && kind != ErrorKind::Forbidden && kind != ErrorKind::Conflict
               && kind != ErrorKind::NotFound;
    } catch (...) {
        return false;
    }
}

} // namespace

class TestResponseInterpreter final : public QObject
{
    Q_OBJECT

private slots:
    void errorsMapToKinds_data();
    void errorsMapToKinds();
    void validationDetailsBecomeFieldErrors();
    void conflictKeepsCurrentRecordAsJsonObject();
    void successGivesDataAndPagination();
    void rawFormatKeepsBytes();
    void noContentIsSuccess();
    void rateLimitSaysWhenToRetry();
};

void TestResponseInterpreter::errorsMapToKinds_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<ErrorKind>("kind");
    QTest::addColumn<QStringList>("messageParts");

    const auto envelope = [](const char *code, const char *message) {
        return QByteArray(R"({"success":false,"error":")") + message + R"(","code":")" + code
               + R"("})";
    };
    const QString url = QStringLiteral("https://edge.example.com/api/v1/users");

    QTest::newRow("400 validation") << 400 << envelope("validation", "Email is invalid")
                                    << ErrorKind::Validation << QStringList{u"Email is invalid"_s};
    QTest::newRow("401 unauthorized") << 401 << envelope("unauthorized", "Token expired")
                                      << ErrorKind::Unauthorized << QStringList{u"Token expired"_s};
    QTest::newRow("403 forbidden") << 403 << envelope("forbidden", "Admins only")
                                   << ErrorKind::Forbidden << QStringList{u"Admins only"_s};
    QTest::newRow("404 not found") << 404 << envelope("not_found", "User not found: 7")
                                   << ErrorKind::NotFound << QStringList{u"User not found: 7"_s};
    QTest::newRow("409 conflict") << 409 << envelope("conflict", "Email is taken")
                                  << ErrorKind::Conflict << QStringList{u"Email is taken"_s};
    QTest::newRow("413 too large") << 413 << envelope("payload_too_large", "Body over 100 MB")
                                   << ErrorKind::PayloadTooLarge << QStringList{u"Body over 100 MB"_s};
    QTest::newRow("429 rate limited") << 429 << envelope("rate_limited", "Slow down")
                                      << ErrorKind::RateLimited << QStringList{u"Slow down"_s, url};
    QTest::newRow("500 internal names the request")
        << 500 << envelope("internal", "D1 exploded") << ErrorKind::Internal
        << QStringList{u"GET "_s + url, u"failed on the server"_s, u"500"_s, u"D1 exploded"_s};
    QTest::newRow("503 unavailable") << 503 << envelope("unavailable", "Maintenance")
                                     << ErrorKind::Unavailable << QStringList{u"Maintenance"_s, url};
    QTest::newRow("status decides without code")
        << 403 << QByteArray(R"({"success":false,"error":"No"})") << ErrorKind::Forbidden
        << QStringList{u"No"_s};
    QTest::newRow("code decides over status") << 400 << envelope("conflict", "Version is stale")
                                              << ErrorKind::Conflict << QStringList{u"Version is stale"_s};
    QTest::newRow("2xx with success false") << 200 << envelope("validation", "Bad page")
                                            << ErrorKind::Validation << QStringList{u"Bad page"_s};

    // Not the API talking: a proxy, a wrong base URL, a crashed Worker.
    QTest::newRow("500 html page") << 500 << QByteArray("<html>Internal Server Error</html>")
                                   << ErrorKind::Internal
                                   << QStringList{url, u"500"_s, u"invalid JSON"_s, u"text/html"_s};
    QTest::newRow("404 html is not NotFound")
        << 404 << QByteArray("<html>Not Found</html>") << ErrorKind::Internal
        << QStringList{url, u"404"_s, u"base URL"_s};
    QTest::newRow("502 from a gateway") << 502 << QByteArray("Bad Gateway") << ErrorKind::Unavailable
                                        << QStringList{url, u"502"_s};
    QTest::newRow("200 invalid json") << 200 << QByteArray(R"({"success":true,"data":)")
                                      << ErrorKind::Internal << QStringList{url, u"200"_s, u"invalid JSON"_s};
    QTest::newRow("200 json without envelope")
        << 200 << QByteArray(R"({"users":[]})") << ErrorKind::Internal
        << QStringList{url, u"200"_s, u"envelope"_s, u"success"_s};
    QTest::newRow("200 json array") << 200 << QByteArray("[1,2]") << ErrorKind::Internal
                                    << QStringList{url, u"envelope"_s};
    QTest::newRow("200 empty body") << 200 << QByteArray() << ErrorKind::Internal
                                    << QStringList{url, u"empty body"_s};
}

void TestResponseInterpreter::errorsMapToKinds()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(ErrorKind, kind);
    QFETCH(QStringList, messageParts);

    const std::exception_ptr failure = failureOf(answerOf(status, body));
    QVERIFY2(failure, "an error answer must throw");
    QVERIFY2(hasTypeFor(kind, failure), "thrown as the subclass its kind calls for");
    try {
        std::rethrow_exception(failure);
    } catch (const DomainError &error) {
        QCOMPARE(error.kind(), kind);
        for (const QString &part : messageParts)
            QVERIFY2(error.message().contains(part),
                     qPrintable(QStringLiteral("'%1' not in: %2").arg(part, error.message())));
    }
}

void TestResponseInterpreter::validationDetailsBecomeFieldErrors()
{
    const QByteArray body = R"({"success":false,"error":"2 problems","code":"validation",
        "details":{"email":"Email is invalid","username":"Too short"}})";
    try {
        interpretResponse(usersLabel, answerOf(400, body), ResponseFormat::Envelope, fixedNow);
        QFAIL("no error thrown");
    } catch (const ValidationError &error) {
        QCOMPARE(error.fieldErrors().value(QStringLiteral("email")), QStringLiteral("Email is invalid"));
        QCOMPARE(error.fieldErrors().value(QStringLiteral("username")), QStringLiteral("Too short"));
        QCOMPARE(error.fieldErrors().size(), 2);
    }
}

void TestResponseInterpreter::conflictKeepsCurrentRecordAsJsonObject()
{
    const QByteArray body = R"({"success":false,"error":"Changed by someone else","code":"conflict",
        "current":{"id":"u1","email":"new@example.com","version":8}})";
    try {
        interpretResponse(usersLabel, answerOf(409, body), ResponseFormat::Envelope, fixedNow);
        QFAIL("no error thrown");
    } catch (const ConflictError &error) {
        QCOMPARE(error.current().typeId(), QMetaType::QJsonObject);
        const QJsonObject current = error.current().toJsonObject();
        QCOMPARE(current.value(QStringLiteral("email")).toString(), QStringLiteral("new@example.com"));
        QCOMPARE(current.value(QStringLiteral("version")).toInt(), 8);
    }
}

void TestResponseInterpreter::successGivesDataAndPagination()
{
    const QByteArray body = R"({"success":true,"data":[{"id":"a"},{"id":"b"}],
        "pagination":{"page":2,"pageSize":2,"total":5,"totalPages":3}})";
    const ApiResult result =
        interpretResponse(usersLabel, answerOf(200, body), ResponseFormat::Envelope, fixedNow);
    QCOMPARE(result.status, 200);
    QCOMPARE(result.data.toArray().size(), 2);
    QCOMPARE(result.data.toArray().at(1).toObject().value(QStringLiteral("id")).toString(),
             QStringLiteral("b"));
    QVERIFY(result.pagination);
    QCOMPARE(result.pagination->page, 2);
    QCOMPARE(result.pagination->pageSize, 2);
    QCOMPARE(result.pagination->total, 5);
    QCOMPARE(result.pagination->totalPages, 3);
    QCOMPARE(result.header("Content-Type"), QByteArray("application/json"));
}

void TestResponseInterpreter::rawFormatKeepsBytes()
{
    const QByteArray html = "<h1>Lesson</h1>";
    const ApiResult result =
        interpretResponse(usersLabel, answerOf(200, html), ResponseFormat::Raw, fixedNow);
    QCOMPARE(result.body, html);

    // Errors of raw requests still come as envelopes and still throw.
    const QByteArray error = R"({"success":false,"error":"No such lesson","code":"not_found"})";
    QVERIFY_THROWS_EXCEPTION(DomainError, interpretResponse(usersLabel, answerOf(404, error),
                                                            ResponseFormat::Raw, fixedNow));
}

void TestResponseInterpreter::noContentIsSuccess()
{
    const ApiResult result =
        interpretResponse(usersLabel, answerOf(204, {}), ResponseFormat::Envelope, fixedNow);
    QCOMPARE(result.status, 204);
    QVERIFY(result.data.isUndefined() || result.data.isNull());
}

void TestResponseInterpreter::rateLimitSaysWhenToRetry()
{
    const QByteArray body = R"({"success":false,"error":"Too many requests","code":"rate_limited"})";
    try {
        interpretResponse(usersLabel, answerOf(429, body, "30"), ResponseFormat::Envelope, fixedNow);
        QFAIL("no error thrown");
    } catch (const DomainError &error) {
        QCOMPARE(error.kind(), ErrorKind::RateLimited);
        QVERIFY2(error.message().contains(QStringLiteral("try again in 30 s")),
                 qPrintable(error.message()));
        const QString at = fixedNow.addSecs(30).toLocalTime().toString(QStringLiteral("HH:mm:ss"));
        QVERIFY2(error.message().contains(at), qPrintable(error.message()));
    }
}

QTEST_GUILESS_MAIN(TestResponseInterpreter)
#include "tst_responseinterpreter.moc"
