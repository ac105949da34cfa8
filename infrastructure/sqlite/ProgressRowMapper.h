#pragma once

#include "domain/Progress.h"

#include <QSqlQuery>
#include <QString>

namespace edge {

// The columns every progress read selects (the row and the learner's and lesson's names), in
// the order rowToProgressEntry() reads them, over "progress p", "users u" and "lessons l".
inline const QString ProgressColumns = QStringLiteral(
    "p.user_id, p.lesson_id, p.completed, p.score, p.completed_at, p.updated_at, p.version, "
    "u.email, u.username, l.title, l.track");

// Rebuilds a ProgressEntry from the current row of a query that selected ProgressColumns first.
ProgressEntry rowToProgressEntry(const QSqlQuery &query);

} // namespace edge
