#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

namespace edge {

// One learner's state on one lesson, keyed by (userId, lessonId). The names beside the key
// are for display: the learner's email and username, the lesson's title and track, as the
// store joined them when reading (empty when it did not).
struct ProgressEntry
{
    static constexpr int MinScore = 0;
    static constexpr int MaxScore = 100;
    // How far in the future an admin-set completion time may be (clock skew), as the Worker.
    static constexpr int CompletedAtSkewSeconds = 60;

    QString userId;
    QString lessonId;
    bool completed = false;
    int score = 0;          // 0..100
    QDateTime completedAt;  // UTC; null unless completed
    QDateTime updatedAt;    // UTC
    int version = 1;        // 1 when created, + 1 on every write

    QString userEmail;
    QString username;
    QString lessonTitle;
    QString track;

    // "<userId>:<lessonId>", the audit trail's subject id for progress.
    QString key() const { return userId + QLatin1Char(':') + lessonId; }

    // Empty when valid, otherwise what is wrong (for inline messages and import reports).
    static QString scoreProblem(int score);
    // A completion time must be valid, not later than now + skew, and only on a completed row.
    static QString completedAtProblem(const QDateTime &completedAt, bool completed, const QDateTime &now);

    // Equal stored values (the display names are not compared).
    bool sameValues(const ProgressEntry &other) const;
    bool operator==(const ProgressEntry &other) const = default;
};

// A change to one row as an admin or an import asks for it. Unset fields keep their value
// (false and 0 for a new row). completedAt unset means automatic: set to now when the row
// becomes completed, kept while it stays completed, cleared when it is not completed.
struct ProgressChange
{
    std::optional<bool> completed;
    std::optional<int> score;
    std::optional<QDateTime> completedAt; // an explicit completion time (admins)
};

// The row after `change`, from the row before it (none: a new row): the Worker's rules for
// completedAt, version + 1 (1 for a new row), updatedAt = now. Does not validate.
ProgressEntry applyProgressChange(const std::optional<ProgressEntry> &before, const QString &userId,
                                  const QString &lessonId, const ProgressChange &change,
                                  const QDateTime &now);

} // namespace edge

Q_DECLARE_METATYPE(edge::ProgressEntry)
