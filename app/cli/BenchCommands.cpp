#include "BenchCommands.h"

#include "Connection.h"
#include "application/EventBus.h"
#include "application/Services.h"
#include "application/progress/ProgressCsv.h"

#include <QElapsedTimer>

#include <algorithm>
#include <vector>

namespace edge::cli {

namespace {

struct Timed
{
    double medianMs = 0;
    double bestMs = 0;
    ProgressPage page;
};

// Runs the query `repeat` times after one warm-up run; the median and the best of them.
QCoro::Task<Timed> timeList(Services &services, ProgressListQuery query, int repeat)
{
    Timed timed;
    timed.page = co_await services.progressQueries.list(query); // warm-up: statements prepared, pages cached
    std::vector<double> runs;
    for (int i = 0; i < repeat; ++i) {
        QElapsedTimer clock;
        clock.start();
        timed.page = co_await services.progressQueries.list(query);
        runs.push_back(double(clock.nsecsElapsed()) / 1e6);
    }
    std::sort(runs.begin(), runs.end());
    timed.medianMs = runs[runs.size() / 2];
    timed.bestMs = runs.front();
    co_return timed;
}

void printPage(const char *name, const Timed &timed)
{
    const ProgressPage &page = timed.page;
    out() << name << "-ms " << QString::number(timed.medianMs, 'f', 3) << Qt::endl
          << name << "-best-ms " << QString::number(timed.bestMs, 'f', 3) << Qt::endl
          << name << "-rows " << page.items.size() << Qt::endl;
    if (!page.items.isEmpty()) {
        const ProgressEntry &first = page.items.first();
        const ProgressEntry &last = page.items.last();
        out() << name << "-first " << ProgressCsv::timestamp(first.updatedAt) << "|" << first.userId << "|"
              << first.lessonId << Qt::endl
              << name << "-last " << ProgressCsv::timestamp(last.updatedAt) << "|" << last.userId << "|" << last.lessonId
              << Qt::endl;
    }
}

} // namespace

QCoro::Task<int> benchProgressCommand(Invocation invocation)
{
    const QCommandLineParser &options = invocation.options;
    if (!options.isSet(QStringLiteral("track")))
        throw UsageError{QStringLiteral("bench-progress needs --track T")};
    const int pageSize = intOption(options, QStringLiteral("limit"), 50);
    const int depth = intOption(options, QStringLiteral("depth"), 10'000);
    const int repeat = std::max(1, intOption(options, QStringLiteral("repeat"), 7));

    EventBus events;
    const std::unique_ptr<Services> opened = co_await openServices(invocation, events);
    Services &services = *opened;

    // What the Progress screen asks: one track, completed, newest first; the total apart.
    ProgressListQuery query;
    query.track = options.value(QStringLiteral("track"));
    query.completed = true;
    query.pageSize = pageSize;
    query.withTotal = false;
    const Timed first = co_await timeList(services, query, repeat);
    printPage("first-page", first);

    // Walked to `depth` rows by cursor (pages of 200), then the page there, timed.
    ProgressListQuery walk = query;
    walk.pageSize = ProgressListQuery::MaxPageSize;
    qint64 skipped = 0;
    QString cursor;
    ProgressEntry boundary;
    while (skipped < depth) {
        walk.pageSize = int(std::min<qint64>(ProgressListQuery::MaxPageSize, depth - skipped));
        walk.cursor = cursor;
        const ProgressPage page = co_await services.progressQueries.list(walk);
        if (page.items.isEmpty() || page.nextCursor.isEmpty())
            throw NotFoundError::withMessage(QStringLiteral("The track has fewer than %1 completed rows").arg(depth));
        skipped += page.items.size();
        boundary = page.items.last();
        cursor = page.nextCursor;
    }
    out() << "deep-after " << ProgressCsv::timestamp(boundary.updatedAt) << "|" << boundary.userId << "|"
          << boundary.lessonId << Qt::endl;
    ProgressListQuery deep = query;
    deep.cursor = cursor;
    const Timed deepPage = co_await timeList(services, deep, repeat);
    printPage("deep-page", deepPage);

    QElapsedTimer clock;
    clock.start();
    ProgressListQuery counted = query;
    const qint64 total = co_await services.progressQueries.count(counted);
    out() << "count " << total << Qt::endl << "count-ms " << QString::number(double(clock.nsecsElapsed()) / 1e6, 'f', 3)
          << Qt::endl;
    co_return Success;
}

} // namespace edge::cli
