#include "SqlStatements.h"

#include "domain/Errors.h"

#include <QSqlError>

namespace edge {

namespace {
[[noreturn]] void throwSqlError(const QSqlError &error, const QString &sql)
{
    const QString text = error.text();
    // SQLITE_CONSTRAINT (19): the store's unique/foreign-key rules are the last line of defence.
    if (error.nativeErrorCode() == QLatin1String("19") || text.contains(QLatin1String("UNIQUE constraint")))
        throw ConflictError(QStringLiteral("The store refused the change: %1").arg(text));
    if (text.contains(QLatin1String("readonly"), Qt::CaseInsensitive))
        throw StoreError(QStringLiteral("The store is read-only: %1").arg(text));
    throw StoreError(QStringLiteral("Store error: %1 (in: %2)").arg(text, sql.simplified().left(120)));
}
} // namespace

QSqlQuery prepareSql(const QSqlDatabase &database, const QString &sql)
{
    QSqlQuery query(database);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        throwSqlError(query.lastError(), sql);
    return query;
}

void execPrepared(QSqlQuery &query)
{
    if (!query.exec())
        throwSqlError(query.lastError(), query.lastQuery());
}

QSqlQuery execSql(const QSqlDatabase &database, const QString &sql)
{
    QSqlQuery query(database);
    query.setForwardOnly(true);
    if (!query.exec(sql))
        throwSqlError(query.lastError(), sql);
    return query;
}

QVariant nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

void bindAll(QSqlQuery &query, const QVariantList &values)
{
    for (const QVariant &value : values)
        query.addBindValue(value);
}

qint64 scalar(QSqlQuery &query)
{
    execPrepared(query);
    return query.next() ? query.value(0).toLongLong() : 0;
}

} // namespace edge
