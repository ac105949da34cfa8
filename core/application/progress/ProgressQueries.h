#pragma once

#include "application/users/UserQueries.h" // SortOrder
#include "domain/Progress.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

#include <functional>
#include <optional>

namespace edge {

// The Worker's sorts of GET /progress. Ties are broken by userId then lessonId in the same
// direction, so the order is total and keyset pages never overlap.
enum class ProgressSortField { UpdatedAt, Score, CompletedAt, Email, Title };

QString sortFieldToString(ProgressSortField field); // "updatedAt", "score", ... as in the API

// A filtered, sorted list of progress rows. Paging is by cursor (keyset: a page deep in the
// list costs what the first does) when `cursor` is set, else by page number (offset).
struct ProgressListQuery
{
    static constexpr int MaxPageSize = 200;
    static constexpr int MaxSearchLength = 254;

    QString search;                  // case-insensitive substring of the learner's email or username
    QString userId;                  // one learner; empty: everyone
    QString lessonId;                // one lesson; empty: every lesson
    QString track;                   // the lesson's track; empty: every track
    std::optional<bool> completed;   // none: both
    std::optional<int> minScore;     // inclusive, 0..100
    std::optional<int> maxScore;     // inclusive, not below minScore
    QDateTime completedFrom;         // inclusive; null: open (set: rows not completed are left out)
    QDateTime completedTo;           // exclusive; null: open
    ProgressSortField sort = ProgressSortField::UpdatedAt;
    SortOrder order = SortOrder::Descending;
    int pageSize = 50;
    int page = 1;                    // 1-based; ignored when cursor is set
    QString cursor;                  // nextCursor of the previous page (same filters and sort)
    bool withTotal = true;

    // Throws ValidationError naming the field ("search", "minScore", "completedTo", ...).
    void validate() const;
    bool sameFilters(const ProgressListQuery &other) const; // everything but paging
    bool operator==(const ProgressListQuery &other) const = default;
};

struct ProgressPage
{
    QList<ProgressEntry> items;
    QString nextCursor; // empty on the last page
    qint64 total = -1;  // -1 when withTotal was false
};

// Completion statistics of one lesson (every lesson, also unstarted ones).
struct LessonProgressStats
{
    QString lessonId;
    QString title;
    QString track;
    qint64 learners = 0;     // progress rows (started)
    qint64 completed = 0;
    double averageScore = 0; // over the lesson's rows; 0 when none

    double completionRate() const { return learners ? double(completed) / double(learners) : 0.0; }
};

struct TrackProgressStats
{
    QString track;
    qint64 lessons = 0;
    qint64 learners = 0;     // progress rows of the track's lessons
    qint64 completed = 0;
    double averageScore = 0;

    double completionRate() const { return learners ? double(completed) / double(learners) : 0.0; }
};

enum class CompletionBucket { Day, Week, Month };
QString bucketToString(CompletionBucket bucket); // "day", "week", "month"

// Completed rows counted per period of their completion time (UTC).
struct CompletionsQuery
{
    QString track;     // empty: every track
    QString lessonId;  // empty: every lesson
    QDateTime from;    // inclusive; null: open
    QDateTime to;      // exclusive; null: open
    CompletionBucket bucket = CompletionBucket::Day;

    void validate() const; // ValidationError naming "to" when before from, ...
};

struct CompletionsPeriod
{
    QDate start; // the day, the Monday of its ISO week, or the 1st of its month
    qint64 completed = 0;
};

// One row of an import, as the Worker's batch row: completed and score required.
struct ProgressImportRow
{
    QString userId;
    QString lessonId;
    bool completed = false;
    int score = 0;
    std::optional<QDateTime> completedAt; // unset: kept, or now when it becomes completed
};

struct ProgressBatchOutcome
{
    qint64 created = 0; // rows that did not exist
    qint64 updated = 0; // rows replaced
};

// What a store finds wrong with an import's rows, as the Worker's batch: an unknown user
// ("rows[i].userId": "is not the id of a user") or lesson ("rows[i].lessonId"), a (user,
// lesson) pair seen before ("rows[i]": "repeats rows[j] (the same userId and lessonId)").
QMap<QString, QString> progressImportReferenceProblems(const QList<ProgressImportRow> &rows,
                                                       const std::function<bool(const QString &)> &userExists,
                                                       const std::function<bool(const QString &)> &lessonExists);
// Throws ValidationError ("2 of 10 rows have problems; nothing was written") carrying
// `problems` when there are any.
void refuseImportProblems(const QMap<QString, QString> &problems, qsizetype rowCount);

} // namespace edge
