// HttpLessonRepository against the scripted server: what it puts on the wire for each
// LessonRepository call (query parameters, PATCH bodies, If-Match, If-None-Match) and what it
// makes of the Worker's answers (lessons, 304 from its memo, 404 content vs. missing lesson,
// 409 with the current lesson).
#include "FakeHttpServer.h"
#include "ClientOptions.h"
#include "TaskWatcher.h"
#include "infrastructure/remote/HttpLessonRepository.h"
#include "infrastructure/remote/LessonContentMemo.h"
#include "infrastructure/remote/WorkerClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrlQuery>

Q_DECLARE_METATYPE(edge::LessonSortField)

using namespace edge;
using namespace edge::remote;
using namespace edge::remote::test;
using namespace std::chrono_literals;
using namespace Qt::Literals::StringLiterals;

namespace {

const QString LessonId = u"0b6f3c1e-8f5a-4c1d-9e2b-7a4d5c6e8f90"_s;

QJsonObject lessonJson(int version, bool hasContent = true, const QString &title = u"Intro to HTML"_s)
{
    return {{u"id"_s, LessonId},
            {u"title"_s, title},
            {u"track"_s, u"web dev"_s},
            {u"difficulty"_s, 2},
            {u"status"_s, u"draft"_s},
            {u"hasContent"_s, hasContent},
            {u"version"_s, version},
            {u"createdAt"_s, u"2024-05-01T10:00:00.000Z"_s},
            {u"updatedAt"_s, u"2024-05-02T11:30:00.250Z"_s}};
}

ScriptedResponse html(const QByteArray &body, int version)
{
    return ScriptedResponse::raw(200, "OK", body, "text/html; charset=utf-8")
        .withHeader("ETag", '"' + QByteArray::number(version) + '"');
}

ScriptedResponse notModified(int version)
{
    return ScriptedResponse::raw(304, "Not Modified", {}, {})
        .withHeader("ETag", '"' + QByteArray::number(version) + '"');
}

ScriptedResponse staleConflict(const QJsonObject &current)
{
    return ScriptedResponse::failure(
        409, u"conflict"_s, u"Lesson %1 was changed by someone else (current version %2)"_s.arg(LessonId).arg(current.value(u"version"_s).toInt()),
        QJsonObject{{u"details"_s, QJsonObject{{u"version"_s, u"is stale"_s}}}, {u"current"_s, current}});
}

QJsonObject jsonBody(const RecordedRequest &request)
{
    return QJsonDocument::fromJson(request.body).object();
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

LessonWrite writeOf(const Lesson &next, int expectedVersion, QStringList changed)
{
    return LessonWrite{next, expectedVersion, std::move(changed),
                       DomainEvent::lessonUpdated(next, changed, Actor::localUser())};
}

LessonEvent noEvent()
{
    return [](const Lesson &lesson) { return DomainEvent::lessonDeleted(lesson, Actor::localUser()); };
}

} // namespace

// Waits for a watched task, then fails the test with what it came to unless it succeeded.
#define AWAIT_OK(call)                                                  \
    QTRY_VERIFY_WITH_TIMEOUT((call).isDone(), 5000);                    \
    QVERIFY2((call).succeeded(), qPrintable((call).describe()))

class TestHttpLessonRepository final : public QObject
{
    Q_OBJECT

private:
    FakeHttpServer *m_server = nullptr;
    std::shared_ptr<WorkerClient> m_client;
    std::unique_ptr<HttpLessonRepository> m_lessons;

private slots:
    void init()
    {
        m_server = new FakeHttpServer(this);
        m_client = std::make_shared<WorkerClient>(m_server->url(u"/api/v1"_s), testClientOptions(2s, 5s));
        m_lessons = std::make_unique<HttpLessonRepository>(m_client);
    }

    void cleanup()
    {
        m_lessons.reset();
        m_client.reset();
        delete m_server;
        m_server = nullptr;
    }

