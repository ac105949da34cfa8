#pragma once

#include "application/ports/TransferJournal.h"
#include "domain/Errors.h"

#include <QString>

namespace edge {

// What a failed transfer tells the user: what happened, to which file, and what resuming
// will do ("Lost the connection to https://...; resume to continue from part 7 of 40").
// storeLocation is Backend::location() of the store.
QString uploadFailureMessage(const DomainError &error, const PendingUpload &upload, const QString &storeLocation);
QString downloadFailureMessage(const DomainError &error, const QString &key, const QString &storeLocation);

// "8.0 MiB", "1.2 GiB": sizes in messages.
QString formatBytes(qint64 bytes);

} // namespace edge
