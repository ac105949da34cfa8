#include "Bench.h"

#include <QElapsedTimer>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace edge::bench {

namespace {
constexpr int MaxAppRuns = 51;

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

QString ratio(double figure, double base)
{
    return base > 0 ? QString::number(figure / base, 'f', 2) + QLatin1Char('x') : QStringLiteral("-");
}

void print(const QString &name, const QString &figure, const QString &first, const QString &floor,
           const QString &floorLabel, const QString &ratioText, const QString &firstRatio, const QString &target)
{
    out() << QStringLiteral("%1 %2 %3 %4  %5 %6 %7  %8")
                 .arg(name, -54)
                 .arg(figure, 8)
                 .arg(first, 8)
                 .arg(floor, 8)
                 .arg(floorLabel, -26)
                 .arg(ratioText, 8)
                 .arg(firstRatio, 8)
                 .arg(target)
          << Qt::endl;
}

// The first `fields` "|"-separated fields of a row printed by sqlite3.
QString keyOf(const QString &row, int fields)
{
    return row.section(QLatin1Char('|'), 0, fields - 1);
}
} // namespace

QString milliseconds(double ms)
{
    return QString::number(ms, 'f', ms < 10 ? 2 : 1);
}

Bench::Bench(Services &services, const SqliteFloor &floor, BenchOptions options)
    : m_services(services)
    , m_floor(floor)
    , m_options(options)
{
}

void Bench::printColumns()
{
    print(QStringLiteral("case"), QStringLiteral("app ms"), QStringLiteral("1st ask"), QStringLiteral("floor ms"),
          QStringLiteral("floor"), QStringLiteral("ratio"), QStringLiteral("1st"), QStringLiteral("target"));
}

void Bench::heading(const QString &text)
{
    out() << Qt::endl << text << Qt::endl;
}

QCoro::Task<AppTiming> Bench::time(AppCall call, bool once)
{
    AppTiming timing;
    QElapsedTimer clock;
    clock.start();
    timing.keys = co_await call(); // warm-up: statements prepared, pages in the cache
    const double warmMs = double(clock.nsecsElapsed()) / 1e6;
    timing.firstMs = warmMs;
    if (once) {
        timing.medianMs = timing.bestMs = warmMs;
        timing.runs = 1;
        co_return timing;
    }
    // Calls slower than the whole budget run three times.
    const int fewest = warmMs > m_options.budgetMs ? std::min(3, m_options.repeat) : m_options.repeat;
    const int runs = std::clamp(int(std::ceil(m_options.budgetMs / std::max(warmMs, 0.1))), fewest, MaxAppRuns);
    std::vector<double> each;
    for (int i = 0; i < runs; ++i) {
        clock.restart();
        timing.keys = co_await call();
        each.push_back(double(clock.nsecsElapsed()) / 1e6);
    }
    std::sort(each.begin(), each.end());
    timing.medianMs = each[each.size() / 2];
    timing.bestMs = each.front();
    timing.runs = runs;
    co_return timing;
}

bool Bench::sameRows(const QString &name, const PageKeys &app, const FloorTiming &floor)
{
    // The floor may read one row more than the page shows (a keyset page asks for one more
    // to know whether another follows): compare the app's first and last rows with the
    // floor's rows at the same places.
    const int fields = int(app.first.count(QLatin1Char('|'))) + 1;
    const bool same = app.rows == 0
                          ? floor.rows.isEmpty()
                          : floor.rows.size() >= app.rows && keyOf(floor.rows.first(), fields) == app.first
                                && keyOf(floor.rows.at(app.rows - 1), fields) == app.last;
    if (!same) {
        ++m_mismatches;
        err() << "rows differ in \"" << name << "\": application " << app.rows << " rows " << app.first << " .. "
              << app.last << "; sqlite3 " << floor.rows.size() << " rows "
              << (floor.rows.isEmpty() ? QString() : floor.rows.first()) << " .. "
              << (floor.rows.size() >= app.rows && app.rows > 0 ? floor.rows.at(app.rows - 1) : QString()) << Qt::endl;
    }
    return same;
}

QCoro::Task<AppTiming> Bench::against(Case c)
{
    const AppTiming app = co_await time(c.call, c.once);
    againstFloor(c.name, app, c.floor, c.target);
    co_return app;
}

void Bench::againstFloor(QString name, const AppTiming &app, const FloorSql &floor, const QString &target)
{
    const FloorTiming sqlite = m_floor.time(floor.statements);
    m_lastFloorMs = sqlite.ms;
    const bool same = sameRows(name, app.keys, sqlite);
    if (app.keys.total >= 0) // a count: what it counted, for the reader
        name += QStringLiteral(" = %1").arg(app.keys.total);
    const QString label = QStringLiteral("sqlite3 %1%2").arg(floor.label, same ? QString() : QStringLiteral(" ROWS DIFFER"));
    print(name, milliseconds(app.medianMs), milliseconds(app.firstMs), milliseconds(sqlite.ms), label,
          ratio(app.medianMs, sqlite.ms), ratio(app.firstMs, sqlite.ms), target);
    if (m_options.showSql) {
        out() << "    app: median of " << app.runs << ", best " << milliseconds(app.bestMs) << " ms; sqlite3: "
              << (sqlite.mean ? "mean" : "median") << " of " << sqlite.runs << Qt::endl;
        for (const QString &statement : floor.statements)
            out() << "    " << statement << Qt::endl;
    }
}

void Bench::versus(const QString &name, const AppTiming &page, double baseMs, const QString &baseLabel,
                   const QString &target)
{
    print(name, milliseconds(page.medianMs), milliseconds(page.firstMs), milliseconds(baseMs), baseLabel,
          ratio(page.medianMs, baseMs), ratio(page.firstMs, baseMs), target);
}

void Bench::line(const QString &name, double figureMs, double firstMs, double floorMs, const QString &floorLabel,
                 const QString &target)
{
    print(name, milliseconds(figureMs), milliseconds(firstMs), milliseconds(floorMs), floorLabel,
          ratio(figureMs, floorMs), ratio(firstMs, floorMs), target);
}

} // namespace edge::bench