    // --- reads ---------------------------------------------------------------------------

    void findByIdMapsTheLesson()
    {
        m_server->enqueue(ScriptedResponse::success(lessonJson(3, true)));
        auto call = watch(m_lessons->findById(LessonId));
        AWAIT_OK(call);
        QCOMPARE(m_server->requests().first().method, QByteArray("GET"));
        QCOMPARE(m_server->requests().first().target, (u"/api/v1/lessons/"_s + LessonId).toLatin1());
        const std::optional<Lesson> lesson = call.value();
        QVERIFY(lesson);
        QCOMPARE(lesson->id, LessonId);
        QCOMPARE(lesson->title, u"Intro to HTML"_s);
        QCOMPARE(lesson->track, u"web dev"_s);
        QCOMPARE(lesson->difficulty, 2);
        QCOMPARE(lesson->status, LessonStatus::Draft);
        QVERIFY(lesson->hasContent);
        QCOMPARE(lesson->version, 3);
        QCOMPARE(lesson->createdAt, QDateTime(QDate(2024, 5, 1), QTime(10, 0), Qt::UTC));
        QCOMPARE(lesson->updatedAt, QDateTime(QDate(2024, 5, 2), QTime(11, 30, 0, 250), Qt::UTC));
    }

    void findByIdOfMissingLessonIsNothing()
    {
        m_server->enqueue(ScriptedResponse::failure(404, u"not_found"_s, u"Lesson not found: x"_s));
        auto call = watch(m_lessons->findById(LessonId));
        AWAIT_OK(call);
        QVERIFY(!call.value());
    }

    void malformedLessonIsInternal()
    {
        QJsonObject broken = lessonJson(1);
        broken.insert(u"status"_s, u"archived"_s);
        m_server->enqueue(ScriptedResponse::success(broken));
        auto call = watch(m_lessons->findById(LessonId));
        QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 5000);
        QVERIFY(call.error());
        QCOMPARE(call.error()->kind(), ErrorKind::Internal);
        QVERIFY2(call.error()->message().contains(u"status"_s), qPrintable(call.error()->message()));
    }

    void listSendsEveryFilterAndTheSort()
    {
        const QByteArray answer = R"({"success":true,"data":[],"pagination":{"page":2,"pageSize":10,"total":12,"totalPages":2}})";
        m_server->enqueue(ScriptedResponse::raw(200, "OK", answer));
        LessonListQuery query;
        query.search = u"a+b & 100% é_"_s;
        query.track = u"web dev"_s;
        query.status = LessonStatus::Published;
        query.difficulty = 3;
        query.sort = LessonSortField::UpdatedAt;
        query.order = SortOrder::Ascending;
        query.page = 2;
        query.pageSize = 10;
        auto call = watch(m_lessons->list(query));
        AWAIT_OK(call);

        const RecordedRequest &request = m_server->requests().first();
        QVERIFY2(request.target.startsWith("/api/v1/lessons?"), request.target.constData());
        // '+' and '&' travel encoded: the Worker would read a bare '+' as a space.
        QVERIFY2(request.target.contains("a%2Bb%20%26%20100%25"), request.target.constData());
        const QMap<QString, QString> expected{{u"q"_s, query.search},     {u"track"_s, u"web dev"_s},
                                              {u"status"_s, u"published"_s}, {u"difficulty"_s, u"3"_s},
                                              {u"sort"_s, u"updatedAt"_s},  {u"order"_s, u"asc"_s},
                                              {u"page"_s, u"2"_s},          {u"pageSize"_s, u"10"_s}};
        QCOMPARE(queryOf(request), expected);
        QCOMPARE(call.value().total, qint64(12));
        QCOMPARE(call.value().totalPages, 2);
        QCOMPARE(call.value().page, 2);
        QCOMPARE(call.value().pageSize, 10);
    }

