#pragma once

#include "application/lessons/LessonQueries.h"

#include <QString>
#include <QVariantList>

namespace edge {

// The WHERE clause of a lesson list and the values to bind to it, as the Worker's
// D1LessonRepository builds it: the filters combine with AND; the title search is a
// substring match with LIKE (SQLite folds ASCII letters only, on both stores; %, _ and \ in
// the term match themselves); a blank search is no search.
struct LessonFilterSql
{
    QString where;        // "" (every lesson) or "WHERE ..." over table lessons
    QVariantList values;  // bound in order
};

LessonFilterSql lessonFilterSql(const LessonListQuery &query);

// "ORDER BY <column> <dir>, id <dir>" from a whitelist, never from caller text. Ties are
// broken on the id in the same direction, as the Worker does, so pages never overlap.
QString lessonOrderBy(LessonSortField field, SortOrder order);

} // namespace edge
