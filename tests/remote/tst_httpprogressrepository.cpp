// HttpProgressRepository against the scripted server: what it puts on the wire for each
// ProgressRepository call (list filters, cursor or page, PUT bodies with If-Match or
// If-None-Match, the import's dry runs and batches) and what it makes of the Worker's answers
// (rows with names, nextCursor, statistics, 409 with the current row, per-batch problems put
// back in terms of the whole import, stops and failures part way through).
#include "ClientOptions.h"
#include "FakeHttpServer.h"
#include "TaskWatcher.h"
#include "infrastructure/remote/HttpProgressRepository.h"
#include "infrastructure/remote/ProgressImportBatches.h"
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

const QString LearnerId = u"6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"_s;
const QString LessonId = u"0b6f3c1e-8f5a-4c1d-9e2b-7a4d5c6e8f90"_s;

QJsonObject rowJson(int version, bool completed = true, int score = 80)
{
    return {{u"userId"_s, LearnerId},
            {u"lessonId"_s, LessonId},
            {u"completed"_s, completed},
            {u"score"_s, score},
            {u"completedAt"_s, completed ? QJsonValue(u"2026-01-05T10:00:00.000Z"_s) : QJsonValue(QJsonValue::Null)},
            {u"updatedAt"_s, u"2026-01-06T11:30:00.250Z"_s},
            {u"version"_s, version},
            {u"userEmail"_s, u"dora@example.test"_s},
            {u"username"_s, u"Dora"_s},
            {u"lessonTitle"_s, u"Intro to HTML"_s},
            {u"track"_s, u"web dev"_s}};
}

ScriptedResponse page(const QJsonArray &rows, const QJsonValue &total, const QJsonValue &nextCursor)
{
    const QJsonObject envelope{{u"success"_s, true},
                               {u"data"_s, rows},
                               {u"pagination"_s, QJsonObject{{u"page"_s, 1}, {u"pageSize"_s, 50}, {u"total"_s, total},
                                                             {u"totalPages"_s, total.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(1)}}},
                               {u"nextCursor"_s, nextCursor}};
    return ScriptedResponse::raw(200, "OK", QJsonDocument(envelope).toJson());
}

ScriptedResponse counts(int created, int updated)
{
    return ScriptedResponse::success(QJsonObject{{u"created"_s, created}, {u"updated"_s, updated}});
}

ScriptedResponse rowProblems(const QJsonObject &details)
{
    return ScriptedResponse::failure(400, u"validation"_s, u"Some rows have problems; nothing was written"_s,
                                     QJsonObject{{u"details"_s, details}});
}

QJsonObject jsonBody(const RecordedRequest &request)
{
    return QJsonDocument::fromJson(request.body).object();
}

QMap<QString, QString> queryOf(const RecordedRequest &request)
{
    const QUrl url(QString::fromLatin1(request.target));
    QMap<QString, QString> items;
    for (const auto &[name, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded))
        items.insert(name, value);
    return items;
}

QString pathOf(const RecordedRequest &request)
{
    return QUrl(QString::fromLatin1(request.target)).path();
}

ProgressWrite writeOf(int expectedVersion, bool completed = true)
{
    ProgressWrite write;
    write.entry.userId = LearnerId;
    write.entry.lessonId = LessonId;
    write.entry.completed = completed;
    write.entry.score = 91;
    if (completed)
        write.entry.completedAt = QDateTime(QDate(2026, 1, 5), QTime(10, 0), Qt::UTC);
    write.entry.version = expectedVersion + 1;
    write.expectedVersion = expectedVersion;
    return write;
}

// `count` import rows, each its own (user, lesson) pair.
QList<ProgressImportRow> importRows(int count)
{
    QList<ProgressImportRow> rows;
    for (int i = 0; i < count; ++i) {
        ProgressImportRow row;
        row.userId = u"00000000-0000-4000-8000-%1"_s.arg(i, 12, 10, QLatin1Char('0'));
        row.lessonId = LessonId;
        row.completed = i % 2 == 0;
        row.score = i % 101;
        rows.append(row);
    }
    return rows;
}

} // namespace

