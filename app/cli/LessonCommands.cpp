#include "LessonCommands.h"

#include "Connection.h"
#include "application/EventBus.h"
#include "application/Services.h"
#include "application/lessons/LessonArchive.h"
#include "application/lessons/LessonExporter.h"
#include "application/lessons/LessonImporter.h"
#include "domain/Text.h"
#include "domain/UnsafeHtml.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QSaveFile>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace edge::cli {

namespace {

// ---- printing ------------------------------------------------------------------------------

// Titles as stored, with invisible format characters written out (<U+202E>) so a title
// cannot disguise itself in a terminal.
QString shown(const QString &text)
{
    return withInvisiblesShown(text);
}

QJsonObject lessonJson(const Lesson &lesson)
{
    return {{QStringLiteral("id"), lesson.id},
            {QStringLiteral("title"), lesson.title},
            {QStringLiteral("track"), lesson.track},
            {QStringLiteral("difficulty"), lesson.difficulty},
            {QStringLiteral("status"), lessonStatusToString(lesson.status)},
            {QStringLiteral("hasContent"), lesson.hasContent},
            {QStringLiteral("version"), lesson.version},
            {QStringLiteral("createdAt"), lesson.createdAt.toString(Qt::ISODateWithMs)},
            {QStringLiteral("updatedAt"), lesson.updatedAt.toString(Qt::ISODateWithMs)}};
}

QString describe(const Lesson &lesson)
{
    return QStringLiteral("\"%1\" (id %2, version %3)").arg(shown(lesson.title), lesson.id).arg(lesson.version);
}

// ---- options -------------------------------------------------------------------------------

QString singleId(const Invocation &invocation, const QString &command)
{
    if (invocation.arguments.size() != 1)
        throw UsageError{QStringLiteral("lessons %1 needs exactly one lesson ID").arg(command)};
    return invocation.arguments.first();
}

void noArguments(const Invocation &invocation, const QString &command)
{
    if (!invocation.arguments.isEmpty())
        throw UsageError{QStringLiteral("lessons %1 takes options only (unexpected \"%2\")")
                             .arg(command, invocation.arguments.first())};
}

QString requiredOption(const Invocation &invocation, const QString &name, const QString &command)
{
    if (!invocation.options.isSet(name))
        throw UsageError{QStringLiteral("lessons %1 needs --%2").arg(command, name)};
    return invocation.options.value(name);
}

LessonSortField parseSort(const QString &text)
{
    for (LessonSortField field : {LessonSortField::CreatedAt, LessonSortField::UpdatedAt, LessonSortField::Title,
                                  LessonSortField::Difficulty, LessonSortField::Track}) {
        if (sortFieldToString(field).compare(text, Qt::CaseInsensitive) == 0)
            return field;
    }
    throw UsageError{QStringLiteral("--sort must be createdAt, updatedAt, title, difficulty or track (got \"%1\")")
                         .arg(text)};
}

LessonListQuery listQuery(const QCommandLineParser &options)
{
    LessonListQuery query;
    query.search = options.value(QStringLiteral("search"));
    query.track = options.value(QStringLiteral("track"));
    if (options.isSet(QStringLiteral("status"))) {
        const QString status = options.value(QStringLiteral("status"));
        if (status != QLatin1String("draft") && status != QLatin1String("published"))
            throw UsageError{QStringLiteral("--status must be draft or published (got \"%1\")").arg(status)};
        query.status = parseLessonStatus(status);
    }
    query.difficulty = intOption(options, QStringLiteral("difficulty"), 0);
    if (options.isSet(QStringLiteral("difficulty")) && query.difficulty == 0)
        throw UsageError{QStringLiteral("--difficulty must be 1 to 5")};
    query.page = intOption(options, QStringLiteral("page"), 1);
    query.pageSize = intOption(options, QStringLiteral("page-size"), 50);
    if (options.isSet(QStringLiteral("sort")))
        query.sort = parseSort(options.value(QStringLiteral("sort")));

    std::optional<SortOrder> order;
    const auto choose = [&order](SortOrder wanted) {
        if (order && *order != wanted)
            throw UsageError{QStringLiteral("--order, --asc and --desc disagree")};
        order = wanted;
    };
    if (options.isSet(QStringLiteral("order"))) {
        const QString text = options.value(QStringLiteral("order")).toLower();
        if (text != QLatin1String("asc") && text != QLatin1String("desc"))
            throw UsageError{QStringLiteral("--order must be asc or desc (got \"%1\")").arg(options.value(QStringLiteral("order")))};
        choose(text == QLatin1String("asc") ? SortOrder::Ascending : SortOrder::Descending);
    }
    if (options.isSet(QStringLiteral("asc")))
        choose(SortOrder::Ascending);
    if (options.isSet(QStringLiteral("desc")))
        choose(SortOrder::Descending);
    // Newest first by default, as the console shows; any other sort reads A to Z.
    query.order = order.value_or(query.sort == LessonSortField::CreatedAt || query.sort == LessonSortField::UpdatedAt
                                     ? SortOrder::Descending
                                     : SortOrder::Ascending);
    return query;
}

// ---- files ---------------------------------------------------------------------------------

QByteArray readInput(const QString &path)
{
    QFile file;
    if (path == QLatin1String("-")) {
        if (!file.open(stdin, QIODevice::ReadOnly))
            throw UsageError{QStringLiteral("--file -: standard input cannot be read")};
    } else {
        file.setFileName(path);
        if (!file.open(QIODevice::ReadOnly))
            throw UsageError{QStringLiteral("--file: cannot read %1: %2").arg(path, file.errorString())};
    }
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        throw UsageError{QStringLiteral("--file: cannot read %1: %2").arg(path, file.errorString())};
    return bytes;
}

void writeOutput(const QString &path, const QByteArray &bytes, bool overwrite)
{
    if (!overwrite && QFileInfo::exists(path))
        throw ConflictError(QStringLiteral("%1 already exists; nothing was written (use --overwrite to replace it)").arg(path));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        throw DomainError(ErrorKind::Unavailable, QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()));
}

