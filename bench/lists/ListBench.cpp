// edge-list-bench: every list screen's queries on a big embedded store, through the code the
// console runs (EmbeddedBackend on its own SQLite thread, Services, the handlers), as the
// screens' row sources ask them; each beside the sqlite3 CLI running the plain SQL for the same
// rows on the same file. bench/lists.sh runs it on the store bench/data.sh makes.
//
//   edge-list-bench STORE [--screens users,events,lessons,progress,uploads] [--repeat N]
//                         [--budget-ms MS] [--sqlite3 PATH] [--show-sql]
//
// Prints one line per case: the application's median, the floor, what the floor is, the
// ratio and the target. Never writes to the store (sqlite3 opens it read-only, and
// a store that would need migrating is refused rather than migrated).
#include "Bench.h"
#include "ScreenCases.h"

#include "application/EventBus.h"
#include "domain/Errors.h"
#include "infrastructure/sqlite/EmbeddedBackend.h"
#include "infrastructure/sqlite/MigrationRunner.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <optional>

namespace {

using namespace edge;
using namespace edge::bench;

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

struct Settings
{
    QString store;
    QStringList screens;
    QString sqlite3 = QStringLiteral("sqlite3");
    BenchOptions options;
};

const QStringList &allScreens()
{
    static const QStringList screens{QStringLiteral("users"), QStringLiteral("events"), QStringLiteral("lessons"),
                                     QStringLiteral("progress"), QStringLiteral("uploads")};
    return screens;
}

// Migrations this build would apply on opening: the benchmark refuses them (it writes to
// a store others read at the same time).
QStringList pendingMigrations(const QString &store)
{
    const MigrationRunner runner;
    const QStringList applied = runner.inspect(store).appliedNames;
    QStringList pending;
    for (const QString &name : runner.knownNames()) {
        if (!applied.contains(name))
            pending << name;
    }
    return pending;
}

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll()).section(QLatin1Char(' '), 0, 2)
                                          : QStringLiteral("?");
}

QString sqliteVersion(const QString &program)
{
    QProcess sqlite;
    sqlite.start(program, {QStringLiteral("--version")});
    sqlite.waitForFinished();
    return QString::fromLatin1(sqlite.readAllStandardOutput()).section(QLatin1Char(' '), 0, 0);
}

QCoro::Task<int> run(Settings settings)
{
    EventBus events;
    std::unique_ptr<EmbeddedBackend> store = co_await openEmbeddedBackend(settings.store, OpenMode::OpenExisting);
    Services services(std::move(store), events, Actor::localUser());
    const SqliteFloor floor(settings.sqlite3, settings.store, settings.options.budgetMs, settings.options.repeat);
    Bench bench(services, floor, settings.options);

    out() << "List screens on " << settings.store << Qt::endl
          << "(" << QThread::idealThreadCount() << " cores, load " << loadAverage() << ", sqlite3 "
          << sqliteVersion(settings.sqlite3) << ")" << Qt::endl
          << "app ms:  median of " << settings.options.repeat << " or more runs after a first one (3 when one takes "
          << "over the budget), through Services" << Qt::endl
          << "1st ask: that first run: nothing kept by the store yet, as for a new search, jump or count (the" << Qt::endl
          << "         figure a person meets; '1st' is its ratio); the 4 ms steps seen under load are the scheduler's" << Qt::endl
          << "         tick: each page hops to the store's thread and back" << Qt::endl
          << "floor:   sqlite3 -readonly on the same file, `.timer on` after a warm-up run; the mean of many runs "
          << "under 10 ms" << Qt::endl
          << "         (its timer counts whole milliseconds), else the median (3 runs over the budget)" << Qt::endl
          << "         plain SQL: the straightforward statement for those rows (the store's own, unless it now "
          << "reads them" << Qt::endl
          << "         another way); naive OFFSET: plain LIMIT/OFFSET for a deep page (progress: OFFSET along the"
          << Qt::endl
          << "         index by keys, names joined onto the page, as the store does: 'OFFSET by keys');" << Qt::endl
          << "         keyset SQL: seeking from the cursor's row" << Qt::endl;
    Bench::printColumns();
    for (const QString &screen : std::as_const(settings.screens)) {
        if (screen == u"users")
            co_await benchUsers(bench);
        else if (screen == u"events")
            co_await benchEvents(bench);
        else if (screen == u"lessons")
            co_await benchLessons(bench);
        else if (screen == u"progress")
            co_await benchProgress(bench);
        else if (screen == u"uploads")
            co_await benchUploads(bench);
    }
    out() << Qt::endl << "(load now " << loadAverage() << ")" << Qt::endl;
    if (bench.mismatches() > 0) {
        err() << bench.mismatches() << " case(s) read other rows than their floor (see above)" << Qt::endl;
        co_return 1;
    }
    co_return 0;
}

