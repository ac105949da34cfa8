#include "SqliteProgressRepository.h"

#include "SqliteExecutor.h"
#include "domain/Errors.h"

namespace edge {

namespace {
[[noreturn]] void notBuilt()
{
    throw StoreError(QStringLiteral("Progress is not available in the embedded store yet"));
}
} // namespace

SqliteProgressRepository::SqliteProgressRepository(std::shared_ptr<SqliteExecutor> executor)
    : m_executor(std::move(executor))
{
}

QCoro::Task<std::optional<ProgressEntry>> SqliteProgressRepository::find(QString, QString) { notBuilt(); co_return std::nullopt; }
QCoro::Task<ProgressPage> SqliteProgressRepository::list(ProgressListQuery) { notBuilt(); co_return {}; }
QCoro::Task<qint64> SqliteProgressRepository::count(ProgressListQuery) { notBuilt(); co_return 0; }
QCoro::Task<QList<LessonProgressStats>> SqliteProgressRepository::lessonStats(QString) { notBuilt(); co_return {}; }
QCoro::Task<QList<TrackProgressStats>> SqliteProgressRepository::trackStats() { notBuilt(); co_return {}; }
QCoro::Task<QList<CompletionsPeriod>> SqliteProgressRepository::completions(CompletionsQuery) { notBuilt(); co_return {}; }
QCoro::Task<ProgressEntry> SqliteProgressRepository::upsert(ProgressWrite) { notBuilt(); co_return {}; }
QCoro::Task<ProgressEntry> SqliteProgressRepository::remove(QString, QString, ProgressEvent) { notBuilt(); co_return {}; }
QCoro::Task<ProgressBatchOutcome> SqliteProgressRepository::importRows(QList<ProgressImportRow>, bool, ProgressEvent, ImportProgress) { notBuilt(); co_return {}; }

} // namespace edge
