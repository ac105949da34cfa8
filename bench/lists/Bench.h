#pragma once

#include "SqliteFloor.h"
#include "application/Services.h"

#include <QCoro/QCoroTask>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace edge::bench {

// Rows a page holds on every screen: PagedTableModel asks each source for pages of 200.
constexpr int PageSize = 200;

// What one call through the application layer read: enough to check that the floor read the
// same rows, and to go on from there (the cursor the page ended with).
struct PageKeys
{
    int rows = 0;
    QString first;         // key of the first row (as the floor's first columns print it)
    QString last;          // key of the last row
    qint64 total = -1;     // a count's answer
    QString nextCursor;    // a keyset page's cursor to the next page
    QString lastSortValue; // the last row's sort value as stored (a keyset floor seeks from it)
};

template<typename Row, typename Key>
PageKeys keysOf(const QList<Row> &rows, Key key)
{
    PageKeys keys;
    keys.rows = int(rows.size());
    if (!rows.isEmpty()) {
        keys.first = key(rows.first());
        keys.last = key(rows.last());
    }
    return keys;
}

inline PageKeys countKeys(qint64 total)
{
    PageKeys keys;
    keys.rows = 1;
    keys.first = keys.last = QString::number(total);
    keys.total = total;
    return keys;
}

// One timed call through the application layer (a fresh task each call).
using AppCall = std::function<QCoro::Task<PageKeys>()>;

struct AppTiming
{
    double firstMs = 0; // the first call: what a query asked for the first time costs (no
                        // answer kept by the store yet; the disk cache may be cold too)
    double medianMs = 0;
    double bestMs = 0;
    int runs = 0;
    PageKeys keys;
};

// The floor of a case: statements for the sqlite3 CLI, and what they are.
struct FloorSql
{
    QStringList statements;
    QString label; // "same SQL", "naive OFFSET", ...
};

// One case: a call through the application layer, its floor, and the target.
struct Case
{
    QString name;
    AppCall call;
    FloorSql floor;
    QString target = QStringLiteral("-");
    bool once = false; // a long call timed once, with no warm-up (reading every page in turn)
};

struct BenchOptions
{
    int repeat = 7;          // at least this many timed runs a side
    double budgetMs = 1000;  // fast cases run more times, up to this long
    bool showSql = false;    // print each floor's SQL under its line
};

// Times cases and prints one line each: figure, floor, ratio, target.
class Bench
{
public:
    Bench(Services &services, const SqliteFloor &floor, BenchOptions options);

    Services &services() { return m_services; }

    // The median of runs after one warm-up run (more runs for fast calls, within the budget).
    QCoro::Task<AppTiming> time(AppCall call, bool once = false);
    // Times the call and its floor, checks both read the same rows, prints the line.
    // (Callers pass a named Case: GCC 12 destroys temporaries in a co_await expression twice.)
    QCoro::Task<AppTiming> against(Case c);
    // The same for figures already measured, against another floor.
    void againstFloor(QString name, const AppTiming &app, const FloorSql &floor, const QString &target);
    // A line comparing two of this run's figures (a deep page, its median and its first ask,
    // against the first page's median).
    void versus(const QString &name, const AppTiming &page, double baseMs, const QString &baseLabel,
                const QString &target);
    // A line with a floor measured elsewhere (sums of other lines).
    void line(const QString &name, double figureMs, double firstMs, double floorMs, const QString &floorLabel,
              const QString &target);
    void heading(const QString &text);

    static void printColumns();
    // How many cases read other rows than their floor (each also reported on stderr).
    int mismatches() const { return m_mismatches; }
    // The floor of the last against(), to add floors up.
    double lastFloorMs() const { return m_lastFloorMs; }

private:
    bool sameRows(const QString &name, const PageKeys &app, const FloorTiming &floor);

    Services &m_services;
    const SqliteFloor &m_floor;
    BenchOptions m_options;
    int m_mismatches = 0;
    double m_lastFloorMs = 0;
};

QString milliseconds(double ms);

} // namespace edge::bench
