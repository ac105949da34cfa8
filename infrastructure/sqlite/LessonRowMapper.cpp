#include "LessonRowMapper.h"

#include "SqlTimestamps.h"

#include <QVariant>

namespace edge {

Lesson rowToLesson(const QSqlQuery &query)
{
    Lesson lesson;
    lesson.id = query.value(0).toString();
    lesson.title = query.value(1).toString();
    lesson.track = query.value(2).toString();
    lesson.difficulty = query.value(3).toInt();
    // The store's CHECK constraint keeps statuses valid; draft is only a safe fallback.
    lesson.status = query.value(4).toString() == QLatin1String("published") ? LessonStatus::Published
                                                                            : LessonStatus::Draft;
    lesson.hasContent = !query.value(5).isNull();
    lesson.version = query.value(6).toInt();
    lesson.createdAt = fromStoreTimestamp(query.value(7));
    lesson.updatedAt = fromStoreTimestamp(query.value(8));
    return lesson;
}

QString rowContentKey(const QSqlQuery &query)
{
    return query.value(5).isNull() ? QString() : query.value(5).toString();
}

} // namespace edge