void writeStdout(const QByteArray &bytes)
{
    out().flush(); // nothing else goes to stdout here, but never interleave
    if (std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout) != size_t(bytes.size()) || std::fflush(stdout) != 0)
        throw DomainError(ErrorKind::Unavailable, QStringLiteral("Cannot write the content to standard output"));
}

// ---- Ctrl+C stops an import (between lessons), which then undoes its writes ------------------

static_assert(std::atomic_bool::is_always_lock_free, "set from a signal handler");
std::atomic_bool *g_stopImport = nullptr;

extern "C" void stopImportOnSignal(int)
{
    if (g_stopImport)
        g_stopImport->store(true);
    std::signal(SIGINT, SIG_DFL); // a second Ctrl+C ends the process at once
}

class StopOnInterrupt
{
public:
    explicit StopOnInterrupt(std::atomic_bool *flag)
    {
        g_stopImport = flag;
        m_previous = std::signal(SIGINT, stopImportOnSignal);
    }
    ~StopOnInterrupt()
    {
        std::signal(SIGINT, m_previous == SIG_ERR ? SIG_DFL : m_previous);
        g_stopImport = nullptr;
    }
    StopOnInterrupt(const StopOnInterrupt &) = delete;
    StopOnInterrupt &operator=(const StopOnInterrupt &) = delete;

private:
    void (*m_previous)(int) = SIG_DFL;
};

// ---- the subcommands -----------------------------------------------------------------------

void printTable(const LessonPage &page)
{
    const QStringList headers{QStringLiteral("ID"), QStringLiteral("TITLE"), QStringLiteral("TRACK"),
                              QStringLiteral("DIFF"), QStringLiteral("STATUS"), QStringLiteral("VER"),
                              QStringLiteral("CONTENT"), QStringLiteral("UPDATED")};
    QList<QStringList> rows;
    for (const Lesson &lesson : page.items)
        rows.append({lesson.id, shown(lesson.title), lesson.track, QString::number(lesson.difficulty),
                     lessonStatusToString(lesson.status), QString::number(lesson.version),
                     lesson.hasContent ? QStringLiteral("yes") : QStringLiteral("-"),
                     lesson.updatedAt.toString(Qt::ISODate)});
    printColumns(headers, rows);
    out() << Qt::endl
          << "Page " << page.page << " of " << std::max(page.totalPages, 1) << " (" << page.total
          << (page.total == 1 ? " lesson)" : " lessons)") << Qt::endl;
}

