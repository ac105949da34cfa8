#include "Progress.h"

namespace edge {

QString ProgressEntry::scoreProblem(int score)
{
    if (score < MinScore || score > MaxScore)
        return QStringLiteral("must be a whole number from %1 to %2").arg(MinScore).arg(MaxScore);
    return {};
}

QString ProgressEntry::completedAtProblem(const QDateTime &completedAt, bool completed, const QDateTime &now)
{
    if (!completedAt.isValid())
        return QStringLiteral("is not a valid date and time");
    if (!completed)
        return QStringLiteral("can only be set on a completed row");
    if (completedAt > now.addSecs(CompletedAtSkewSeconds))
        return QStringLiteral("is in the future");
    return {};
}

bool ProgressEntry::sameValues(const ProgressEntry &other) const
{
    return userId == other.userId && lessonId == other.lessonId && completed == other.completed
           && score == other.score && completedAt == other.completedAt && version == other.version
           && updatedAt == other.updatedAt;
}

ProgressEntry applyProgressChange(const std::optional<ProgressEntry> &before, const QString &userId,
                                  const QString &lessonId, const ProgressChange &change,
                                  const QDateTime &now)
{
    ProgressEntry after;
    if (before)
        after = *before;
    after.userId = userId;
    after.lessonId = lessonId;
    const bool wasCompleted = before && before->completed;
    if (change.completed)
        after.completed = *change.completed;
    if (change.score)
        after.score = *change.score;
    if (!after.completed)
        after.completedAt = {};
    else if (change.completedAt)
        after.completedAt = change.completedAt->toUTC();
    else if (!wasCompleted || !after.completedAt.isValid())
        after.completedAt = now.toUTC();
    after.version = before ? before->version + 1 : 1;
    after.updatedAt = now.toUTC();
    return after;
}

} // namespace edge
