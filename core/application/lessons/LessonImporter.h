#pragma once

#include "application/lessons/LessonArchive.h"

#include <atomic>
#include <memory>
#include <optional>

namespace edge {

// What an import did (or, for a plan, would do) with each file.
struct ImportedLesson
{
    enum class Action { Create, Update, Unchanged };
    QString file;
    Action action = Action::Create;
    QString id;        // the target lesson (empty for a planned creation)
    int version = 0;   // the target's version after the import (before it, for a plan)
};

struct ImportReport
{
    enum class Outcome {
        Completed, // every file applied
        Refused,   // nothing written: the batch has problems, or the target is ambiguous
        Failed,    // a read or write failed; what this import had written was undone
        Cancelled, // the flag was set; what this import had written was undone
    };
    Outcome outcome = Outcome::Completed;
    int total = 0;
    int created = 0;   // counts of what was applied (on Failed/Cancelled: before the undo)
    int updated = 0;
    int unchanged = 0;
    QList<ImportedLesson> lessons;  // per file, in order, as far as the import got
    QList<ArchiveProblem> problems; // Refused: why
    std::optional<DomainError> failure; // Failed (and Refused): the error
    QString failedFile;                 // Failed: the file being applied, if any
    QStringList undone;                 // what the undo put back, one line each
    QStringList notUndone;              // what the undo could not put back, and why

    bool succeeded() const { return outcome == Outcome::Completed; }
};

struct ImportOptions
{
    ArchiveProgress progress;                 // after each lesson
    std::shared_ptr<std::atomic_bool> cancel; // checked before each lesson; set: stop and undo
};

// Applies a checked batch to a store: a lesson with the same track and title in the store is
// updated (metadata and content, each a compare-and-swap on the version it read), otherwise
// created (as a draft until its content is in, so learners never see a published lesson
// without it). A remote store has no transactions, so this import keeps a journal: when a
// write fails midway, or the import is cancelled, it undoes what it had done (deletes the
// lessons it created; puts back the metadata and content of those it updated) and reports
// both the failure and the undo. Never throws DomainError: everything is in the report.
class LessonImporter
{
public:
    LessonImporter(LessonCommandHandler &commands, LessonQueryHandler &queries)
        : m_commands(commands), m_queries(queries) {}

    // What apply() would do, reading but writing nothing (Refused when the batch has
    // problems or a target lesson is ambiguous; Failed when reading fails).
    QCoro::Task<ImportReport> plan(LessonBatch batch);
    QCoro::Task<ImportReport> apply(LessonBatch batch, ImportOptions options = {});

private:
    LessonCommandHandler &m_commands;
    LessonQueryHandler &m_queries;
};

// "Created 2, updated 1, unchanged 3" and the like, for messages.
QString summary(const ImportReport &report);

} // namespace edge