#define AWAIT_OK(call)                                                  \
    QTRY_VERIFY_WITH_TIMEOUT((call).isDone(), 5000);                    \
    QVERIFY2((call).succeeded(), qPrintable((call).describe()))

#define AWAIT_FAILED(call)                                              \
    QTRY_VERIFY_WITH_TIMEOUT((call).isDone(), 5000);                    \
    QVERIFY2(!(call).succeeded(), "the call succeeded")

class TestHttpProgressRepository final : public QObject
{
    Q_OBJECT

private:
    FakeHttpServer *m_server = nullptr;
    std::shared_ptr<WorkerClient> m_client;
    std::unique_ptr<HttpProgressRepository> m_progress;

    QList<RecordedRequest> requestsTo(const QString &path) const
    {
        QList<RecordedRequest> found;
        for (const RecordedRequest &request : m_server->requests())
            if (pathOf(request) == path)
                found.append(request);
        return found;
    }

private slots:
    void init()
    {
        m_server = new FakeHttpServer(this);
        m_client = std::make_shared<WorkerClient>(m_server->url(u"/api/v1"_s), testClientOptions(2s, 5s));
        m_progress = std::make_unique<HttpProgressRepository>(m_client);
    }

    void cleanup()
    {
        m_progress.reset();
        m_client.reset();
        delete m_server;
        m_server = nullptr;
    }

    // --- reads ---------------------------------------------------------------------------

    void findAsksForTheOneRowAndMapsItWithNames()
    {
        m_server->enqueue(page({rowJson(3)}, QJsonValue::Null, QJsonValue::Null));
        auto call = watch(m_progress->find(LearnerId, LessonId));
        AWAIT_OK(call);
        const RecordedRequest &request = m_server->requests().first();
        QCOMPARE(pathOf(request), u"/api/v1/progress"_s);
        QCOMPARE(queryOf(request).value(u"userId"_s), LearnerId);
        QCOMPARE(queryOf(request).value(u"lessonId"_s), LessonId);
        QCOMPARE(queryOf(request).value(u"pageSize"_s), u"1"_s);
        QCOMPARE(queryOf(request).value(u"withTotal"_s), u"false"_s);
        const std::optional<ProgressEntry> row = call.value();
        QVERIFY(row);
        QCOMPARE(row->userId, LearnerId);
        QCOMPARE(row->lessonId, LessonId);
        QVERIFY(row->completed);
        QCOMPARE(row->score, 80);
        QCOMPARE(row->completedAt, QDateTime(QDate(2026, 1, 5), QTime(10, 0), Qt::UTC));
        QCOMPARE(row->updatedAt, QDateTime(QDate(2026, 1, 6), QTime(11, 30, 0, 250), Qt::UTC));
        QCOMPARE(row->version, 3);
        QCOMPARE(row->userEmail, u"dora@example.test"_s);
        QCOMPARE(row->username, u"Dora"_s);
        QCOMPARE(row->lessonTitle, u"Intro to HTML"_s);
        QCOMPARE(row->track, u"web dev"_s);
    }

    void findOfNoRowIsNothing()
    {
        m_server->enqueue(page({}, QJsonValue::Null, QJsonValue::Null));
        auto call = watch(m_progress->find(LearnerId, LessonId));
        AWAIT_OK(call);
        QVERIFY(!call.value());
    }

