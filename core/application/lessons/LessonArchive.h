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

} // namespace edge
