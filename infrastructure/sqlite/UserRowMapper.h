#pragma once

#include "domain/Progress.h"
#include "domain/User.h"

#include <QSqlQuery>
#include <QString>

namespace edge {

// The users columns every query selects, in the order rowToUser() reads them.
inline const QString UserColumns =
    QStringLiteral("id, email, username, role, version, created_at, updated_at");

// Rebuilds a User from the current row of a query that selected UserColumns first.
User rowToUser(const QSqlQuery &query);

// Reads a progress row selected as: user_id, lesson_id, lesson title, completed, score,
// completed_at, updated_at.
ProgressEntry rowToProgress(const QSqlQuery &query);

} // namespace edge
