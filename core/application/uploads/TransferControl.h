#pragma once

#include "domain/Errors.h"

#include <QObject>

#include <atomic>

namespace edge {

// What a transfer was stopped with: cancel() on its TransferControl. Nothing of a cancelled
// put is stored; a cancelled part is simply not there (send it again to resume).
class TransferCancelledError : public DomainError
{
public:
    explicit TransferCancelledError(QString message = QStringLiteral("The transfer was cancelled"))
        : DomainError(ErrorKind::Unavailable, std::move(message)) {}
};

// Watches and stops one transfer (a put, a part or a download). Stores call report() as bytes
// move, from whichever thread moves them; progressed() reaches receivers on their own thread
// (queued), so the UI may connect to it directly. cancel() may be called from any thread: the
// transfer stops at its next chunk and its task throws TransferCancelledError.
class TransferControl final : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    void cancel();
    bool isCancelled() const { return m_cancelled.load(); }

    // For stores: done of total bytes have moved.
    void report(qint64 done, qint64 total);
    // For stores: throws TransferCancelledError once cancel() was called.
    void throwIfCancelled() const;

signals:
    void progressed(qint64 done, qint64 total);
    void cancelled();

private:
    std::atomic_bool m_cancelled{false};
};

} // namespace edge
