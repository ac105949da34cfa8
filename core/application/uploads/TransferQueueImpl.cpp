#include "TransferQueueImpl.h"

#include "FolderWalk.h"
#include "OffThread.h"
#include "TransferMessages.h"
#include "application/Services.h"

#include <QCoro/QCoroFuture>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

namespace edge {

using namespace transferqueue;

qint64 transferqueue::bytesOfParts(const PendingUpload &upload)
{
    qint64 bytes = 0;
    for (const UploadedPart &part : upload.parts) {
        const qint64 offset = qint64(part.partNumber - 1) * upload.partSize;
        bytes += qBound<qint64>(0, upload.fileSize - offset, upload.partSize);
    }
    return bytes;
}

int TransferQueue::Impl::indexOf(const QString &id) const
{
    for (size_t i = 0; i < rows.size(); ++i) {
        if (rows[i]->status.id == id)
            return int(i);
    }
    return -1;
}

Row *TransferQueue::Impl::find(const QString &id) const
{
    const int index = indexOf(id);
    return index < 0 ? nullptr : rows[size_t(index)].get();
}

void TransferQueue::Impl::changed(Row *row)
{
    row->dirty = false;
    const int index = indexOf(row->status.id);
    if (index >= 0)
        emit q->rowChanged(index);
}

int TransferQueue::Impl::addRow(std::unique_ptr<Row> row)
{
    rows.push_back(std::move(row));
    const int index = int(rows.size()) - 1;
    emit q->rowAdded(index);
    return index;
}

bool TransferQueue::Impl::runnable(const Row &row) const
{
    return row.status.state == TransferState::Waiting && !row.active
           && (row.storeLocation.isEmpty() || row.storeLocation == location);
}

void TransferQueue::Impl::schedule()
{
    if (!services || loading)
        return;
    int running = 0;
    for (const auto &row : rows)
        running += row->active ? 1 : 0;
    for (size_t i = 0; i < rows.size() && running < options.filesAtOnce; ++i) {
        Row *row = rows[i].get();
        if (!runnable(*row))
            continue;
        start(row);
        ++running;
    }
}

void TransferQueue::Impl::start(Row *row)
{
    row->active = true;
    row->stopRequest = StopRequest::None;
    row->resumeWhenStopped = false;
    row->storeLocation = location;
    row->status.state = TransferState::Running;
    row->status.error.clear();
    row->speed.reset();
    changed(row);
    if (!ticker.isActive())
        ticker.start();
    if (row->status.direction == TransferDirection::Upload)
        runUpload(this, alive, row->status.id);
    else
        runDownload(this, alive, row->status.id);
}

void TransferQueue::Impl::progress(const QString &id, qint64 done, qint64 total)
{
    Row *row = find(id);
    if (!row || row->status.state != TransferState::Running)
        return;
    row->status.bytesDone = done;
    if (total >= 0)
        row->status.totalBytes = total;
    row->dirty = true;
}

void TransferQueue::Impl::tick()
{
    const qint64 now = clock.elapsed();
    bool anyRunning = false;
    for (size_t i = 0; i < rows.size(); ++i) {
        Row *row = rows[i].get();
        if (row->status.state == TransferState::Running) {
            anyRunning = true;
            row->speed.sample(now, row->status.bytesDone);
            row->status.bytesPerSecond = row->speed.bytesPerSecond(now);
            row->status.secondsLeft = row->speed.secondsLeft(now, row->status.totalBytes);
            row->dirty = true;
        }
        if (row->dirty) {
            row->dirty = false;
            emit q->rowChanged(int(i));
        }
    }
    if (!anyRunning)
        ticker.stop();
}

// The row stopped running: speed figures go, the next waiting rows start.
void TransferQueue::Impl::settle(Row *row, TransferState state, QString error)
{
    row->active = false;
    row->upload.reset();
    row->download.reset();
    row->status.state = state;
    row->status.error = std::move(error);
    row->status.bytesPerSecond = 0;
    row->status.secondsLeft = -1;
    row->speed.reset();
    if (row->resumeWhenStopped && state != TransferState::Completed) {
        row->resumeWhenStopped = false;
        row->status.state = TransferState::Waiting;
        row->status.error.clear();
    }
    changed(row);
}

// Forgets an upload for good: the journal entry first (so a crash right after cannot bring
// it back), then its multipart upload on the store.
void TransferQueue::Impl::abandon(const Row &row)
{
    if (!row.pending)
        return;
    const std::shared_ptr<Services> store = row.storeLocation == location ? services : nullptr;
    abandonUpload(store, &journal, *row.pending);
}

QCoro::Task<void> TransferQueue::Impl::abandonUpload(std::shared_ptr<Services> store, TransferJournal *journal,
                                                   PendingUpload upload)
{
    QCoro::Task<void> removing = journal->remove(upload.id); // started now, while the journal surely exists
    try {
        co_await std::move(removing);
    } catch (...) {
    }
    if (store && !upload.uploadId.isEmpty()) {
        try {
            co_await store->uploadCommands.abortMultipart(upload.uploadId);
        } catch (...) {
            // Gone already: nothing is left to abort.
        }
    }
}

// Only uploads that have an entry get one written (small single requests have none).
QCoro::Task<void> TransferQueue::Impl::saveEntry(TransferJournal *journal, PendingUpload upload)
{
    if (!UploadTransfer::isJournaled(upload))
        co_return;
    QCoro::Task<void> saving = journal->save(upload);
    try {
        co_await std::move(saving);
    } catch (...) {
    }
}

QCoro::Task<void> TransferQueue::Impl::removePartFile(QString destination)
{
    auto remove = [path = DownloadTransfer::partPathOf(destination)] { QFile::remove(path); };
    QFuture<void> removing = runOffThread(std::move(remove));
    co_await removing;
}

QCoro::Task<void> TransferQueue::Impl::runUpload(Impl *d, std::shared_ptr<bool> alive, QString id)
{
    Row *row = d->find(id);
    const std::shared_ptr<Services> services = d->services;
    const QString location = d->location;
    const bool detectType = row->naming.contentType.isEmpty();
    auto inspect = [path = row->status.localPath, detectType] { return inspectLocalFile(path, detectType); };
    QFuture<LocalFileFacts> inspecting = runOffThread(std::move(inspect));
    const LocalFileFacts facts = co_await inspecting;
    if (!*alive)
        co_return;
    row = d->find(id);
    if (!row)
        co_return;
    if (row->stopRequest != StopRequest::None) {
        d->settleRequested(row);
        co_return;
    }
    if (!facts.problem.isEmpty()) {
        // Kept (as paused) for when the file is back, a drive mounted again: resuming then
        // goes on from the parts sent; cancel abandons it.
        if (row->pending) {
            row->pending->paused = true;
            saveEntry(&d->journal, *row->pending);
        }
        d->settle(row, TransferState::Failed, facts.problem);
        d->schedule();
        co_return;
    }
    if (detectType)
        row->naming.contentType = facts.contentType;
    row->status.totalBytes = facts.size;
    if (row->pending && (row->pending->fileSize != facts.size || row->pending->fileModified != facts.modified)) {
        // Changed since the earlier run sent its parts: those parts are of another file.
        d->abandon(*row);
        row->pending.reset();
        d->settle(row, TransferState::Failed, FileChangedError().message());
        d->schedule();
        co_return;
    }
    if (!row->pending)
        row->pending = d->claimOrCreate(*row, facts);
    if (row->pending->paused) {
        row->pending->paused = false; // resumed: so is the next run
        saveEntry(&d->journal, *row->pending);
    }

    auto transfer = std::make_shared<UploadTransfer>(services, d->journal, *row->pending, d->options);
    transfer->onProgress = [d, alive, id](qint64 done) {
        if (*alive)
            d->progress(id, done, -1);
    };
    row->upload = transfer;
    row->status.bytesDone = bytesOfParts(*row->pending);
    d->changed(row);

    std::optional<Upload> stored;
    QString error;
    bool fileChanged = false;
    bool connectionLost = false;
    try {
        stored = co_await transfer->run();
    } catch (const TransferCancelledError &) {
    } catch (const FileChangedError &changed) {
        fileChanged = true;
        error = changed.message();
    } catch (const DomainError &failure) {
        error = uploadFailureMessage(failure, transfer->state(), location);
        connectionLost = failure.kind() == ErrorKind::Unavailable;
    } catch (const std::exception &failure) {
        error = QString::fromUtf8(failure.what());
    }
    if (!*alive)
        co_return;
    row = d->find(id);
    if (!row)
        co_return;
    row->pending = transfer->state();
    if (stored) {
        row->pending.reset();
        row->status.bytesDone = row->status.totalBytes = stored->size;
        row->resumeWhenStopped = false;
        d->settle(row, TransferState::Completed);
        emit d->q->uploadFinished(*stored);
    } else if (fileChanged) {
        row->pending.reset(); // the transfer abandoned it
        d->settle(row, TransferState::Failed, error);
    } else if (row->stopRequest != StopRequest::None || error.isEmpty()) {
        d->settleRequested(row);
    } else {
        // A lost connection resumes on the next run by itself; what the store refused
        // waits for the user (restored as paused).
        if (row->pending && !connectionLost) {
            row->pending->paused = true;
            saveEntry(&d->journal, *row->pending);
        }
        d->settle(row, TransferState::Failed, error);
    }
    d->schedule();
}

QCoro::Task<void> TransferQueue::Impl::runDownload(Impl *d, std::shared_ptr<bool> alive, QString id)
{
    Row *row = d->find(id);
    auto transfer = std::make_shared<DownloadTransfer>(d->services, row->status.key, row->status.localPath,
                                                       d->options.retries, d->options.retryDelayMs);
    transfer->onProgress = [d, alive, id](qint64 done, qint64 total) {
        if (*alive)
            d->progress(id, done, total);
    };
    row->download = transfer;
    const QString location = d->location;
    const QString key = row->status.key;
    std::optional<Upload> record;
    QString error;
    try {
        record = co_await transfer->run();
    } catch (const TransferCancelledError &) {
    } catch (const DomainError &failure) {
        error = downloadFailureMessage(failure, key, location);
    } catch (const std::exception &failure) {
        error = QString::fromUtf8(failure.what());
    }
    if (!*alive)
        co_return;
    row = d->find(id);
    if (!row)
        co_return;
    if (record) {
        row->status.bytesDone = row->status.totalBytes = record->size;
        row->resumeWhenStopped = false;
        d->settle(row, TransferState::Completed);
        emit d->q->downloadFinished(row->status.key, row->status.localPath);
    } else if (row->stopRequest != StopRequest::None || error.isEmpty()) {
        d->settleRequested(row);
    } else {
        d->settle(row, TransferState::Failed, error);
    }
    d->schedule();
}

// A runner ended because the user (or a detach) asked it to.
void TransferQueue::Impl::settleRequested(Row *row)
{
    const StopRequest request = row->stopRequest;
    row->stopRequest = StopRequest::None;
    if (request == StopRequest::Cancel) {
        forget(*row);
        settle(row, TransferState::Cancelled);
    } else if (request == StopRequest::Detach) {
        settle(row, TransferState::Waiting);
    } else {
        if (row->pending) {
            row->pending->paused = !row->resumeWhenStopped;
            saveEntry(&journal, *row->pending);
        }
        settle(row, TransferState::Paused);
    }
    schedule();
}

// Cancelled for good: nothing left on the store or on disk.
void TransferQueue::Impl::forget(Row &row)
{
    if (row.status.direction == TransferDirection::Upload) {
        abandon(row);
        row.pending.reset();
        row.status.bytesDone = 0;
    } else {
        removePartFile(row.status.localPath);
        row.status.bytesDone = 0;
    }
}

// The journal entry of an interrupted run for the same file, else a new one.
PendingUpload TransferQueue::Impl::claimOrCreate(const Row &row, const LocalFileFacts &facts)
{
    for (int i = 0; i < unclaimed.size(); ++i) {
        const PendingUpload &entry = unclaimed[i];
        if (entry.storeLocation == location && entry.naming.key == row.naming.key
            && entry.localPath == row.status.localPath && entry.fileSize == facts.size
            && entry.fileModified == facts.modified)
            return unclaimed.takeAt(i);
    }
    PendingUpload upload;
    upload.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    upload.storeLocation = location;
    upload.localPath = row.status.localPath;
    upload.naming = row.naming;
    upload.fileSize = facts.size;
    upload.fileModified = facts.modified;
    upload.createdAt = QDateTime::currentDateTimeUtc();
    return upload;
}

void TransferQueue::Impl::stopRunning(Row *row, StopRequest request)
{
    row->stopRequest = request;
    if (row->upload)
        row->upload->stop();
    if (row->download)
        row->download->stop();
}

QCoro::Task<void> TransferQueue::Impl::loadJournal(Impl *d, std::shared_ptr<bool> alive, int generation)
{
    QList<PendingUpload> entries;
    QCoro::Task<QList<PendingUpload>> loading = d->journal.load(d->location);
    try {
        entries = co_await std::move(loading);
    } catch (...) {
        // An unreadable journal resumes nothing; new transfers still work.
    }
    if (!*alive || generation != d->generation)
        co_return;
    d->loading = false;
    for (PendingUpload &entry : entries) {
        bool shown = false;
        for (const auto &row : d->rows)
            shown = shown || (row->pending && row->pending->id == entry.id);
        if (shown)
            continue;
        if (!d->options.resumeOnAttach) {
            d->unclaimed.append(entry);
            continue;
        }
        auto row = std::make_unique<Row>();
        row->status.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        row->status.direction = TransferDirection::Upload;
        row->status.state = entry.paused ? TransferState::Paused : TransferState::Waiting;
        row->status.key = entry.naming.key;
        row->status.localPath = entry.localPath;
        row->status.totalBytes = entry.fileSize;
        row->status.bytesDone = bytesOfParts(entry);
        row->status.resumed = true;
        row->storeLocation = entry.storeLocation;
        row->naming = entry.naming;
        row->pending = entry;
        d->addRow(std::move(row));
    }
    d->schedule();
}

// Rows appear a batch at a time while the walk goes on.
QCoro::Task<void> TransferQueue::Impl::showSize(Impl *d, std::shared_ptr<bool> alive, QString id, QString path)
{
    auto stat = [path] { return QFileInfo(path).size(); };
    QFuture<qint64> stating = runOffThread(std::move(stat));
    const qint64 size = co_await stating;
    if (!*alive)
        co_return;
    Row *row = d->find(id);
    if (row && row->status.state == TransferState::Waiting && row->status.totalBytes == 0) {
        row->status.totalBytes = size;
        d->changed(row);
    }
}

QCoro::Task<void> TransferQueue::Impl::walk(Impl *d, std::shared_ptr<bool> alive, QString folder, QString keyPrefix)
{
    auto walker = std::make_shared<FolderWalk>(folder, keyPrefix);
    for (;;) {
        auto job = [walker] { return walker->next(); };
        QFuture<QList<FoundFile>> walking = runOffThread(std::move(job));
        const QList<FoundFile> found = co_await walking;
        if (!*alive || found.isEmpty())
            co_return;
        d->walking = true;
        for (const FoundFile &file : found) {
            const QString id = d->q->addUpload(file.path, UploadNaming(file.key));
            // Its size shows while it waits (known for sure once it starts).
            Row *row = d->find(id);
            if (row && row->status.state == TransferState::Waiting && row->status.totalBytes == 0) {
                row->status.totalBytes = file.size;
                d->changed(row);
            }
        }
        d->walking = false;
    }
}

} // namespace edge
