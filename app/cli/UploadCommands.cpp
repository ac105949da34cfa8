#include "UploadCommands.h"

#include "Connection.h"
#include "application/EventBus.h"
#include "application/Services.h"
#include "application/uploads/TransferMessages.h"
#include "application/uploads/TransferQueue.h"
#include "domain/Text.h"
#include "infrastructure/local/FileTransferJournal.h"

#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <functional>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

#include <memory>

namespace edge::cli {

namespace {

constexpr int MaxListLimit = 10'000;

// ---- printing ------------------------------------------------------------------------------

QString timestamp(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonObject uploadJson(const Upload &upload)
{
    return {{QStringLiteral("key"), upload.key},
            {QStringLiteral("size"), upload.size},
            {QStringLiteral("contentType"), upload.contentType},
            {QStringLiteral("originalName"), upload.originalName},
            {QStringLiteral("sha256"), orNull(upload.sha256)},
            {QStringLiteral("uploadedBy"), orNull(upload.uploadedBy)},
            {QStringLiteral("createdAt"), timestamp(upload.createdAt)}};
}

QString describe(const Upload &upload)
{
    return QStringLiteral("%1 (%2, %3)").arg(withInvisiblesShown(upload.key), formatBytes(upload.size), upload.contentType);
}

void printTable(const QList<Upload> &uploads)
{
    const QStringList headers{QStringLiteral("KEY"), QStringLiteral("SIZE"), QStringLiteral("TYPE"),
                              QStringLiteral("UPLOADED"), QStringLiteral("NAME")};
    QList<QStringList> rows;
    for (const Upload &u : uploads)
        rows << QStringList{withInvisiblesShown(u.key), QString::number(u.size), u.contentType, timestamp(u.createdAt),
                            withInvisiblesShown(u.originalName)};
    printColumns(headers, rows);
}

bool stdinIsTerminal()
{
#ifdef Q_OS_UNIX
    return isatty(STDIN_FILENO) == 1;
#else
    return false;
#endif
}

ValidationError fieldError(const QString &field, const QString &problem)
{
    return ValidationError(QStringLiteral("%1 %2").arg(field, problem), {{field, problem}});
}

// "\r<what> 45% 27.0 MiB of 60.0 MiB, 12.3 MiB/s, 3 s left" on a terminal.
QString progressLine(const QString &what, qint64 done, qint64 total, double bytesPerSecond, qint64 secondsLeft)
{
    QString line = QStringLiteral("%1 %2%3 of %4").arg(what, total > 0 ? QStringLiteral("%1% ").arg(done * 100 / total) : QString(),
                                                       formatBytes(done), formatBytes(total));
    if (bytesPerSecond > 0)
        line += QStringLiteral(", %1/s").arg(formatBytes(qint64(bytesPerSecond)));
    if (secondsLeft >= 0)
        line += QStringLiteral(", %1 s left").arg(secondsLeft);
    return line;
}

void showOnTerminal(const QString &line)
{
    // Padded so a shorter line covers a longer one.
    err() << '\r' << line.leftJustified(100) << Qt::flush;
}

// Ctrl+C (or a polite kill) while bytes move: `stop` runs on the event loop, so a put keeps
// its journal entry and a download leaves no half file, and the command says what to do.
std::atomic_bool g_interrupted{false};

extern "C" void interruptTransfer(int)
{
    g_interrupted.store(true);
}

class StopOnInterrupt
{
public:
    explicit StopOnInterrupt(std::function<void()> stop)
    {
        g_interrupted.store(false);
        m_previousInt = std::signal(SIGINT, interruptTransfer);
        m_previousTerm = std::signal(SIGTERM, interruptTransfer);
        m_poll.setInterval(100);
        QObject::connect(&m_poll, &QTimer::timeout, &m_poll, [this, stop = std::move(stop)] {
            if (g_interrupted.load() && !m_fired) {
                m_fired = true;
                stop();
            }
        });
        m_poll.start();
    }
    ~StopOnInterrupt()
    {
        std::signal(SIGINT, m_previousInt == SIG_ERR ? SIG_DFL : m_previousInt);
        std::signal(SIGTERM, m_previousTerm == SIG_ERR ? SIG_DFL : m_previousTerm);
    }
    StopOnInterrupt(const StopOnInterrupt &) = delete;
    StopOnInterrupt &operator=(const StopOnInterrupt &) = delete;
    bool fired() const { return m_fired; }

private:
    void (*m_previousInt)(int) = SIG_DFL;
    void (*m_previousTerm)(int) = SIG_DFL;
    QTimer m_poll;
    bool m_fired = false;
};

// ---- list ------------------------------------------------------------------------------------

UploadSort sortOf(const QString &name)
{
    if (name == QLatin1String("createdAt"))
        return UploadSort::CreatedAt;
    if (name == QLatin1String("key"))
        return UploadSort::Key;
    if (name == QLatin1String("name"))
        return UploadSort::Name;
    if (name == QLatin1String("size"))
        return UploadSort::Size;
    if (name == QLatin1String("contentType"))
        return UploadSort::ContentType;
    throw UsageError{QStringLiteral("--sort must be createdAt, key, name, size or contentType (got \"%1\")").arg(name)};
}

QCoro::Task<int> listUploads(Services &services, Invocation invocation)
{
    if (!invocation.arguments.isEmpty())
        throw UsageError{QStringLiteral("uploads list takes no arguments (got \"%1\")").arg(invocation.arguments.first())};
    const QCommandLineParser &options = invocation.options;
    UploadListQuery query;
    query.prefix = options.value(QStringLiteral("prefix"));
    query.search = options.value(QStringLiteral("search"));
    query.contentType = options.value(QStringLiteral("type"));
    if (options.isSet(QStringLiteral("sort")))
        query.sort = sortOf(options.value(QStringLiteral("sort")));
    // Newest first by default; other sorts ascending unless --desc.
    query.descending = options.isSet(QStringLiteral("desc"))
                       || (query.sort == UploadSort::CreatedAt && !options.isSet(QStringLiteral("asc")));
    const int limit = intOption(options, QStringLiteral("limit"), 50);
    if (limit < 1 || limit > MaxListLimit)
        throw UsageError{QStringLiteral("--limit must be from 1 to %L1").arg(MaxListLimit)};

    QList<Upload> uploads;
    bool more = false;
    while (uploads.size() < limit) {
        query.limit = int(std::min<qsizetype>(200, limit - uploads.size()));
        const UploadPage page = co_await services.uploadQueries.list(query);
        uploads << page.items;
        more = !page.nextCursor.isEmpty();
        if (!more)
            break;
        query.cursor = page.nextCursor;
    }
    if (wantsJson(invocation)) {
        QJsonArray items;
        for (const Upload &upload : uploads)
            items << uploadJson(upload);
        printData(items);
    } else {
        printTable(uploads);
        err() << uploads.size() << (uploads.size() == 1 ? " file" : " files")
              << (more ? QStringLiteral(" (more: raise --limit)") : QString()) << Qt::endl;
    }
    co_return Success;
}

// ---- put -------------------------------------------------------------------------------------

bool isFinished(TransferState state)
{
    return state == TransferState::Completed || state == TransferState::Failed || state == TransferState::Cancelled;
}

// Each FILE's key: --key for one file, otherwise --prefix + the file's name.
QList<std::pair<QString, UploadNaming>> namedFiles(const Invocation &invocation)
{
    const QCommandLineParser &options = invocation.options;
    if (invocation.arguments.isEmpty())
        throw UsageError{QStringLiteral("uploads put needs at least one FILE")};
    if (options.isSet(QStringLiteral("key")) && options.isSet(QStringLiteral("prefix")))
        throw UsageError{QStringLiteral("uploads put takes --key or --prefix, not both")};
    if (options.isSet(QStringLiteral("key")) && invocation.arguments.size() > 1)
        throw UsageError{QStringLiteral("--key names one file; use --prefix for several")};
    QList<std::pair<QString, UploadNaming>> files;
    QMap<QString, QString> problems;
    for (const QString &path : invocation.arguments) {
        const QFileInfo info(path);
        if (!info.exists())
            problems.insert(path, QStringLiteral("no such file"));
        else if (!info.isFile())
            problems.insert(path, QStringLiteral("is not a file (folders: name their files)"));
        else if (!info.isReadable())
            problems.insert(path, QStringLiteral("cannot be read"));
        else if (info.size() == 0)
            problems.insert(path, QStringLiteral("is empty (nothing to upload)"));
        const QString key = options.isSet(QStringLiteral("key")) ? options.value(QStringLiteral("key"))
                                                                 : options.value(QStringLiteral("prefix")) + info.fileName();
        UploadNaming naming(key, info.fileName(), options.value(QStringLiteral("content-type")));
        try {
            parseUploadNaming(naming); // every bad name before anything is sent
        } catch (const ValidationError &error) {
            for (auto it = error.fieldErrors().cbegin(); it != error.fieldErrors().cend(); ++it)
                problems.insert(QStringLiteral("%1: %2").arg(path, it.key()), it.value());
        }
        files << std::pair{info.absoluteFilePath(), naming};
    }
    if (!problems.isEmpty())
        throw ValidationError(QStringLiteral("Nothing was uploaded:"), problems);
    return files;
}

QCoro::Task<int> putUploads(std::shared_ptr<Services> services, Invocation invocation)
{
    const QList<std::pair<QString, UploadNaming>> files = namedFiles(invocation);
    // A taken key is a conflict before anything is sent (the queue would only say so later).
    for (const auto &[path, naming] : files) {
        std::optional<Upload> existing;
        try {
            existing = co_await services->uploadQueries.get(naming.key);
        } catch (const NotFoundError &) {
        }
        if (existing)
            throw ConflictError(QStringLiteral("%1 is already stored (%2); nothing was uploaded. Delete it first or choose "
                                               "another --key")
                                    .arg(withInvisiblesShown(naming.key), formatBytes(existing->size)),
                                {{QStringLiteral("key"), QStringLiteral("is already taken")}});
    }

    FileTransferJournal journal(FileTransferJournal::defaultFolder());
    // What an interrupted run of the same file and key had stored (the queue continues it).
    QMap<QString, QString> continued; // key -> "3 of 8 parts"
    const QList<PendingUpload> unfinished = co_await journal.load(services->backend().location());
    for (const PendingUpload &entry : unfinished) {
        for (const auto &[path, naming] : files) {
            if (entry.naming.key == naming.key && entry.localPath == path && entry.fileSize == QFileInfo(path).size()
                && !entry.parts.isEmpty())
                continued.insert(naming.key, QStringLiteral("%1 of %2 parts")
                                                 .arg(entry.parts.size())
                                                 .arg(partCountOf(entry.fileSize, entry.partSize)));
        }
    }
    TransferOptions transferOptions;
    transferOptions.resumeOnAttach = false; // only the files asked for
    TransferQueue queue(journal, transferOptions);
    queue.attach(services);
    QMap<QString, Upload> stored; // by key
    QObject::connect(&queue, &TransferQueue::uploadFinished, &queue, [&stored](const Upload &upload) { stored.insert(upload.key, upload); });
    for (const auto &[path, naming] : files)
        queue.addUpload(path, naming);

    const bool terminal = stderrIsTerminal();
    QSet<int> reported;
    int failures = 0;
    QEventLoop loop;
    const auto onRow = [&](int row) {
        const TransferStatus status = queue.status(row);
        if (!isFinished(status.state)) {
            if (terminal && status.state == TransferState::Running)
                showOnTerminal(progressLine(status.key, status.bytesDone, status.totalBytes, status.bytesPerSecond,
                                            status.secondsLeft));
            return;
        }
        if (reported.contains(row))
            return;
        reported.insert(row);
        if (terminal)
            err() << '\r' << QString(100, QLatin1Char(' ')) << '\r' << Qt::flush;
        if (status.state == TransferState::Completed) {
            const QString resumed = continued.contains(status.key)
                                        ? QStringLiteral(", resumed: %1 were stored by an interrupted run").arg(continued.value(status.key))
                                        : QString();
            if (!wantsJson(invocation))
                out() << "Uploaded " << withInvisiblesShown(status.key) << " (" << formatBytes(status.totalBytes) << resumed << ")"
                      << Qt::endl;
        } else {
            ++failures;
            err() << "error: " << withInvisiblesShown(status.key) << ": "
                  << (status.error.isEmpty() ? QStringLiteral("cancelled") : status.error) << Qt::endl;
        }
        if (reported.size() == queue.count())
            loop.quit();
    };
    QObject::connect(&queue, &TransferQueue::rowChanged, &loop, onRow);
    const StopOnInterrupt interrupt([&loop] { loop.quit(); });
    for (int row = 0; row < queue.count(); ++row)
        onRow(row);
    if (reported.size() < queue.count())
        loop.exec();
    if (interrupt.fired()) {
        if (terminal)
            err() << '\n';
        err() << "Interrupted: what was sent is kept; run the same put again to continue" << Qt::endl;
        co_return Failure; // the queue stops here and keeps its journal entries
    }

    if (wantsJson(invocation)) {
        QJsonArray items;
        for (const auto &[path, naming] : files) {
            if (stored.contains(naming.key))
                items << uploadJson(stored.value(naming.key));
        }
        printData(items);
    }
    if (failures > 0)
        err() << failures << " of " << files.size() << " files not uploaded; what was sent is kept: run the same put again to "
              << "continue" << Qt::endl;
    co_return failures > 0 ? Failure : Success;
}

// ---- get -------------------------------------------------------------------------------------

std::optional<ByteRange> rangeOption(const QCommandLineParser &options)
{
    if (!options.isSet(QStringLiteral("range")))
        return std::nullopt;
    static const QRegularExpression form(QStringLiteral("^(\\d{1,18})-(\\d{0,18})$"));
    const QRegularExpressionMatch match = form.match(options.value(QStringLiteral("range")));
    if (!match.hasMatch())
        throw fieldError(QStringLiteral("range"), QStringLiteral("must be FIRST-LAST or FIRST- (byte offsets from 0, "
                                                                 "LAST included)"));
    const qint64 first = match.captured(1).toLongLong();
    if (match.captured(2).isEmpty())
        return ByteRange{first, -1};
    const qint64 last = match.captured(2).toLongLong();
    if (last < first)
        throw fieldError(QStringLiteral("range"), QStringLiteral("ends before it starts"));
    return ByteRange{first, last - first + 1};
}

QCoro::Task<int> getUpload(Services &services, Invocation invocation)
{
    if (invocation.arguments.size() != 1)
        throw UsageError{QStringLiteral("uploads get needs one KEY")};
    const QString key = invocation.arguments.first();
    const std::optional<ByteRange> range = rangeOption(invocation.options);
    const QString output = invocation.options.isSet(QStringLiteral("output")) ? invocation.options.value(QStringLiteral("output"))
                                                                              : Upload::baseNameOf(key);
    const bool toStdout = output == QLatin1String("-");
    if (!toStdout && !invocation.options.isSet(QStringLiteral("overwrite")) && QFileInfo::exists(output))
        throw ConflictError(QStringLiteral("%1 already exists; nothing was written (use --overwrite to replace it)").arg(output));

    auto control = std::make_shared<TransferControl>();
    const bool terminal = stderrIsTerminal();
    if (terminal) {
        QObject::connect(control.get(), &TransferControl::progressed, control.get(), [key](qint64 done, qint64 total) {
            showOnTerminal(progressLine(key, done, total, 0, -1));
        });
    }
    const StopOnInterrupt interrupt([control] { control->cancel(); });
    UploadDownload got;
    if (toStdout) {
        out().flush();
        QFile standardOutput;
        if (!standardOutput.open(stdout, QIODevice::WriteOnly))
            throw DomainError(ErrorKind::Unavailable, QStringLiteral("Cannot write to standard output"));
        got = co_await services.uploadQueries.download(key, range, &standardOutput, control);
        standardOutput.flush();
    } else {
        // Written beside the destination and renamed when complete: never a half file under its name.
        QSaveFile file(output);
        if (!file.open(QIODevice::WriteOnly))
            throw DomainError(ErrorKind::Unavailable, QStringLiteral("Cannot write %1: %2").arg(output, file.errorString()));
        got = co_await services.uploadQueries.download(key, range, &file, control);
        if (!file.commit())
            throw DomainError(ErrorKind::Unavailable, QStringLiteral("Cannot write %1: %2").arg(output, file.errorString()));
    }
    if (terminal)
        err() << '\r' << QString(100, QLatin1Char(' ')) << '\r' << Qt::flush;
    if (!toStdout)
        out() << "Wrote " << formatBytes(got.length)
              << (range ? QStringLiteral(" (bytes %1-%2 of %3)").arg(got.offset).arg(got.offset + got.length - 1).arg(got.upload.size)
                        : QString())
              << " of " << withInvisiblesShown(key) << " to " << output << Qt::endl;
    co_return Success;
}

// ---- delete ----------------------------------------------------------------------------------

QCoro::Task<int> deleteUploads(Services &services, Invocation invocation)
{
    if (invocation.arguments.isEmpty())
        throw UsageError{QStringLiteral("uploads delete needs at least one KEY")};
    // Every key first: a missing one deletes nothing.
    QList<Upload> uploads;
    for (const QString &key : invocation.arguments)
        uploads << co_await services.uploadQueries.get(key);
    if (!invocation.options.isSet(QStringLiteral("yes"))) {
        if (!stdinIsTerminal())
            throw UsageError{QStringLiteral("Not deleting without --yes when standard input is not a terminal: nothing was "
                                            "deleted")};
        QStringList names;
        for (const Upload &upload : uploads.mid(0, 5))
            names << describe(upload);
        const QString more = uploads.size() > 5 ? QStringLiteral(" and %1 more").arg(uploads.size() - 5) : QString();
        const Answer answer = ask(QStringLiteral("Delete %1 %2: %3%4?")
                                      .arg(uploads.size())
                                      .arg(uploads.size() == 1 ? QStringLiteral("file") : QStringLiteral("files"),
                                           names.join(QStringLiteral(", ")), more));
        if (answer != Answer::Yes) {
            err() << "Not deleted." << Qt::endl;
            co_return Failure;
        }
    }
    for (const Upload &upload : uploads) {
        const Upload deleted = co_await services.uploadCommands.remove(upload.key);
        out() << "Deleted " << describe(deleted) << Qt::endl;
    }
    co_return Success;
}

} // namespace

QCoro::Task<int> uploadsCommand(Invocation invocation)
{
    const QString sub = takeSubcommand(invocation, QStringLiteral("uploads"),
                                       {QStringLiteral("list"), QStringLiteral("put"), QStringLiteral("get"),
                                        QStringLiteral("delete")});
    EventBus events;
    std::shared_ptr<Services> services = co_await openServices(invocation, events);
    if (sub == QLatin1String("list"))
        co_return co_await listUploads(*services, invocation);
    if (sub == QLatin1String("put"))
        co_return co_await putUploads(services, invocation);
    if (sub == QLatin1String("get"))
        co_return co_await getUpload(*services, invocation);
    co_return co_await deleteUploads(*services, invocation);
}

} // namespace edge::cli
