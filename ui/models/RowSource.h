#pragma once

#include "application/Services.h"

#include <QCoro/QCoroTask>
#include <QList>
#include <QString>
#include <QVariant>

#include <functional>

namespace edge::ui {

// Where a PagedTableModel's rows come from: the pages and the match count of one query,
// read through the application layer's handlers. A screen implements one per record type
// and keeps its query (search, filters, sort) in it; the model restarts when that changes.
//
// Implementations copy their query before the first co_await (a later change of the query
// must not leak into a request already made) and do not touch `this` after it.
class RowSource
{
public:
    virtual ~RowSource() = default;

    // Page `page` (0-based) of the current query, at most `pageSize` rows; fewer at the end.
    virtual QCoro::Task<QList<QVariant>> fetchPage(Services &services, int page, int pageSize) = 0;
    // How many rows the current query matches. Not called when hasCount() is false.
    virtual QCoro::Task<qint64> count(Services &services) = 0;
    // Whether the store can count the matches. A source that cannot (a blob store listing by
    // cursor) is read page by page as the view scrolls (fetchMore), and the model says how
    // many rows it has so far and whether more follow.
    virtual bool hasCount() const { return true; }
    // A stable id for a row, to keep it selected while pages reload.
    virtual QString rowId(const QVariant &row) const = 0;

    // Sorting by a column: whether the store can, and making it the query's order (false
    // when nothing changed).
    virtual bool isSortable(int /*column*/) const { return false; }
    virtual bool setSort(int /*column*/, Qt::SortOrder /*order*/) { return false; }
};

// One column of a paged table: its header, and what a row shows in it for a role
// (Qt::DisplayRole, Qt::ToolTipRole, or PagedTableModel::UnderlyingDataRole for the typed
// value). Built with tableColumn<Row>() so screens write their columns over their own type.
struct TableColumn
{
    QString title;
    std::function<QVariant(const QVariant &row, int role)> value;
};

template<typename Row>
TableColumn tableColumn(QString title, std::function<QVariant(const Row &row, int role)> value)
{
    return {std::move(title), [value = std::move(value)](const QVariant &row, int role) {
                return value(row.value<Row>(), role);
            }};
}

// Wraps typed records for the model.
template<typename Row>
QList<QVariant> toRows(const QList<Row> &records)
{
    QList<QVariant> rows;
    rows.reserve(records.size());
    for (const Row &record : records)
        rows.append(QVariant::fromValue(record));
    return rows;
}

} // namespace edge::ui
