#pragma once

#include "application/ports/TransferJournal.h"
#include "domain/Upload.h"

#include <QObject>
#include <QString>

#include <memory>

namespace edge {

class Services;

enum class TransferDirection { Upload, Download };
enum class TransferState { Waiting, Running, Paused, Completed, Failed, Cancelled };

// One row of the queue as the Transfers view shows it.
struct TransferStatus
{
    QString id;
    TransferDirection direction = TransferDirection::Upload;
    TransferState state = TransferState::Waiting;
    QString key;          // where it goes to / comes from in the store
    QString localPath;    // the file sent, or the file written (the final name, not ".part")
    qint64 bytesDone = 0; // of the whole file, parts finished before a resume included
    qint64 totalBytes = 0;
    double bytesPerSecond = 0; // smoothed over the last seconds; 0 when not running
    qint64 secondsLeft = -1;   // -1: not known
    QString error;             // Failed: what went wrong, in words for the user
    bool resumed = false;      // restored from the journal (started in an earlier run)
};

struct TransferOptions
{
    int filesAtOnce = 2;    // transfers running together; the rest wait
    int partsInFlight = 3;  // parts of one multipart upload sent together
    qint64 singleRequestMax = 16 * 1024 * 1024; // larger files go as multipart
    qint64 partSize = 8 * 1024 * 1024;          // grown for huge files to stay within Upload::MaxParts
    // A part (or a one-request file) that fails on the network or on a busy store (503, 429)
    // is sent again this many times, after retryDelayMs and then twice as long each time,
    // before the transfer fails (and waits for the user to resume it).
    int retries = 2;
    int retryDelayMs = 1000;
    // attach() restores the store's unfinished uploads from the journal and resumes them (the
    // console). The CLI sets false: it runs only the transfers it is asked for.
    bool resumeOnAttach = true;
};

// The console's transfer queue (the GUI's Transfers list; the CLI runs single transfers of
// the same kind): uploads of local files and downloads of stored files, a few at a time,
// with pause, resume, retry and cancel. Uploads are resumable across runs: each is kept in
// the TransferJournal with its finished parts until it completes or is abandoned (then its
// multipart upload is aborted on the store, so nothing is left orphaned). Files are read
// part by part from disk, never whole; a file that changes on disk while it is sent is
// detected (size, modification time and the whole file's sha256) and not stored. All of it
// runs on the caller's (UI) thread's event loop without blocking it: disk work runs on
// pool threads, network work is asynchronous.
class TransferQueue final : public QObject
{
    Q_OBJECT
public:
    explicit TransferQueue(TransferJournal &journal, TransferOptions options = {}, QObject *parent = nullptr);
    // Stops what runs; unfinished uploads stay in the journal for the next run.
    ~TransferQueue() override;

    // The store transfers go to and come from. Stops what was running for the previous one
    // (kept in the journal, not marked paused): those rows wait, and run again when their
    // store is attached again. Restores this store's unfinished uploads from the journal and
    // resumes those the user had not paused.
    void attach(std::shared_ptr<Services> services);
    // No store (closed, signed out): like attach() to none.
    void detach();

    // Queues a local file under naming.key. The naming and the file are checked at once or
    // off the UI thread; a problem (a bad name, an empty or unreadable file) is a Failed row
    // naming it, and nothing is sent. A file with an unfinished journal entry for the same
    // store, key, path, size and modification time continues that entry (what an interrupted
    // run had sent is not sent again). A file already queued to the same key and not finished
    // keeps its row (resumed when paused or failed). Returns the row's id.
    QString addUpload(const QString &localPath, const UploadNaming &naming);
    // Queues every file under folderPath (walked off the UI thread) as
    // keyPrefix + its path relative to the folder's parent ("photos/2024/a.jpg" for the
    // folder ".../photos"); rows appear as they are found.
    void addFolder(const QString &folderPath, const QString &keyPrefix);
    // Downloads the stored file `key` to destinationPath: written to destinationPath + ".part"
    // and renamed when complete; a resume or retry continues from what the .part file has.
    QString addDownload(const QString &key, const QString &destinationPath);

    int count() const;
    TransferStatus status(int row) const;
    int rowOf(const QString &id) const; // -1 when not there
    bool hasUnfinished() const;         // Waiting, Running or Paused rows

    void pause(const QString &id);
    // Resumes a paused row, or retries a failed or cancelled one (from where it stopped when
    // it can: finished parts are not sent again).
    void resume(const QString &id);
    // Stops for good: an upload's multipart upload is aborted on the store and its journal
    // entry removed; a download's .part file is removed.
    void cancel(const QString &id);
    // Removes Completed and Cancelled rows (and Failed ones, abandoning them as cancel()).
    void clearFinished();

signals:
    void rowAdded(int row);
    void rowChanged(int row); // progress is coalesced: a few times a second at most
    void aboutToReset();      // clearFinished() is about to remove rows
    void reset();
    // A file was stored: lists showing the store refresh.
    void uploadFinished(const edge::Upload &upload);
    void downloadFinished(const QString &key, const QString &localPath);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace edge
