#include "ProgressCommands.h"

#include "Connection.h"
#include "application/EventBus.h"
#include "application/Services.h"
#include "application/progress/ProgressCsv.h"
#include "application/progress/ProgressExporter.h"
#include "application/progress/ProgressImporter.h"
#include "domain/Text.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <atomic>
#include <csignal>
#include <tuple>

namespace edge::cli {

namespace {

constexpr int MaxListLimit = 10'000;

// ---- printing ------------------------------------------------------------------------------

QString timestamp(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonObject progressJson(const ProgressEntry &entry)
{
    return {{QStringLiteral("userId"), entry.userId},
            {QStringLiteral("lessonId"), entry.lessonId},
            {QStringLiteral("userEmail"), entry.userEmail},
            {QStringLiteral("username"), entry.username},
            {QStringLiteral("lessonTitle"), entry.lessonTitle},
            {QStringLiteral("track"), entry.track},
            {QStringLiteral("completed"), entry.completed},
            {QStringLiteral("score"), entry.score},
            {QStringLiteral("completedAt"), entry.completedAt.isValid() ? QJsonValue(timestamp(entry.completedAt))
                                                                         : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("updatedAt"), timestamp(entry.updatedAt)},
            {QStringLiteral("version"), entry.version}};
}

QString describe(const ProgressEntry &entry)
{
    return QStringLiteral("%1 on \"%2\" (%3, score %4, version %5)")
        .arg(entry.userEmail.isEmpty() ? entry.userId : withInvisiblesShown(entry.userEmail),
             entry.lessonTitle.isEmpty() ? entry.lessonId : withInvisiblesShown(entry.lessonTitle),
             entry.completed ? QStringLiteral("completed %1").arg(timestamp(entry.completedAt))
                             : QStringLiteral("not completed"))
        .arg(entry.score)
        .arg(entry.version);
}

QString percent(double rate)
{
    return QString::number(rate * 100.0, 'f', 1) + QLatin1Char('%');
}

// ---- Ctrl+C stops an export or an import (nothing is written) --------------------------------

static_assert(std::atomic_bool::is_always_lock_free, "set from a signal handler");
std::atomic_bool g_stop{false};

extern "C" void stopOnSignal(int)
{
    g_stop.store(true);
    std::signal(SIGINT, SIG_DFL); // a second Ctrl+C ends the process at once
}

class StopOnInterrupt
{
public:
    StopOnInterrupt()
    {
        g_stop.store(false);
        m_previous = std::signal(SIGINT, stopOnSignal);
    }
    ~StopOnInterrupt() { std::signal(SIGINT, m_previous == SIG_ERR ? SIG_DFL : m_previous); }
    StopOnInterrupt(const StopOnInterrupt &) = delete;
    StopOnInterrupt &operator=(const StopOnInterrupt &) = delete;
    static bool stopped() { return g_stop.load(); }

private:
    void (*m_previous)(int) = SIG_DFL;
};

// "\rExported 1,200 of 10,000" on a terminal, nothing otherwise.
class TerminalProgress
{
public:
    explicit TerminalProgress(QString verb) : m_verb(std::move(verb)), m_shown(stderrIsTerminal()) {}
    ~TerminalProgress()
    {
        if (m_shown && m_used)
            err() << Qt::endl;
    }
    void show(qint64 done, qint64 total, const char *unit = "")
    {
        if (!m_shown)
            return;
        m_used = true;
        err() << "\r" << m_verb << " " << done << unit;
        if (total >= 0)
            err() << " of " << total << unit;
        err() << Qt::flush;
    }

private:
    QString m_verb;
    bool m_shown;
    bool m_used = false;
};

// ---- options -------------------------------------------------------------------------------

bool yesNo(const QCommandLineParser &options, const QString &name)
{
    const QString value = options.value(name).toLower();
    if (value == QLatin1String("yes") || value == QLatin1String("true"))
        return true;
    if (value == QLatin1String("no") || value == QLatin1String("false"))
        return false;
    throw UsageError{QStringLiteral("--%1 must be yes or no (got \"%2\")").arg(name, options.value(name))};
}

// A date means the whole day: --from 2026-01-01 --to 2026-01-31 includes the 31st.
QDateTime dateOption(const QCommandLineParser &options, const QString &name, bool endOfDay)
{
    const QString text = options.value(name).trimmed();
    const QDateTime time = parseIsoTimestamp(text);
    if (!time.isValid())
        throw UsageError{QStringLiteral("--%1 must be a date (2026-01-31) or an ISO-8601 timestamp with a time zone "
                                        "(2026-01-31T12:00:00Z), got \"%2\"")
                             .arg(name, text)};
    return endOfDay && text.size() == 10 ? time.addDays(1) : time;
}

ProgressSortField parseSort(const QString &text)
{
    for (ProgressSortField field : {ProgressSortField::UpdatedAt, ProgressSortField::Score,
                                    ProgressSortField::CompletedAt, ProgressSortField::Email, ProgressSortField::Title}) {
        if (sortFieldToString(field).compare(text, Qt::CaseInsensitive) == 0)
            return field;
    }
    throw UsageError{QStringLiteral("--sort must be updatedAt, score, completedAt, email or title (got \"%1\")").arg(text)};
}

// The filters and sort shared by list and export.
ProgressListQuery listQuery(const QCommandLineParser &options)
{
    ProgressListQuery query;
    query.search = options.value(QStringLiteral("search"));
    query.userId = options.value(QStringLiteral("user")).trimmed().toLower();
    query.lessonId = options.value(QStringLiteral("lesson")).trimmed().toLower();
    query.track = options.value(QStringLiteral("track"));
    if (options.isSet(QStringLiteral("completed")))
        query.completed = yesNo(options, QStringLiteral("completed"));
    if (options.isSet(QStringLiteral("min-score")))
        query.minScore = intOption(options, QStringLiteral("min-score"), 0);
    if (options.isSet(QStringLiteral("max-score")))
        query.maxScore = intOption(options, QStringLiteral("max-score"), 100);
    if (options.isSet(QStringLiteral("from")))
        query.completedFrom = dateOption(options, QStringLiteral("from"), false);
    if (options.isSet(QStringLiteral("to")))
        query.completedTo = dateOption(options, QStringLiteral("to"), true);
    if (options.isSet(QStringLiteral("sort")))
        query.sort = parseSort(options.value(QStringLiteral("sort")));
    if (options.isSet(QStringLiteral("asc")) && options.isSet(QStringLiteral("desc")))
        throw UsageError{QStringLiteral("--asc and --desc disagree")};
    query.order = options.isSet(QStringLiteral("asc")) ? SortOrder::Ascending : SortOrder::Descending;
    query.validate(); // ValidationError naming the field, before anything is opened
    return query;
}

void noArguments(const Invocation &invocation, const QString &command)
{
    if (!invocation.arguments.isEmpty())
        throw UsageError{QStringLiteral("progress %1 takes options only (unexpected \"%2\")")
                             .arg(command, invocation.arguments.first())};
}

// USER LESSON, as ids.
std::pair<QString, QString> key(const Invocation &invocation, const QString &command)
{
    if (invocation.arguments.size() != 2)
        throw UsageError{QStringLiteral("progress %1 needs a user ID and a lesson ID").arg(command)};
    return {invocation.arguments.at(0).trimmed(), invocation.arguments.at(1).trimmed()};
}

// ---- list and stats ------------------------------------------------------------------------

QCoro::Task<int> listProgress(Services &services, Invocation invocation)
{
    noArguments(invocation, QStringLiteral("list"));
    ProgressListQuery query = listQuery(invocation.options);
    const int limit = intOption(invocation.options, QStringLiteral("limit"), 50);
    if (limit < 1 || limit > MaxListLimit)
        throw UsageError{QStringLiteral("--limit must be 1 to %1 (progress export writes any number)").arg(MaxListLimit)};
    // Pages by cursor until the limit: the 10,000th row costs what the first does.
    QList<ProgressEntry> rows;
    qint64 total = -1;
    QString nextCursor;
    query.withTotal = true;
    do {
        query.pageSize = std::min(limit - int(rows.size()), ProgressListQuery::MaxPageSize);
        query.cursor = nextCursor;
        const ProgressPage page = co_await services.progressQueries.list(query);
        if (query.withTotal)
            total = page.total;
        query.withTotal = false;
        rows += page.items;
        nextCursor = page.nextCursor;
    } while (!nextCursor.isEmpty() && rows.size() < limit);

    if (wantsJson(invocation)) {
        QJsonArray items;
        for (const ProgressEntry &entry : rows)
            items.append(progressJson(entry));
        printJson({{QStringLiteral("success"), true},
                   {QStringLiteral("data"), items},
                   {QStringLiteral("pagination"),
                    QJsonObject{{QStringLiteral("total"), total},
                                {QStringLiteral("nextCursor"),
                                 nextCursor.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(nextCursor)}}}});
        co_return Success;
    }
    QList<QStringList> table;
    for (const ProgressEntry &entry : rows)
        table.append({entry.userId, entry.lessonId, withInvisiblesShown(entry.userEmail),
                      withInvisiblesShown(entry.lessonTitle), entry.track,
                      entry.completed ? QStringLiteral("yes") : QStringLiteral("-"), QString::number(entry.score),
                      entry.completedAt.isValid() ? entry.completedAt.toString(Qt::ISODate) : QStringLiteral("-"),
                      entry.updatedAt.toString(Qt::ISODate), QString::number(entry.version)});
    printColumns({QStringLiteral("USER ID"), QStringLiteral("LESSON ID"), QStringLiteral("EMAIL"), QStringLiteral("LESSON"),
                QStringLiteral("TRACK"), QStringLiteral("DONE"), QStringLiteral("SCORE"), QStringLiteral("COMPLETED"),
                QStringLiteral("UPDATED"), QStringLiteral("VER")},
               table);
    out() << Qt::endl
          << rows.size() << " of " << total << (total == 1 ? " row" : " rows")
          << (nextCursor.isEmpty() ? "" : " (--limit N shows more; progress export writes them all)") << Qt::endl;
    co_return Success;
}

QCoro::Task<int> showStats(Services &services, Invocation invocation)
{
    noArguments(invocation, QStringLiteral("stats"));
    const QCommandLineParser &options = invocation.options;
    const QString track = options.value(QStringLiteral("track")).trimmed();
    std::optional<CompletionBucket> bucket;
    if (options.isSet(QStringLiteral("completions"))) {
        const QString text = options.value(QStringLiteral("completions")).toLower();
        for (CompletionBucket candidate : {CompletionBucket::Day, CompletionBucket::Week, CompletionBucket::Month}) {
            if (bucketToString(candidate) == text)
                bucket = candidate;
        }
        if (!bucket)
            throw UsageError{QStringLiteral("--completions must be day, week or month (got \"%1\")")
                                 .arg(options.value(QStringLiteral("completions")))};
    }
    QList<CompletionsPeriod> periods;
    if (bucket) {
        CompletionsQuery query;
        query.track = track;
        query.bucket = *bucket;
        if (options.isSet(QStringLiteral("from")))
            query.from = dateOption(options, QStringLiteral("from"), false);
        if (options.isSet(QStringLiteral("to")))
            query.to = dateOption(options, QStringLiteral("to"), true);
        query.validate();
        periods = co_await services.progressQueries.completions(query);
    }
    // Per track for everything; per lesson within one track.
    QList<TrackProgressStats> tracks;
    QList<LessonProgressStats> lessons;
    if (track.isEmpty())
        tracks = co_await services.progressQueries.trackStats();
    else
        lessons = co_await services.progressQueries.lessonStats(track);
    if (!track.isEmpty() && lessons.isEmpty())
        throw NotFoundError::withMessage(QStringLiteral("No lessons in track \"%1\"").arg(track));

    if (wantsJson(invocation)) {
        QJsonObject data;
        QJsonArray trackItems;
        for (const TrackProgressStats &stats : tracks)
            trackItems.append(QJsonObject{{QStringLiteral("track"), stats.track},
                                          {QStringLiteral("lessons"), stats.lessons},
                                          {QStringLiteral("learners"), stats.learners},
                                          {QStringLiteral("completed"), stats.completed},
                                          {QStringLiteral("completionRate"), stats.completionRate()},
                                          {QStringLiteral("averageScore"), stats.averageScore}});
        QJsonArray lessonItems;
        for (const LessonProgressStats &stats : lessons)
            lessonItems.append(QJsonObject{{QStringLiteral("lessonId"), stats.lessonId},
                                           {QStringLiteral("title"), stats.title},
                                           {QStringLiteral("track"), stats.track},
                                           {QStringLiteral("learners"), stats.learners},
                                           {QStringLiteral("completed"), stats.completed},
                                           {QStringLiteral("completionRate"), stats.completionRate()},
                                           {QStringLiteral("averageScore"), stats.averageScore}});
        if (track.isEmpty())
            data.insert(QStringLiteral("tracks"), trackItems);
        else
            data.insert(QStringLiteral("lessons"), lessonItems);
        if (bucket) {
            QJsonArray periodItems;
            for (const CompletionsPeriod &period : periods)
                periodItems.append(QJsonObject{{QStringLiteral("start"), period.start.toString(Qt::ISODate)},
                                               {QStringLiteral("completed"), period.completed}});
            data.insert(QStringLiteral("completions"), periodItems);
        }
        printData(data);
        co_return Success;
    }
    QList<QStringList> table;
    if (track.isEmpty()) {
        for (const TrackProgressStats &stats : tracks)
            table.append({stats.track, QString::number(stats.lessons), QString::number(stats.learners),
                          QString::number(stats.completed), percent(stats.completionRate()),
                          QString::number(stats.averageScore, 'f', 1)});
        printColumns({QStringLiteral("TRACK"), QStringLiteral("LESSONS"), QStringLiteral("STARTED"),
                    QStringLiteral("COMPLETED"), QStringLiteral("RATE"), QStringLiteral("AVG SCORE")},
                   table);
    } else {
        for (const LessonProgressStats &stats : lessons)
            table.append({stats.lessonId, withInvisiblesShown(stats.title), QString::number(stats.learners),
                          QString::number(stats.completed), percent(stats.completionRate()),
                          QString::number(stats.averageScore, 'f', 1)});
        printColumns({QStringLiteral("LESSON ID"), QStringLiteral("LESSON"), QStringLiteral("STARTED"),
                    QStringLiteral("COMPLETED"), QStringLiteral("RATE"), QStringLiteral("AVG SCORE")},
                   table);
    }
    if (bucket) {
        out() << Qt::endl << "Completions per " << bucketToString(*bucket) << ":" << Qt::endl;
        QList<QStringList> rows;
        for (const CompletionsPeriod &period : periods)
            rows.append({period.start.toString(Qt::ISODate), QString::number(period.completed)});
        printColumns({QStringLiteral("FROM"), QStringLiteral("COMPLETED")}, rows);
    }
    co_return Success;
}

// ---- corrections ---------------------------------------------------------------------------

QCoro::Task<int> setProgress(Services &services, Invocation invocation)
{
    const QCommandLineParser &options = invocation.options;
    SetProgressCommand command;
    std::tie(command.userId, command.lessonId) = key(invocation, QStringLiteral("set"));
    if (options.isSet(QStringLiteral("completed")))
        command.change.completed = yesNo(options, QStringLiteral("completed"));
    if (options.isSet(QStringLiteral("score")))
        command.change.score = intOption(options, QStringLiteral("score"), 0);
    if (options.isSet(QStringLiteral("completed-at"))) {
        const QString text = options.value(QStringLiteral("completed-at")).trimmed();
        const QDateTime time = parseIsoTimestamp(text);
        if (!time.isValid())
            throw UsageError{QStringLiteral("--completed-at must be an ISO-8601 timestamp with a time zone "
                                            "(2026-01-31T12:00:00Z) or a date, got \"%1\"")
                                 .arg(text)};
        command.change.completedAt = time;
    }
    if (!command.change.completed && !command.change.score && !command.change.completedAt)
        throw UsageError{QStringLiteral("progress set needs something to set: --completed, --score or --completed-at")};
    if (options.isSet(QStringLiteral("version"))) {
        command.baseVersion = intOption(options, QStringLiteral("version"), 0);
        if (command.baseVersion < 1)
            throw UsageError{QStringLiteral("--version must be 1 or more (the row's version, see 'progress list')")};
    }
    const ProgressEntry entry = co_await services.progressCommands.set(command);
    if (wantsJson(invocation))
        printData(progressJson(entry));
    else
        out() << (entry.version == 1 ? "Created " : "Set ") << describe(entry) << Qt::endl;
    co_return Success;
}

QCoro::Task<int> resetProgress(Services &services, Invocation invocation)
{
    ResetProgressCommand command;
    std::tie(command.userId, command.lessonId) = key(invocation, QStringLiteral("reset"));
    if (!invocation.options.isSet(QStringLiteral("yes"))) {
        const ProgressEntry current = co_await services.progressQueries.get(command.userId, command.lessonId);
        const Answer answer = ask(QStringLiteral("Reset (delete) the progress of %1?").arg(describe(current)));
        if (answer == Answer::NoAnswer)
            throw UsageError{QStringLiteral("No answer on standard input: nothing was reset (--yes resets without "
                                            "asking)")};
        if (answer == Answer::No) {
            err() << "Not reset." << Qt::endl;
            co_return Failure;
        }
    }
    const ProgressEntry deleted = co_await services.progressCommands.reset(command);
    if (wantsJson(invocation))
        printData(progressJson(deleted));
    else
        out() << "Reset " << describe(deleted) << ": the learner starts the lesson afresh" << Qt::endl;
    co_return Success;
}

// ---- files ---------------------------------------------------------------------------------

QCoro::Task<int> exportProgress(Services &services, Invocation invocation)
{
    if (invocation.arguments.size() != 1)
        throw UsageError{QStringLiteral("progress export needs one FILE (.csv; - for standard output)")};
    const QString path = invocation.arguments.first();
    const ProgressListQuery query = listQuery(invocation.options);
    const bool toStdout = path == QLatin1String("-");
    if (!toStdout && !invocation.options.isSet(QStringLiteral("overwrite")) && QFileInfo::exists(path))
        throw ConflictError(QStringLiteral("%1 already exists; nothing was written (use --overwrite to replace it)").arg(path));

    const StopOnInterrupt interrupt;
    TerminalProgress shown(QStringLiteral("Exported"));
    ProgressExportProgress progress = [&shown](qint64 done, qint64 total) {
        shown.show(done, total);
        return !StopOnInterrupt::stopped();
    };
    ProgressExporter exporter(services.progressQueries);
    ProgressExportResult result;
    if (toStdout) {
        out().flush();
        QFile standardOutput;
        if (!standardOutput.open(stdout, QIODevice::WriteOnly))
            throw DomainError(ErrorKind::Unavailable, QStringLiteral("Cannot write to standard output"));
        result = co_await exporter.write(query, standardOutput, progress);
    } else {
        result = co_await exporter.writeFile(query, path, progress);
    }
    if (!result.completed) {
        err() << "Stopped after " << result.rows << " of " << result.total << " rows: "
              << (toStdout ? "the output is incomplete." : "nothing was written.") << Qt::endl;
        co_return Failure;
    }
    err() << "Exported " << result.rows << (result.rows == 1 ? " row" : " rows") << " from "
          << services.backend().location() << (toStdout ? QString() : QStringLiteral(" to ") + path) << Qt::endl;
    co_return Success;
}

void printProblems(const QString &file, const ProgressImportReport &report)
{
    for (const ProgressCsvProblem &problem : report.problems)
        err() << file << ":" << (problem.line > 0 ? QString::number(problem.line) + QLatin1Char(':') : QString())
              << " " << (problem.field.isEmpty() ? QString() : problem.field + QStringLiteral(": ")) << problem.problem
              << Qt::endl;
    if (report.problemCount > report.problems.size())
        err() << "... and " << report.problemCount - report.problems.size() << " more problems" << Qt::endl;
}

QCoro::Task<int> importProgress(Invocation invocation, EventBus &events)
{
    if (invocation.arguments.size() != 1)
        throw UsageError{QStringLiteral("progress import needs one .csv FILE")};
    const QString path = invocation.arguments.first();
    ProgressImportOptions options;
    options.validOnly = invocation.options.isSet(QStringLiteral("valid-only"));
    options.dryRun = invocation.options.isSet(QStringLiteral("dry-run"));

    const StopOnInterrupt interrupt;
    // The whole file is read and checked before the store is opened.
    ProgressCsvContent content;
    {
        TerminalProgress shown(QStringLiteral("Read"));
        content = ProgressImporter::readFile(path, [&shown](qint64 done, qint64 total) {
            shown.show(done / (1024 * 1024), total < 0 ? -1 : total / (1024 * 1024), " MiB");
            return !StopOnInterrupt::stopped();
        });
    }
    ProgressImportReport report;
    if (content.isValid() || (options.validOnly && !content.unreadable && !content.cancelled)) {
        const std::unique_ptr<Services> opened = co_await openServices(invocation, events);
        Services &services = *opened;
        TerminalProgress shown(options.dryRun ? QStringLiteral("Checked") : QStringLiteral("Imported"));
        options.progress = [&shown](qint64 done, qint64 total) {
            shown.show(done, total);
            return !StopOnInterrupt::stopped();
        };
        ProgressImporter importer(services.progressCommands);
        report = co_await importer.import(std::move(content), options);
        printProblems(path, report);
        using Outcome = ProgressImportReport::Outcome;
        const QString where = services.backend().location();
        switch (report.outcome) {
        case Outcome::Imported:
            out() << "Imported " << report.imported << " of " << report.records << " rows into " << where << ": "
                  << report.written.created << " created, " << report.written.updated << " updated";
            if (report.skipped > 0)
                out() << "; " << report.skipped << " skipped for the problems above";
            out() << "." << Qt::endl;
            co_return Success;
        case Outcome::Checked:
            out() << "Dry run: " << report.imported << " of " << report.records << " rows would be imported into "
                  << where;
            if (report.skipped > 0)
                out() << " (" << report.skipped << " skipped for the problems above)";
            out() << "; nothing was written." << Qt::endl;
            co_return report.problemCount > 0 && !options.validOnly ? BadInput : Success;
        case Outcome::Cancelled:
            err() << "Stopped: nothing was written." << Qt::endl;
            co_return Failure;
        case Outcome::Failed:
            co_return cli::report(*report.failure);
        case Outcome::Refused:
            break;
        }
        err() << "Nothing was written (" << report.problemCount << (report.problemCount == 1 ? " problem" : " problems")
              << "; --valid-only imports the rows without problems)." << Qt::endl;
        co_return BadInput;
    }
    if (content.cancelled) {
        err() << "Stopped while reading " << path << ": nothing was written." << Qt::endl;
        co_return Failure;
    }
    report.problems = content.problems;
    report.problemCount = content.problemCount;
    printProblems(path, report);
    err() << "Nothing was written (" << content.problemCount << (content.problemCount == 1 ? " problem" : " problems")
          << " in " << content.records << (content.records == 1 ? " row" : " rows")
          << (content.unreadable ? QStringLiteral(")") : QStringLiteral("; --valid-only imports the rows without problems)"))
          << "." << Qt::endl;
    co_return BadInput;
}

} // namespace

QCoro::Task<int> progressCommand(Invocation invocation)
{
    const QStringList known{QStringLiteral("list"),  QStringLiteral("stats"),  QStringLiteral("set"),
                            QStringLiteral("reset"), QStringLiteral("export"), QStringLiteral("import")};
    const QString sub = takeSubcommand(invocation, QStringLiteral("progress"), known);

    EventBus events;
    if (sub == QLatin1String("import"))
        co_return co_await importProgress(invocation, events); // checks the file before opening the store
    const std::unique_ptr<Services> opened = co_await openServices(invocation, events);
    Services &services = *opened;
    if (sub == QLatin1String("list"))
        co_return co_await listProgress(services, invocation);
    if (sub == QLatin1String("stats"))
        co_return co_await showStats(services, invocation);
    if (sub == QLatin1String("set"))
        co_return co_await setProgress(services, invocation);
    if (sub == QLatin1String("reset"))
        co_return co_await resetProgress(services, invocation);
    co_return co_await exportProgress(services, invocation);
}

} // namespace edge::cli
