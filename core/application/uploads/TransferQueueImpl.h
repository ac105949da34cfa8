#pragma once

// The transfer queue's inside, shared by TransferQueue.cpp (what callers ask for) and
// TransferQueueImpl.cpp (scheduling, progress, and the coroutines that run each row).

#include "DownloadTransfer.h"
#include "LocalFile.h"
#include "TransferQueue.h"
#include "TransferSpeed.h"
#include "UploadTransfer.h"

#include <QElapsedTimer>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

namespace edge {

namespace transferqueue {

constexpr int TickMs = 250; // progress reaches the view at most this often

// Why a running row is being stopped. Detach: its store went away; it waits for it to come
// back (the journal entry stays unpaused, so the next run resumes it too).
enum class StopRequest { None, Pause, Cancel, Detach };

// One row of the queue with what it takes to run it.
struct Row
{
    TransferStatus status;
    QString storeLocation;          // empty: the store attached when it starts
    UploadNaming naming;            // uploads: checked, content type filled in on start
    std::optional<PendingUpload> pending; // uploads: the journal entry, once there is one
    std::shared_ptr<UploadTransfer> upload;
    std::shared_ptr<DownloadTransfer> download;
    bool active = false; // a runner owns it (checking the file, or transferring)
    StopRequest stopRequest = StopRequest::None;
    bool resumeWhenStopped = false;
    TransferSpeed speed;
    bool dirty = false;
};

// Bytes of the file in the upload's finished parts.
qint64 bytesOfParts(const PendingUpload &upload);

} // namespace transferqueue

struct TransferQueue::Impl
{
    using Row = transferqueue::Row;
    using StopRequest = transferqueue::StopRequest;

    Impl(TransferQueue *q, TransferJournal &journal, TransferOptions options)
        : q(q), journal(journal), options(options)
    {
        ticker.setInterval(transferqueue::TickMs);
        QObject::connect(&ticker, &QTimer::timeout, q, [this] { tick(); });
        clock.start();
    }

    TransferQueue *q;
    TransferJournal &journal;
    TransferOptions options;
    std::shared_ptr<Services> services;
    QString location;
    std::vector<std::unique_ptr<Row>> rows;
    QList<PendingUpload> unclaimed; // journal entries no row runs (the CLI's, until asked for)
    bool loading = false;
    int generation = 0; // attach() count: a journal load for an earlier store is dropped
    std::shared_ptr<bool> alive = std::make_shared<bool>(true);
    bool walking = false; // rows being added from a folder walk (sizes known)
    QTimer ticker;
    QElapsedTimer clock;

    // Rows and what the view hears of them.
    int indexOf(const QString &id) const;
    Row *find(const QString &id) const;
    void changed(Row *row);
    int addRow(std::unique_ptr<Row> row);
    // Which rows run: filesAtOnce of the waiting ones for the attached store.
    bool runnable(const Row &row) const;
    void schedule();
    void start(Row *row);
    void progress(const QString &id, qint64 done, qint64 total);
    void tick();
    // A row stops running (done, failed, or stopped as asked).
    void settle(Row *row, TransferState state, QString error = {});
    // Journal and store housekeeping, fire and forget (safe after the queue is gone).
    void abandon(const Row &row);
    static QCoro::Task<void> abandonUpload(std::shared_ptr<Services> store, TransferJournal *journal,
                                           PendingUpload upload);
    static QCoro::Task<void> saveEntry(TransferJournal *journal, PendingUpload upload);
    static QCoro::Task<void> removePartFile(QString destination);
    // The coroutines that run a row, load the journal and walk a folder: they check `alive`
    // after every wait, as the queue may be gone by then.
    static QCoro::Task<void> runUpload(Impl *d, std::shared_ptr<bool> alive, QString id);
    static QCoro::Task<void> runDownload(Impl *d, std::shared_ptr<bool> alive, QString id);
    void settleRequested(Row *row);
    void forget(Row &row);
    PendingUpload claimOrCreate(const Row &row, const LocalFileFacts &facts);
    void stopRunning(Row *row, StopRequest request);
    static QCoro::Task<void> loadJournal(Impl *d, std::shared_ptr<bool> alive, int generation);
    static QCoro::Task<void> showSize(Impl *d, std::shared_ptr<bool> alive, QString id, QString path);
    static QCoro::Task<void> walk(Impl *d, std::shared_ptr<bool> alive, QString folder, QString keyPrefix);
};

} // namespace edge