    void listSendsOnlyTheFiltersSet_data()
    {
        QTest::addColumn<LessonSortField>("sort");
        QTest::addColumn<QString>("name");
        QTest::newRow("createdAt") << LessonSortField::CreatedAt << u"createdAt"_s;
        QTest::newRow("updatedAt") << LessonSortField::UpdatedAt << u"updatedAt"_s;
        QTest::newRow("title") << LessonSortField::Title << u"title"_s;
        QTest::newRow("difficulty") << LessonSortField::Difficulty << u"difficulty"_s;
        QTest::newRow("track") << LessonSortField::Track << u"track"_s;
    }

    void listSendsOnlyTheFiltersSet()
    {
        QFETCH(LessonSortField, sort);
        QFETCH(QString, name);
        const QJsonArray items{lessonJson(1), lessonJson(2)};
        const QJsonObject envelope{{u"success"_s, true}, {u"data"_s, items},
                                   {u"pagination"_s, QJsonObject{{u"page"_s, 1}, {u"pageSize"_s, 50}, {u"total"_s, 2}, {u"totalPages"_s, 1}}}};
        m_server->enqueue(ScriptedResponse::raw(200, "OK", QJsonDocument(envelope).toJson()));
        LessonListQuery query;
        query.search = u"   "_s; // blank: no filter, as the Worker reads it
        query.sort = sort;
        auto call = watch(m_lessons->list(query));
        AWAIT_OK(call);
        const QMap<QString, QString> expected{{u"sort"_s, name}, {u"order"_s, u"desc"_s}, {u"page"_s, u"1"_s}, {u"pageSize"_s, u"50"_s}};
        QCOMPARE(queryOf(m_server->requests().first()), expected);
        QCOMPARE(call.value().items.size(), 2);
        QCOMPARE(call.value().items.at(1).version, 2);
    }

    void countAsksForOneItem()
    {
        const QByteArray answer = R"({"success":true,"data":[],"pagination":{"page":1,"pageSize":1,"total":37,"totalPages":37}})";
        m_server->enqueue(ScriptedResponse::raw(200, "OK", answer));
        LessonListQuery query;
        query.track = u"sql"_s;
        query.difficulty = 5;
        query.page = 4;
        auto call = watch(m_lessons->count(query));
        AWAIT_OK(call);
        QCOMPARE(call.value(), qint64(37));
        const QMap<QString, QString> sent = queryOf(m_server->requests().first());
        QCOMPARE(sent.value(u"pageSize"_s), u"1"_s);
        QCOMPARE(sent.value(u"page"_s), u"1"_s);
        QCOMPARE(sent.value(u"track"_s), u"sql"_s);
        QCOMPARE(sent.value(u"difficulty"_s), u"5"_s);
    }

    void progressCountIsTheProgressTotal()
    {
        const QByteArray answer = R"({"success":true,"data":[{}],"pagination":{"page":1,"pageSize":1,"total":5,"totalPages":5}})";
        m_server->enqueue(ScriptedResponse::raw(200, "OK", answer));
        auto call = watch(m_lessons->progressCount(LessonId));
        AWAIT_OK(call);
        QCOMPARE(call.value(), qint64(5));
        const RecordedRequest &request = m_server->requests().first();
        QVERIFY2(request.target.startsWith("/api/v1/progress?"), request.target.constData());
        const QMap<QString, QString> expected{{u"lessonId"_s, LessonId}, {u"pageSize"_s, u"1"_s}};
        QCOMPARE(queryOf(request), expected);
    }

    // --- writes --------------------------------------------------------------------------

