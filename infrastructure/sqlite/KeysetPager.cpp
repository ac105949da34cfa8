#include "KeysetPager.h"

#include "SqlStatements.h"

#include <QVariant>

namespace edge {

namespace {

QString orderClause(const OrderedListing &listing, bool descending)
{
    const QString direction = descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    return QStringLiteral("ORDER BY %1 %2, id %2").arg(listing.sortColumn, direction);
}

qint64 pragmaNumber(QSqlDatabase &database, const QString &sql)
{
    QSqlQuery query = execSql(database, sql);
    return query.next() ? query.value(0).toLongLong() : -1;
}

} // namespace

QString KeysetPager::listingKey(const OrderedListing &listing, bool withOrder)
{
    // Which rows and in which order; the plan (`from`) changes neither.
    QString key = listing.table + QLatin1Char('\x1f') + listing.where;
    for (const QVariant &value : listing.values)
        key += QLatin1Char('\x1f') + value.toString();
    if (withOrder)
        key += QLatin1Char('\x1e') + listing.sortColumn + (listing.descending ? QLatin1Char('-') : QLatin1Char('+'));
    return key;
}

void KeysetPager::forgetIfChanged()
{
    // data_version moves when another connection (the CLI, a second console) commits;
    // total_changes() when this one writes. Either shifts rows, so nothing remembered holds.
    const qint64 dataVersion = pragmaNumber(m_database, QStringLiteral("PRAGMA data_version"));
    const qint64 totalChanges = pragmaNumber(m_database, QStringLiteral("SELECT total_changes()"));
    if (dataVersion == m_dataVersion && totalChanges == m_totalChanges)
        return;
    m_forward.clear();
    m_backward.clear();
    m_totals.clear();
    m_dataVersion = dataVersion;
    m_totalChanges = totalChanges;
}

std::optional<qint64> KeysetPager::knownTotal(const OrderedListing &listing)
{
    forgetIfChanged();
    const auto found = m_totals.constFind(listingKey(listing, false));
    if (found == m_totals.cend())
        return std::nullopt;
    return *found;
}

qint64 KeysetPager::count(const OrderedListing &listing)
{
    if (const std::optional<qint64> known = knownTotal(listing))
        return *known;
    const QString sql = listing.countSql.isEmpty()
                            ? QStringLiteral("SELECT COUNT(*) FROM %1 %2").arg(listing.table, listing.where)
                            : listing.countSql;
    QSqlQuery query = prepareSql(m_database, sql);
    bindAll(query, listing.values);
    const qint64 total = scalar(query);
    m_totals.insert(listingKey(listing, false), total);
    return total;
}

QSqlQuery KeysetPager::rowsAfter(const OrderedListing &listing, bool descending, const Landmark *after,
                                 qint64 skip, int limit, const QString &columns)
{
    QString where = listing.where;
    if (after) {
        // Row values compare (sort value, id) as one key, which the sort's index can enter at.
        const QString past = QStringLiteral("(%1, id) %2 (?, ?)")
                                 .arg(listing.sortColumn, descending ? QStringLiteral("<") : QStringLiteral(">"));
        const QLatin1String keyword("WHERE ");
        where = where.isEmpty() ? keyword + past
                                : QStringLiteral("WHERE (%1) AND %2").arg(where.sliced(keyword.size()), past);
    }
    QSqlQuery query = prepareSql(m_database, QStringLiteral("SELECT %1 FROM %2 %3 %4 %5 LIMIT ? OFFSET ?")
                                                 .arg(columns, listing.table, listing.from, where,
                                                      orderClause(listing, descending)));
    bindAll(query, listing.values);
    if (after) {
        query.addBindValue(after->sortValue);
        query.addBindValue(after->id);
    }
    query.addBindValue(limit);
    query.addBindValue(skip);
    execPrepared(query);
    return query;
}

const KeysetPager::Landmark *KeysetPager::landmarkBefore(const OrderedListing &listing, Direction direction,
                                                        qint64 position, qint64 &landmarkPosition)
{
    Landmarks &landmarks = *direction.landmarks;
    // The nearest remembered row at or before the position (-1: the start).
    auto nearest = landmarks.upper_bound(position);
    const Landmark *from = nullptr;
    landmarkPosition = -1;
    if (nearest != landmarks.begin()) {
        --nearest;
        from = &nearest->second;
        landmarkPosition = nearest->first;
    }
    if (position - landmarkPosition <= NearEnough)
        return from;
    // One skip along the sort's index, reading only the key columns (not the table), to the
    // row at the position; remembered for the next jump near it.
    const QString keyColumns = listing.sortColumn + QStringLiteral(", id");
    QSqlQuery hop = rowsAfter(listing, direction.descending, from, position - landmarkPosition - 1, 1, keyColumns);
    if (!hop.next())
        return from; // past the end: the caller's read finds no rows there either
    const auto inserted = landmarks.insert_or_assign(position, Landmark{hop.value(0), hop.value(1)});
    hop.finish();
    landmarkPosition = position;
    return &inserted.first->second;
}

KeysetPager::Window KeysetPager::open(const OrderedListing &listing, qint64 offset, int limit)
{
    const std::optional<qint64> total = knownTotal(listing);
    // From the end, the window [offset, offset + limit) is [fromEnd, fromEnd + limit) of the
    // reversed order; nearer from there when it starts in the second half.
    const bool backwards = total && offset > *total / 2;
    qint64 start = offset;
    if (backwards) {
        const qint64 end = std::min(*total, offset + limit);
        if (end <= offset)
            return {std::nullopt, false}; // past the end: no rows, and nothing to skip to say so
        limit = int(end - offset);
        start = *total - end;
    }
    const bool descending = backwards ? !listing.descending : listing.descending;
    if (!listing.seekable || start <= NearEnough)
        return {rowsAfter(listing, descending, nullptr, start, limit, listing.columns), backwards};

    const QString key = listingKey(listing, true);
    Landmarks &landmarks = backwards ? m_backward[key] : m_forward[key];
    qint64 landmarkPosition = -1;
    const Landmark *from = landmarkBefore(listing, Direction{descending, &landmarks}, start - 1, landmarkPosition);
    return {rowsAfter(listing, descending, from, start - landmarkPosition - 1, limit, listing.columns), backwards};
}

} // namespace edge
