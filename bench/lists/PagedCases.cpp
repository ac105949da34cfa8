#include "PagedCases.h"

namespace edge::bench {

QCoro::Task<void> benchNumberedPages(Bench &bench, NumberedScreen screen)
{
    const QString same = QStringLiteral("plain SQL");
    const QString naive = QStringLiteral("naive OFFSET");
    const QString firstLabel = QStringLiteral("app first page");
    const QString &name = screen.name;

    const Case countCase{name + QStringLiteral(": count"), screen.count, {screen.countSql, same}};
    const AppTiming counted = co_await bench.against(countCase);

    const Case firstCase{name + QStringLiteral(": first page"), screen.page(1), {{screen.pageSql(1)}, same}};
    const AppTiming first = co_await bench.against(firstCase);

    const Case secondCase{name + QStringLiteral(": page 2 (scrolling on)"), screen.page(2), {{screen.pageSql(2)}, same}};
    const AppTiming second = co_await bench.against(secondCase);
    bench.versus(name + QStringLiteral(": page 2 / first page"), second, first.medianMs, firstLabel, DeepTarget);

    const int last = lastPageOf(counted.keys.total);
    const Case endCase{name + QStringLiteral(": last page %1 (Ctrl+End)").arg(last), screen.page(last),
                       {{screen.pageSql(last)}, naive}};
    const AppTiming end = co_await bench.against(endCase);
    bench.versus(name + QStringLiteral(": last page / first page"), end, first.medianMs, firstLabel, DeepTarget);

    const int middle = last / 2 + 1;
    const Case middleCase{name + QStringLiteral(": middle page %1 (drag to 50%)").arg(middle), screen.page(middle),
                          {{screen.pageSql(middle)}, naive}};
    const AppTiming half = co_await bench.against(middleCase);
    bench.versus(name + QStringLiteral(": middle page / first page"), half, first.medianMs, firstLabel,
                 DeepTarget);
}

QCoro::Task<void> benchSearch(Bench &bench, SearchCase search)
{
    const bool shortTerm = search.term.toUcs4().size() < 3;
    const QString floorLabel = shortTerm ? QStringLiteral("LIKE floor") : QStringLiteral("plain SQL");
    const QString prefix = QStringLiteral("%1: search '%2' (%3)").arg(search.screen, search.term, search.matches);

    QString pageTarget = QStringLiteral("-");
    if (shortTerm)
        pageTarget = ShortSearchTarget;
    else if (!search.count)
        pageTarget = QStringLiteral("rows <=50 ms"); // no count on this screen
    search.pageFloor.label = floorLabel;
    const Case pageCase{prefix + QStringLiteral(" page"), search.page, search.pageFloor, pageTarget};
    const AppTiming page = co_await bench.against(pageCase);
    if (!search.count)
        co_return;
    const double pageFloor = bench.lastFloorMs();

    search.countFloor.label = floorLabel;
    const Case countCase{prefix + QStringLiteral(" count"), *search.count, search.countFloor,
                         shortTerm ? ShortSearchTarget : QStringLiteral("-")};
    const AppTiming count = co_await bench.against(countCase);
    if (!shortTerm) {
        bench.line(prefix + QStringLiteral(" rows+count"), page.medianMs + count.medianMs, page.firstMs + count.firstMs,
                   pageFloor + bench.lastFloorMs(), QStringLiteral("sqlite3 both"), SearchTarget);
    }
}

} // namespace edge::bench
