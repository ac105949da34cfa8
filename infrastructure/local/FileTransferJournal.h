#pragma once

#include "application/ports/TransferJournal.h"

#include <QString>
#include <QThreadPool>

#include <map>
#include <memory>

class QLockFile;

namespace edge {

// The transfer journal as a folder of small JSON files, one per unfinished upload
// (<id>.json). Each is written with QSaveFile (a temporary file, flushed to disk and renamed),
// so a crash leaves the previous or the new state of an entry, never a torn one; entries that
// cannot be read (hand-edited, another version's) are skipped. The disk work runs on a thread
// of the journal's own, one job at a time in the order asked, so two saves of one entry land
// in order. The console and the CLI may share the folder: an entry this journal saved is
// locked for it (<id>.lock, a QLockFile naming the process) until it is removed or the journal
// closes, so another process's load() skips it while this one lives; a crashed process's
// locks are stale and ignored.
class FileTransferJournal final : public TransferJournal
{
public:
    explicit FileTransferJournal(QString folder);
    ~FileTransferJournal() override; // waits for the writes in flight

    // <application data>/transfers, beside the console's settings.
    static QString defaultFolder();
    const QString &folder() const { return m_folder; }

    QCoro::Task<QList<PendingUpload>> load(QString storeLocation) override;
    QCoro::Task<void> save(PendingUpload upload) override;
    QCoro::Task<void> remove(QString id) override;

private:
    struct Disk; // what only the disk thread touches
    QString m_folder;
    std::unique_ptr<Disk> m_state;
    QThreadPool m_disk; // one thread: jobs in order
};

} // namespace edge
