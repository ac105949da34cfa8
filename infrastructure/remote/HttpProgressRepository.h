#pragma once

#include "application/ports/ProgressRepository.h"

#include <memory>

namespace edge::remote {

class WorkerClient;

// ProgressRepository over the Worker's /progress endpoints (openapi.yaml). The Worker
// validates, checks roles and versions, and records the audit events itself (the events
// handed in here are not sent); this class maps JSON and errors so that callers cannot tell
// it from the embedded store:
// - find() is GET /progress?userId=&lessonId=; list() sends every filter, the sort and either
//   the cursor or the page number, and reads nextCursor; count() asks for one row with the
//   total (sorted by updatedAt, which every filter can walk);
// - upsert() is a PUT of the row's values (completed, score, completedAt, all explicit) with
//   the expected version as `version`, or `If-None-Match: *` when the row must not exist
//   yet; a 409 is ConflictError carrying the Worker's current row as a ProgressEntry (a null
//   QVariant when the row is gone);
// - remove() sends DELETE with `Prefer: return=representation`: the Worker answers with the
//   row it deleted (nothing is read first);
// - importRows() cuts the rows into the Worker's batches (ProgressImportBatches), checks
//   every batch with ?dryRun=true before writing the first, so a bad row anywhere writes
//   nothing; problems come back keyed by the whole list's indexes. The writes are one
//   transaction per batch: a stop or a failure after the first batch says exactly how many
//   rows were already written. progress(done, total) counts rows, half for checking and half
//   for writing (checkOnly: checking is all of it).
class HttpProgressRepository final : public ProgressRepository
{
public:
    explicit HttpProgressRepository(std::shared_ptr<WorkerClient> client);

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
    std::shared_ptr<WorkerClient> m_client;
};

} // namespace edge::remote