    void listSendsEveryFilterAndReadsTotalAndCursor()
    {
        m_server->enqueue(page({rowJson(1), rowJson(2, false, 0)}, 12, u"abc_-"_s));
        ProgressListQuery query;
        query.search = u"a+b & 100%"_s;
        query.userId = LearnerId;
        query.lessonId = LessonId;
        query.track = u"web dev"_s;
        query.completed = false;
        query.minScore = 10;
        query.maxScore = 90;
        query.completedFrom = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
        query.completedTo = QDateTime(QDate(2026, 2, 1), QTime(1, 0), Qt::OffsetFromUTC, 3600);
        query.sort = ProgressSortField::Score;
        query.order = SortOrder::Ascending;
        query.page = 3;
        query.pageSize = 20;
        auto call = watch(m_progress->list(query));
        AWAIT_OK(call);

        const RecordedRequest &request = m_server->requests().first();
        QVERIFY2(request.target.contains("a%2Bb%20%26%20100%25"), request.target.constData());
        const QMap<QString, QString> expected{
            {u"q"_s, query.search},          {u"userId"_s, LearnerId},
            {u"lessonId"_s, LessonId},       {u"track"_s, u"web dev"_s},
            {u"completed"_s, u"false"_s},    {u"minScore"_s, u"10"_s},
            {u"maxScore"_s, u"90"_s},        {u"completedFrom"_s, u"2026-01-01T00:00:00.000Z"_s},
            {u"completedTo"_s, u"2026-02-01T00:00:00.000Z"_s},
            {u"sort"_s, u"score"_s},         {u"order"_s, u"asc"_s},
            {u"page"_s, u"3"_s},             {u"pageSize"_s, u"20"_s}};
        QCOMPARE(queryOf(request), expected);
        QCOMPARE(call.value().items.size(), 2);
        QCOMPARE(call.value().items.at(1).version, 2);
        QVERIFY(!call.value().items.at(1).completedAt.isValid());
        QCOMPARE(call.value().total, qint64(12));
        QCOMPARE(call.value().nextCursor, u"abc_-"_s);
    }

    void listByCursorSendsNoPageAndMayGoWithoutTotal()
    {
        m_server->enqueue(page({rowJson(1)}, QJsonValue::Null, QJsonValue::Null));
        ProgressListQuery query;
        query.search = u"   "_s; // blank: no filter, as the Worker reads it
        query.cursor = u"WyJ1cGRhdGVkQXQiXQ"_s;
        query.page = 7;
        query.withTotal = false;
        query.sort = ProgressSortField::Email;
        auto call = watch(m_progress->list(query));
        AWAIT_OK(call);
        const QMap<QString, QString> expected{{u"cursor"_s, query.cursor}, {u"pageSize"_s, u"50"_s},
                                              {u"withTotal"_s, u"false"_s}, {u"sort"_s, u"email"_s},
                                              {u"order"_s, u"desc"_s}};
        QCOMPARE(queryOf(m_server->requests().first()), expected);
        QCOMPARE(call.value().total, qint64(-1));
        QVERIFY(call.value().nextCursor.isEmpty()); // the last page
    }

    void malformedRowIsInternalNamingTheField()
    {
        QJsonObject broken = rowJson(1);
        broken.insert(u"score"_s, u"80"_s);
        m_server->enqueue(page({broken}, 1, QJsonValue::Null));
        auto call = watch(m_progress->list(ProgressListQuery{}));
        AWAIT_FAILED(call);
        QCOMPARE(call.error()->kind(), ErrorKind::Internal);
        QVERIFY2(call.error()->message().contains(u"score"_s), qPrintable(call.error()->message()));
    }

    void listRefusedByTheWorkerIsAValidationErrorNamingTheField()
    {
        m_server->enqueue(ScriptedResponse::failure(400, u"validation"_s, u"Invalid cursor"_s,
                                                    QJsonObject{{u"details"_s, QJsonObject{{u"cursor"_s, u"is not a cursor returned by this API"_s}}}}));
        ProgressListQuery query;
        query.cursor = u"nonsense"_s;
        auto call = watch(m_progress->list(query));
        AWAIT_FAILED(call);
        QVERIFY(call.error<ValidationError>());
        QVERIFY(call.error()->fieldErrors().contains(u"cursor"_s));
    }

    void countAsksForOneRowWithTheTotalByAnIndexedSort()
    {
        m_server->enqueue(page({rowJson(1)}, 4711, u"next"_s));
        ProgressListQuery query;
        query.track = u"sql"_s;
        query.completed = true;
        query.sort = ProgressSortField::Score; // not walkable by index over many rows
        query.cursor = u"some-cursor"_s;
        query.withTotal = false;
        auto call = watch(m_progress->count(query));
        AWAIT_OK(call);
        QCOMPARE(call.value(), qint64(4711));
        const QMap<QString, QString> sent = queryOf(m_server->requests().first());
        QCOMPARE(sent.value(u"pageSize"_s), u"1"_s);
        QCOMPARE(sent.value(u"page"_s), u"1"_s);
        QVERIFY(!sent.contains(u"cursor"_s));
        QVERIFY(!sent.contains(u"withTotal"_s));
        QCOMPARE(sent.value(u"sort"_s), u"updatedAt"_s);
        QCOMPARE(sent.value(u"track"_s), u"sql"_s);
        QCOMPARE(sent.value(u"completed"_s), u"true"_s);
    }

