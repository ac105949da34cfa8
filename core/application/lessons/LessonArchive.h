#pragma once

#include "application/lessons/LessonHandlers.h"
#include "domain/Errors.h"
#include "domain/Lesson.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <QCoro/QCoroTask>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace edge {

// Lessons as files, for moving them between stores (and for keeping them in version control).
//
// One lesson per file, `<slug>.lesson.json`, pretty-printed UTF-8 JSON in this key order:
//
//   {
//       "format": "edge-admin-lesson",
//       "formatVersion": 1,
//       "title": "Fractions",
//       "track": "math",
//       "difficulty": 2,
//       "status": "draft",
//       "exportedFrom": { "id": "<uuid>", "version": 3, "store": "<file path or Worker URL>" },
//       "content": "<p>The lesson's HTML, as one JSON string</p>"
//   }
//
// exportedFrom is informational (where the file came from); an import matches lessons by
// track and title, never by id, so a file can go into any store. A track is exported to a
// folder holding one such file per lesson. The content round-trips byte for byte.
//
// Nothing here touches a store directly: reading goes through LessonQueryHandler and writing
// through LessonCommandHandler, so every rule, version check and audit event is theirs.

// One thing wrong with an archive, for `file:line: field: problem` messages.
struct ArchiveProblem
{
    QString file;    // the path as given (a folder's files as folder/name)
    int line = 0;    // 1-based line in the file; 0 when it does not apply
    QString field;   // the JSON key ("title", ...), or "file", "encoding", "json", "format"
    QString problem; // a sentence

    QString toString() const; // "file:line: field: problem"
    bool operator==(const ArchiveProblem &other) const = default;
};

// A lesson read from a file and checked against every rule (title and track trimmed, as a
// store keeps them; everything else exactly as in the file).
struct ArchivedLesson
{
    QString file;
    QString title;
    QString track;
    int difficulty = 1;
    QString status;     // "draft" or "published"
    QByteArray content; // UTF-8, exactly as it will be stored
    // Where the file says it came from (informational, may be empty).
    QString sourceId;
    int sourceVersion = 0;
    QString sourceStore;
    int titleLine = 0; // where "title" stands in the file, for problems found later
};

// What reading a file or folder found. Nothing may be written unless problems is empty.
struct LessonBatch
{
    QList<ArchivedLesson> lessons;
    QList<ArchiveProblem> problems;
    // Not problems: unsafe HTML found in the content (stored as given; field "content").
    QList<ArchiveProblem> warnings;

    bool isValid() const { return problems.isEmpty(); }
};

namespace LessonArchive {

inline constexpr char16_t FileSuffix[] = u".lesson.json";
inline constexpr char16_t FormatName[] = u"edge-admin-lesson";
inline constexpr int FormatVersion = 1;

// The file's bytes for a lesson and its content (the HTML must be UTF-8).
QByteArray toJson(const Lesson &lesson, const QByteArray &content, const QString &store);

// Reads and checks one file's bytes; `file` names it in problems.
LessonBatch parse(const QByteArray &bytes, const QString &file);
// Reads and checks one file, or every `*.lesson.json` file in a folder (not its subfolders),
// including that no two files in it hold the same track and title.
LessonBatch read(const QString &fileOrFolder);
// A problem for every lesson of the batch whose track and title an earlier one has.
QList<ArchiveProblem> duplicateProblems(const QList<ArchivedLesson> &lessons);
// Files larger than this are refused unread (2 MiB of HTML, escaped, fits comfortably).
inline constexpr qint64 MaxFileBytes = 16 * 1024 * 1024;

// A file name for a title: "<slug>.lesson.json", the slug made of the title's letters and
// digits (lower case, accents dropped) joined by '-', at most 80 characters, never empty,
// never a path separator, control character or a name Windows keeps for devices ("con").
// `taken` holds names already used (compared without case); a taken name gets "-2", "-3", ...
// read(), parse() and fileNameFor() touch no store: they may run on any thread.
QString fileNameFor(const QString &title, const QStringList &taken = {});

} // namespace LessonArchive

// Reports progress as (done, total); called after each lesson.
using ArchiveProgress = std::function<void(int done, int total)>;

// Writes lessons from a store to files. Files are written atomically (QSaveFile): a file is
// either complete or not there. Existing files are refused (ConflictError naming them,
// checked before anything is written) unless overwrite is set. A file that cannot be written
// is DomainError(Unavailable); an export of a track that fails midway removes the files it
// had newly made (files it overwrote stay overwritten). Store errors pass through.
class LessonExporter
{
public:
    // `store` is recorded in each file's exportedFrom (the store's location).
    LessonExporter(LessonQueryHandler &queries, QString store) : m_queries(queries), m_store(std::move(store)) {}

    // One lesson to `path` (a file name, or an existing folder to write <slug>.lesson.json
    // in). Returns the path written.
    QCoro::Task<QString> exportLesson(QString id, QString path, bool overwrite);
    // Every lesson of `track` (paging through the list) into `folder` (made if missing), one
    // file per lesson. Returns the paths written, in the order of the lessons' creation.
    // NotFoundError when the track has no lessons.
    QCoro::Task<QStringList> exportTrack(QString track, QString folder, bool overwrite,
                                         ArchiveProgress progress = {});

private:
    LessonQueryHandler &m_queries;
    QString m_store;
};

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
