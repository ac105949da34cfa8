// A benchmark, never part of the test run (built, not registered with ctest): the Progress
// list at scale through the application layer (ProgressQueryHandler over the embedded store),
// each timing printed beside the sqlite3 CLI running the best query for the same rows on the
// same file in the same run, as a ratio (target: at most 2x).
//
//   tst_progressbench STORE [TRACK] [RUNS]
//
// 1. the first page (50 rows, with its total) of one track's completed rows, newest first;
// 2. the page 10,000 rows deep in that list, by cursor (keyset: it should cost what 1 does);
// 3. with IMPORT_ROWS set: an import of that many existing rows through the handler, stopped
//    at its last progress report (so rolled back: the store is left as it was).
// The store comes from `edge-admin-cli generate --users N --lessons N --progress N`. Build it
// in a Release tree for figures worth comparing (a Debug build of this code costs about 3x).

#include "Await.h"

#include "application/progress/ProgressCursor.h"
#include "application/progress/ProgressHandlers.h"
#include "infrastructure/sqlite/EmbeddedBackend.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTextStream>

#include <algorithm>

using namespace edge;
using namespace edge::test;

namespace {

QTextStream out(stdout);

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0.0 : values.at(values.size() / 2);
}

// Milliseconds of `sql` in the sqlite3 CLI: one process runs it `runs` times (results to
// /dev/null), another runs "SELECT 1" as often; the difference over `runs` leaves out the
// process start and the reading of the schema. The median of three such pairs.
double sqliteMs(const QString &store, const QString &sql, int runs)
{
    const auto timeScript = [&](const QString &statement) {
        QString script = QStringLiteral(".output /dev/null\n");
        for (int i = 0; i < runs; ++i)
            script += statement + QStringLiteral(";\n");
        QProcess sqlite;
        QElapsedTimer timer;
        timer.start();
        sqlite.start(QStringLiteral("sqlite3"), {QStringLiteral("-readonly"), store});
        sqlite.write(script.toUtf8());
        sqlite.closeWriteChannel();
        sqlite.waitForFinished(-1);
        const double ms = timer.nsecsElapsed() / 1e6;
        if (sqlite.exitCode() != 0)
            out << "sqlite3 failed: " << QString::fromUtf8(sqlite.readAllStandardError()).left(500) << Qt::endl;
        return ms;
    };
    QList<double> perRun;
    for (int pair = 0; pair < 3; ++pair) {
        const double baseline = timeScript(QStringLiteral("SELECT 1 FROM lessons LIMIT 1"));
        perRun << qMax(0.0, timeScript(sql) - baseline) / runs;
    }
    return median(perRun);
}

