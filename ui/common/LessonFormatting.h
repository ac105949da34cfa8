#pragma once

#include "domain/Lesson.h"

#include <QString>

namespace edge::ui {

QString statusDisplayName(LessonStatus status); // "Draft", "Published"
// "★★☆☆☆": difficulty at a glance; the number is in the tooltip.
QString difficultyStars(int difficulty);
// One line naming the lesson for confirmations and status messages: "“Intro to HTML” (web)".
QString describeLesson(const Lesson &lesson);

} // namespace edge::ui