QCoro::Task<int> listLessons(Services &services, Invocation invocation)
{
    noArguments(invocation, QStringLiteral("list"));
    const LessonListQuery query = listQuery(invocation.options);
    const LessonPage page = co_await services.lessonQueries.list(query);
    if (wantsJson(invocation)) {
        QJsonArray items;
        for (const Lesson &lesson : page.items)
            items.append(lessonJson(lesson));
        const QJsonObject envelope{{QStringLiteral("success"), true},
                                   {QStringLiteral("data"), items},
                                   {QStringLiteral("pagination"),
                                    QJsonObject{{QStringLiteral("page"), page.page},
                                                {QStringLiteral("pageSize"), page.pageSize},
                                                {QStringLiteral("total"), page.total},
                                                {QStringLiteral("totalPages"), page.totalPages}}}};
        printJson(envelope);
    } else {
        printTable(page);
    }
    co_return Success;
}

QCoro::Task<int> showLesson(Services &services, Invocation invocation)
{
    const QString id = singleId(invocation, QStringLiteral("show"));
    const Lesson lesson = co_await services.lessonQueries.get(id);
    const qint64 progress = co_await services.lessonQueries.progressCount(lesson.id);
    if (wantsJson(invocation)) {
        QJsonObject data = lessonJson(lesson);
        data.insert(QStringLiteral("progressCount"), progress);
        printData(data);
        co_return Success;
    }
    out() << shown(lesson.title) << Qt::endl
          << "  id:         " << lesson.id << Qt::endl
          << "  track:      " << lesson.track << Qt::endl
          << "  difficulty: " << lesson.difficulty << Qt::endl
          << "  status:     " << lessonStatusToString(lesson.status) << Qt::endl
          << "  version:    " << lesson.version << Qt::endl
          << "  content:    " << (lesson.hasContent ? QStringLiteral("yes") : QStringLiteral("none")) << Qt::endl
          << "  progress:   " << progress << (progress == 1 ? " learner row" : " learner rows") << Qt::endl
          << "  created:    " << lesson.createdAt.toString(Qt::ISODate) << Qt::endl
          << "  updated:    " << lesson.updatedAt.toString(Qt::ISODate) << Qt::endl;
    co_return Success;
}

QCoro::Task<int> addLesson(Services &services, Invocation invocation)
{
    noArguments(invocation, QStringLiteral("add"));
    CreateLessonCommand command;
    command.title = requiredOption(invocation, QStringLiteral("title"), QStringLiteral("add"));
    command.track = requiredOption(invocation, QStringLiteral("track"), QStringLiteral("add"));
    command.difficulty = intOption(invocation.options, QStringLiteral("difficulty"), 1);
    if (invocation.options.isSet(QStringLiteral("status")))
        command.status = invocation.options.value(QStringLiteral("status"));
    const Lesson lesson = co_await services.lessonCommands.create(command);
    if (wantsJson(invocation))
        printData(lessonJson(lesson));
    else
        out() << "Added " << lessonStatusToString(lesson.status) << " lesson " << describe(lesson) << " in track "
              << lesson.track << Qt::endl;
    co_return Success;
}

QCoro::Task<int> updateLesson(Services &services, Invocation invocation)
{
    const QCommandLineParser &options = invocation.options;
    UpdateLessonCommand command;
    command.id = singleId(invocation, QStringLiteral("update"));
    if (!options.isSet(QStringLiteral("version")))
        throw UsageError{QStringLiteral("lessons update needs --version N: the version your change is based on "
                                        "(see 'lessons show ID')")};
    command.baseVersion = intOption(options, QStringLiteral("version"), 0);
    if (options.isSet(QStringLiteral("title")))
        command.title = options.value(QStringLiteral("title"));
    if (options.isSet(QStringLiteral("track")))
        command.track = options.value(QStringLiteral("track"));
    if (options.isSet(QStringLiteral("difficulty")))
        command.difficulty = intOption(options, QStringLiteral("difficulty"), 0);
    if (options.isSet(QStringLiteral("status")))
        command.status = options.value(QStringLiteral("status"));
    if (!command.title && !command.track && !command.difficulty && !command.status)
        throw UsageError{QStringLiteral("lessons update needs something to change: --title, --track, --difficulty "
                                        "or --status")};
    const Lesson lesson = co_await services.lessonCommands.update(command);
    if (wantsJson(invocation))
        printData(lessonJson(lesson));
    else if (lesson.version == command.baseVersion)
        out() << "Nothing to change: " << describe(lesson) << " already has these values" << Qt::endl;
    else
        out() << "Updated " << describe(lesson) << Qt::endl;
    co_return Success;
}

