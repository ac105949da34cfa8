#include "ScreenCases.h"

#include "BenchTiming.h"
#include "ScreenDriver.h"
#include "models/PagedTableModel.h"

#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

namespace guibench {

namespace {
constexpr int PageTimeoutMs = 60000;

// The time on `clock` once `done()` holds, or -1 when it did not within the time limit.
double timeUntil(const Stopwatch &clock, const std::function<bool()> &done)
{
    return waitUntil(done, PageTimeoutMs) ? clock.ms() : -1;
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
        Stopwatch clock;
        screen.model()->restart();
        times.firstPage << timeUntil(clock, [&] { return screen.visibleRowsReal(); });
        times.counted << timeUntil(clock, [&] { return screen.counted(); });
        settle();

        clock.restart();
        QTest::keyClick(screen.table(), Qt::Key_End, Qt::ControlModifier);
        times.end << timeUntil(clock, [&] {
            return bar->value() == bar->maximum() && screen.visibleRowsReal();
        });
        settle();

        // Back to the top first (cached: the first page is still held), then half way.
        QTest::keyClick(screen.table(), Qt::Key_Home, Qt::ControlModifier);
        settle();
        const int middle = bar->maximum() / 2;
        clock.restart();
        bar->setValue(middle);
        times.middle << timeUntil(clock, [&] { return bar->value() == middle && screen.visibleRowsReal(); });
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
        QTest::keyClicks(search, term, Qt::NoModifier, keyDelayMs);
        // Searches for the shorter prefixes typed meanwhile may have started before this.
        const qsizetype before = resets.count();
        Stopwatch clock;
        const auto answered = [&] { return resets.count() > before; };
        times.rows << timeUntil(clock, [&] { return answered() && screen.visibleRowsReal(); });
        times.counted << timeUntil(clock, [&] { return answered() && screen.counted(); });
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
