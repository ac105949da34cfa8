#pragma once

#include <QDateTime>
#include <QString>

namespace edge {

// One learner's state on one lesson.
struct ProgressEntry
{
    QString userId;
    QString lessonId;
    QString lessonTitle; // for display; empty when the store does not say
    bool completed = false;
    int score = 0;          // 0..100
    QDateTime completedAt;  // null unless completed
    QDateTime updatedAt;
};

} // namespace edge
