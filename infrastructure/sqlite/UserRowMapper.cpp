#include "UserRowMapper.h"

#include "SqlTimestamps.h"

#include <QVariant>

namespace edge {

User rowToUser(const QSqlQuery &query)
{
    // The store's CHECK constraint keeps roles valid; learner is only a safe fallback.
    const Role role = roleFromString(query.value(3).toString()).value_or(Role::Learner);
    return User::reconstitute(UserId::fromString(query.value(0).toString()),
                              Email::fromTrusted(query.value(1).toString()),
                              query.value(2).toString(), role, query.value(4).toInt(),
                              fromStoreTimestamp(query.value(5)), fromStoreTimestamp(query.value(6)));
}

ProgressEntry rowToProgress(const QSqlQuery &query)
{
    ProgressEntry entry;
    entry.userId = query.value(0).toString();
    entry.lessonId = query.value(1).toString();
    entry.lessonTitle = query.value(2).toString();
    entry.completed = query.value(3).toInt() != 0;
    entry.score = query.value(4).toInt();
    entry.completedAt = fromStoreTimestamp(query.value(5));
    entry.updatedAt = fromStoreTimestamp(query.value(6));
    return entry;
}

} // namespace edge