    void statisticsAreMapped()
    {
        m_server->enqueue(ScriptedResponse::success(QJsonArray{QJsonObject{
            {u"lessonId"_s, LessonId}, {u"title"_s, u"Intro"_s}, {u"track"_s, u"web dev"_s}, {u"status"_s, u"published"_s},
            {u"learners"_s, 4}, {u"completed"_s, 3}, {u"completionRate"_s, 0.75}, {u"averageScore"_s, 62.5}}}));
        m_server->enqueue(ScriptedResponse::success(QJsonArray{QJsonObject{
            {u"track"_s, u"web dev"_s}, {u"lessons"_s, 2}, {u"learners"_s, 9}, {u"completed"_s, 6},
            {u"completionRate"_s, 0.6667}, {u"averageScore"_s, 70}}}));
        m_server->enqueue(ScriptedResponse::success(QJsonArray{
            QJsonObject{{u"period"_s, u"2025-12-29"_s}, {u"completed"_s, 2}},
            QJsonObject{{u"period"_s, u"2026-01-05"_s}, {u"completed"_s, 5}}}));

        auto lessons = watch(m_progress->lessonStats(u"web dev"_s));
        AWAIT_OK(lessons);
        QCOMPARE(lessons.value().size(), 1);
        QCOMPARE(lessons.value().first().lessonId, LessonId);
        QCOMPARE(lessons.value().first().learners, qint64(4));
        QCOMPARE(lessons.value().first().completed, qint64(3));
        QCOMPARE(lessons.value().first().averageScore, 62.5);
        QCOMPARE(queryOf(m_server->requests().at(0)).value(u"track"_s), u"web dev"_s);

        auto tracks = watch(m_progress->trackStats());
        AWAIT_OK(tracks);
        QCOMPARE(tracks.value().first().track, u"web dev"_s);
        QCOMPARE(tracks.value().first().lessons, qint64(2));
        QCOMPARE(tracks.value().first().learners, qint64(9));
        QCOMPARE(pathOf(m_server->requests().at(1)), u"/api/v1/progress/stats/tracks"_s);

        CompletionsQuery query;
        query.track = u"web dev"_s;
        query.from = QDateTime(QDate(2025, 12, 1), QTime(0, 0), Qt::UTC);
        query.bucket = CompletionBucket::Week;
        auto periods = watch(m_progress->completions(query));
        AWAIT_OK(periods);
        QCOMPARE(periods.value().size(), 2);
        QCOMPARE(periods.value().at(1).start, QDate(2026, 1, 5));
        QCOMPARE(periods.value().at(1).completed, qint64(5));
        const QMap<QString, QString> expected{{u"track"_s, u"web dev"_s}, {u"from"_s, u"2025-12-01T00:00:00.000Z"_s},
                                              {u"bucket"_s, u"week"_s}};
        QCOMPARE(queryOf(m_server->requests().at(2)), expected);
    }

    // --- writes --------------------------------------------------------------------------

    void upsertOfAKnownVersionPutsTheValuesWithIfMatch()
    {
        m_server->enqueue(ScriptedResponse::success(rowJson(4, true, 91)));
        auto call = watch(m_progress->upsert(writeOf(3)));
        AWAIT_OK(call);
        const RecordedRequest &request = m_server->requests().first();
        QCOMPARE(request.method, QByteArray("PUT"));
        QCOMPARE(pathOf(request), u"/api/v1/progress/%1/%2"_s.arg(LearnerId, LessonId));
        QCOMPARE(request.header("If-Match"), QByteArray("\"3\""));
        QVERIFY(!request.hasHeader("If-None-Match"));
        const QJsonObject expected{{u"completed"_s, true}, {u"score"_s, 91}, {u"completedAt"_s, u"2026-01-05T10:00:00.000Z"_s}};
        QCOMPARE(jsonBody(request), expected);
        QCOMPARE(call.value().version, 4);
        QCOMPARE(call.value().lessonTitle, u"Intro to HTML"_s);
    }

