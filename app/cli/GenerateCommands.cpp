#include "GenerateCommands.h"

#include "Connection.h"
#include "StoreCommands.h"
#include "infrastructure/sqlite/BulkDataWriter.h"
#include "infrastructure/sqlite/SqliteExecutor.h"

#include <QCoro/QCoroFuture>
#include <QDateTime>
#include <QElapsedTimer>
#include <QLocale>
#include <QRandomGenerator>

#include <array>
#include <atomic>
#include <csignal>
#include <memory>

namespace edge::cli {

namespace {

constexpr qint64 UserBatch = 50'000;
constexpr qint64 LessonBatch = 50'000;
constexpr qint64 ProgressBatch = 500'000;
constexpr qint64 ReportEveryMs = 10'000;

// ---- Ctrl+C stops after the current batch ------------------------------------------------------

static_assert(std::atomic_bool::is_always_lock_free, "set from a signal handler");
std::atomic_bool g_stopGenerate{false};

extern "C" void stopGenerateOnSignal(int)
{
    g_stopGenerate.store(true);
    std::signal(SIGINT, SIG_DFL); // a second Ctrl+C ends the process at once (the phase is rolled back)
}

class StopOnInterrupt
{
public:
    StopOnInterrupt()
    {
        g_stopGenerate.store(false);
        m_previous = std::signal(SIGINT, stopGenerateOnSignal);
    }
    ~StopOnInterrupt() { std::signal(SIGINT, m_previous == SIG_ERR ? SIG_DFL : m_previous); }
    StopOnInterrupt(const StopOnInterrupt &) = delete;
    StopOnInterrupt &operator=(const StopOnInterrupt &) = delete;
    bool stopped() const { return g_stopGenerate.load(); }

private:
    void (*m_previous)(int) = SIG_DFL;
};

// ---- arguments ---------------------------------------------------------------------------------

qint64 countOption(const QCommandLineParser &options, const QString &name, qint64 maximum)
{
    if (!options.isSet(name))
        return 0;
    const QString text = options.value(name);
    bool ok = false;
    const qint64 value = QString(text).remove(QLatin1Char('_')).remove(QLatin1Char(',')).toLongLong(&ok);
    if (!ok || value < 0 || value > maximum)
        throw UsageError{QStringLiteral("--%1 needs a whole number from 0 to %2 (got \"%3\")")
                             .arg(name, QLocale::c().toString(maximum), text)};
    return value;
}

QString grouped(qint64 value)
{
    QLocale locale = QLocale::c();
    locale.setNumberOptions(QLocale::DefaultNumberOptions);
    return locale.toString(value);
}

GenerationPlan planFrom(const Invocation &invocation)
{
    const QCommandLineParser &options = invocation.options;
    if (!invocation.arguments.isEmpty())
        throw UsageError{QStringLiteral("generate takes options only (got \"%1\"), e.g. generate --users 1000 "
                                        "--lessons 50 --progress 20000")
                             .arg(invocation.arguments.first())};
    for (const char *name : {"users", "lessons", "progress", "tracks", "seed"}) {
        // QCommandLineParser keeps the last of repeated options; refuse the ambiguity instead.
        if (options.values(QLatin1String(name)).size() > 1)
            throw UsageError{QStringLiteral("--%1 is given more than once").arg(QLatin1String(name))};
    }
    GenerationPlan plan;
    plan.users = countOption(options, QStringLiteral("users"), GenerationPlan::MaxUsers);
    plan.lessons = countOption(options, QStringLiteral("lessons"), GenerationPlan::MaxLessons);
    plan.progress = countOption(options, QStringLiteral("progress"), GenerationPlan::MaxProgress);
    if (plan.users + plan.lessons + plan.progress == 0)
        throw UsageError{QStringLiteral("generate needs --users N, --lessons N or --progress N (at least one above 0)")};
    if (plan.progress > plan.users * plan.lessons)
        throw UsageError{QStringLiteral("--progress %1 is more than --users x --lessons = %2 x %3 = %4: each progress "
                                        "row is a distinct (user, lesson) pair of the generated ones")
                             .arg(grouped(plan.progress), grouped(plan.users), grouped(plan.lessons),
                                  grouped(plan.users * plan.lessons))};
    if (options.isSet(QStringLiteral("tracks"))) {
        if (plan.lessons == 0)
            throw UsageError{QStringLiteral("--tracks needs --lessons (the tracks are the generated lessons')")};
        const qint64 tracks = countOption(options, QStringLiteral("tracks"), GenerationPlan::MaxTracks);
        if (tracks < 1 || tracks > plan.lessons)
            throw UsageError{QStringLiteral("--tracks needs a number from 1 to the number of lessons (%1), got %2")
                                 .arg(std::min<qint64>(plan.lessons, GenerationPlan::MaxTracks))
                                 .arg(tracks)};
        plan.tracks = int(tracks);
    } else {
        plan.tracks = int(std::clamp<qint64>(plan.lessons / 25, 1, 12));
    }
    if (options.isSet(QStringLiteral("seed"))) {
        bool ok = false;
        plan.seed = options.value(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok)
            throw UsageError{QStringLiteral("--seed needs a whole number from 0 to 18446744073709551615 (got \"%1\")")
                                 .arg(options.value(QStringLiteral("seed")))};
    } else {
        plan.seed = QRandomGenerator::global()->generate64() >> 11; // short enough to retype
    }
    // Timestamps count back from today's 00:00 UTC: the same seed gives the same rows all day.
    plan.anchorMs = QDateTime::currentDateTimeUtc().toMSecsSinceEpoch() / (24LL * 3600 * 1000) * (24LL * 3600 * 1000);
    return plan;
}

// ---- phases --------------------------------------------------------------------------------------

struct Phase
{
    QString name;
    qint64 total;
    QElapsedTimer clock;
    qint64 lastReportMs = 0;