QCoro::Task<int> setStatus(Services &services, Invocation invocation, LessonStatus status)
{
    const bool publish = status == LessonStatus::Published;
    const QString id = singleId(invocation, publish ? QStringLiteral("publish") : QStringLiteral("unpublish"));
    const Lesson current = co_await services.lessonQueries.get(id);
    const Lesson lesson = co_await services.lessonCommands.setStatus(current, status);
    if (wantsJson(invocation))
        printData(lessonJson(lesson));
    else if (lesson.version == current.version)
        out() << "Already " << (publish ? "published: " : "a draft: ") << describe(lesson) << Qt::endl;
    else
        out() << (publish ? "Published " : "Unpublished ") << describe(lesson) << Qt::endl;
    co_return Success;
}

QCoro::Task<int> deleteLesson(Services &services, Invocation invocation)
{
    const QString id = singleId(invocation, QStringLiteral("delete"));
    const Lesson lesson = co_await services.lessonQueries.get(id);
    const qint64 progress = co_await services.lessonQueries.progressCount(lesson.id);
    const QString rows = QStringLiteral("%1 learner progress %2").arg(progress).arg(progress == 1 ? QLatin1String("row") : QLatin1String("rows"));
    if (!invocation.options.isSet(QStringLiteral("yes"))) {
        const Answer answer = ask(QStringLiteral("Delete lesson %1, its content and its %2?").arg(describe(lesson), rows));
        if (answer == Answer::NoAnswer)
            throw UsageError{QStringLiteral("No answer on standard input: nothing was deleted (--yes deletes without "
                                            "asking)")};
        if (answer == Answer::No) {
            err() << "Not deleted." << Qt::endl;
            co_return Failure;
        }
    }
    const Lesson deleted = co_await services.lessonCommands.remove(lesson.id);
    out() << "Deleted lesson " << describe(deleted) << " with its content and " << rows << Qt::endl;
    co_return Success;
}

QCoro::Task<int> getContent(Services &services, Invocation invocation)
{
    const QString id = singleId(invocation, QStringLiteral("content get"));
    const Lesson lesson = co_await services.lessonQueries.get(id);
    LessonContent content;
    content.version = lesson.version;
    if (lesson.hasContent)
        content = co_await services.lessonQueries.content(lesson.id, lesson.version);
    else
        err() << "Lesson " << describe(lesson) << " has no content yet: nothing to write." << Qt::endl;
    if (invocation.options.isSet(QStringLiteral("output"))) {
        const QString path = invocation.options.value(QStringLiteral("output"));
        writeOutput(path, content.html, invocation.options.isSet(QStringLiteral("overwrite")));
        err() << "Wrote " << content.html.size() << " bytes (version " << content.version << ") to " << path << Qt::endl;
    } else {
        writeStdout(content.html);
    }
    co_return Success;
}

QCoro::Task<int> putContent(Services &services, Invocation invocation)
{
    PutLessonContentCommand command;
    command.id = singleId(invocation, QStringLiteral("content put"));
    const QString path = requiredOption(invocation, QStringLiteral("file"), QStringLiteral("content put"));
    command.html = readInput(path);
    if (invocation.options.isSet(QStringLiteral("version"))) {
        command.baseVersion = intOption(invocation.options, QStringLiteral("version"), 0);
    } else {
        const Lesson current = co_await services.lessonQueries.get(command.id);
        command.baseVersion = current.version;
    }
    // Unsafe HTML is the editor's call: warned about, stored as given. (Text that is not
    // UTF-8 is refused by the handler, so it is not scanned here.)
    if (Lesson::contentProblem(command.html).isEmpty()) {
        for (const UnsafeHtmlPart &part : findUnsafeHtml(QString::fromUtf8(command.html)))
            err() << "warning: " << path << ": unsafe HTML, stored as given (HTML " << part.description() << ")"
                  << Qt::endl;
    }
    const Lesson lesson = co_await services.lessonCommands.putContent(command);
    if (wantsJson(invocation))
        printData(lessonJson(lesson));
    else
        out() << "Stored " << command.html.size() << " bytes as the content of " << describe(lesson) << Qt::endl;
    co_return Success;
}

