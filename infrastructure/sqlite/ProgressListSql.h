#pragma once

#include "application/progress/ProgressCursor.h"
#include "application/progress/ProgressQueries.h"

#include <QString>
#include <QVariantList>

#include <optional>

namespace edge {

// One SQL statement and the values to bind to it, in order.
struct ProgressSql
{
    QString sql;
    QVariantList values;
};

// The statements of the progress list, as the Worker's D1ProgressRepository builds them (the
// same indexes walked, so both stores answer alike and fast at 10,000,000 rows):
// - each sort has a join order that walks an index in that order: progress first (the
//   updated/track/lesson indexes) for updatedAt, score and completedAt; users by email, then
//   each user's rows, for email; lessons by title (idx_lessons_title), then each lesson's
//   rows, for title (CROSS JOIN fixes the order);
// - the track is matched on the row's copy (p.track, idx_progress_track) unless a user, a
//   lesson or a search leads, where the lesson's own track is checked per row;
// - ties are broken by user_id then lesson_id in the sort's direction, and a keyset page is
//   "(value, user_id, lesson_id) > the last row's" (< descending): page 10,000 costs what
//   page 1 does;
// - byCompletion: the rows of a completion-time range found through idx_progress_completions
//   and sorted (for a range of few rows).
// The page statement selects pageSize + 1 rows (the extra one tells there is a next page).
ProgressSql progressPageSql(const ProgressListQuery &query, const std::optional<ProgressPosition> &after,
                            bool byCompletion);
// How many rows the filters select: from progress_lesson_totals for lesson, track and
// completed filters only; one idx_progress_completions range per lesson for completion-time
// ranges; otherwise through the list's indexes.
ProgressSql progressCountSql(const ProgressListQuery &query);

// True when a user, a lesson or a search leads (fewer rows than any track).
bool progressQueryNarrowed(const ProgressListQuery &query);
// Score and completedAt have no index (except within one user's rows): they sort every row
// the filters select.
bool progressSortUnindexed(const ProgressListQuery &query);

// Statistics from progress_lesson_totals: every lesson (of the track), ordered by track,
// title, id; every track, ordered by track. Columns: id, title, track, learners, completed,
// score_sum / track, lessons, learners, completed, score_sum.
ProgressSql lessonStatsSql(const QString &track);
ProgressSql trackStatsSql();

// Completions per period (period TEXT YYYY-MM-DD, completed), oldest first: whole days of
// [from, to) from progress_daily_completions, the partial first and last day from
// idx_progress_completions, rolled up into days, ISO weeks (Monday) or months.
ProgressSql completionsSql(const CompletionsQuery &query);

} // namespace edge
