#pragma once

#include "application/ports/TransferJournal.h"
#include "domain/Errors.h"

#include <QString>

#include <exception>

namespace edge {

// What a failed transfer tells the user: what happened, to which file, and what resuming
// will do ("Lost the connection to https://...; resume to continue from part 7 of 40").
// storeLocation is Backend::location() of the store.
QString uploadFailureMessage(const DomainError &error, const PendingUpload &upload, const QString &storeLocation);
QString downloadFailureMessage(const DomainError &error, const QString &key, const QString &storeLocation);

// Worth trying again by itself: the network or a busy store (Unavailable, RateLimited), not a
// refusal and not a stop (TransferCancelledError).
bool isTransientFailure(const std::exception_ptr &error);

// "8.0 MiB", "1.2 GiB": sizes in messages.
QString formatBytes(qint64 bytes);

} // namespace edge