QCoro::Task<int> contentCommand(Services &services, Invocation invocation)
{
    if (invocation.arguments.isEmpty())
        throw UsageError{QStringLiteral("lessons content needs get or put")};
    const QString sub = invocation.arguments.takeFirst();
    if (sub == QLatin1String("get"))
        co_return co_await getContent(services, invocation);
    if (sub == QLatin1String("put"))
        co_return co_await putContent(services, invocation);
    throw UsageError{QStringLiteral("Unknown lessons content subcommand \"%1\": use get or put").arg(sub)};
}

QCoro::Task<int> exportTo(Services &services, Invocation invocation);

// Exports, adding how to replace files that are in the way.
QCoro::Task<int> exportLessons(Services &services, Invocation invocation)
{
    std::optional<DomainError> inTheWay;
    try {
        co_return co_await exportTo(services, invocation);
    } catch (const DomainError &error) {
        if (error.kind() != ErrorKind::Conflict || !error.fieldErrors().contains(QStringLiteral("output")))
            throw;
        inTheWay = error;
    }
    const int code = report(*inTheWay);
    err() << "Use --overwrite to replace existing files." << Qt::endl;
    co_return code;
}

QCoro::Task<int> exportTo(Services &services, Invocation invocation)
{
    const QCommandLineParser &options = invocation.options;
    const bool overwrite = options.isSet(QStringLiteral("overwrite"));
    LessonExporter exporter(services.lessonQueries, services.backend().location());
    if (options.isSet(QStringLiteral("track"))) {
        noArguments(invocation, QStringLiteral("export --track"));
        const QString track = options.value(QStringLiteral("track"));
        const QString folder = requiredOption(invocation, QStringLiteral("output"), QStringLiteral("export"));
        const bool showProgress = stderrIsTerminal();
        const QStringList written = co_await exporter.exportTrack(track, folder, overwrite,
                                                                  [showProgress](int done, int total) {
                                                                      if (showProgress)
                                                                          err() << "\rExported " << done << " of "
                                                                                << total << Qt::flush;
                                                                  });
        if (showProgress)
            err() << Qt::endl;
        out() << "Exported " << written.size() << (written.size() == 1 ? " lesson" : " lessons") << " of track "
              << track.trimmed() << " to " << folder << ":" << Qt::endl;
        for (const QString &path : written)
            out() << "  " << path << Qt::endl;
        co_return Success;
    }
    const QString id = singleId(invocation, QStringLiteral("export"));
    const QString output = requiredOption(invocation, QStringLiteral("output"), QStringLiteral("export"));
    const QString written = co_await exporter.exportLesson(id, output, overwrite);
    out() << "Exported lesson " << id << " to " << written << Qt::endl;
    co_return Success;
}

QString actionWord(ImportedLesson::Action action, bool planned)
{
    switch (action) {
    case ImportedLesson::Action::Create: return planned ? QStringLiteral("would create") : QStringLiteral("created");
    case ImportedLesson::Action::Update: return planned ? QStringLiteral("would update") : QStringLiteral("updated");
    case ImportedLesson::Action::Unchanged: return QStringLiteral("unchanged");
    }
    return {};
}

void printLessons(const ImportReport &report, bool planned)
{
    for (const ImportedLesson &lesson : report.lessons) {
        out() << "  " << actionWord(lesson.action, planned).leftJustified(14) << lesson.file;
        if (!lesson.id.isEmpty())
            out() << "  (" << lesson.id << ", version " << lesson.version << ")";
        out() << Qt::endl;
    }
}

int printProblems(const QList<ArchiveProblem> &problems, int code)
{
    for (const ArchiveProblem &problem : problems)
        err() << problem.toString() << Qt::endl;
    err() << "Nothing was written (" << problems.size() << (problems.size() == 1 ? " problem)." : " problems).")
          << Qt::endl;
    return code;
}

