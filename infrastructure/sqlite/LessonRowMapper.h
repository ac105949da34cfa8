#pragma once

#include "domain/Lesson.h"

#include <QSqlQuery>
#include <QString>

namespace edge {

// The lessons columns every query selects, in the order rowToLesson() reads them. The
// content key is internal (a path under the content folder); a Lesson only says whether
// there is one (hasContent).
inline const QString LessonColumns = QStringLiteral(
    "id, title, track, difficulty, status, content_key, version, created_at, updated_at");

// Rebuilds a Lesson from the current row of a query that selected LessonColumns first.
Lesson rowToLesson(const QSqlQuery &query);

// The content key of that row ("" when the lesson has no content).
QString rowContentKey(const QSqlQuery &query);

} // namespace edge
