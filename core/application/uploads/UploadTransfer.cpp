#include "UploadTransfer.h"

#include "LocalFile.h"
#include "OffThread.h"
#include "TransferControl.h"
#include "TransferMessages.h"
#include "application/Services.h"

#include <QCoro/QCoroFuture>
#include <QCoro/QCoroTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QSet>

#include <algorithm>
#include <vector>

namespace edge {

namespace {
constexpr qint64 MiB = 1024 * 1024;

bool isNotFound(const std::exception_ptr &error)
{
    try {
        std::rethrow_exception(error);
    } catch (const NotFoundError &) {
        return true;
    } catch (...) {
        return false;
    }
}

// Sets the flag when the scope ends (a failure, a pause): the hashing stops reading.
struct StopOnExit
{
    std::shared_ptr<std::atomic_bool> flag;
    bool armed = true;
    ~StopOnExit()
    {
        if (armed)
            flag->store(true);
    }
};

// One entry per part number (a part sent twice keeps its last etag), in order.
QList<UploadedPart> completedParts(const QList<UploadedPart> &parts)
{
    std::map<int, QString> byNumber;
    for (const UploadedPart &part : parts)
        byNumber[part.partNumber] = part.etag;
    QList<UploadedPart> ordered;
    for (const auto &[number, etag] : byNumber)
        ordered.append(UploadedPart{number, etag});
    return ordered;
}
} // namespace

bool UploadTransfer::isJournaled(const PendingUpload &upload)
{
    return upload.partSize > 0 || !upload.uploadId.isEmpty() || upload.fileSize > SingleRequestJournalMin;
}

qint64 choosePartSize(qint64 fileSize, qint64 wanted, qint64 maxRequestBytes)
{
    qint64 partSize = qMax(wanted, Upload::MinPartSize);
    if (partCountOf(fileSize, partSize) > Upload::MaxParts) {
        // Whole MiB, so parts line up with the stores' chunks.
        const qint64 needed = (fileSize + Upload::MaxParts - 1) / Upload::MaxParts;
        partSize = (needed + MiB - 1) / MiB * MiB;
    }
    partSize = qMin(partSize, qMax(maxRequestBytes, Upload::MinPartSize));
    if (partCountOf(fileSize, partSize) > Upload::MaxParts)
        throw DomainError(ErrorKind::PayloadTooLarge,
                          QStringLiteral("a file of %1 bytes needs more than %2 parts of at most %3 bytes")
                              .arg(fileSize).arg(Upload::MaxParts).arg(maxRequestBytes));
    return partSize;
}

UploadTransfer::UploadTransfer(std::shared_ptr<Services> services, TransferJournal &journal, PendingUpload upload,
                               TransferOptions options)
    : m_services(std::move(services))
    , m_journal(journal)
    , m_upload(std::move(upload))
    , m_options(options)
    , m_stopHashing(std::make_shared<std::atomic_bool>(false))
{
}

UploadTransfer::~UploadTransfer() = default;

void UploadTransfer::stop()
{
    m_stopped = true;
    // A copy: cancel() may end a part at once, which erases it from the map.
    const auto controls = m_controls;
    for (const auto &[number, control] : controls)
        control->cancel();
}

void UploadTransfer::detach()
{
    m_detached = true;
    onProgress = nullptr;
    m_stopHashing->store(true);
    stop();
}

void UploadTransfer::throwIfStopped() const
{
    if (m_stopped || m_detached)
        throw TransferCancelledError();
}

qint64 UploadTransfer::bytesDone() const
{
    qint64 done = m_finishedBytes;
    for (const auto &[number, bytes] : m_inFlight)
        done += bytes;
    return qMin(done, m_upload.fileSize);
}

void UploadTransfer::reportProgress()
{
    if (!m_detached && onProgress)
        onProgress(bytesDone());
}

qint64 UploadTransfer::partLength(int number) const
{
    const qint64 offset = qint64(number - 1) * m_upload.partSize;
    return qMin(m_upload.partSize, m_upload.fileSize - offset);
}

std::shared_ptr<TransferControl> UploadTransfer::newControl(int part)
{
    auto control = std::make_shared<TransferControl>();
    std::weak_ptr<UploadTransfer> weak = weak_from_this();
    TransferControl *raw = control.get();
    QObject::connect(raw, &TransferControl::progressed, raw, [weak, raw, part](qint64 done, qint64) {
        const std::shared_ptr<UploadTransfer> self = weak.lock();
        // Late reports of a part that already ended are not progress any more.
        if (!self || !self->m_controls.count(part) || self->m_controls.at(part).get() != raw)
            return;
        self->m_inFlight[part] = done;
        self->reportProgress();
    });
    m_controls[part] = control;
    if (m_stopped)
        control->cancel();
    return control;
}

QCoro::Task<void> UploadTransfer::save()
{
    throwIfStopped();
    co_await saveProgress();
}

QCoro::Task<void> UploadTransfer::saveProgress()
{
    QCoro::Task<void> saving = m_journal.save(m_upload);
    try {
        co_await std::move(saving);
    } catch (const DomainError &error) {
        // The journal, not the store: say so, or a full home folder reads as a full store.
        throw LocalFileError(QStringLiteral("Cannot record the progress of %1 (needed to resume it): %2")
                                 .arg(QDir::toNativeSeparators(m_upload.localPath), error.message()));
    }
}

QCoro::Task<void> UploadTransfer::abandon()
{
    const QString uploadId = m_upload.uploadId;
    if (!uploadId.isEmpty()) {
        try {
            co_await m_services->uploadCommands.abortMultipart(uploadId);
        } catch (...) {
            // Already gone (swept, or aborted before): nothing is left on the store either way.
        }
    }
    co_await forgetEntry();
}

QCoro::Task<void> UploadTransfer::forgetEntry()
{
    if (m_detached)
        co_return;
    QCoro::Task<void> removing = m_journal.remove(m_upload.id);
    try {
        co_await std::move(removing);
    } catch (...) {
        // The transfer is over either way; a stale entry only costs a failed resume later.
    }
}

QCoro::Task<void> UploadTransfer::checkUnchanged()
{
    auto check = [path = m_upload.localPath, size = m_upload.fileSize, modified = m_upload.fileModified] {
        return localFileChanged(path, size, modified);
    };
    QFuture<bool> checking = runOffThread(std::move(check));
    if (co_await checking)
        throw FileChangedError();
}

QCoro::Task<bool> UploadTransfer::retryAfter(std::exception_ptr failure, int attempt)
{
    if (attempt >= m_options.retries || m_stopped || m_detached || m_laneError || !isTransientFailure(failure))
        co_return false;
    // A pause, or another part failing for good, ends the wait early.
    const qint64 wait = qint64(m_options.retryDelayMs) << qMin(attempt, 10);
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < wait && !m_stopped && !m_detached && !m_laneError)
        co_await QCoro::sleepFor(std::chrono::milliseconds(qMin<qint64>(100, wait - waited.elapsed() + 1)));
    co_return !m_stopped && !m_detached && !m_laneError;
}

