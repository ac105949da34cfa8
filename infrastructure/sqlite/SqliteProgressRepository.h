#pragma once

#include "application/ports/ProgressRepository.h"

#include <memory>

namespace edge {

class SqliteExecutor;

// ProgressRepository over the embedded store: every call runs as one job on the SQLite thread
// (ProgressTable) and resumes the awaiting coroutine on its own thread with the result. An
// import is one job and one transaction; its progress callback is called on the SQLite
// thread.
class SqliteProgressRepository final : public ProgressRepository
{
public:
    explicit SqliteProgressRepository(std::shared_ptr<SqliteExecutor> executor);

    QCoro::Task<std::optional<ProgressEntry>> find(QString userId, QString lessonId) override;
    QCoro::Task<ProgressPage> list(ProgressListQuery query) override;
    QCoro::Task<qint64> count(ProgressListQuery query) override;
    QCoro::Task<QList<LessonProgressStats>> lessonStats(QString track) override;
    QCoro::Task<QList<TrackProgressStats>> trackStats() override;
    QCoro::Task<QList<CompletionsPeriod>> completions(CompletionsQuery query) override;
    QCoro::Task<ProgressEntry> upsert(ProgressWrite write) override;
    QCoro::Task<ProgressEntry> remove(QString userId, QString lessonId, ProgressEvent describe) override;
    QCoro::Task<ProgressBatchOutcome> importRows(QList<ProgressImportRow> rows, bool checkOnly,
                                                 ProgressEvent describe, ImportProgress progress) override;

private:
    std::shared_ptr<SqliteExecutor> m_executor;
};

} // namespace edge
