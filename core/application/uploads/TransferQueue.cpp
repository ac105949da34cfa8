#include "TransferQueue.h"

#include "TransferQueueImpl.h"
#include "application/Services.h"

#include <QDir>
#include <QFileInfo>
#include <QUuid>

namespace edge {

using namespace transferqueue;

namespace {
QString namingProblemMessage(const QString &localPath, const QString &key, const ValidationError &error)
{
    QStringList problems;
    for (auto it = error.fieldErrors().cbegin(); it != error.fieldErrors().cend(); ++it)
        problems << QStringLiteral("%1 %2").arg(it.key(), it.value());
    if (problems.isEmpty())
        problems << error.message();
    return QStringLiteral("Cannot upload %1 as \"%2\": %3")
        .arg(QDir::toNativeSeparators(localPath), key, problems.join(QStringLiteral("; ")));
}
} // namespace

TransferQueue::TransferQueue(TransferJournal &journal, TransferOptions options, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Impl>(this, journal, options))
{
}

TransferQueue::~TransferQueue()
{
    *d->alive = false;
    for (const auto &row : d->rows) {
        if (row->upload)
            row->upload->detach();
        if (row->download)
            row->download->detach();
    }
}

void TransferQueue::attach(std::shared_ptr<Services> services)
{
    if (services == d->services)
        return;
    d->loading = true; // nothing starts on the store being left while its rows stop
    for (const auto &row : d->rows) {
        if (row->active && row->stopRequest == StopRequest::None) {
            // Back to waiting for its store (it runs again when that store is attached).
            d->stopRunning(row.get(), StopRequest::Detach);
            row->status.state = TransferState::Waiting;
            row->status.bytesPerSecond = 0;
            row->status.secondsLeft = -1;
            d->changed(row.get());
        }
    }
    d->unclaimed.clear();
    d->services = std::move(services);
    d->location = d->services ? d->services->backend().location() : QString();
    ++d->generation;
    d->loading = bool(d->services);
    if (d->services)
        Impl::loadJournal(d.get(), d->alive, d->generation);
}

void TransferQueue::detach()
{
    attach(nullptr);
}

QString TransferQueue::addUpload(const QString &localPath, const UploadNaming &naming)
{
    // The same file to the same key again (dropped twice, or over a restored row): one row.
    for (const auto &existing : d->rows) {
        const TransferState state = existing->status.state;
        if (existing->status.direction == TransferDirection::Upload && !existing->naming.key.isEmpty()
            && existing->naming.key == naming.key && existing->status.localPath == localPath
            && (existing->storeLocation.isEmpty() || existing->storeLocation == d->location)
            && state != TransferState::Completed && state != TransferState::Cancelled) {
            if (state == TransferState::Paused || state == TransferState::Failed)
                resume(existing->status.id);
            return existing->status.id;
        }
    }
    auto row = std::make_unique<Row>();
    row->status.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    row->status.direction = TransferDirection::Upload;
    row->status.key = naming.key;
    row->status.localPath = localPath;
    row->storeLocation = d->location;
    UploadNaming wanted = naming;
    if (wanted.originalName.isEmpty()) {
        const QString fileName = QFileInfo(localPath).fileName();
        if (originalNameProblem(fileName).isEmpty())
            wanted.originalName = fileName;
    }
    const bool detectType = wanted.contentType.isEmpty();
    try {
        row->naming = parseUploadNaming(wanted);
        if (detectType)
            row->naming.contentType.clear(); // detected from the file when it starts
        row->status.state = TransferState::Waiting;
    } catch (const ValidationError &error) {
        row->status.state = TransferState::Failed;
        row->status.error = namingProblemMessage(localPath, naming.key, error);
    }
    const QString id = row->status.id;
    const bool waiting = row->status.state == TransferState::Waiting;
    d->addRow(std::move(row));
    // Its size shows while it waits (a folder's walk already listed it).
    if (waiting && !d->walking)
        Impl::showSize(d.get(), d->alive, id, localPath);
    d->schedule();
    return id;
}

void TransferQueue::addFolder(const QString &folderPath, const QString &keyPrefix)
{
    Impl::walk(d.get(), d->alive, folderPath, keyPrefix);
}

QString TransferQueue::addDownload(const QString &key, const QString &destinationPath)
{
    auto row = std::make_unique<Row>();
    row->status.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    row->status.direction = TransferDirection::Download;
    row->status.key = key;
    row->status.localPath = destinationPath;
    row->storeLocation = d->location;
    if (const QString problem = existingUploadKeyProblem(key); !problem.isEmpty()) {
        row->status.state = TransferState::Failed;
        row->status.error = QStringLiteral("Cannot download \"%1\": key %2").arg(key, problem);
    }
    const QString id = row->status.id;
    d->addRow(std::move(row));
    d->schedule();
    return id;
}

int TransferQueue::count() const
{
    return int(d->rows.size());
}

TransferStatus TransferQueue::status(int row) const
{
    if (row < 0 || row >= count())
        return {};
    return d->rows[size_t(row)]->status;
}

int TransferQueue::rowOf(const QString &id) const
{
    return d->indexOf(id);
}

bool TransferQueue::hasUnfinished() const
{
    for (const auto &row : d->rows) {
        const TransferState state = row->status.state;
        if (state == TransferState::Waiting || state == TransferState::Running || state == TransferState::Paused)
            return true;
    }
    return false;
}

void TransferQueue::pause(const QString &id)
{
    Row *row = d->find(id);
    if (!row)
        return;
    const TransferState state = row->status.state;
    if (state != TransferState::Waiting && state != TransferState::Running)
        return;
    row->resumeWhenStopped = false;
    if (row->active) {
        d->stopRunning(row, StopRequest::Pause);
        row->status.state = TransferState::Paused;
        row->status.bytesPerSecond = 0;
        row->status.secondsLeft = -1;
        d->changed(row);
        return;
    }
    if (row->pending) {
        row->pending->paused = true;
        Impl::saveEntry(&d->journal, *row->pending);
    }
    d->settle(row, TransferState::Paused);
}

void TransferQueue::resume(const QString &id)
{
    Row *row = d->find(id);
    if (!row)
        return;
    const TransferState state = row->status.state;
    if (state != TransferState::Paused && state != TransferState::Failed && state != TransferState::Cancelled)
        return;
    if (row->status.direction == TransferDirection::Upload && row->naming.key.isEmpty())
        return; // a name that was refused stays refused: add the file again with another
    if (row->active) {
        row->resumeWhenStopped = true; // once the stop it was asked for is done
        return;
    }
    row->status.state = TransferState::Waiting;
    row->status.error.clear();
    d->changed(row);
    d->schedule();
}

void TransferQueue::cancel(const QString &id)
{
    Row *row = d->find(id);
    if (!row || row->status.state == TransferState::Completed || row->status.state == TransferState::Cancelled)
        return;
    row->resumeWhenStopped = false;
    if (row->active) {
        d->stopRunning(row, StopRequest::Cancel);
        row->status.state = TransferState::Cancelled;
        d->changed(row);
        return;
    }
    d->forget(*row);
    d->settle(row, TransferState::Cancelled);
}

void TransferQueue::clearFinished()
{
    emit aboutToReset();
    std::vector<std::unique_ptr<Row>> kept;
    for (auto &row : d->rows) {
        const TransferState state = row->status.state;
        const bool finished = state == TransferState::Completed || state == TransferState::Cancelled
                              || state == TransferState::Failed;
        if (!finished || row->active) {
            kept.push_back(std::move(row));
            continue;
        }
        if (state == TransferState::Failed)
            d->forget(*row);
    }
    d->rows = std::move(kept);
    emit reset();
}

} // namespace edge