QCoro::Task<Upload> UploadTransfer::run()
{
    const std::shared_ptr<UploadTransfer> self = shared_from_this(); // alive until run() ends
    const qint64 limit = qMin(m_options.singleRequestMax, m_services->backend().uploads().maxRequestBytes());
    if (m_upload.uploadId.isEmpty() && m_upload.parts.isEmpty()) {
        if (m_upload.fileSize <= limit) {
            m_upload.partSize = 0;
            co_return co_await runSingle();
        }
        if (m_upload.partSize <= 0)
            m_upload.partSize = choosePartSize(m_upload.fileSize, m_options.partSize,
                                               m_services->backend().uploads().maxRequestBytes());
    }
    co_return co_await runMultipart();
}

QCoro::Task<Upload> UploadTransfer::runSingle()
{
    // Journaled so a crash before it lands still shows the transfer on restart; but not small
    // files: an entry's fsync would cost more than sending one again, and a folder of
    // thousands would crawl.
    const bool journaled = isJournaled(m_upload);
    if (journaled)
        co_await save();
    StopOnExit stopHashing{m_stopHashing};
    auto hashJob = [path = m_upload.localPath, size = m_upload.fileSize, stop = m_stopHashing] {
        return sha256OfLocalFile(path, size, stop);
    };
    QFuture<QString> hashing = runOffThread(std::move(hashJob), transferPool());

    std::optional<Upload> stored;
    for (int attempt = 0; !stored; ++attempt) {
        std::shared_ptr<TransferControl> control = newControl(0);
        UploadSource source = UploadSource::file(m_upload.localPath, 0, m_upload.fileSize);
        source.control = control;
        PutUploadCommand command{m_upload.naming, source};
        std::exception_ptr error;
        try {
            stored = co_await m_services->uploadCommands.put(command);
        } catch (...) {
            error = std::current_exception();
        }
        m_controls.erase(0);
        m_inFlight.erase(0);
        if (error) {
            reportProgress();
            if (!co_await retryAfter(error, attempt))
                std::rethrow_exception(error);
        }
    }
    m_finishedBytes = m_upload.fileSize;

    // Stored: it stays unless the file turns out to have changed meanwhile.
    stopHashing.armed = false;
    bool changed = false;
    QString hash;
    try {
        hash = co_await hashing;
        co_await checkUnchanged();
    } catch (const FileChangedError &) {
        changed = true;
    } catch (const LocalFileError &) {
        changed = true; // unreadable after it was read: what was stored cannot be trusted
    }
    if (!changed && !stored->sha256.isEmpty() && stored->sha256 != hash)
        changed = true;
    if (changed) {
        try {
            co_await m_services->uploadCommands.remove(stored->key);
        } catch (...) {
        }
        if (journaled)
            co_await forgetEntry();
        throw FileChangedError();
    }
    if (journaled)
        co_await forgetEntry();
    co_return *stored;
}

