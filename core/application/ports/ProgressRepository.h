#pragma once

#include "application/progress/ProgressQueries.h"
#include "domain/DomainEvent.h"
#include "domain/Errors.h"
#include "domain/Progress.h"

#include <QCoro/QCoroTask>

#include <functional>
#include <optional>

namespace edge {

// An import its progress callback stopped (it returned false). The embedded store then wrote
// nothing; the message says what was written when batches were already stored remotely.
class ImportStoppedError final : public DomainError
{
public:
    explicit ImportStoppedError(QString message = QStringLiteral("The import was stopped; nothing was written"))
        : DomainError(ErrorKind::Unavailable, std::move(message)) {}
};

// A write of one row the handler decided on, for the repository to store.
struct ProgressWrite
{
    ProgressEntry entry;     // the new state (version advanced, updatedAt now)
    int expectedVersion = 0; // stored only if the stored row still has this version; 0: only if there is no row
    DomainEvent event;       // what the change means, recorded with it
};

// Told how many rows of an import are done, from any thread (the store's own included); returns
// false to stop the import, which then writes nothing (what a batch already wrote remotely is
// reported by the thrown error).
using ImportProgress = std::function<bool(qint64 done, qint64 total)>;

// Makes the audit event of a row's write from the row before it (none: created) and after it.
using ProgressEvent = std::function<DomainEvent(const std::optional<ProgressEntry> &before,
                                                const ProgressEntry &after)>;

// The Scribe for progress: stores and loads, decides nothing. Implemented over SQLite and
// HTTP (the Worker's /progress API). Every call is asynchronous and never blocks the calling
// (UI) thread; failures are DomainError subclasses. Rows come with the learner's and the
// lesson's names. Every write records its event with the change.
class ProgressRepository
{
public:
    virtual ~ProgressRepository() = default;

    virtual QCoro::Task<std::optional<ProgressEntry>> find(QString userId, QString lessonId) = 0;
    virtual QCoro::Task<ProgressPage> list(ProgressListQuery query) = 0;
    // How many rows match the query's filters (paging and sort ignored).
    virtual QCoro::Task<qint64> count(ProgressListQuery query) = 0;

    // Statistics per lesson (every lesson of the track, or every lesson; unstarted ones too),
    // ordered by track then title; per track, ordered by track.
    virtual QCoro::Task<QList<LessonProgressStats>> lessonStats(QString track) = 0;
    virtual QCoro::Task<QList<TrackProgressStats>> trackStats() = 0;
    // Completions per period, oldest first; periods without completions are left out.
    virtual QCoro::Task<QList<CompletionsPeriod>> completions(CompletionsQuery query) = 0;

    // Compare-and-swap: stores write.entry only if the stored row still has
    // write.expectedVersion (0: only if there is none). Throws ConflictError carrying the
    // current ProgressEntry (QVariant; null when the row is gone), NotFoundError when the user
    // or the lesson does not exist. Returns the row as stored, with names.
    virtual QCoro::Task<ProgressEntry> upsert(ProgressWrite write) = 0;
    // Deletes the row; records describe(deleted, deleted) and returns what was deleted.
    // NotFoundError if there is no such row.
    virtual QCoro::Task<ProgressEntry> remove(QString userId, QString lessonId, ProgressEvent describe) = 0;

    // Imports rows, all or nothing: every row is checked first (the user and the lesson exist,
    // no (user, lesson) twice); any problem throws ValidationError with fieldErrors keyed
    // "rows[i].field" (i: index into rows) and writes nothing. Otherwise every row is written
    // (applyProgressChange on the stored row) with describe(before, after) as its event.
    // checkOnly: check, write nothing, answer what would be created and updated. The embedded store writes everything in one
    // transaction; the Worker in batches of at most 1000 rows, each all or nothing, after
    // checking every batch first.
    virtual QCoro::Task<ProgressBatchOutcome> importRows(QList<ProgressImportRow> rows, bool checkOnly,
                                                         ProgressEvent describe, ImportProgress progress) = 0;
};

} // namespace edge
