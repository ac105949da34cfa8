#include "SqliteProgressRepository.h"

#include "ProgressTable.h"
#include "SqliteExecutor.h"

#include <QCoro/QCoroFuture>

namespace edge {

SqliteProgressRepository::SqliteProgressRepository(std::shared_ptr<SqliteExecutor> executor)
    : m_executor(std::move(executor))
{
}

// Each job captures its arguments by value: it runs later, on another thread. The job is a
// named local, never a temporary inside the co_await expression (GCC 12 destroys those twice).

QCoro::Task<std::optional<ProgressEntry>> SqliteProgressRepository::find(QString userId, QString lessonId)
{
    auto job = [userId, lessonId](SqliteConnection &connection) {
        return ProgressTable(connection.database()).find(userId, lessonId);
    };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<ProgressPage> SqliteProgressRepository::list(ProgressListQuery query)
{
    auto job = [query](SqliteConnection &connection) { return ProgressTable(connection.database()).list(query); };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<qint64> SqliteProgressRepository::count(ProgressListQuery query)
{
    auto job = [query](SqliteConnection &connection) { return ProgressTable(connection.database()).count(query); };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<QList<LessonProgressStats>> SqliteProgressRepository::lessonStats(QString track)
{
    auto job = [track](SqliteConnection &connection) { return ProgressTable(connection.database()).lessonStats(track); };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<QList<TrackProgressStats>> SqliteProgressRepository::trackStats()
{
    auto job = [](SqliteConnection &connection) { return ProgressTable(connection.database()).trackStats(); };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<QList<CompletionsPeriod>> SqliteProgressRepository::completions(CompletionsQuery query)
{
    auto job = [query](SqliteConnection &connection) { return ProgressTable(connection.database()).completions(query); };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<ProgressEntry> SqliteProgressRepository::upsert(ProgressWrite write)
{
    auto job = [write](SqliteConnection &connection) { return ProgressTable(connection.database()).upsert(write); };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<ProgressEntry> SqliteProgressRepository::remove(QString userId, QString lessonId, ProgressEvent describe)
{
    auto job = [userId, lessonId, describe](SqliteConnection &connection) {
        return ProgressTable(connection.database()).remove(userId, lessonId, describe);
    };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<ProgressBatchOutcome> SqliteProgressRepository::importRows(QList<ProgressImportRow> rows, bool checkOnly,
                                                                       ProgressEvent describe, ImportProgress progress)
{
    auto job = [rows, checkOnly, describe, progress](SqliteConnection &connection) {
        return ProgressTable(connection.database()).importRows(rows, checkOnly, describe, progress);
    };
    co_return co_await m_executor->run(std::move(job));
}

} // namespace edge
