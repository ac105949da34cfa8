#include "LessonListSql.h"

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

QString lessonOrderBy(LessonSortField field, SortOrder order)
{
    QString column;
    switch (field) {
    case LessonSortField::CreatedAt: column = QStringLiteral("created_at"); break;
    case LessonSortField::UpdatedAt: column = QStringLiteral("updated_at"); break;
    case LessonSortField::Title: column = QStringLiteral("title"); break;
    case LessonSortField::Difficulty: column = QStringLiteral("difficulty"); break;
    case LessonSortField::Track: column = QStringLiteral("track"); break;
    }
    const QString direction = order == SortOrder::Ascending ? QStringLiteral("ASC") : QStringLiteral("DESC");
    return QStringLiteral("ORDER BY %1 %2, id %2").arg(column, direction);
}

} // namespace edge
