#include "LessonQueries.h"

#include "domain/Errors.h"

namespace edge {

QString sortFieldToString(LessonSortField field)
{
    switch (field) {
    case LessonSortField::CreatedAt:
        return QStringLiteral("createdAt");
    case LessonSortField::UpdatedAt:
        return QStringLiteral("updatedAt");
    case LessonSortField::Title:
        return QStringLiteral("title");
    case LessonSortField::Difficulty:
        return QStringLiteral("difficulty");
    case LessonSortField::Track:
        return QStringLiteral("track");
    }
    return QStringLiteral("createdAt");
}

void LessonListQuery::validate() const
{
    if (page < 1)
        throw ValidationError::field(QStringLiteral("page"), QStringLiteral("Page must be 1 or more"));
    if (pageSize < 1 || pageSize > MaxPageSize)
        throw ValidationError::field(QStringLiteral("pageSize"),
                                     QStringLiteral("Page size must be 1 to %1").arg(MaxPageSize));
    if (search.size() > MaxSearchLength)
        throw ValidationError::field(QStringLiteral("search"),
                                     QStringLiteral("Search must be at most %1 characters").arg(MaxSearchLength));
    if (std::any_of(search.begin(), search.end(), [](QChar c) { return c.category() == QChar::Other_Control; }))
        throw ValidationError::field(QStringLiteral("search"), QStringLiteral("Search must not contain control characters"));
    if (!track.isEmpty())
        if (const QString why = Lesson::trackProblem(track); !why.isEmpty())
            throw ValidationError::field(QStringLiteral("track"), why);
    if (difficulty != 0)
        if (const QString why = Lesson::difficultyProblem(difficulty); !why.isEmpty())
            throw ValidationError::field(QStringLiteral("difficulty"), why);
}

} // namespace edge
