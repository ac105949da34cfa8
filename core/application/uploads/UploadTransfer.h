#pragma once

#include "application/ports/TransferJournal.h"
#include "application/uploads/TransferQueue.h"

#include <QCoro/QCoroTask>

#include <atomic>
#include <functional>
#include <map>
#include <memory>

namespace edge {

class Services;
class TransferControl;

// One file's upload, from the first byte or from where its journal entry stopped: one request
// for a small file; else a multipart upload with up to partsInFlight parts at once, each
// streamed from its slice of the file and saved to the journal (with its etag) before it
// counts as done, while a pool thread reads the whole file once for its sha256. Before
// completing, the file's size and modification time are checked again: a file that changed
// is not stored (its multipart upload is aborted). A multipart upload the store no longer
// knows (swept) starts over once. Lives in a shared_ptr: run() keeps it alive until it ends.
class UploadTransfer final : public std::enable_shared_from_this<UploadTransfer>
{
public:
    // Single requests of at most this many bytes are not journaled (see runSingle()).
    static constexpr qint64 SingleRequestJournalMin = 1024 * 1024;
    // Whether the upload has (or gets) a journal entry: multipart ones, and single requests
    // above SingleRequestJournalMin.
    static bool isJournaled(const PendingUpload &upload);

    // upload: fileSize, fileModified and naming (checked, content type filled in) are those
    // of the file as inspected just before.
    UploadTransfer(std::shared_ptr<Services> services, TransferJournal &journal, PendingUpload upload,
                   TransferOptions options);
    ~UploadTransfer();

    // Throws DomainError with the store's or the file's problem (TransferMessages words it),
    // TransferCancelledError once stopped.
    QCoro::Task<Upload> run();

    // Pause or cancel: what is in flight is cancelled, nothing new starts, run() ends with
    // TransferCancelledError. The journal entry stays as it was.
    void stop();
    // The queue is going away: as stop(), and neither the journal nor onProgress is touched
    // again (either may be gone).
    void detach();

    // The entry as the journal has it (upload id, finished parts): what a resume starts from.
    const PendingUpload &state() const { return m_upload; }
    // Bytes of the whole file sent so far (finished parts and what is in flight).
    qint64 bytesDone() const;

    std::function<void(qint64 bytesDone)> onProgress;

private:
    QCoro::Task<Upload> runSingle();
    QCoro::Task<Upload> runMultipart();
    QCoro::Task<void> sendParts(std::shared_ptr<QList<int>> missing);
    QCoro::Task<void> sendPart(int number);
    QCoro::Task<void> save();         // unless stopped
    QCoro::Task<void> saveProgress(); // journal failures as LocalFileError
    QCoro::Task<void> abandon(); // abort on the store and forget the entry: nothing stored
    QCoro::Task<void> forgetEntry(); // the journal entry, once the transfer is over
    QCoro::Task<void> checkUnchanged();
    // Whether to send again after `failure` on try `attempt` (0-based); waits first.
    QCoro::Task<bool> retryAfter(std::exception_ptr failure, int attempt);
    std::shared_ptr<TransferControl> newControl(int part);
    void throwIfStopped() const;
    void reportProgress();
    qint64 partLength(int number) const;

    std::shared_ptr<Services> m_services;
    TransferJournal &m_journal;
    PendingUpload m_upload;
    TransferOptions m_options;
    bool m_stopped = false;
    bool m_detached = false;
    std::shared_ptr<std::atomic_bool> m_stopHashing;
    std::map<int, std::shared_ptr<TransferControl>> m_controls; // in flight, by part (0: single)
    std::map<int, qint64> m_inFlight;                           // bytes sent of parts in flight
    qint64 m_finishedBytes = 0;
    int m_nextMissing = 0;
    std::exception_ptr m_laneError;
};

// The part size for a file: at least the options' (and the store's minimum), grown to stay
// within Upload::MaxParts; throws PayloadTooLarge when even that exceeds what the store takes
// in one request.
qint64 choosePartSize(qint64 fileSize, qint64 wanted, qint64 maxRequestBytes);

} // namespace edge
