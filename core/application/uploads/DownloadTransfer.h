#pragma once

#include "domain/Upload.h"

#include <QCoro/QCoroTask>
#include <QString>

#include <functional>
#include <memory>

class QFile;

namespace edge {

class Services;
class TransferControl;

// One stored file's download to a local file, with nothing half written under the real name:
// the bytes go to destination + ".part" (continued by range from what it already has, after
// a pause, a lost connection or a restart) and the finished file is flushed to disk and
// renamed over the destination. A resumed download is checked against the file's sha256
// when the store knows it. Lives in a shared_ptr: run() keeps it alive until it ends.
class DownloadTransfer final : public std::enable_shared_from_this<DownloadTransfer>
{
public:
    // A download that fails on the network or a busy store continues from what the .part
    // file has, up to `retries` times, after retryDelayMs doubling (TransferOptions).
    DownloadTransfer(std::shared_ptr<Services> services, QString key, QString destination, int retries = 0,
                     int retryDelayMs = 1000);
    ~DownloadTransfer();

    static QString partPathOf(const QString &destination) { return destination + QStringLiteral(".part"); }

    // The stored file's record once done. Throws DomainError (LocalFileError for the local
    // side), TransferCancelledError once stopped.
    QCoro::Task<Upload> run();
    // Pause or cancel: the download stops, the .part file stays (the queue removes it on cancel).
    void stop();
    // The queue is going away: as stop(), and onProgress is not called again.
    void detach();

    std::function<void(qint64 bytesDone, qint64 totalBytes)> onProgress;

private:
    std::shared_ptr<Services> m_services;
    QString m_key;
    QString m_destination;
    std::shared_ptr<TransferControl> m_control;
    std::unique_ptr<QFile> m_part;
    QCoro::Task<bool> retryAfter(std::exception_ptr failure, int attempt);

    int m_retries;
    int m_retryDelayMs;
    qint64 m_base = 0; // where the bytes of the current request start in the file
    bool m_stopped = false;
};

} // namespace edge
