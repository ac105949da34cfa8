#include "FileTransferJournal.h"

#include "PendingUploadJson.h"
#include "application/uploads/OffThread.h"
#include "domain/Errors.h"

#include <QCoro/QCoroFuture>
#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

namespace edge {

// The locks of the entries this journal saved, by id (only the disk thread touches them).
struct FileTransferJournal::Disk
{
    std::map<QString, std::unique_ptr<QLockFile>> locks;
};

namespace {
const QString Suffix = QStringLiteral(".json");
const QString LockSuffix = QStringLiteral(".lock");

std::unique_ptr<QLockFile> lockFor(const QString &folder, const QString &id)
{
    auto lock = std::make_unique<QLockFile>(QDir(folder).filePath(id + LockSuffix));
    lock->setStaleLockTime(0); // stale only when its process is gone, however old
    return lock;
}

// Whether another live process holds the entry.
bool heldElsewhere(const QString &folder, const QString &id)
{
    const std::unique_ptr<QLockFile> probe = lockFor(folder, id);
    if (!probe->tryLock(0))
        return probe->error() == QLockFile::LockFailedError;
    probe->unlock();
    return false;
}

// Ids become file names: only what a UUID is made of, so no id can name a path elsewhere.
void checkId(const QString &id)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_{}-]{1,100}$"));
    if (!safe.match(id).hasMatch())
        throw ValidationError::field(QStringLiteral("id"), QStringLiteral("must be a UUID"));
}

QList<PendingUpload> readEntries(const QString &folder, const QString &storeLocation,
                                const std::map<QString, std::unique_ptr<QLockFile>> &own)
{
    QList<PendingUpload> uploads;
    const QDir dir(folder);
    const QStringList names = dir.entryList({QStringLiteral("*") + Suffix}, QDir::Files);
    for (const QString &name : names) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        std::optional<PendingUpload> upload = pendingUploadFromJson(file.readAll());
        // An entry is found under its own name only: a copy renamed by hand is not a second one.
        if (!upload || upload->storeLocation != storeLocation || upload->id + Suffix != name)
            continue;
        if (!own.count(upload->id) && heldElsewhere(folder, upload->id))
            continue; // another console or command is sending it
        uploads.append(std::move(*upload));
    }
    std::stable_sort(uploads.begin(), uploads.end(), [](const PendingUpload &a, const PendingUpload &b) {
        if (a.createdAt != b.createdAt)
            return a.createdAt < b.createdAt;
        return a.id < b.id;
    });
    return uploads;
}

void writeEntry(const QString &folder, const PendingUpload &upload,
                std::map<QString, std::unique_ptr<QLockFile>> &own)
{
    if (!QDir().mkpath(folder))
        throw StoreError(QStringLiteral("Could not create the transfer journal folder %1").arg(folder));
    if (!own.count(upload.id)) {
        std::unique_ptr<QLockFile> lock = lockFor(folder, upload.id);
        if (!lock->tryLock(0)) {
            if (lock->error() == QLockFile::LockFailedError)
                throw StoreError(QStringLiteral("The upload of %1 is being sent by another Edge Admin window or command")
                                     .arg(upload.localPath));
            throw StoreError(QStringLiteral("Could not lock the transfer journal entry in %1").arg(folder));
        }
        own[upload.id] = std::move(lock);
    }
    QSaveFile file(QDir(folder).filePath(upload.id + Suffix));
    if (!file.open(QIODevice::WriteOnly))
        throw StoreError(QStringLiteral("Could not save the transfer of %1: %2").arg(upload.localPath, file.errorString()));
    const QByteArray json = pendingUploadToJson(upload);
    // commit() flushes to disk before the rename: the entry is the old one or the new one.
    if (file.write(json) != json.size() || !file.commit())
        throw StoreError(QStringLiteral("Could not save the transfer of %1: %2").arg(upload.localPath, file.errorString()));
}

void removeEntry(const QString &folder, const QString &id, std::map<QString, std::unique_ptr<QLockFile>> &own)
{
    QFile file(QDir(folder).filePath(id + Suffix));
    if (file.exists() && !file.remove())
        throw StoreError(QStringLiteral("Could not remove the transfer journal entry %1: %2").arg(file.fileName(), file.errorString()));
    own.erase(id); // unlocks and deletes the lock file
}
} // namespace

FileTransferJournal::FileTransferJournal(QString folder)
    : m_folder(std::move(folder))
    , m_state(std::make_unique<Disk>())
{
    m_disk.setMaxThreadCount(1);
}

FileTransferJournal::~FileTransferJournal()
{
    m_disk.waitForDone(); // then the locks go with m_state: the entries are free for the next run
}

QString FileTransferJournal::defaultFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/transfers");
}

// Jobs are named locals, never temporaries inside a co_await expression (GCC 12 destroys
// those twice).

QCoro::Task<QList<PendingUpload>> FileTransferJournal::load(QString storeLocation)
{
    auto job = [folder = m_folder, storeLocation, state = m_state.get()] {
        return readEntries(folder, storeLocation, state->locks);
    };
    QFuture<QList<PendingUpload>> reading = runOffThread(std::move(job), &m_disk);
    co_return co_await reading;
}

QCoro::Task<void> FileTransferJournal::save(PendingUpload upload)
{
    checkId(upload.id);
    auto job = [folder = m_folder, upload, state = m_state.get()] { writeEntry(folder, upload, state->locks); };
    QFuture<void> writing = runOffThread(std::move(job), &m_disk);
    co_await writing;
}

QCoro::Task<void> FileTransferJournal::remove(QString id)
{
    checkId(id);
    auto job = [folder = m_folder, id, state = m_state.get()] { removeEntry(folder, id, state->locks); };
    QFuture<void> removing = runOffThread(std::move(job), &m_disk);
    co_await removing;
}

} // namespace edge
