#include "ScreenCases.h"

#include "BenchTiming.h"
#include "ScreenDriver.h"
#include "models/PagedTableModel.h"

#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include <cstdio>

namespace guibench {

namespace {
const int PageTimeoutMs = qEnvironmentVariableIntValue("EDGE_GUI_BENCH_TIMEOUT_MS") > 0
                                ? qEnvironmentVariableIntValue("EDGE_GUI_BENCH_TIMEOUT_MS")
                                : 60000;

// What the screen shows, for a step that timed out.
void describe(const Screen &screen, const char *step)
{
    QTableView *table = screen.table();
    std::fprintf(stderr, "%s: %s timed out: scroll bar %d of %d, rows %d to %d of %d shown, first real: %s, count %lld\n",
                 qPrintable(screen.key()), step, screen.scrollBar()->value(), screen.scrollBar()->maximum(),
                 table->rowAt(0), table->rowAt(table->viewport()->height() - 1), screen.model()->rowCount(),
                 screen.model()->rowAt(std::max(0, table->rowAt(0))) ? "yes" : "no",
                 static_cast<long long>(screen.model()->totalCount()));
}

// The time on `clock` once `done()` holds, or -1 when it did not within the time limit.
double timeUntil(const Screen &screen, const char *step, const Stopwatch &clock, const std::function<bool()> &done)
{
    if (waitUntil(done, PageTimeoutMs))
        return clock.ms();
    describe(screen, step);
    return -1;
}

// Lets the paint that follows the rows' arrival happen before the next step starts.
void settle()
{
    QCoreApplication::processEvents();
}
} // namespace

JumpTimes measureJumps(Screen &screen, int repetitions)
{
    JumpTimes times;
    QScrollBar *bar = screen.scrollBar();
    for (int i = 0; i < repetitions; ++i) {
        // From the top, so the view asks for no page of the last repetition meanwhile (Ctrl+Home
        // would not scroll: the first row is current already).
        bar->setValue(0);
        settle();
        Stopwatch clock;
        screen.model()->restart();
        times.firstPage << timeUntil(screen, "first page", clock, [&] { return bar->value() == 0 && screen.visibleRowsReal(); });
        times.counted << timeUntil(screen, "count", clock, [&] { return screen.counted(); });
        settle();

        // The first row is current, as after a click on it (with no current row, a view
        // takes the first key press to make one and does not move).
        screen.table()->setCurrentIndex(screen.model()->index(0, 0));
        settle();
        clock.restart();
        QTest::keyClick(screen.table(), Qt::Key_End, Qt::ControlModifier);
        times.end << timeUntil(screen, "Ctrl+End", clock, [&] {
            return bar->value() == bar->maximum() && screen.visibleRowsReal();
        });
        settle();

        // Back to the top first (cached: the first page is still held), then half way.
        QTest::keyClick(screen.table(), Qt::Key_Home, Qt::ControlModifier);
        settle();
        const int middle = bar->maximum() / 2;
        clock.restart();
        bar->setValue(middle);
        times.middle << timeUntil(screen, "half way", clock, [&] { return bar->value() == middle && screen.visibleRowsReal(); });
        settle();
    }
    return times;
}

SearchTimes measureSearch(Screen &screen, const QString &term, int repetitions, int keyDelayMs)
{
    SearchTimes times;
    QLineEdit *search = screen.searchEdit();
    edge::ui::PagedTableModel *model = screen.model();
    for (int i = 0; i < repetitions; ++i) {
        search->setFocus(Qt::MouseFocusReason);
        QSignalSpy resets(model, &QAbstractItemModel::modelReset);
        // All but the last key, then the pause before it: QTest waits `keyDelayMs` before a
        // key's release too, which would let the search start before the clock.
        QTest::keyClicks(search, term.chopped(1), Qt::NoModifier, keyDelayMs);
        const Stopwatch pause;
        waitUntil([&] { return pause.ms() >= keyDelayMs; }, keyDelayMs + 1000);
        // Searches for the shorter prefixes typed meanwhile may have started before this.
        const qsizetype before = resets.count();
        QTest::keyClick(search, term.back().toLatin1());
        Stopwatch clock;
        const auto answered = [&] { return resets.count() > before; };
        times.rows << timeUntil(screen, "search rows", clock, [&] { return answered() && screen.visibleRowsReal(); });
        times.counted << timeUntil(screen, "search count", clock, [&] { return answered() && screen.counted(); });
        times.matches = model->totalCount();
        settle();

        // The whole list again before the next repetition.
        const qsizetype beforeClear = resets.count();
        search->clear();
        waitUntil([&] { return resets.count() > beforeClear && screen.visibleRowsReal() && screen.counted(); },
                  PageTimeoutMs);
        settle();
    }
    return times;
}

ScrollRun scrollTopToBottom(Screen &screen, int stepRows, double limitSeconds)
{
    ScrollRun run;
    QScrollBar *bar = screen.scrollBar();
    QTableView *table = screen.table();
    run.how = stepRows <= 0 ? QStringLiteral("Page Down (%1 rows a step)").arg(screen.visibleRowCount())
                            : QStringLiteral("scroll bar, %1 rows a step").arg(stepRows);
    table->setFocus(Qt::OtherFocusReason);
    QTest::keyClick(table, Qt::Key_Home, Qt::ControlModifier);
    waitUntil([&] { return screen.visibleRowsReal(); }, PageTimeoutMs);

    Stopwatch clock;
    while (bar->value() < bar->maximum() && clock.ms() < limitSeconds * 1e3) {
        if (stepRows <= 0)
            QTest::keyClick(table, Qt::Key_PageDown);
        else
            bar->setValue(std::min(bar->maximum(), bar->value() + stepRows));
        ++run.steps;
        if (!waitUntil([&] { return screen.visibleRowsReal(); }, PageTimeoutMs))
            break;
        settle();
    }
    run.seconds = clock.ms() / 1e3;
    run.reachedEnd = bar->value() == bar->maximum() && screen.visibleRowsReal();
    run.lastRowShown = table->rowAt(table->viewport()->height() - 1);
    if (run.lastRowShown < 0)
        run.lastRowShown = screen.model()->rowCount() - 1;
    return run;
}

} // namespace guibench