    void insertPostsTheFields()
    {
        m_server->enqueue(ScriptedResponse::raw(201, "Created",
                                                QJsonDocument(QJsonObject{{u"success"_s, true}, {u"data"_s, lessonJson(1, false)}}).toJson()));
        Lesson lesson;
        lesson.id = u"ignored-the-worker-makes-its-own"_s;
        lesson.title = u"Intro to HTML"_s;
        lesson.track = u"web dev"_s;
        lesson.difficulty = 2;
        auto call = watch(m_lessons->insert(lesson, DomainEvent::lessonCreated(lesson, Actor::localUser())));
        AWAIT_OK(call);
        const RecordedRequest &request = m_server->requests().first();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.target, QByteArray("/api/v1/lessons"));
        const QJsonObject expected{{u"title"_s, u"Intro to HTML"_s}, {u"track"_s, u"web dev"_s},
                                   {u"difficulty"_s, 2}, {u"status"_s, u"draft"_s}};
        QCOMPARE(jsonBody(request), expected);
        QCOMPARE(call.value().id, LessonId);
    }

    void updatePatchesVersionAndOnlyTheChangedFields_data()
    {
        QTest::addColumn<QStringList>("changed");
        QTest::addColumn<QJsonObject>("body");
        QTest::newRow("title") << QStringList{u"title"_s} << QJsonObject{{u"version"_s, 3}, {u"title"_s, u"New title"_s}};
        QTest::newRow("status") << QStringList{u"status"_s} << QJsonObject{{u"version"_s, 3}, {u"status"_s, u"published"_s}};
        QTest::newRow("track and difficulty") << QStringList{u"track"_s, u"difficulty"_s}
                                              << QJsonObject{{u"version"_s, 3}, {u"track"_s, u"sql"_s}, {u"difficulty"_s, 4}};
    }

    void updatePatchesVersionAndOnlyTheChangedFields()
    {
        QFETCH(QStringList, changed);
        QFETCH(QJsonObject, body);
        m_server->enqueue(ScriptedResponse::success(lessonJson(4, true, u"New title"_s)));
        Lesson next;
        next.id = LessonId;
        next.title = u"New title"_s;
        next.track = u"sql"_s;
        next.difficulty = 4;
        next.status = LessonStatus::Published;
        next.version = 4;
        auto call = watch(m_lessons->update(writeOf(next, 3, changed)));
        AWAIT_OK(call);
        const RecordedRequest &request = m_server->requests().first();
        QCOMPARE(request.method, QByteArray("PATCH"));
        QCOMPARE(request.target, (u"/api/v1/lessons/"_s + LessonId).toLatin1());
        QCOMPARE(request.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(jsonBody(request), body);
        QCOMPARE(call.value().version, 4);
    }

    void staleUpdateIsConflictWithTheCurrentLesson()
    {
        const QJsonObject current = lessonJson(5, true, u"Theirs"_s);
        m_server->enqueue(staleConflict(current));
        Lesson next;
        next.id = LessonId;
        next.title = u"Mine"_s;
        next.version = 4;
        auto call = watch(m_lessons->update(writeOf(next, 3, {u"title"_s})));
        QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 5000);
        const auto error = call.error<ConflictError>();
        QVERIFY2(error, qPrintable(call.describe()));
        QVERIFY(error->fieldErrors().isEmpty()); // a stale version, not a taken value
        QVERIFY(error->current().canConvert<Lesson>());
        QCOMPARE(error->current().value<Lesson>().version, 5);
        QCOMPARE(error->current().value<Lesson>().title, u"Theirs"_s);
        QVERIFY2(error->message().contains(u"Theirs"_s), qPrintable(error->message()));
        QCOMPARE(m_server->requestCount(), 1);
    }

    void patchIsNotRetried()
    {
        m_server->setFallback(ScriptedResponse::failure(503, u"internal"_s, u"busy"_s));
        Lesson next;
        next.id = LessonId;
        next.title = u"x"_s;
        auto call = watch(m_lessons->update(writeOf(next, 1, {u"title"_s})));
        QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 5000);
        QVERIFY(call.error());
        QCOMPARE(m_server->requestCount(), 1);
    }

    void missingLessonIsNotFound_data()
    {
        QTest::addColumn<QString>("operation");
        for (const char *operation : {"update", "remove", "putContent", "content"})
            QTest::newRow(operation) << QString::fromLatin1(operation);
    }

    void missingLessonIsNotFound()
    {
        QFETCH(QString, operation);
        m_server->setFallback(ScriptedResponse::failure(404, u"not_found"_s, u"Lesson not found: %1"_s.arg(LessonId)));
        Lesson next;
        next.id = LessonId;
        next.title = u"x"_s;
        std::optional<NotFoundError> error;
        const auto check = [&error](auto &call) {
            QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 5000);
            error = call.template error<NotFoundError>();
        };
        if (operation == u"update"_s) {
            auto call = watch(m_lessons->update(writeOf(next, 1, {u"title"_s})));
            check(call);
        } else if (operation == u"remove"_s) {
            auto call = watch(m_lessons->remove(LessonId, noEvent()));
            check(call);
        } else if (operation == u"putContent"_s) {
            auto call = watch(m_lessons->putContent(LessonId, "<p>x</p>", 1, noEvent()));
            check(call);
        } else {
            auto call = watch(m_lessons->content(LessonId, 0));
            check(call);
        }
        QVERIFY(error);
        QCOMPARE(error->kind(), ErrorKind::NotFound);
        QCOMPARE(error->message(), u"Lesson not found: %1"_s.arg(LessonId)); // the Worker's words
    }

    void removeAnswersTheDeletedLessonAndForgetsItsContent()
    {
        m_server->enqueue(html("<p>old</p>", 2));
        m_server->enqueue(ScriptedResponse::success(lessonJson(2)));
        auto read = watch(m_lessons->content(LessonId, 0));
        AWAIT_OK(read);
        QVERIFY(m_lessons->rememberedContent(LessonId));

        auto call = watch(m_lessons->remove(LessonId, noEvent()));
        AWAIT_OK(call);
        QCOMPARE(m_server->requests().at(1).method, QByteArray("DELETE"));
        QCOMPARE(m_server->requests().at(1).target, (u"/api/v1/lessons/"_s + LessonId).toLatin1());
        QCOMPARE(call.value().version, 2);
        QVERIFY(!m_lessons->rememberedContent(LessonId));
    }

    // --- content -------------------------------------------------------------------------

    void putContentSendsHtmlWithIfMatch()
    {
        const QByteArray body = "<h1>Grüße 👋</h1>\r\n<p>a\0b</p>"_ba;
        m_server->enqueue(ScriptedResponse::success(lessonJson(8)));
        auto call = watch(m_lessons->putContent(LessonId, body, 7, noEvent()));
        AWAIT_OK(call);
        const RecordedRequest &request = m_server->requests().first();
        QCOMPARE(request.method, QByteArray("PUT"));
        QCOMPARE(request.target, (u"/api/v1/lessons/"_s + LessonId + u"/content"_s).toLatin1());
        QCOMPARE(request.header("If-Match"), QByteArray("\"7\""));
        QCOMPARE(request.header("Content-Type"), QByteArray("text/html; charset=utf-8"));
        QCOMPARE(request.body, body);
        QCOMPARE(call.value().version, 8);
        // What was stored is remembered under the version it now belongs to.
        QCOMPARE(m_lessons->rememberedContent(LessonId)->version, 8);
        QCOMPARE(m_lessons->rememberedContent(LessonId)->html, body);
    }

    void stalePutContentIsConflictWithTheCurrentLesson()
    {
        m_server->enqueue(staleConflict(lessonJson(9, true, u"Theirs"_s)));
        auto call = watch(m_lessons->putContent(LessonId, "<p>mine</p>", 7, noEvent()));
        QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 5000);
        const auto error = call.error<ConflictError>();
        QVERIFY2(error, qPrintable(call.describe()));
        QVERIFY(error->fieldErrors().isEmpty());
        QCOMPARE(error->current().value<Lesson>().version, 9);
        QVERIFY(!m_lessons->rememberedContent(LessonId));
        QCOMPARE(m_server->requestCount(), 1); // a 409 is an answer, not retried
    }

    void putContentIsRetriedWhenTheWorkerIsBusy()
    {
        // With If-Match a repeated PUT cannot store twice: WorkerClient's rules allow a retry.
        m_server->enqueue(ScriptedResponse::failure(503, u"internal"_s, u"busy"_s));
        m_server->enqueue(ScriptedResponse::success(lessonJson(2)));
        auto call = watch(m_lessons->putContent(LessonId, "<p>x</p>", 1, noEvent()));
        AWAIT_OK(call);
        QCOMPARE(m_server->requestCount(), 2);
        QCOMPARE(m_server->requests().at(1).header("If-Match"), QByteArray("\"1\""));
    }

    void contentReadsTheVersionFromTheETag()
    {
        m_server->enqueue(html("<p>hello</p>", 5));
        auto call = watch(m_lessons->content(LessonId, 0));
        AWAIT_OK(call);
        const RecordedRequest &request = m_server->requests().first();
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(request.target, (u"/api/v1/lessons/"_s + LessonId + u"/content"_s).toLatin1());
        QVERIFY(!request.hasHeader("If-None-Match")); // nothing known yet
        QCOMPARE(call.value().html, QByteArray("<p>hello</p>"));
        QCOMPARE(call.value().version, 5);
    }

    void knownVersionIsAskedWithIfNoneMatchAnd304IsServedFromMemory()
    {
        const QByteArray body(300 * 1024, 'x');
        m_server->enqueue(html(body, 5));
        m_server->enqueue(notModified(5));
        auto first = watch(m_lessons->content(LessonId, 0));
        AWAIT_OK(first);

        auto second = watch(m_lessons->content(LessonId, 5));
        AWAIT_OK(second);
        QCOMPARE(m_server->requestCount(), 2);
        QCOMPARE(m_server->requests().at(1).header("If-None-Match"), QByteArray("\"5\""));
        QCOMPARE(second.value().version, 5);
        QCOMPARE(second.value().html, body); // from memory: the 304 carried no body
    }

    void otherKnownVersionIsAskedWithoutCondition()
    {
        m_server->enqueue(html("<p>v5</p>", 5));
        m_server->enqueue(html("<p>v6</p>", 6));
        auto first = watch(m_lessons->content(LessonId, 0));
        AWAIT_OK(first);
        auto second = watch(m_lessons->content(LessonId, 6)); // the caller saw 6; only 5 is known here
        AWAIT_OK(second);
        QVERIFY(!m_server->requests().at(1).hasHeader("If-None-Match"));
        QCOMPARE(second.value().html, QByteArray("<p>v6</p>"));
        QCOMPARE(second.value().version, 6);
        QCOMPARE(m_lessons->rememberedContent(LessonId)->version, 6);
    }

    void changedContentAnswersTheNewBodyDespiteTheCondition()
    {
        m_server->enqueue(html("<p>v5</p>", 5));
        m_server->enqueue(html("<p>v7</p>", 7)); // If-None-Match "5" no longer matches
        auto first = watch(m_lessons->content(LessonId, 0));
        AWAIT_OK(first);
        auto second = watch(m_lessons->content(LessonId, 5));
        AWAIT_OK(second);
        QCOMPARE(m_server->requests().at(1).header("If-None-Match"), QByteArray("\"5\""));
        QCOMPARE(second.value().html, QByteArray("<p>v7</p>"));
        QCOMPARE(second.value().version, 7);
    }

    void metadataUpdateKeepsTheRememberedContent()
    {
        // PATCH changes metadata only: the HTML of version 5 is that of version 6.
        m_server->enqueue(html("<p>same</p>", 5));
        m_server->enqueue(ScriptedResponse::success(lessonJson(6, true, u"Renamed"_s)));
        m_server->enqueue(notModified(6));
        auto read = watch(m_lessons->content(LessonId, 0));
        AWAIT_OK(read);
        Lesson next;
        next.id = LessonId;
        next.title = u"Renamed"_s;
        next.version = 6;
        auto update = watch(m_lessons->update(writeOf(next, 5, {u"title"_s})));
        AWAIT_OK(update);
        auto again = watch(m_lessons->content(LessonId, 6));
        AWAIT_OK(again);
        QCOMPARE(m_server->requests().at(2).header("If-None-Match"), QByteArray("\"6\""));
        QCOMPARE(again.value().html, QByteArray("<p>same</p>"));
        QCOMPARE(again.value().version, 6);
    }

    void lessonWithoutContentIsEmptyAtItsVersion()
    {
        // What the Worker answers for a lesson that has no HTML yet, then the lesson itself.
        m_server->enqueue(ScriptedResponse::failure(404, u"not_found"_s, u"Lesson content not found: %1"_s.arg(LessonId)));
        m_server->enqueue(ScriptedResponse::success(lessonJson(3, false)));
        auto call = watch(m_lessons->content(LessonId, 3));
        AWAIT_OK(call);
        QCOMPARE(m_server->requestCount(), 2);
        QCOMPARE(m_server->requests().at(1).target, (u"/api/v1/lessons/"_s + LessonId).toLatin1());
        QVERIFY(call.value().html.isEmpty());
        QCOMPARE(call.value().version, 3);
    }

    void contentArrivingBetweenTheRequestsIsReadAgain()
    {
        m_server->enqueue(ScriptedResponse::failure(404, u"not_found"_s, u"Lesson content not found: %1"_s.arg(LessonId)));
        m_server->enqueue(ScriptedResponse::success(lessonJson(2, true))); // someone PUT meanwhile
        m_server->enqueue(html("<p>just now</p>", 2));
        auto call = watch(m_lessons->content(LessonId, 1));
        AWAIT_OK(call);
        QCOMPARE(m_server->requestCount(), 3);
        QCOMPARE(call.value().html, QByteArray("<p>just now</p>"));
        QCOMPARE(call.value().version, 2);
    }

    void contentWithoutETagIsInternal()
    {
        m_server->enqueue(ScriptedResponse::raw(200, "OK", "<p>x</p>", "text/html"));
        auto call = watch(m_lessons->content(LessonId, 0));
        QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 5000);
        QVERIFY(call.error());
        QCOMPARE(call.error()->kind(), ErrorKind::Internal);
    }

    void memoIsBoundedInLessonsAndBytes()
    {
        LessonContentMemo memo(2, 100);
        memo.put(u"a"_s, {QByteArray(40, 'a'), 1});
        memo.put(u"b"_s, {QByteArray(40, 'b'), 1});
        QVERIFY(memo.get(u"a"_s)); // a is now the most recently used
        memo.put(u"c"_s, {QByteArray(10, 'c'), 1});
        QVERIFY(memo.get(u"a"_s));
        QVERIFY(!memo.get(u"b"_s));
        QCOMPARE(memo.bytes(), 50);
        memo.put(u"d"_s, {QByteArray(95, 'd'), 1}); // pushes out the rest to fit
        QCOMPARE(memo.size(), 1);
        QCOMPARE(memo.bytes(), 95);
        memo.put(u"e"_s, {QByteArray(101, 'e'), 1}); // larger than the budget: never kept
        QVERIFY(!memo.get(u"e"_s));
        QVERIFY(memo.get(u"d"_s));
        memo.advance(u"d"_s, 2, 3); // not the remembered version: nothing moves
        QCOMPARE(memo.get(u"d"_s)->version, 1);
        memo.advance(u"d"_s, 1, 2);
        QCOMPARE(memo.get(u"d"_s)->version, 2);
    }
};

QTEST_GUILESS_MAIN(TestHttpLessonRepository)
#include "tst_httplessonrepository.moc"
