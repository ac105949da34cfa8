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

// The events a query matches, newest first (ties: the later row first).
OrderedListing eventListing(const EventQuery &query)
{
    const EventFilterSql filter = filterSql(query);
    OrderedListing listing;
    listing.table = QStringLiteral("events");
    listing.columns = QStringLiteral("id, type, actor_id, actor_email, subject_type, subject_id, payload, created_at");
    listing.where = filter.where;
    listing.values = filter.values;
    listing.sortColumn = QStringLiteral("created_at");
    listing.descending = true;
    return listing;
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
    const OrderedListing listing = eventListing(query);
    SqlTransaction read(m_database, SqlTransaction::Kind::Read);

    EventPage page;
    page.page = query.page;
    page.pageSize = query.pageSize;
    page.items = m_pager.page<ActivityEntry>(listing, qint64(query.page - 1) * query.pageSize, query.pageSize,
                                             rowToEntry);
    if (query.withTotal) {
        page.total = m_pager.count(listing);
        page.totalPages = int((page.total + query.pageSize - 1) / query.pageSize);
    } else {
        page.total = -1;
        page.totalPages = -1;
    }
    read.commit();
    return page;
}

} // namespace edge
