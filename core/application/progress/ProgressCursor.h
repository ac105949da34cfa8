#pragma once

#include "application/progress/ProgressQueries.h"

#include <QString>
#include <QVariant>

namespace edge {

// Where a keyset page ends: the last row's sort value (text, or the score as a number) and
// its key. The next page holds the rows strictly after it in (value, userId, lessonId) order.
struct ProgressPosition
{
    QVariant value; // QString (times in the store's form, '' for no completion time) or int (score)
    QString userId;
    QString lessonId;
};

// The embedded store's and the test fake's cursor: opaque to callers (base64url of a small
// JSON object), it names the sort and order it was made for, so a cursor from another sort
// or order is refused rather than misread.
namespace progress_cursor {

QString encode(ProgressSortField sort, SortOrder order, const ProgressPosition &position);
// Throws ValidationError naming "cursor" when the text is not a cursor or was made for
// another sort or order.
ProgressPosition decode(const QString &cursor, ProgressSortField sort, SortOrder order);

// The value a row sorts by (what encode() stores for the last row of a page).
QVariant sortValue(const ProgressEntry &entry, ProgressSortField sort);

} // namespace progress_cursor
} // namespace edge