    void upsertOfANewRowCreatesOnlyAndSendsNullCompletionTime()
    {
        m_server->enqueue(ScriptedResponse::success(rowJson(1, false, 91)));
        auto call = watch(m_progress->upsert(writeOf(0, false)));
        AWAIT_OK(call);
        const RecordedRequest &request = m_server->requests().first();
        QCOMPARE(request.header("If-None-Match"), QByteArray("*"));
        QVERIFY(!request.hasHeader("If-Match"));
        const QJsonObject expected{{u"completed"_s, false}, {u"score"_s, 91}, {u"completedAt"_s, QJsonValue::Null}};
        QCOMPARE(jsonBody(request), expected);
    }

    void staleUpsertIsAConflictCarryingTheCurrentRow()
    {
        m_server->enqueue(ScriptedResponse::failure(
            409, u"conflict"_s, u"Progress was changed by someone else (current version 5)"_s,
            QJsonObject{{u"details"_s, QJsonObject{{u"version"_s, u"is stale; current version is 5"_s}}},
                        {u"current"_s, rowJson(5, true, 12)}}));
        auto call = watch(m_progress->upsert(writeOf(3)));
        AWAIT_FAILED(call);
        const std::optional<ConflictError> conflict = call.error<ConflictError>();
        QVERIFY2(conflict, qPrintable(call.describe()));
        QVERIFY(conflict->current().canConvert<ProgressEntry>());
        const ProgressEntry current = conflict->current().value<ProgressEntry>();
        QCOMPARE(current.version, 5);
        QCOMPARE(current.score, 12);
        QCOMPARE(current.username, u"Dora"_s);
        QCOMPARE(m_server->requestCount(), 1); // a 409 is not retried
    }

    void conflictOnAVanishedRowCarriesNothing()
    {
        m_server->enqueue(ScriptedResponse::failure(
            409, u"conflict"_s, u"Progress no longer exists"_s,
            QJsonObject{{u"details"_s, QJsonObject{{u"version"_s, u"is stale; the row does not exist"_s}}},
                        {u"current"_s, QJsonValue::Null}}));
        auto call = watch(m_progress->upsert(writeOf(2)));
        AWAIT_FAILED(call);
        const std::optional<ConflictError> conflict = call.error<ConflictError>();
        QVERIFY(conflict);
        QVERIFY(!conflict->current().isValid());
    }

    void upsertOfAnUnknownUserIsNotFound()
    {
        m_server->enqueue(ScriptedResponse::failure(404, u"not_found"_s, u"User not found: x"_s));
        auto call = watch(m_progress->upsert(writeOf(0)));
        AWAIT_FAILED(call);
        QCOMPARE(call.error()->kind(), ErrorKind::NotFound);
    }

    void removeAsksForTheDeletedRowAndReadsNothingFirst()
    {
        m_server->enqueue(ScriptedResponse::success(rowJson(6)));
        auto call = watch(m_progress->remove(LearnerId, LessonId, {}));
        AWAIT_OK(call);
        QCOMPARE(m_server->requestCount(), 1);
        const RecordedRequest &request = m_server->requests().first();
        QCOMPARE(request.method, QByteArray("DELETE"));
        QCOMPARE(pathOf(request), u"/api/v1/progress/%1/%2"_s.arg(LearnerId, LessonId));
        QCOMPARE(request.header("Prefer"), QByteArray("return=representation"));
        QCOMPARE(call.value().version, 6);
        QCOMPARE(call.value().userEmail, u"dora@example.test"_s);
    }

    void removeOfNoRowIsNotFound()
    {
        m_server->enqueue(ScriptedResponse::failure(404, u"not_found"_s, u"Progress not found: x"_s));
        auto call = watch(m_progress->remove(LearnerId, LessonId, {}));
        AWAIT_FAILED(call);
        QVERIFY(call.error<NotFoundError>());
        QCOMPARE(m_server->requestCount(), 1);
    }

