// edge-gui-bench: the console's window on a big store, timed as a user meets it. It builds
// what app/gui's main() builds (QApplication, DesktopPorts, StoreSession, MainWindow), opens
// the store given on the command line and drives the real widgets. bench/gui.sh runs it
// offscreen, with settings and app data in a temporary folder, beside the sqlite3 CLI's floors.
//
//   edge-gui-bench launch  STORE                  start-up to the Users screen's first rows
//   edge-gui-bench screens STORE [REPS]           launch, then jumps and searches on the screens
//   edge-gui-bench memory  STORE [STEP_ROWS [LIMIT_S]]  launch, then scroll Users top to bottom
//
// Prints one "name value..." line per figure (milliseconds unless the name says otherwise;
// several values are repetitions, in order). Nothing here edits: the console only reads a
// store it shows (bench/gui.sh refuses a store this build would migrate).
#include "BenchTiming.h"
#include "DesktopPorts.h"
#include "PaintProbe.h"
#include "ScreenCases.h"
#include "ScreenDriver.h"
#include "dialogs/MessageBoxes.h"
#include "models/PagedTableModel.h"
#include "session/StoreSession.h"
#include "window/MainWindow.h"

#include <QApplication>
#include <QFileInfo>
#include <QIcon>
#include <QTableView>

#include <cstdio>
#include <exception>

using namespace guibench;

namespace {

int usage()
{
    std::fputs("usage: edge-gui-bench launch STORE\n"
               "       edge-gui-bench screens STORE [REPS]\n"
               "       edge-gui-bench memory STORE [STEP_ROWS [LIMIT_SECONDS]]   (STEP_ROWS 0: Page Down)\n"
               "Run it through bench/gui.sh (it keeps the console's settings in a temporary folder).\n",
               stderr);
    return 2;
}

int fail(const QString &message)
{
    std::fprintf(stderr, "edge-gui-bench: %s\n", qPrintable(message));
    return 1;
}

// Launch: the window opens the store and the Users screen shows its first rows. Reports when
// each part was done, counted from the process's start.
bool launch(edge::ui::MainWindow &window, edge::ui::StoreSession &session, Screen &users, const QString &store)
{
    double opened = -1, firstPage = -1, countShown = -1;
    QString failure;
    QObject::connect(&session, &edge::ui::StoreSession::opened, [&] { opened = msSinceProcessStart(); });
    QObject::connect(&session, &edge::ui::StoreSession::openFailed,
                     [&](const QString &, const QString &message) { failure = message; });
    QObject::connect(users.model(), &edge::ui::PagedTableModel::pageArrived, [&](int first, int) {
        if (first == 0 && firstPage < 0)
            firstPage = msSinceProcessStart();
    });
    PaintProbe painted(
        users.table()->viewport(), [&] { return users.model()->rowAt(0).has_value(); }, &msSinceProcessStart);

    window.show();
    report(QStringLiteral("start.shown_ms"), msSinceProcessStart());
    window.openInitialStore(store);
    const bool shown = waitUntil([&] { return !failure.isEmpty() || (painted.fired() && firstPage >= 0); }, 60000);
    if (!failure.isEmpty() || !shown) {
        fail(failure.isEmpty() ? QStringLiteral("no rows within a minute") : failure);
        return false;
    }
    waitUntil([&] {
        if (countShown < 0 && users.counted())
            countShown = msSinceProcessStart();
        return countShown >= 0;
    }, 60000);
    report(QStringLiteral("launch.store_opened_ms"), opened);
    report(QStringLiteral("launch.first_page_ms"), firstPage);
    report(QStringLiteral("launch.rows_painted_ms"), painted.at());
    report(QStringLiteral("launch.count_shown_ms"), countShown);
    report(QStringLiteral("launch.rows"), users.model()->totalCount());
    report(QStringLiteral("launch.rss_kib"), residentKib());
    return true;
}

void runScreens(edge::ui::MainWindow &window, int repetitions)
{
    // Users, then the other lists on the big store, each shown as a user clicks to it.
    for (const QString &key : {QStringLiteral("users"), QStringLiteral("activity"), QStringLiteral("progress"),
                               QStringLiteral("lessons"), QStringLiteral("uploads")}) {
        Screen screen(window, key);
        screen.show();
        waitUntil([&] { return screen.visibleRowsReal() && screen.counted(); }, 60000);
        if (!screen.model()->isCounted()) {
            std::fprintf(stderr, "%s: not counted, no jump to the end measured\n", qPrintable(key));
            continue;
        }
        const JumpTimes jumps = measureJumps(screen, repetitions);
        report(key + QStringLiteral(".rows"), screen.model()->totalCount());
        report(key + QStringLiteral(".first_page_ms"), jumps.firstPage);
        report(key + QStringLiteral(".counted_ms"), jumps.counted);
        report(key + QStringLiteral(".end_ms"), jumps.end);
        report(key + QStringLiteral(".middle_ms"), jumps.middle);
    }

    // Search as you type where the screens have a search box.
    struct Term
    {
        QString screen, term, name;
        int keyDelayMs;
    };
    const QList<Term> terms = {
        {QStringLiteral("users"), QStringLiteral("lovelace"), QStringLiteral("users.search_lovelace"), 0},
        {QStringLiteral("users"), QStringLiteral("lovelace"), QStringLiteral("users.search_lovelace_typed"), 120},
        {QStringLiteral("users"), QStringLiteral("ga"), QStringLiteral("users.search_ga"), 0},
        {QStringLiteral("lessons"), QStringLiteral("grid"), QStringLiteral("lessons.search_grid"), 0},
        {QStringLiteral("lessons"), QStringLiteral("gr"), QStringLiteral("lessons.search_gr"), 0},
        {QStringLiteral("progress"), QStringLiteral("lovelace"), QStringLiteral("progress.search_lovelace"), 0},
    };
    for (const Term &term : terms) {
        Screen screen(window, term.screen);
        if (!screen.searchEdit())
            continue;
        screen.show();
        waitUntil([&] { return screen.visibleRowsReal() && screen.counted(); }, 60000);
        const SearchTimes times = measureSearch(screen, term.term, repetitions, term.keyDelayMs);
        report(term.name + QStringLiteral("_rows_ms"), times.rows);
        report(term.name + QStringLiteral("_counted_ms"), times.counted);
        report(term.name + QStringLiteral("_matches"), times.matches);
    }
}

void runMemory(Screen &users, int stepRows, double limitSeconds)
{
    const ScrollRun run = scrollTopToBottom(users, stepRows, limitSeconds);
    std::printf("memory.how %s\n", qPrintable(run.how));
    report(QStringLiteral("memory.steps"), run.steps);
    report(QStringLiteral("memory.seconds"), run.seconds);
    report(QStringLiteral("memory.last_row_shown"), run.lastRowShown);
    report(QStringLiteral("memory.reached_end"), run.reachedEnd ? 1 : 0);
    report(QStringLiteral("memory.rss_after_scroll_kib"), residentKib());
    report(QStringLiteral("memory.peak_rss_kib"), peakResidentKib());
}

} // namespace

