#include "LessonListSql.h"

#include "LessonRowMapper.h"
#include "UserSearchSql.h" // likePattern

#include <QStringList>

namespace edge {

LessonFilterSql lessonFilterSql(const LessonListQuery &query)
{
    QStringList clauses;
    LessonFilterSql filter;
    const auto add = [&](const char *clause, const QVariant &value) {
        clauses << QLatin1String(clause);
        filter.values << value;
    };
    // Titles are stored trimmed, so surrounding blanks in a term could never match.
    if (const QString term = query.search.trimmed(); !term.isEmpty())
        add("title LIKE ? ESCAPE '\\'", likePattern(term));
    if (!query.track.isEmpty())
        add("track = ?", query.track);
    if (query.status)
        add("status = ?", lessonStatusToString(*query.status));
    if (query.difficulty != 0)
        add("difficulty = ?", query.difficulty);
    if (!clauses.isEmpty())
        filter.where = QStringLiteral("WHERE ") + clauses.join(QStringLiteral(" AND "));
    return filter;
}

namespace {
QString sortColumn(LessonSortField field)
{
    switch (field) {
    case LessonSortField::CreatedAt: return QStringLiteral("created_at");
    case LessonSortField::UpdatedAt: return QStringLiteral("updated_at");
    case LessonSortField::Title: return QStringLiteral("title");
    case LessonSortField::Difficulty: return QStringLiteral("difficulty");
    case LessonSortField::Track: return QStringLiteral("track");
    }
    return QStringLiteral("created_at");
}
} // namespace

OrderedListing lessonListing(const LessonListQuery &query)
{
    const LessonFilterSql filter = lessonFilterSql(query);
    OrderedListing listing;
    listing.table = QStringLiteral("lessons");
    listing.columns = LessonColumns;
    listing.where = filter.where;
    listing.values = filter.values;
    listing.sortColumn = sortColumn(query.sort);
    listing.descending = query.order == SortOrder::Descending;
    return listing;
}

} // namespace edge