    void removeAnsweredWithoutTheRowSaysSo()
    {
        m_server->enqueue(ScriptedResponse::raw(204, "No Content", {}, {}));
        auto call = watch(m_progress->remove(LearnerId, LessonId, {}));
        AWAIT_FAILED(call);
        QCOMPARE(call.error()->kind(), ErrorKind::Internal);
        QVERIFY2(call.error()->message().contains(u"deleted"_s), qPrintable(call.error()->message()));
    }

    // --- import --------------------------------------------------------------------------

    void importChecksEveryBatchBeforeWritingAny()
    {
        for (int i = 0; i < 3; ++i)
            m_server->enqueue(counts(i == 2 ? 500 : 900, i == 2 ? 0 : 100)); // dry runs
        for (int i = 0; i < 3; ++i)
            m_server->enqueue(counts(i == 2 ? 500 : 900, i == 2 ? 0 : 100)); // writes
        QList<std::pair<qint64, qint64>> reported;
        ImportProgress progress = [&reported](qint64 done, qint64 total) {
            reported.append({done, total});
            return true;
        };
        auto call = watch(m_progress->importRows(importRows(2500), false, {}, progress));
        AWAIT_OK(call);
        QCOMPARE(call.value().created, qint64(2300));
        QCOMPARE(call.value().updated, qint64(200));

        const QList<RecordedRequest> &sent = m_server->requests();
        QCOMPARE(sent.size(), 6);
        const QList<int> sizes{1000, 1000, 500, 1000, 1000, 500};
        for (int i = 0; i < 6; ++i) {
            QCOMPARE(sent[i].method, QByteArray("POST"));
            QCOMPARE(pathOf(sent[i]), u"/api/v1/progress/batch"_s);
            QCOMPARE(queryOf(sent[i]).value(u"dryRun"_s), i < 3 ? u"true"_s : QString());
            QCOMPARE(jsonBody(sent[i]).value(u"rows"_s).toArray().size(), sizes[i]);
            QVERIFY(sent[i].body.size() < 512 * 1024);
        }
        const QJsonObject first = jsonBody(sent[4]).value(u"rows"_s).toArray().first().toObject();
        const QJsonObject expected{{u"userId"_s, u"00000000-0000-4000-8000-000000001000"_s}, {u"lessonId"_s, LessonId},
                                   {u"completed"_s, true}, {u"score"_s, 1000 % 101}};
        QCOMPARE(first, expected);
        const QList<std::pair<qint64, qint64>> expectedProgress{{500, 2500},  {1000, 2500}, {1250, 2500},
                                                                {1750, 2500}, {2250, 2500}, {2500, 2500}};
        QCOMPARE(reported, expectedProgress);
    }

    void aBadRowInTheLastBatchWritesNothingAndIsNamedByItsListIndex()
    {
        m_server->enqueue(counts(1000, 0));
        m_server->enqueue(rowProblems(QJsonObject{{u"rows[5].score"_s, u"must be an integer from 0 to 100"_s},
                                                  {u"rows[7]"_s, u"repeats rows[2] (the same userId and lessonId)"_s}}));
        auto call = watch(m_progress->importRows(importRows(1010), false, {}, {}));
        AWAIT_FAILED(call);
        const std::optional<ValidationError> error = call.error<ValidationError>();
        QVERIFY2(error, qPrintable(call.describe()));
        const QMap<QString, QString> expected{{u"rows[1005].score"_s, u"must be an integer from 0 to 100"_s},
                                              {u"rows[1007]"_s, u"repeats rows[1002] (the same userId and lessonId)"_s}};
        QCOMPARE(error->fieldErrors(), expected);
        QCOMPARE(error->message(), u"2 of 1010 rows have problems; nothing was written"_s);
        QCOMPARE(m_server->requestCount(), 2);
        for (const RecordedRequest &request : m_server->requests())
            QCOMPARE(queryOf(request).value(u"dryRun"_s), u"true"_s);
    }

    void aRowRepeatedInAnotherBatchIsNamedAndNothingIsWritten()
    {
        QList<ProgressImportRow> rows = importRows(1002);
        rows[1001].userId = rows[3].userId.toUpper(); // the same pair, in the second batch
        m_server->enqueue(counts(1000, 0));
        m_server->enqueue(counts(2, 0));
        auto call = watch(m_progress->importRows(rows, false, {}, {}));
        AWAIT_FAILED(call);
        const std::optional<ValidationError> error = call.error<ValidationError>();
        QVERIFY2(error, qPrintable(call.describe()));
        const QMap<QString, QString> expected{{u"rows[1001]"_s, u"repeats rows[3] (the same userId and lessonId)"_s}};
        QCOMPARE(error->fieldErrors(), expected);
        QCOMPARE(m_server->requestCount(), 2); // both checked, none written
    }