int main(int argc, char *argv[])
{
    const double mainEntered = msSinceProcessStart();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("EdgeAdmin"));
    QApplication::setApplicationName(QStringLiteral("edge-admin"));
    QApplication::setApplicationDisplayName(QStringLiteral("Edge Admin"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/edge-admin.svg")));
    const double appBuilt = msSinceProcessStart();

    const QStringList args = app.arguments().mid(1);
    const QString mode = args.value(0);
    if (args.size() < 2 || (mode != u"launch" && mode != u"screens" && mode != u"memory"))
        return usage();
    const QString store = args.at(1);
    if (!QFileInfo(store).isFile())
        return fail(QStringLiteral("no store file at %1").arg(store));
    if (qEnvironmentVariableIsEmpty("XDG_CONFIG_HOME") || qEnvironmentVariableIsEmpty("XDG_DATA_HOME"))
        return fail(QStringLiteral("set XDG_CONFIG_HOME and XDG_DATA_HOME to a temporary folder "
                                   "(bench/gui.sh does), so the console's settings are not the user's"));
    edge::ui::MessageBoxes::setTestMode(true); // a failure must not wait on a modal box

    try {
        edge::app::DesktopPorts desktop;
        edge::ui::StoreSession session(desktop.ports().stores);
        edge::ui::MainWindow window(session, desktop.ports());
        Screen users(window, QStringLiteral("users"));
        const double windowBuilt = msSinceProcessStart();

        std::printf("start.clock %s\n", qPrintable(processStartSource()));
        report(QStringLiteral("start.main_ms"), mainEntered);
        report(QStringLiteral("start.qapplication_ms"), appBuilt);
        report(QStringLiteral("start.window_built_ms"), windowBuilt);
        if (!launch(window, session, users, store))
            return 1;

        if (mode == u"screens")
            runScreens(window, std::max(1, args.value(2, QStringLiteral("3")).toInt()));
        else if (mode == u"memory")
            runMemory(users, args.value(2, QStringLiteral("0")).toInt(), args.value(3, QStringLiteral("900")).toDouble());
        return 0;
    } catch (const std::exception &error) {
        return fail(QString::fromUtf8(error.what()));
    }
}
