#pragma once

#include "KeysetPager.h"
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

// The lessons a query matches in its order, for KeysetPager: (column, id) from a whitelist,
// never from caller text; ties broken on the id in the same direction, as the Worker does,
// so pages never overlap.
OrderedListing lessonListing(const LessonListQuery &query);

} // namespace edge
