#include "DownloadTransfer.h"

#include "LocalFile.h"
#include "OffThread.h"
#include "TransferControl.h"
#include "TransferMessages.h"
#include "application/Services.h"

#include <QCoro/QCoroFuture>
#include <QCoro/QCoroTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <filesystem>
#include <optional>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace edge {

namespace {
QString shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

LocalFileError cannotWrite(const QString &path, const QString &why)
{
    return LocalFileError(QStringLiteral("Cannot write %1: %2").arg(shown(path), why));
}

// Opens the .part file to append; returns what it already holds.
qint64 openPart(QFile *part, const QString &destination)
{
    if (!part->open(QIODevice::ReadWrite | QIODevice::Append))
        throw cannotWrite(destination, part->errorString());
    return part->size();
}

// Flushes the .part file to disk and renames it over the destination: the real name only
// ever holds a whole file.
void finishPart(QFile *part, const QString &destination)
{
    if (!part->flush())
        throw cannotWrite(destination, part->errorString());
#ifdef Q_OS_UNIX
    if (::fsync(part->handle()) != 0)
        throw cannotWrite(destination, QStringLiteral("the data could not be flushed to disk"));
#endif
    part->close();
    std::error_code error;
    std::filesystem::rename(part->fileName().toStdU16String(), destination.toStdU16String(), error);
    if (error)
        throw cannotWrite(destination, QString::fromStdString(error.message()));
}
} // namespace

DownloadTransfer::DownloadTransfer(std::shared_ptr<Services> services, QString key, QString destination,
                                   int retries, int retryDelayMs)
    : m_services(std::move(services))
    , m_key(std::move(key))
    , m_destination(std::move(destination))
    , m_control(std::make_shared<TransferControl>())
    , m_part(std::make_unique<QFile>(partPathOf(m_destination)))
    , m_retries(retries)
    , m_retryDelayMs(retryDelayMs)
{
}

QCoro::Task<bool> DownloadTransfer::retryAfter(std::exception_ptr failure, int attempt)
{
    if (attempt >= m_retries || m_stopped || !isTransientFailure(failure))
        co_return false;
    const qint64 wait = qint64(m_retryDelayMs) << qMin(attempt, 10);
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < wait && !m_stopped)
        co_await QCoro::sleepFor(std::chrono::milliseconds(qMin<qint64>(100, wait - waited.elapsed() + 1)));
    co_return !m_stopped;
}

DownloadTransfer::~DownloadTransfer() = default;

void DownloadTransfer::stop()
{
    m_stopped = true;
    m_control->cancel();
}

void DownloadTransfer::detach()
{
    onProgress = nullptr;
    stop();
}

QCoro::Task<Upload> DownloadTransfer::run()
{
    const std::shared_ptr<DownloadTransfer> self = shared_from_this();
    if (m_stopped)
        throw TransferCancelledError();
    const Upload record = co_await m_services->uploadQueries.get(m_key);
    if (m_stopped)
        throw TransferCancelledError();

    // The QFile is used by one thread at a time: a pool thread here, the store's while it
    // writes, a pool thread again to finish.
    QFile *part = m_part.get();
    auto open = [part, destination = m_destination] { return openPart(part, destination); };
    QFuture<qint64> opening = runOffThread(std::move(open));
    qint64 already = co_await opening;
    if (already > record.size) {
        // Not the beginning of this file (it was replaced since): start over.
        auto truncate = [part, destination = m_destination] {
            if (!part->resize(0))
                throw cannotWrite(destination, part->errorString());
        };
        QFuture<void> truncating = runOffThread(std::move(truncate));
        co_await truncating;
        already = 0;
    }
    bool resumed = already > 0;
    if (onProgress)
        onProgress(already, record.size);

    std::weak_ptr<DownloadTransfer> weak = weak_from_this();
    QObject::connect(m_control.get(), &TransferControl::progressed, m_control.get(),
                     [weak, total = record.size](qint64 done, qint64) {
                         if (const auto self = weak.lock(); self && self->onProgress)
                             self->onProgress(self->m_base + done, total);
                     });
    for (int attempt = 0; already < record.size; ++attempt) {
        m_base = already;
        std::optional<ByteRange> range;
        if (already > 0)
            range = ByteRange{already, -1};
        std::exception_ptr error;
        try {
            co_await m_services->uploadQueries.download(m_key, range, part, m_control);
            break;
        } catch (...) {
            error = std::current_exception();
        }
        // A write that failed (a full disk) says more than the store's "cannot write".
        const QString writeProblem = part->error() != QFileDevice::NoError ? part->errorString() : QString();
        bool again = false;
        if (writeProblem.isEmpty())
            again = co_await retryAfter(error, attempt);
        if (!again) {
            auto close = [part] { part->close(); };
            QFuture<void> closing = runOffThread(std::move(close));
            co_await closing;
            if (!writeProblem.isEmpty())
                throw cannotWrite(m_destination, writeProblem);
            std::rethrow_exception(error);
        }
        // Again from what arrived: the .part file's size once flushed.
        auto measure = [part] {
            part->flush();
            return part->size();
        };
        QFuture<qint64> measuring = runOffThread(std::move(measure));
        already = qMin(co_await measuring, record.size);
        resumed = true;
    }

    if (resumed && !record.sha256.isEmpty()) {
        // Bytes from an earlier run joined to new ones: make sure they make up this file.
        auto flush = [part] { part->flush(); };
        QFuture<void> flushing = runOffThread(std::move(flush));
        co_await flushing;
        auto hashJob = [path = part->fileName(), size = record.size] {
            return sha256OfLocalFile(path, size, nullptr);
        };
        QFuture<QString> hashing = runOffThread(std::move(hashJob));
        QString hash;
        try {
            hash = co_await hashing;
        } catch (const FileChangedError &) {
        }
        if (hash != record.sha256) {
            auto discard = [part] { part->close(); part->remove(); };
            QFuture<void> discarding = runOffThread(std::move(discard));
            co_await discarding;
            throw LocalFileError(QStringLiteral("The resumed download of %1 did not match the stored file (it was "
                                                "replaced meanwhile?); download it again")
                                     .arg(m_key));
        }
    }
    auto finish = [part, destination = m_destination] { finishPart(part, destination); };
    QFuture<void> finishing = runOffThread(std::move(finish));
    co_await finishing;
    co_return record;
}

} // namespace edge