QCoro::Task<> runAndQuit(Settings settings)
{
    int code = 1;
    try {
        code = co_await run(settings);
    } catch (const DomainError &error) {
        err() << "error: " << error.message() << Qt::endl;
    } catch (const std::exception &error) {
        err() << "error: " << error.what() << Qt::endl;
    }
    out().flush();
    QCoreApplication::exit(code);
}

std::optional<Settings> parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times the list screens' queries on a big store against sqlite3."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("store"), QStringLiteral("the store file (read, never written)"));
    parser.addOption({QStringLiteral("screens"), QStringLiteral("which, comma-separated (default: all)"),
                      QStringLiteral("list"), allScreens().join(QLatin1Char(','))});
    parser.addOption({QStringLiteral("repeat"), QStringLiteral("at least this many timed runs a case (default 7)"),
                      QStringLiteral("n"), QStringLiteral("7")});
    parser.addOption({QStringLiteral("budget-ms"),
                      QStringLiteral("fast cases run more often, up to about this long a side (default 1000)"),
                      QStringLiteral("ms"), QStringLiteral("1000")});
    parser.addOption({QStringLiteral("sqlite3"), QStringLiteral("the sqlite3 CLI (default: from PATH)"),
                      QStringLiteral("path"), QStringLiteral("sqlite3")});
    parser.addOption({QStringLiteral("show-sql"), QStringLiteral("print each floor's SQL and run counts")});
    parser.process(arguments);

    Settings settings;
    if (parser.positionalArguments().size() != 1) {
        err() << "error: give one store file (bench/data.sh prints it)" << Qt::endl;
        return std::nullopt;
    }
    settings.store = QFileInfo(parser.positionalArguments().first()).absoluteFilePath();
    if (!QFileInfo(settings.store).isFile()) {
        err() << "error: no store at " << settings.store << " (bench/data.sh makes it)" << Qt::endl;
        return std::nullopt;
    }
    settings.screens = parser.value(QStringLiteral("screens")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &screen : std::as_const(settings.screens)) {
        if (!allScreens().contains(screen)) {
            err() << "error: --screens: no screen called \"" << screen << "\" (" << allScreens().join(QStringLiteral(", "))
                  << ")" << Qt::endl;
            return std::nullopt;
        }
    }
    bool ok = false;
    settings.options.repeat = parser.value(QStringLiteral("repeat")).toInt(&ok);
    if (!ok || settings.options.repeat < 1) {
        err() << "error: --repeat must be a whole number from 1" << Qt::endl;
        return std::nullopt;
    }
    settings.options.budgetMs = parser.value(QStringLiteral("budget-ms")).toDouble(&ok);
    if (!ok || settings.options.budgetMs < 0) {
        err() << "error: --budget-ms must be a number of milliseconds" << Qt::endl;
        return std::nullopt;
    }
    settings.sqlite3 = parser.value(QStringLiteral("sqlite3"));
    settings.options.showSql = parser.isSet(QStringLiteral("show-sql"));
    return settings;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const std::optional<Settings> settings = parse(app.arguments());
    if (!settings)
        return 2;
    try {
        if (const QStringList pending = pendingMigrations(settings->store); !pending.isEmpty()) {
            err() << "error: " << settings->store << " lacks migrations " << pending.join(QStringLiteral(", "))
                  << ", and this benchmark never writes to its store. Apply them once on purpose (any "
                     "edge-admin-cli command on the store does, e.g. `edge-admin-cli --store STORE users list`), "
                     "or make the store again (remove it and run bench/data.sh)."
                  << Qt::endl;
            return 1;
        }
    } catch (const DomainError &error) {
        err() << "error: " << error.message() << Qt::endl;
        return 1;
    }
    // Started from inside the event loop so that exit() always has a loop to end.
    std::optional<QCoro::Task<>> running;
    QTimer::singleShot(0, &app, [&running, &settings]() { running.emplace(runAndQuit(*settings)); });
    return app.exec();
}