QCoro::Task<Upload> UploadTransfer::runMultipart()
{
    bool restarted = false;
    for (;;) {
        if (m_upload.uploadId.isEmpty()) {
            throwIfStopped();
            CreateMultipartCommand create{m_upload.naming, m_upload.fileSize, m_upload.partSize};
            const MultipartUpload created = co_await m_services->uploadCommands.createMultipart(create);
            m_upload.uploadId = created.uploadId;
            m_upload.parts.clear();
            if (m_detached) {
                co_await abandon(); // nobody would ever resume it
                throw TransferCancelledError();
            }
            co_await save();
        }

        StopOnExit stopHashing{std::make_shared<std::atomic_bool>(false)};
        m_stopHashing = stopHashing.flag;
        auto hashJob = [path = m_upload.localPath, size = m_upload.fileSize, stop = m_stopHashing] {
            return sha256OfLocalFile(path, size, stop);
        };
        QFuture<QString> hashing = runOffThread(std::move(hashJob), transferPool());

        m_upload.parts = completedParts(m_upload.parts);
        QSet<int> done;
        m_finishedBytes = 0;
        for (const UploadedPart &part : std::as_const(m_upload.parts)) {
            done.insert(part.partNumber);
            m_finishedBytes += partLength(part.partNumber);
        }
        auto missing = std::make_shared<QList<int>>();
        const int partCount = partCountOf(m_upload.fileSize, m_upload.partSize);
        for (int number = 1; number <= partCount; ++number) {
            if (!done.contains(number))
                missing->append(number);
        }
        reportProgress();

        m_nextMissing = 0;
        m_laneError = nullptr;
        const int lanes = qMin<int>(qMax(1, m_options.partsInFlight), int(missing->size()));
        std::vector<QCoro::Task<void>> sending;
        for (int lane = 0; lane < lanes; ++lane)
            sending.push_back(sendParts(missing));
        for (QCoro::Task<void> &lane : sending)
            co_await std::move(lane);
        if (m_laneError) {
            if (!restarted && !m_stopped && !m_detached && isNotFound(m_laneError)) {
                // The store forgot the upload (swept after a long pause): start it over.
                restarted = true;
                m_upload.uploadId.clear();
                m_upload.parts.clear();
                continue;
            }
            std::rethrow_exception(m_laneError);
        }
        throwIfStopped();

        bool changed = false;
        QString hash;
        try {
            co_await checkUnchanged();
            hash = co_await hashing;
        } catch (const FileChangedError &) {
            changed = true;
        }
        if (changed) {
            co_await abandon();
            throw FileChangedError();
        }
        throwIfStopped();

        const MultipartUpload upload{m_upload.uploadId, m_upload.naming.key, m_upload.partSize};
        std::optional<Upload> stored;
        std::exception_ptr error;
        try {
            // In part order: lanes finish parts in any order, the store wants 1..n.
            QList<UploadedPart> parts = completedParts(m_upload.parts);
            stored = co_await m_services->uploadCommands.completeMultipart(upload, std::move(parts), hash);
        } catch (const ValidationError &validation) {
            if (validation.fieldErrors().contains(QStringLiteral("sha256")))
                changed = true;
            else
                error = std::current_exception();
        } catch (...) {
            error = std::current_exception();
        }
        if (changed) {
            co_await abandon();
            throw FileChangedError();
        }
        if (error) {
            if (!restarted && !m_detached && isNotFound(error)) {
                restarted = true;
                m_upload.uploadId.clear();
                m_upload.parts.clear();
                continue;
            }
            std::rethrow_exception(error);
        }
        co_await forgetEntry();
        co_return *stored;
    }
}

