#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

namespace edge {

// Thin helpers over QSqlQuery that turn failures into StoreError (or ConflictError for a
// violated UNIQUE constraint), so repository code reads as a list of statements.

// Prepares a forward-only statement; values are bound by the caller, never spliced in.
QSqlQuery prepareSql(const QSqlDatabase &database, const QString &sql);
// Executes a prepared statement with its bound values.
void execPrepared(QSqlQuery &query);
// Executes a statement that takes no values (PRAGMA, BEGIN, COMMIT).
QSqlQuery execSql(const QSqlDatabase &database, const QString &sql);

// A value for a nullable column: NULL when the string is empty.
QVariant nullIfEmpty(const QString &text);

} // namespace edge
