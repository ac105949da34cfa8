#pragma once

#include "Bench.h"

namespace edge::bench {

// Each list screen's biggest table, queried as its row source asks (ui/models/*RowSource*,
// *TableModel, ActivityModel): pages of 200, the count apart, the default sort.
QCoro::Task<void> benchUsers(Bench &bench);    // Users: 1,000,000 users
QCoro::Task<void> benchEvents(Bench &bench);   // Activity: 1,000,000 events
QCoro::Task<void> benchLessons(Bench &bench);  // Lessons: 20,000 lessons
QCoro::Task<void> benchProgress(Bench &bench); // Progress: 2,000,000 rows
QCoro::Task<void> benchUploads(Bench &bench);  // Uploads: 200,000 files (no count, cursor pages)

// The search conditions the stores use for users' email and username, as sqlite3 text:
// the trigram index from three characters, LIKE below (infrastructure/sqlite/UserSearchSql).
QString userSearchWhereSql(const QString &term);
QString userSearchCountSql(const QString &term);

} // namespace edge::bench
