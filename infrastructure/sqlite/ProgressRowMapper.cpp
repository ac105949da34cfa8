#include "ProgressRowMapper.h"

#include "SqlTimestamps.h"

#include <QVariant>

namespace edge {

ProgressEntry rowToProgressEntry(const QSqlQuery &query)
{
    ProgressEntry entry;
    entry.userId = query.value(0).toString();
    entry.lessonId = query.value(1).toString();
    entry.completed = query.value(2).toInt() != 0;
    entry.score = query.value(3).toInt();
    entry.completedAt = fromStoreTimestamp(query.value(4));
    entry.updatedAt = fromStoreTimestamp(query.value(5));
    entry.version = query.value(6).toInt();
    entry.userEmail = query.value(7).toString();
    entry.username = query.value(8).toString();
    entry.lessonTitle = query.value(9).toString();
    entry.track = query.value(10).toString();
    return entry;
}

} // namespace edge
