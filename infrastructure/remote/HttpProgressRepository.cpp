#include "HttpProgressRepository.h"

#include "ApiJson.h"
#include "ProgressImportBatches.h"
#include "ProgressJson.h"
#include "WorkerClient.h"
#include "domain/Errors.h"

#include <QJsonArray>
#include <QUrl>

namespace edge::remote {

namespace {

QString rowPath(const QString &userId, const QString &lessonId)
{
    return QStringLiteral("/progress/%1/%2").arg(userId, lessonId);
}

void addText(QUrlQuery &parameters, const char *name, const QString &value)
{
    parameters.addQueryItem(QLatin1String(name), QString::fromLatin1(QUrl::toPercentEncoding(value)));
}

// The Worker's 409 as the embedded store throws it: ConflictError whose current() is the
// row as it is now (a ProgressEntry), or a null QVariant when the row is gone or unknown.
[[noreturn]] void rethrowWithEntry(const ConflictError &conflict)
{
    const QVariant current = conflict.current();
    if (!current.canConvert<QJsonObject>() || current.toJsonObject().isEmpty())
        throw ConflictError(conflict.message(), conflict.fieldErrors());
    throw ConflictError(conflict.message(), conflict.fieldErrors(),
                        QVariant::fromValue(progressFromJson(current.toJsonObject())));
}

ApiRequest batchRequest(const ProgressImportBatches &plan, const ProgressImportBatches::Batch &batch, bool dryRun)
{
    ApiRequest request = ApiRequest::post(QStringLiteral("/progress/batch"), plan.body(batch));
    if (dryRun) {
        addText(request.query, "dryRun", QStringLiteral("true"));
        request.idempotent = true; // writes nothing: safe to send again
    }
    return request;
}

qint64 countOf(const QJsonObject &data, const char *field)
{
    const QJsonValue value = data.value(QLatin1String(field));
    if (!value.isDouble() || value.toDouble() < 0)
        throw DomainError(ErrorKind::Internal,
                          QStringLiteral("The server answered a progress batch without a valid \"%1\"")
                              .arg(QLatin1String(field)));
    return value.toInteger();
}

QString rowsText(qint64 rows)
{
    return rows == 1 ? QStringLiteral("1 row") : QStringLiteral("%1 rows").arg(rows);
}

[[noreturn]] void stopped(qint64 written, qint64 total)
{
    if (written == 0)
        throw ImportStoppedError();
    throw ImportStoppedError(QStringLiteral("The import was stopped after %1 of %2 rows were written (rows[0] to rows[%3]); "
                                     "the rest were not written")
                          .arg(written)
                          .arg(total)
                          .arg(written - 1));
}

// A failed write batch after others were written: the same error, saying what is stored.
[[noreturn]] void rethrowAfterWritten(const DomainError &error, qint64 written, qint64 total,
                                      const ProgressImportBatches::Batch &batch)
{
    QMap<QString, QString> fields = ProgressImportBatches::toListIndexes(error.fieldErrors(), batch.first);
    if (written == 0) {
        if (error.kind() == ErrorKind::Validation)
            throw ValidationError(ProgressImportBatches::problemSummary(fields, total), fields);
        throw;
    }
    // A network failure may come after the Worker committed the batch: say so.
    const bool unknown = error.kind() == ErrorKind::Unavailable || error.kind() == ErrorKind::Internal;
    const QString what = QStringLiteral("%1; %2 of %3 rows were already written (rows[0] to rows[%4]), %5")
                             .arg(error.message())
                             .arg(written)
                             .arg(total)
                             .arg(written - 1)
                             .arg(unknown ? QStringLiteral("and whether the next %1 were is not known")
                                                .arg(rowsText(batch.count))
                                          : QStringLiteral("the rest were not"));
    throw DomainError(error.kind(), what, fields);
}

} // namespace

HttpProgressRepository::HttpProgressRepository(std::shared_ptr<WorkerClient> client)
    : m_client(std::move(client))
{
}

QCoro::Task<std::optional<ProgressEntry>> HttpProgressRepository::find(QString userId, QString lessonId)
{
    ProgressListQuery query;
    query.userId = userId;
    query.lessonId = lessonId;
    query.pageSize = 1;
    query.withTotal = false;
    const ProgressPage page = co_await list(std::move(query));
    if (page.items.isEmpty())
        co_return std::nullopt;
    co_return page.items.first();
}

QCoro::Task<ProgressPage> HttpProgressRepository::list(ProgressListQuery query)
{
    ApiRequest request = ApiRequest::get(QStringLiteral("/progress"), progressListParameters(query));
    request.expect = ResponseFormat::Raw; // nextCursor sits beside data in the envelope
    const ApiResult result = co_await m_client->send(request);
    co_return progressPageFromEnvelope(result.body);
}

QCoro::Task<qint64> HttpProgressRepository::count(ProgressListQuery query)
{
    query.cursor.clear();
    query.page = 1;
    query.pageSize = 1;
    query.withTotal = true;
    // Sorts without an index are refused over many rows; the count does not depend on it.
    query.sort = ProgressSortField::UpdatedAt;
    const ProgressPage page = co_await list(std::move(query));
    co_return page.total;
}

QCoro::Task<QList<LessonProgressStats>> HttpProgressRepository::lessonStats(QString track)
{
    QUrlQuery parameters;
    if (!track.isEmpty())
        addText(parameters, "track", track);
    const ApiResult result =
        co_await m_client->send(ApiRequest::get(QStringLiteral("/progress/stats/lessons"), parameters));
    QList<LessonProgressStats> stats;
    for (const QJsonValue &item : result.data.toArray())
        stats.append(lessonStatsFromJson(item.toObject()));
    co_return stats;
}

QCoro::Task<QList<TrackProgressStats>> HttpProgressRepository::trackStats()
{
    const ApiResult result = co_await m_client->send(ApiRequest::get(QStringLiteral("/progress/stats/tracks")));
    QList<TrackProgressStats> stats;
    for (const QJsonValue &item : result.data.toArray())
        stats.append(trackStatsFromJson(item.toObject()));
    co_return stats;
}

QCoro::Task<QList<CompletionsPeriod>> HttpProgressRepository::completions(CompletionsQuery query)
{
    QUrlQuery parameters;
    if (!query.track.isEmpty())
        addText(parameters, "track", query.track);
    if (!query.lessonId.isEmpty())
        addText(parameters, "lessonId", query.lessonId);
    if (query.from.isValid())
        addText(parameters, "from", toApiTimestamp(query.from));
    if (query.to.isValid())
        addText(parameters, "to", toApiTimestamp(query.to));
    addText(parameters, "bucket", bucketToString(query.bucket));
    const ApiResult result =
        co_await m_client->send(ApiRequest::get(QStringLiteral("/progress/stats/completions"), parameters));
    QList<CompletionsPeriod> periods;
    for (const QJsonValue &item : result.data.toArray())
        periods.append(completionsPeriodFromJson(item.toObject()));
    co_return periods;
}

QCoro::Task<ProgressEntry> HttpProgressRepository::upsert(ProgressWrite write)
{
    ApiRequest request = ApiRequest::put(rowPath(write.entry.userId, write.entry.lessonId),
                                         progressPutBody(write.entry));
    // Compare-and-swap either way, so a repeated PUT stores nothing twice (WorkerClient may
    // retry it): the version the change is based on, or "only if there is no row".
    if (write.expectedVersion > 0)
        request.setHeader("If-Match", '"' + QByteArray::number(write.expectedVersion) + '"');
    else
        request.setHeader("If-None-Match", "*");
    ApiResult result;
    try {
        result = co_await m_client->send(request);
    } catch (const ConflictError &conflict) {
        rethrowWithEntry(conflict);
    }
    co_return progressFromJson(result.data.toObject());
}

QCoro::Task<ProgressEntry> HttpProgressRepository::remove(QString userId, QString lessonId, ProgressEvent)
{
    // The Worker records its own event and, asked so, answers with the row it deleted (as it
    // was, with its names): nothing is read first.
    ApiRequest request = ApiRequest::remove(rowPath(userId, lessonId));
    request.setHeader("Prefer", "return=representation");
    const ApiResult result = co_await m_client->send(request);
    if (result.status != 200 || !result.data.isObject())
        throw DomainError(ErrorKind::Internal,
                          QStringLiteral("The server deleted progress %1/%2 but did not answer with the deleted row "
                                         "(HTTP %3; a Worker older than this console?)")
                              .arg(userId, lessonId)
                              .arg(result.status));
    co_return progressFromJson(result.data.toObject());
}

QCoro::Task<ProgressBatchOutcome> HttpProgressRepository::importRows(QList<ProgressImportRow> rows, bool checkOnly,
                                                                    ProgressEvent, ImportProgress progress)
{
    const std::shared_ptr<WorkerClient> client = m_client;
    const qint64 total = rows.size();
    if (total == 0)
        co_return ProgressBatchOutcome{};
    const ProgressImportBatches plan(std::move(rows));

    // Whether to go on after `done` (rows checked, then written, half the total each).
    const auto goOn = [&progress](qint64 done, qint64 of) { return !progress || progress(done, of); };

    // 1. Check every batch: a bad row anywhere writes nothing.
    QMap<QString, QString> problems = plan.repeats();
    ProgressBatchOutcome checked;
    qint64 rowsChecked = 0;
    for (const ProgressImportBatches::Batch &batch : plan.batches()) {
        const ApiRequest request = batchRequest(plan, batch, true);
        try {
            const ApiResult result = co_await client->send(request);
            const QJsonObject data = result.data.toObject();
            checked.created += countOf(data, "created");
            checked.updated += countOf(data, "updated");
        } catch (const ValidationError &error) {
            problems.insert(ProgressImportBatches::toListIndexes(error.fieldErrors(), batch.first));
        }
        rowsChecked += batch.count;
        if (!goOn(checkOnly ? rowsChecked : rowsChecked / 2, total))
            stopped(0, total);
    }
    if (!problems.isEmpty())
        throw ValidationError(ProgressImportBatches::problemSummary(problems, total), problems);
    if (checkOnly)
        co_return checked;

    // 2. Write them, one transaction each.
    ProgressBatchOutcome outcome;
    qint64 written = 0;
    for (const ProgressImportBatches::Batch &batch : plan.batches()) {
        const ApiRequest request = batchRequest(plan, batch, false);
        ApiResult result;
        try {
            result = co_await client->send(request);
        } catch (const DomainError &error) {
            rethrowAfterWritten(error, written, total, batch);
        }
        const QJsonObject data = result.data.toObject();
        outcome.created += countOf(data, "created");
        outcome.updated += countOf(data, "updated");
        written += batch.count;
        if (!goOn((total + written) / 2, total) && written < total)
            stopped(written, total);
    }
    co_return outcome;
}

} // namespace edge::remote