    Phase(QString phaseName, qint64 rows) : name(std::move(phaseName)), total(rows) { clock.start(); }

    QString rate(qint64 done) const
    {
        const double seconds = std::max<double>(double(clock.elapsed()), 1.0) / 1000.0;
        return QStringLiteral("%1 in %2 s (%3 rows/s)")
            .arg(grouped(done), QString::number(seconds, 'f', 2), grouped(qRound64(double(done) / seconds)));
    }
    void maybeReport(qint64 done)
    {
        if (clock.elapsed() - lastReportMs < ReportEveryMs || done >= total)
            return;
        lastReportMs = clock.elapsed();
        err() << "  " << name << ": " << grouped(done) << " of " << grouped(total) << " so far, " << rate(done)
              << Qt::endl;
    }
    void finish(qint64 done) const
    {
        err() << name << ": " << rate(done) << (done < total ? QStringLiteral(" (stopped)") : QString()) << Qt::endl;
    }
};

} // namespace

QCoro::Task<int> generateCommand(Invocation invocation)
{
    if (resolveTarget(invocation).isRemote())
        throw UsageError{QStringLiteral("generate works on embedded stores only (--store FILE), not on a Worker "
                                        "(--url, or a --profile of a Worker)")};
    const GenerationPlan plan = planFrom(invocation);

    const std::unique_ptr<EmbeddedBackend> store = co_await openStore(invocation);
    SqliteExecutor &executor = store->executor();
    // Made on the SQLite thread and used only there (it keeps no statements between batches).
    auto start = [plan](SqliteConnection &connection) {
        auto writer = std::make_shared<BulkDataWriter>(connection, plan, BulkDataWriter::passwordHashFor(plan.seed),
                                                       Actor::localUser());
        writer->tuneConnection();
        writer->checkNotGeneratedYet();
        return writer;
    };
    const std::shared_ptr<BulkDataWriter> owner = co_await executor.run(std::move(start));
    // Plain pointer in the batches (the frame keeps the owner): no shared_ptr copies in
    // co_await operands, whose temporaries some compilers mishandle.
    BulkDataWriter *const writer = owner.get();

    StopOnInterrupt interrupt;
    QElapsedTimer clock;
    clock.start();
    qint64 users = 0;
    qint64 lessons = 0;
    qint64 progress = 0;
    err() << "Generating into " << store->location() << " (seed " << plan.seed
          << "); Ctrl+C stops, keeping the phases already finished"
          << Qt::endl;

    // Each phase is one transaction (see BulkDataWriter): its triggers' work and its indexes
    // are done once at the end, and Ctrl+C or a failure leaves none of its rows.
    struct PhaseRun
    {
        BulkDataWriter::Phase phase;
        const char *name;
        qint64 rows;
        qint64 batch;
        qint64 *done;
        const char *finishing;
    };
    const std::array phases{
        PhaseRun{BulkDataWriter::Phase::Users, "users", plan.users, UserBatch, &users,
                 "filling the search index and building the indexes"},
        PhaseRun{BulkDataWriter::Phase::Lessons, "lessons", plan.lessons, LessonBatch, &lessons,
                 "adding their totals rows and building the indexes"},
        PhaseRun{BulkDataWriter::Phase::Progress, "progress", plan.progress, ProgressBatch, &progress,
                 "building the indexes, totals and daily completions"},
    };
    for (const PhaseRun &run : phases) {
        if (run.rows == 0 || interrupt.stopped())
            continue;
        Phase phase(QString::fromLatin1(run.name), run.rows);
        const BulkDataWriter::Phase which = run.phase;
        auto begin = [writer, which](SqliteConnection &) { writer->begin(which); };
        co_await executor.run(std::move(begin));
        std::exception_ptr failure;
        qint64 written = 0;
        bool committed = false;
        try {
            const qint64 end = writer->end(which);
            qint64 next = 0;
            while (next < end && !interrupt.stopped()) {
                auto batch = [writer, next, budget = run.batch](SqliteConnection &) {
                    qint64 rows = 0;
                    const qint64 after = writer->insert(next, budget, &rows);
                    return std::pair<qint64, qint64>{after, rows};
                };
                const std::pair<qint64, qint64> done = co_await executor.run(std::move(batch));
                next = done.first;
                written += done.second;
                phase.maybeReport(written);
            }
            if (!interrupt.stopped()) {
                QElapsedTimer finishing;
                finishing.start();
                err() << "  " << run.name << ": " << grouped(written) << " rows appended in "
                      << QString::number(double(phase.clock.elapsed()) / 1000.0, 'f', 2) << " s; " << run.finishing
                      << Qt::endl;
                auto finish = [writer](SqliteConnection &) { writer->finish(); };
                co_await executor.run(std::move(finish));
                committed = true;
                err() << "  " << run.name << ": finished in " << QString::number(double(finishing.elapsed()) / 1000.0, 'f', 2)
                      << " s" << Qt::endl;
            }
        } catch (...) {
            failure = std::current_exception();
        }
        if (!committed) {
            auto abandon = [writer](SqliteConnection &) { writer->abandon(); };
            co_await executor.run(std::move(abandon));
            written = 0;
        }
        if (failure)
            std::rethrow_exception(failure);
        *run.done = written;
        phase.finish(written);
    }

    const double seconds = std::max<double>(double(clock.elapsed()), 1.0) / 1000.0;
    const QString counts = QStringLiteral("%1 users, %2 lessons in %3 tracks, %4 progress rows")
                               .arg(grouped(users), grouped(lessons))
                               .arg(lessons > 0 ? plan.tracks : 0)
                               .arg(grouped(progress));
    if (interrupt.stopped()) {
        err() << "Stopped (Ctrl+C) after " << QString::number(seconds, 'f', 1) << " s. Committed and kept: " << counts
              << " (the phases finished before Ctrl+C; the interrupted phase was rolled back whole). Generate "
                 "again into a new store to get the rest: a second run with this seed is refused."
              << Qt::endl;
        co_return Failure;
    }
    out() << "Generated " << counts << " in " << store->location() << " in " << QString::number(seconds, 'f', 1)
          << " s (seed " << plan.seed << "; every generated user's password is \"" << BulkDataWriter::password()
          << "\")." << Qt::endl;
    co_return Success;
}

} // namespace edge::cli
