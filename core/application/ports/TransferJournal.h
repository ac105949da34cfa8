#pragma once

#include "application/ports/UploadStorage.h"

#include <QCoro/QCoroTask>
#include <QDateTime>
#include <QList>
#include <QString>

namespace edge {

// An upload the console started and has not finished: enough to resume it after a crash, a
// lost connection or a restart without sending again what the store already has.
struct PendingUpload
{
    QString id;            // the journal's key: a fresh UUID per transfer
    QString storeLocation; // Backend::location() of the store it goes to
    QString localPath;     // absolute path of the file being sent
    UploadNaming naming;   // checked key, original name and content type
    qint64 fileSize = 0;
    QDateTime fileModified; // UTC, with fileSize: how a file changed since is noticed
    qint64 partSize = 0;    // 0: one request (nothing to keep: a retry sends it whole again)
    QString uploadId;       // the store's multipart upload, once created
    QList<UploadedPart> parts; // finished parts, any order, each with the etag to complete with
    bool paused = false;    // paused by the user: restored as paused, not started
    QDateTime createdAt;    // UTC, when it was queued (restore order)
};

// Where unfinished uploads are kept between runs (the transfer queue's memory). Each entry
// is written whole and durably, so a crash leaves the previous or the new state of an entry,
// never a torn one. Processes may share a journal (the console and the CLI): entries are
// separate, and each process only touches those it runs.
class TransferJournal
{
public:
    virtual ~TransferJournal() = default;

    // The unfinished uploads to the store at storeLocation, oldest first. Entries that cannot
    // be read are skipped.
    virtual QCoro::Task<QList<PendingUpload>> load(QString storeLocation) = 0;
    // Writes the entry (replacing the one with its id); done when it is on disk.
    virtual QCoro::Task<void> save(PendingUpload upload) = 0;
    // Forgets the entry (finished or abandoned); no error when there is none.
    virtual QCoro::Task<void> remove(QString id) = 0;
};

} // namespace edge