QString literal(const QString &text)
{
    return QLatin1Char('\'') + QString(text).replace(QLatin1Char('\''), QLatin1String("''")) + QLatin1Char('\'');
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        out << "usage: tst_progressbench STORE [TRACK] [RUNS]" << Qt::endl;
        return 2;
    }
    const QString store = args.at(1);
    const int runs = args.size() > 3 ? args.at(3).toInt() : 200;
    std::unique_ptr<EmbeddedBackend> backend = await(openEmbeddedBackend(store, OpenMode::OpenExisting));
    ProgressQueryHandler progress(backend->progress());

    QString track = args.size() > 2 ? args.at(2) : QString();
    if (track.isEmpty())
        track = await(progress.trackStats()).value(0).track;
    out << "store " << store << ", track " << track << ", " << runs << " runs each" << Qt::endl;

    ProgressListQuery first;
    first.track = track;
    first.completed = true;
    first.pageSize = 50;

    // The cursor 10,000 rows deep, reached by paging (not timed).
    ProgressListQuery deep = first;
    deep.withTotal = false;
    deep.pageSize = 200;
    for (int i = 0; i < 50; ++i)
        deep.cursor = await(progress.list(deep)).nextCursor;
    deep.pageSize = 50;
    const ProgressPosition at = progress_cursor::decode(deep.cursor, deep.sort, deep.order);

    const auto timeApp = [&](const ProgressListQuery &query) {
        await(progress.list(query)); // warm
        QList<double> times;
        for (int i = 0; i < runs; ++i) {
            QElapsedTimer timer;
            timer.start();
            const ProgressPage page = await(progress.list(query));
            times << timer.nsecsElapsed() / 1e6;
            if (page.items.size() != 50 && i == 0)
                out << "  (page of " << page.items.size() << " rows)" << Qt::endl;
        }
        return median(times);
    };

    // The best plain SQL for the same rows: the track index walked newest first, the names
    // joined per row, the total from the per-lesson totals.
    const QString columns = QStringLiteral("p.user_id, p.lesson_id, p.completed, p.score, p.completed_at, p.updated_at, "
                                           "p.version, u.email, u.username, l.title, l.track");
    const QString from = QStringLiteral("progress p JOIN users u ON u.id = p.user_id JOIN lessons l ON l.id = p.lesson_id");
    const QString order = QStringLiteral("ORDER BY p.updated_at DESC, p.user_id DESC, p.lesson_id DESC LIMIT 51");
    const QString firstSql = QStringLiteral("SELECT %1 FROM %2 WHERE p.track = %3 AND p.completed = 1 %4; "
                                            "SELECT SUM(t.completed) FROM progress_lesson_totals t JOIN lessons l ON "
                                            "l.id = t.lesson_id WHERE l.track = %3")
                                 .arg(columns, from, literal(track), order);
    const QString deepSql = QStringLiteral("SELECT %1 FROM %2 WHERE p.track = %3 AND p.completed = 1 AND "
                                           "(p.updated_at, p.user_id, p.lesson_id) < (%4, %5, %6) %7")
                                .arg(columns, from, literal(track), literal(at.value.toString()), literal(at.userId),
                                     literal(at.lessonId), order);

    const auto report = [&](const char *what, double appMs, double sqlMs) {
        out << what << ": application " << QString::number(appMs, 'f', 3) << " ms, sqlite3 "
            << QString::number(sqlMs, 'f', 3) << " ms, ratio " << QString::number(appMs / qMax(sqlMs, 0.001), 'f', 2)
            << Qt::endl;
    };
    report("first page (track + completed, with total)", timeApp(first), sqliteMs(store, firstSql, runs));
    report("page 10,000 rows deep (cursor)", timeApp(deep), sqliteMs(store, deepSql, runs));

    if (const qint64 importRows = qEnvironmentVariableIntValue("IMPORT_ROWS"); importRows > 0) {
        QList<ProgressImportRow> rows;
        ProgressListQuery all;
        all.pageSize = ProgressListQuery::MaxPageSize;
        all.withTotal = false;
        while (rows.size() < importRows) {
            const ProgressPage page = await(progress.list(all));
            for (const ProgressEntry &row : page.items)
                rows.append({row.userId, row.lessonId, !row.completed, (row.score + 1) % 101, std::nullopt});
            if (page.nextCursor.isEmpty())
                break;
            all.cursor = page.nextCursor;
        }
        rows.resize(qMin<qsizetype>(rows.size(), importRows));
        struct : EventPublisher {
            void publish(const DomainEvent &) override {}
        } nowhere;
        ProgressCommandHandler commands(backend->progress(), nowhere, Actor::localUser());
        QElapsedTimer timer;
        timer.start();
        const ImportProgress stopAtTheEnd = [](qint64 done, qint64 total) { return done < total; };
        try {
            await(commands.import(rows, false, stopAtTheEnd));
        } catch (const ImportStoppedError &) {
        }
        out << "import of " << rows.size() << " rows (written, then rolled back): "
            << QString::number(timer.nsecsElapsed() / 1e9, 'f', 2) << " s" << Qt::endl;
    }
    return 0;
}
