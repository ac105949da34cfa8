#include "EventTable.h"

#include "SqlStatements.h"
#include "SqlTimestamps.h"
#include "SqlTransaction.h"

#include <QJsonDocument>
#include <QVariantList>

namespace edge {

namespace {
struct EventFilterSql
{
    QString where; // "" or "WHERE ..."
    QVariantList values;
};

EventFilterSql filterSql(const EventQuery &query)
{
    QStringList clauses;
    EventFilterSql filter;
    const auto add = [&](const char *clause, const QVariant &value) {
        clauses << QLatin1String(clause);
        filter.values << value;
    };
    if (!query.type.isEmpty())
        add("type = ?", query.type);
    if (!query.actorId.isEmpty())
        add("actor_id = ?", query.actorId);
    if (!query.subjectType.isEmpty())
        add("subject_type = ?", query.subjectType);
    if (!query.subjectId.isEmpty())
        add("subject_id = ?", query.subjectId);
    // Timestamps are stored as sortable text, so the bounds compare as text too.
    if (query.from.isValid())
        add("created_at >= ?", toStoreTimestamp(query.from));
    if (query.to.isValid())
        add("created_at < ?", toStoreTimestamp(query.to));
    if (!clauses.isEmpty())
        filter.where = QStringLiteral("WHERE ") + clauses.join(QStringLiteral(" AND "));
    return filter;
}

ActivityEntry rowToEntry(const QSqlQuery &row)
{
    ActivityEntry entry;
    entry.id = row.value(0).toLongLong();
    entry.type = row.value(1).toString();
    entry.actorId = row.value(2).toString();
    entry.actorLabel = row.value(3).toString();
    entry.subjectType = row.value(4).toString();
    entry.subjectId = row.value(5).toString();
    // A hand-edited row with broken JSON shows an empty payload, as on the Worker.
    entry.payload = QJsonDocument::fromJson(row.value(6).toString().toUtf8()).object();
    entry.occurredAt = fromStoreTimestamp(row.value(7));
    return entry;
}

} // namespace

EventPage EventTable::list(const EventQuery &query)
{
    query.validate();
    const EventFilterSql filter = filterSql(query);
    SqlTransaction read(m_database, SqlTransaction::Kind::Read);

    QSqlQuery select = prepareSql(
        m_database,
        QStringLiteral("SELECT id, type, actor_id, actor_email, subject_type, subject_id, payload, created_at "
                       "FROM events %1 ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
            .arg(filter.where));
    bindAll(select, filter.values);
    select.addBindValue(query.pageSize);
    select.addBindValue(qint64(query.page - 1) * query.pageSize);
    execPrepared(select);

    EventPage page;
    page.page = query.page;
    page.pageSize = query.pageSize;
    while (select.next())
        page.items.append(rowToEntry(select));
    select.finish();

    QSqlQuery count = prepareSql(m_database, QStringLiteral("SELECT COUNT(*) FROM events ") + filter.where);
    bindAll(count, filter.values);
    execPrepared(count);
    page.total = count.next() ? count.value(0).toLongLong() : 0;
    page.totalPages = int((page.total + query.pageSize - 1) / query.pageSize);
    count.finish();
    read.commit();
    return page;
}

} // namespace edge
