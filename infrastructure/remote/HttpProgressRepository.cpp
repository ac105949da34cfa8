#include "HttpProgressRepository.h"

#include "WorkerClient.h"
#include "domain/Errors.h"

namespace edge::remote {

namespace {
[[noreturn]] void notBuilt()
{
    throw StoreError(QStringLiteral("Progress is not available from a Worker yet"));
}
} // namespace

HttpProgressRepository::HttpProgressRepository(std::shared_ptr<WorkerClient> client)
    : m_client(std::move(client))
{
}

QCoro::Task<std::optional<ProgressEntry>> HttpProgressRepository::find(QString, QString) { notBuilt(); co_return std::nullopt; }
QCoro::Task<ProgressPage> HttpProgressRepository::list(ProgressListQuery) { notBuilt(); co_return {}; }
QCoro::Task<qint64> HttpProgressRepository::count(ProgressListQuery) { notBuilt(); co_return 0; }
QCoro::Task<QList<LessonProgressStats>> HttpProgressRepository::lessonStats(QString) { notBuilt(); co_return {}; }
QCoro::Task<QList<TrackProgressStats>> HttpProgressRepository::trackStats() { notBuilt(); co_return {}; }
QCoro::Task<QList<CompletionsPeriod>> HttpProgressRepository::completions(CompletionsQuery) { notBuilt(); co_return {}; }
QCoro::Task<ProgressEntry> HttpProgressRepository::upsert(ProgressWrite) { notBuilt(); co_return {}; }
QCoro::Task<ProgressEntry> HttpProgressRepository::remove(QString, QString, ProgressEvent) { notBuilt(); co_return {}; }
QCoro::Task<ProgressBatchOutcome> HttpProgressRepository::importRows(QList<ProgressImportRow>, bool, ProgressEvent, ImportProgress) { notBuilt(); co_return {}; }

} // namespace edge::remote
