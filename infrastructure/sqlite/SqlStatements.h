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

// Binds the values in order (for statements built with a filter's '?' placeholders).
void bindAll(QSqlQuery &query, const QVariantList &values);
// Executes a prepared statement that selects one number (a count) and returns it (0 if none).
qint64 scalar(QSqlQuery &query);

// A value for a nullable column: NULL when the string is empty.
QVariant nullIfEmpty(const QString &text);

} // namespace edge