QCoro::Task<void> UploadTransfer::sendParts(std::shared_ptr<QList<int>> missing)
{
    const std::shared_ptr<UploadTransfer> self = shared_from_this();
    while (!m_laneError && !m_stopped && m_nextMissing < missing->size()) {
        const int number = missing->at(m_nextMissing++);
        try {
            co_await sendPart(number);
        } catch (...) {
            if (!m_laneError)
                m_laneError = std::current_exception();
        }
        if (m_laneError) {
            // The first failure ends the upload: the other lanes stop at once.
            const auto controls = m_controls;
            for (const auto &[part, control] : controls)
                control->cancel();
        }
    }
}

QCoro::Task<void> UploadTransfer::sendPart(int number)
{
    const qint64 offset = qint64(number - 1) * m_upload.partSize;
    const qint64 length = partLength(number);
    std::optional<UploadedPart> part;
    for (int attempt = 0; !part; ++attempt) {
        std::shared_ptr<TransferControl> control = newControl(number);
        UploadSource source = UploadSource::file(m_upload.localPath, offset, length);
        source.control = control;
        PutPartCommand command{MultipartUpload{m_upload.uploadId, m_upload.naming.key, m_upload.partSize}, number,
                               source};
        std::exception_ptr error;
        try {
            part = co_await m_services->uploadCommands.putPart(command);
        } catch (...) {
            error = std::current_exception();
        }
        m_controls.erase(number);
        if (error) {
            m_inFlight.erase(number);
            reportProgress();
            if (!co_await retryAfter(error, attempt))
                std::rethrow_exception(error);
        }
    }
    if (m_detached)
        throw TransferCancelledError();
    // On the store: journaled before it counts as done, so a crash never forgets a part
    // that was counted.
    m_upload.parts.append(*part);
    co_await saveProgress();
    m_inFlight.erase(number);
    m_finishedBytes += length;
    reportProgress();
}

} // namespace edge
