#pragma once

#include "Bench.h"

#include <optional>

namespace edge::bench {

// What the issue asks of a page away from the top (targets 2 and 7).
inline const QString DeepTarget = QStringLiteral("<=2x first page, <=50 ms");
// Target 3: a search of three or more characters shows rows and count within 50 ms; one of
// one or two characters is no slower than SQLite's LIKE scan.
inline const QString SearchTarget = QStringLiteral("rows+count <=50 ms");
inline const QString ShortSearchTarget = QStringLiteral("<=1x the LIKE floor");

// A screen whose model jumps by page number (users, events, lessons): PagedTableModel asks
// for the count and page 1 when it opens, page 2 as the view scrolls, and the page under the
// view with nothing read before it on Ctrl+End or a drag of the scroll bar.
struct NumberedScreen
{
    QString name;
    std::function<AppCall(int page)> page;       // page p (1-based), as the row source asks
    std::function<QString(int page)> pageSql;    // the store's SQL for it, LIMIT/OFFSET
    AppCall count;
    QStringList countSql;
};

// Count, first page, page 2, the last and the middle page, each against sqlite3 running the
// same SQL (OFFSET: the naive floor for deep pages), deep pages also against the first page.
QCoro::Task<void> benchNumberedPages(Bench &bench, NumberedScreen screen);

// One search term on a screen: its first page and, where the screen counts, its count.
struct SearchCase
{
    QString screen;
    QString term;
    QString matches;  // "many", "few": what the term was chosen for
    AppCall page;
    FloorSql pageFloor;
    std::optional<AppCall> count; // none: the screen does not count (uploads)
    FloorSql countFloor;
};

QCoro::Task<void> benchSearch(Bench &bench, SearchCase search);

// Pages of a number of rows: the last page's number (1-based).
inline int lastPageOf(qint64 total)
{
    return int(std::max<qint64>(1, (total + PageSize - 1) / PageSize));
}

} // namespace edge::bench
