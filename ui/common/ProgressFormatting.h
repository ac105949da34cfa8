#pragma once

#include "domain/Progress.h"

#include <QDateTime>
#include <QString>

namespace edge::ui {

// The learner as a row names them: their email, or the id when the store joined no name.
QString learnerName(const ProgressEntry &entry);
// The lesson as a row names it: its title, or the id when the store joined no title.
QString lessonName(const ProgressEntry &entry);
// One line naming the record for confirmations and status messages:
// "ada@example.com on “Intro to HTML”".
QString describeProgress(const ProgressEntry &entry);
// "Completed" / "Not completed".
QString completionText(bool completed);
// "73 %" style rates from 0..1, one decimal.
QString formatRate(double rate);
// An average score with one decimal ("81.5").
QString formatAverage(double average);

// A completion time typed by an admin, in local time, "yyyy-MM-dd HH:mm" (seconds optional);
// invalid when it does not parse. The inverse of formatCompletionInput.
QDateTime parseCompletionInput(const QString &text);
QString formatCompletionInput(const QDateTime &utc);
QString completionInputFormat(); // "yyyy-MM-dd HH:mm", for placeholders and messages

} // namespace edge::ui
