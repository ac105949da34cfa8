#pragma once

#include "application/users/UserQueries.h" // SortOrder
#include "domain/Lesson.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace edge {

enum class LessonSortField { CreatedAt, UpdatedAt, Title, Difficulty, Track };

QString sortFieldToString(LessonSortField field); // "createdAt", "title", ... as in the API

struct LessonListQuery
{
    static constexpr int MaxPageSize = 200;
    static constexpr int MaxSearchLength = 200;

    QString search;                      // case-insensitive substring of the title
    QString track;                       // exact track; empty: every track
    std::optional<LessonStatus> status;  // none: both
    int difficulty = 0;                  // 1..5; 0: any
    int page = 1;                        // 1-based
    int pageSize = 50;
    LessonSortField sort = LessonSortField::CreatedAt;
    SortOrder order = SortOrder::Descending;
    bool withTotal = true;

    // Throws ValidationError naming "page", "pageSize", "search", "track" or "difficulty".
    void validate() const;
    bool operator==(const LessonListQuery &other) const = default;
};

struct LessonPage
{
    QList<Lesson> items;
    int page = 1;
    int pageSize = 0;
    qint64 total = -1; // -1 when withTotal was false
    int totalPages = -1;
};

// A lesson's HTML as stored, with the lesson version it belongs to (the Worker's ETag).
// Empty html when the lesson has no content yet.
struct LessonContent
{
    QByteArray html; // UTF-8
    int version = 0;
};

} // namespace edge
