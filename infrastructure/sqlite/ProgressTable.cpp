#include "ProgressTable.h"

#include "ProgressListSql.h"
#include "ProgressRowMapper.h"
#include "SqlEventLog.h"
#include "SqlStatements.h"
#include "SqlTimestamps.h"
#include "SqlTransaction.h"
#include "domain/Errors.h"

#include <QHash>

#include <cmath>

namespace edge {

namespace {

double averageOf(qint64 scoreSum, qint64 learners)
{
    // Rounded to 2 decimals, as the Worker answers.
    return learners ? std::round(double(scoreSum) / double(learners) * 100.0) / 100.0 : 0.0;
}

QVariant completedAtValue(const ProgressEntry &entry)
{
    return entry.completedAt.isValid() ? QVariant(toStoreTimestamp(entry.completedAt)) : QVariant(QMetaType::fromType<QString>());
}

// A larger page cache for the length of one job (an import): a transaction that rewrites many
// rows touches pages of four indexes and the events table all over the file, and with the
// default 2 MiB cache SQLite spills them to the WAL and reads them back again and again
// (100,000 rows: minutes instead of seconds). The connection's own setting comes back after.
class LargerPageCache
{
public:
    LargerPageCache(QSqlDatabase &database, qint64 kibibytes) : m_database(database)
    {
        QSqlQuery current = execSql(m_database, QStringLiteral("PRAGMA cache_size"));
        m_saved = current.next() ? current.value(0).toLongLong() : -2000;
        execSql(m_database, QStringLiteral("PRAGMA cache_size = -%1").arg(kibibytes));
    }
    ~LargerPageCache()
    {
        try {
            execSql(m_database, QStringLiteral("PRAGMA cache_size = %1").arg(m_saved));
        } catch (...) {
            // The cache stays larger for this connection: slower to nothing, only bigger.
        }
    }
    LargerPageCache(const LargerPageCache &) = delete;
    LargerPageCache &operator=(const LargerPageCache &) = delete;

private:
    QSqlDatabase &m_database;
    qint64 m_saved = -2000;
};

constexpr qint64 ImportCacheKiB = 128 * 1024;

} // namespace

std::optional<ProgressEntry> ProgressTable::find(const QString &userId, const QString &lessonId)
{
    QSqlQuery query = prepareSql(m_database, QStringLiteral(
        "SELECT %1 FROM progress p JOIN users u ON u.id = p.user_id JOIN lessons l ON l.id = p.lesson_id "
        "WHERE p.user_id = ? AND p.lesson_id = ?").arg(ProgressColumns));
    query.addBindValue(userId);
    query.addBindValue(lessonId);
    execPrepared(query);
    if (!query.next())
        return std::nullopt;
    return rowToProgressEntry(query);
}

QSqlQuery &ProgressTable::statement(std::optional<QSqlQuery> &slot, const QString &sql)
{
    if (!slot)
        slot = prepareSql(m_database, sql);
    return *slot;
}

std::optional<ProgressEntry> ProgressTable::findBare(const QString &userId, const QString &lessonId)
{
    QSqlQuery &query = statement(m_selectBare, QStringLiteral(
        "SELECT user_id, lesson_id, completed, score, completed_at, updated_at, version, NULL, NULL, NULL, track "
        "FROM progress WHERE user_id = ? AND lesson_id = ?"));
    query.bindValue(0, userId);
    query.bindValue(1, lessonId);
    execPrepared(query);
    std::optional<ProgressEntry> found;
    if (query.next())
        found = rowToProgressEntry(query);
    query.finish();
    return found;
}

ProgressPage ProgressTable::list(const ProgressListQuery &query)
{
    query.validate();
    std::optional<ProgressPosition> after;
    if (!query.cursor.isEmpty())
        after = progress_cursor::decode(query.cursor, query.sort, query.order);

    // As the Worker: sorts without an index and broad completion-time ranges are counted
    // first; the count decides how the page is read and is the page's total.
    const bool unindexed = progressSortUnindexed(query);
    const bool timeRange = (query.completedFrom.isValid() || query.completedTo.isValid()) && !progressQueryNarrowed(query);
    // One snapshot for the page and its count, as D1's batch() gives the Worker (a page
    // alone is one statement: no transaction to open).
    std::optional<SqlTransaction> read;
    if (query.withTotal || unindexed || timeRange)
        read.emplace(m_database, SqlTransaction::Kind::Read);
    std::optional<qint64> counted;
    if (unindexed || timeRange) {
        counted = count(query);
        if (unindexed && *counted > MaxSortedRows)
            throw ValidationError::field(
                QStringLiteral("sort"),
                QStringLiteral("%1 has no index: it sorts every row the filters select (%2, at most %3); filter by "
                               "userId, lessonId or a narrower q or track, or sort by updatedAt, email or title")
                    .arg(sortFieldToString(query.sort))
                    .arg(*counted)
                    .arg(MaxSortedRows));
    }
    const ProgressSql pageSql = progressPageSql(query, after, timeRange && counted && *counted <= MaxSortedRows);
    QSqlQuery select = prepareSql(m_database, pageSql.sql);
    bindAll(select, pageSql.values);
    execPrepared(select);
    ProgressPage page;
    while (select.next())
        page.items.append(rowToProgressEntry(select));
    select.finish();
    if (page.items.size() > query.pageSize) {
        page.items.resize(query.pageSize);
        const ProgressEntry &last = page.items.constLast();
        page.nextCursor = progress_cursor::encode(query.sort, query.order,
                                                  {progress_cursor::sortValue(last, query.sort), last.userId, last.lessonId});
    }
    if (query.withTotal)
        page.total = counted ? *counted : count(query);
    if (read)
        read->commit();
    return page;
}

qint64 ProgressTable::count(const ProgressListQuery &query)
{
    query.validate();
    const ProgressSql countSql = progressCountSql(query);
    QSqlQuery count = prepareSql(m_database, countSql.sql);
    bindAll(count, countSql.values);
    return scalar(count);
}

QList<LessonProgressStats> ProgressTable::lessonStats(const QString &track)
{
    const ProgressSql sql = lessonStatsSql(track);
    QSqlQuery query = prepareSql(m_database, sql.sql);
    bindAll(query, sql.values);
    execPrepared(query);
    QList<LessonProgressStats> stats;
    while (query.next()) {
        LessonProgressStats s;
        s.lessonId = query.value(0).toString();
        s.title = query.value(1).toString();
        s.track = query.value(2).toString();
        s.learners = query.value(3).toLongLong();
        s.completed = query.value(4).toLongLong();
        s.averageScore = averageOf(query.value(5).toLongLong(), s.learners);
        stats.append(s);
    }
    return stats;
}

QList<TrackProgressStats> ProgressTable::trackStats()
{
    QSqlQuery query = prepareSql(m_database, trackStatsSql().sql);
    execPrepared(query);
    QList<TrackProgressStats> stats;
    while (query.next()) {
        TrackProgressStats s;
        s.track = query.value(0).toString();
        s.lessons = query.value(1).toLongLong();
        s.learners = query.value(2).toLongLong();
        s.completed = query.value(3).toLongLong();
        s.averageScore = averageOf(query.value(4).toLongLong(), s.learners);
        stats.append(s);
    }
    return stats;
}

QList<CompletionsPeriod> ProgressTable::completions(const CompletionsQuery &query)
{
    query.validate();
    const ProgressSql sql = completionsSql(query);
    QSqlQuery select = prepareSql(m_database, sql.sql);
    bindAll(select, sql.values);
    execPrepared(select);
    QList<CompletionsPeriod> periods;
    while (select.next())
        periods.append({QDate::fromString(select.value(0).toString(), Qt::ISODate), select.value(1).toLongLong()});
    return periods;
}

bool ProgressTable::exists(const QString &table, const QString &id)
{
    // `table` is ours ("users" or "lessons"), never caller text.
    QSqlQuery &query = statement(table == QLatin1String("users") ? m_userExists : m_lessonExists,
                                 QStringLiteral("SELECT 1 FROM %1 WHERE id = ?").arg(table));
    query.bindValue(0, id);
    execPrepared(query);
    const bool found = query.next();
    query.finish();
    return found;
}

void ProgressTable::write(const ProgressEntry &entry, int expectedVersion)
{
    const QVariantList values = expectedVersion == 0
        ? QVariantList{entry.userId, entry.lessonId, entry.completed ? 1 : 0, entry.score, completedAtValue(entry),
                       toStoreTimestamp(entry.updatedAt), entry.version, entry.lessonId}
        : QVariantList{entry.completed ? 1 : 0, entry.score, completedAtValue(entry), toStoreTimestamp(entry.updatedAt),
                       entry.version, entry.userId, entry.lessonId, expectedVersion};
    QSqlQuery &query = expectedVersion == 0
        ? statement(m_insert, QStringLiteral(
              "INSERT INTO progress (user_id, lesson_id, completed, score, completed_at, updated_at, version, track) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT track FROM lessons WHERE id = ?))"))
        : statement(m_update, QStringLiteral(
              "UPDATE progress SET completed = ?, score = ?, completed_at = ?, updated_at = ?, version = ? "
              "WHERE user_id = ? AND lesson_id = ? AND version = ?"));
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    execPrepared(query);
}

ProgressEntry ProgressTable::upsert(const ProgressWrite &change)
{
    const ProgressEntry &entry = change.entry;
    SqlTransaction transaction(m_database, SqlTransaction::Kind::Write);
    if (!exists(QStringLiteral("users"), entry.userId))
        throw NotFoundError(QStringLiteral("User"), entry.userId);
    if (!exists(QStringLiteral("lessons"), entry.lessonId))
        throw NotFoundError(QStringLiteral("Lesson"), entry.lessonId);
    const std::optional<ProgressEntry> stored = find(entry.userId, entry.lessonId);
    const int storedVersion = stored ? stored->version : 0;
    if (storedVersion != change.expectedVersion) {
        throw ConflictError(QStringLiteral("Progress %1 is at version %2, not %3")
                                .arg(entry.key())
                                .arg(storedVersion)
                                .arg(change.expectedVersion),
                            {}, stored ? QVariant::fromValue(*stored) : QVariant());
    }
    write(entry, change.expectedVersion);
    recordEvent(m_database, change.event);
    std::optional<ProgressEntry> written = find(entry.userId, entry.lessonId);
    transaction.commit();
    return *written;
}

ProgressEntry ProgressTable::remove(const QString &userId, const QString &lessonId, const ProgressEvent &describe)
{
    SqlTransaction transaction(m_database, SqlTransaction::Kind::Write);
    const std::optional<ProgressEntry> stored = find(userId, lessonId);
    if (!stored)
        throw NotFoundError(QStringLiteral("Progress"), userId + QLatin1Char(':') + lessonId);
    QSqlQuery remove = prepareSql(m_database, QStringLiteral("DELETE FROM progress WHERE user_id = ? AND lesson_id = ?"));
    remove.addBindValue(userId);
    remove.addBindValue(lessonId);
    execPrepared(remove);
    recordEvent(m_database, describe(stored, *stored));
    transaction.commit();
    return *stored;
}

ProgressBatchOutcome ProgressTable::importRows(const QList<ProgressImportRow> &rows, bool checkOnly,
                                               const ProgressEvent &describe, const ImportProgress &progress)
{
    const LargerPageCache cache(m_database, ImportCacheKiB);
    // One transaction for everything: the checks and the writes see the same store, and a
    // problem, a failure or a stop rolls every row back.
    SqlTransaction transaction(m_database, checkOnly ? SqlTransaction::Kind::Read : SqlTransaction::Kind::Write);
    QHash<QString, bool> users;
    QHash<QString, bool> lessons;
    const auto known = [this](QHash<QString, bool> &cache, const QString &table, const QString &id) {
        auto found = cache.constFind(id);
        if (found == cache.cend())
            found = cache.insert(id, exists(table, id));
        return *found;
    };
    refuseImportProblems(
        progressImportReferenceProblems(
            rows, [&](const QString &id) { return known(users, QStringLiteral("users"), id); },
            [&](const QString &id) { return known(lessons, QStringLiteral("lessons"), id); }),
        rows.size());

    ProgressBatchOutcome outcome;
    const qint64 total = rows.size();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (qint64 i = 0; i < total; ++i) {
        if (i > 0 && i % ImportProgressStep == 0 && progress && !progress(i, total))
            throw ImportStoppedError(QStringLiteral("The import was stopped at row %1 of %2; nothing was written").arg(i).arg(total));
        const ProgressImportRow &row = rows.at(i);
        const std::optional<ProgressEntry> before = findBare(row.userId, row.lessonId);
        before ? ++outcome.updated : ++outcome.created;
        if (checkOnly)
            continue;
        ProgressChange change;
        change.completed = row.completed;
        change.score = row.score;
        change.completedAt = row.completedAt;
        const ProgressEntry after = applyProgressChange(before, row.userId, row.lessonId, change, now);
        write(after, before ? before->version : 0);
        if (describe)
            recordEvent(m_database, describe(before, after));
    }
    if (progress && !progress(total, total))
        throw ImportStoppedError();
    transaction.commit();
    return outcome;
}

} // namespace edge