QCoro::Task<int> importLessons(Invocation invocation, EventBus &events)
{
    if (invocation.arguments.size() != 1)
        throw UsageError{QStringLiteral("lessons import needs one .lesson.json file or a folder of them")};
    const QString path = invocation.arguments.first();
    // Every file is read and checked before the store is even opened.
    const LessonBatch batch = LessonArchive::read(path);
    for (const ArchiveProblem &warning : batch.warnings)
        err() << "warning: " << warning.toString() << Qt::endl;
    if (!batch.isValid())
        co_return printProblems(batch.problems, BadInput);

    const std::unique_ptr<Services> opened = co_await openServices(invocation, events);
    Services &services = *opened;
    LessonImporter importer(services.lessonCommands, services.lessonQueries);

    if (invocation.options.isSet(QStringLiteral("dry-run"))) {
        const ImportReport plan = co_await importer.plan(batch);
        if (plan.outcome == ImportReport::Outcome::Refused)
            co_return printProblems(plan.problems, Conflict);
        if (plan.failure)
            co_return report(*plan.failure);
        printLessons(plan, true);
        out() << "Dry run: " << plan.created << " to create, " << plan.updated << " to update, " << plan.unchanged
              << " unchanged in " << services.backend().location() << "; nothing was written." << Qt::endl;
        co_return Success;
    }

    ImportOptions options;
    options.cancel = std::make_shared<std::atomic_bool>(false);
    const bool showProgress = stderrIsTerminal();
    options.progress = [showProgress](int done, int total) {
        if (showProgress)
            err() << "\rImported " << done << " of " << total << Qt::flush;
    };
    const StopOnInterrupt stopOnInterrupt(options.cancel.get());
    const ImportReport result = co_await importer.apply(batch, options);
    if (showProgress)
        err() << Qt::endl;

    switch (result.outcome) {
    case ImportReport::Outcome::Completed:
        printLessons(result, false);
        out() << "Imported " << result.total << (result.total == 1 ? " file" : " files") << " into "
              << services.backend().location() << ": " << summary(result) << "." << Qt::endl;
        co_return Success;
    case ImportReport::Outcome::Refused:
        co_return printProblems(result.problems, Conflict);
    case ImportReport::Outcome::Failed:
    case ImportReport::Outcome::Cancelled:
        break;
    }
    int code = Failure;
    if (result.outcome == ImportReport::Outcome::Cancelled) {
        err() << "Stopped after " << result.lessons.size() << " of " << result.total << " files." << Qt::endl;
    } else if (result.failure) {
        if (!result.failedFile.isEmpty())
            err() << result.failedFile << ": ";
        code = report(*result.failure);
    }
    if (!result.undone.isEmpty()) {
        err() << "Undone (what this import had written):" << Qt::endl;
        for (const QString &line : result.undone)
            err() << "  " << line << Qt::endl;
    }
    if (!result.notUndone.isEmpty()) {
        err() << "NOT undone (check these lessons):" << Qt::endl;
        for (const QString &line : result.notUndone)
            err() << "  " << line << Qt::endl;
    } else {
        err() << "The store is as it was before the import (versions of restored lessons moved on)." << Qt::endl;
    }
    co_return code;
}

} // namespace

QCoro::Task<int> lessonsCommand(Invocation invocation)
{
    const QStringList known{QStringLiteral("list"),      QStringLiteral("show"),    QStringLiteral("add"),
                            QStringLiteral("update"),    QStringLiteral("publish"), QStringLiteral("unpublish"),
                            QStringLiteral("delete"),    QStringLiteral("content"), QStringLiteral("export"),
                            QStringLiteral("import")};
    const QString sub = takeSubcommand(invocation, QStringLiteral("lessons"), known);

    EventBus events;
    if (sub == QLatin1String("import"))
        co_return co_await importLessons(invocation, events); // checks the files before opening the store
    const std::unique_ptr<Services> opened = co_await openServices(invocation, events);
    Services &services = *opened;
    if (sub == QLatin1String("list"))
        co_return co_await listLessons(services, invocation);
    if (sub == QLatin1String("show"))
        co_return co_await showLesson(services, invocation);
    if (sub == QLatin1String("add"))
        co_return co_await addLesson(services, invocation);
    if (sub == QLatin1String("update"))
        co_return co_await updateLesson(services, invocation);
    if (sub == QLatin1String("publish"))
        co_return co_await setStatus(services, invocation, LessonStatus::Published);
    if (sub == QLatin1String("unpublish"))
        co_return co_await setStatus(services, invocation, LessonStatus::Draft);
    if (sub == QLatin1String("delete"))
        co_return co_await deleteLesson(services, invocation);
    if (sub == QLatin1String("content"))
        co_return co_await contentCommand(services, invocation);
    co_return co_await exportLessons(services, invocation);
}

} // namespace edge::cli
