#pragma once

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include <algorithm>
#include <map>
#include <optional>

namespace edge {

// One ordered list a screen pages through: which rows (table and filter) in which order.
// The order is (sortColumn, id) in one direction, unique because of the id, as every list
// of the console sorts. Names are the store's own literals, never caller text.
struct OrderedListing
{
    QString table;        // "users"
    QString columns;      // what each row selects
    QString where;        // "" or "WHERE ..."
    QVariantList values;  // bound to `where`
    QString countSql;     // counts the matches with `values`; "" for SELECT COUNT(*) FROM table where
    QString sortColumn;   // "created_at"; ties broken on "id"
    bool descending = true;
    QString from;         // "" or an "INDEXED BY ..." clause that follows the table name
    // Whether starting from a remembered row is cheap: true when the sort's index can be
    // entered at a key. A filter that must be evaluated whole for every statement (a full
    // text match) is read by offset instead, from whichever end is nearer.
    bool seekable = true;
};

// Reads windows [offset, offset + limit) of an OrderedListing without skipping whole rows
// with OFFSET: it remembers the sort key of the row before each window it read far from the
// others (landmarks, counted from the start or, when the count is known and the window is
// in the second half, from the end), and starts each read from the nearest one. A page near
// one costs what the first page does; the first trip deep into a list costs one skip along
// the sort's index (keys only, not the table), from the nearer end.
// What it remembers is dropped whenever the database changed (this connection's writes or
// another's), so a landmark never points at a shifted row.
//
// One per connection, used only on the store's thread.
class KeysetPager
{
public:
    // A window this close after a remembered row (or the start) is read by skipping from it;
    // farther, the row before the window is found and remembered first.
    static constexpr qint64 NearEnough = 2000;

    explicit KeysetPager(QSqlDatabase &database) : m_database(database) {}

    // The rows of the window in the listing's order, each read by `toRow` from the query.
    // Once count() has counted the listing, its second half is read from the end.
    template<typename Row, typename ToRow>
    QList<Row> page(const OrderedListing &listing, qint64 offset, int limit, ToRow toRow)
    {
        Window window = open(listing, offset, limit);
        QList<Row> rows;
        if (!window.query)
            return rows;
        while (window.query->next())
            rows.append(toRow(*window.query));
        window.query->finish();
        if (window.backwards)
            std::reverse(rows.begin(), rows.end());
        return rows;
    }

    // How many rows the listing has: counted once, remembered until the store changes.
    qint64 count(const OrderedListing &listing);

private:
    struct Window
    {
        std::optional<QSqlQuery> query; // none: past the end
        bool backwards = false; // rows come last first
    };
    struct Landmark
    {
        QVariant sortValue;
        QVariant id;
    };
    // Position (0-based, counted from the listing's start, or from its end for `fromEnd`) of
    // a row -> its key.
    using Landmarks = std::map<qint64, Landmark>;
    struct Direction
    {
        bool descending;
        Landmarks *landmarks;
    };

    Window open(const OrderedListing &listing, qint64 offset, int limit);
    // The listing's count as last counted while nothing changed, if any.
    std::optional<qint64> knownTotal(const OrderedListing &listing);
    // The query for `limit` rows starting `skip` rows after `after` (or the start), in `direction`.
    QSqlQuery rowsAfter(const OrderedListing &listing, bool descending, const Landmark *after,
                        qint64 skip, int limit, const QString &columns);
    // A remembered row at or before `position`, within NearEnough of it (nullptr and -1: the
    // start), found and remembered when none was near.
    const Landmark *landmarkBefore(const OrderedListing &listing, Direction direction, qint64 position,
                                   qint64 &landmarkPosition);
    void forgetIfChanged();
    static QString listingKey(const OrderedListing &listing, bool withOrder);

    QSqlDatabase &m_database;
    QHash<QString, Landmarks> m_forward;
    QHash<QString, Landmarks> m_backward;
    QHash<QString, qint64> m_totals;
    qint64 m_dataVersion = -1;
    qint64 m_totalChanges = -1;
};

} // namespace edge