    void checkOnlyAnswersTheCountsAndWritesNothing()
    {
        m_server->enqueue(counts(700, 300));
        m_server->enqueue(counts(1, 1));
        auto call = watch(m_progress->importRows(importRows(1002), true, {}, {}));
        AWAIT_OK(call);
        QCOMPARE(call.value().created, qint64(701));
        QCOMPARE(call.value().updated, qint64(301));
        QCOMPARE(m_server->requestCount(), 2);
        QCOMPARE(queryOf(m_server->requests().at(1)).value(u"dryRun"_s), u"true"_s);
    }

    void stoppedWhileCheckingWritesNothing()
    {
        m_server->enqueue(counts(1000, 0));
        ImportProgress stop = [](qint64, qint64) { return false; };
        auto call = watch(m_progress->importRows(importRows(1500), false, {}, stop));
        AWAIT_FAILED(call);
        QVERIFY(call.error<ImportStoppedError>());
        QVERIFY2(call.error()->message().contains(u"nothing was written"_s), qPrintable(call.error()->message()));
        QCOMPARE(m_server->requestCount(), 1);
    }

    void stoppedAfterAWrittenBatchSaysExactlyWhatIsStored()
    {
        for (int i = 0; i < 4; ++i)
            m_server->enqueue(counts(i % 2 ? 500 : 1000, 0));
        ImportProgress stopAfterFirstWrite = [](qint64 done, qint64 total) { return done < total * 3 / 4; };
        auto call = watch(m_progress->importRows(importRows(1500), false, {}, stopAfterFirstWrite));
        AWAIT_FAILED(call);
        QVERIFY(call.error<ImportStoppedError>());
        QCOMPARE(call.error()->message(),
                 u"The import was stopped after 1000 of 1500 rows were written (rows[0] to rows[999]); the rest were not written"_s);
        QCOMPARE(m_server->requestCount(), 3); // two checks, one write
    }

    void aFailedWriteAfterAWrittenBatchSaysHowManyRowsAreStored()
    {
        m_server->enqueue(counts(1000, 0));
        m_server->enqueue(counts(500, 0));
        m_server->enqueue(counts(1000, 0));
        m_server->enqueue(rowProblems(QJsonObject{{u"rows[4].userId"_s, u"is not the id of a user"_s}}));
        auto call = watch(m_progress->importRows(importRows(1500), false, {}, {}));
        AWAIT_FAILED(call);
        QCOMPARE(call.error()->kind(), ErrorKind::Validation);
        QVERIFY2(call.error()->message().contains(u"1000 of 1500 rows were already written (rows[0] to rows[999])"_s),
                 qPrintable(call.error()->message()));
        QCOMPARE(call.error()->fieldErrors().value(u"rows[1004].userId"_s), u"is not the id of a user"_s);
    }

    void batchesAreCutBelowTheBodyLimit()
    {
        const ProgressImportBatches plan(importRows(50), 1000, 2000);
        QVERIFY(plan.batches().size() > 1);
        qsizetype rows = 0;
        for (const ProgressImportBatches::Batch &batch : plan.batches()) {
            QCOMPARE(batch.first, rows);
            QCOMPARE(plan.body(batch).value(u"rows"_s).toArray().size(), batch.count);
            QVERIFY(QJsonDocument(plan.body(batch)).toJson(QJsonDocument::Compact).size() <= 2000);
            rows += batch.count;
        }
        QCOMPARE(rows, qsizetype(50));
    }

    void emptyImportSendsNothing()
    {
        auto call = watch(m_progress->importRows({}, false, {}, {}));
        AWAIT_OK(call);
        QCOMPARE(call.value().created, qint64(0));
        QCOMPARE(m_server->requestCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestHttpProgressRepository)
#include "tst_httpprogressrepository.moc"
