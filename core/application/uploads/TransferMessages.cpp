#include "TransferMessages.h"

#include "LocalFile.h"
#include "TransferControl.h"
#include "UploadHandlers.h"

#include <QSet>

namespace edge {

namespace {
// The first part not yet sent, 1-based: where a resume continues.
int firstMissingPart(const PendingUpload &upload)
{
    QSet<int> done;
    for (const UploadedPart &part : upload.parts)
        done.insert(part.partNumber);
    int number = 1;
    while (done.contains(number))
        ++number;
    return number;
}
} // namespace

bool isTransientFailure(const std::exception_ptr &error)
{
    try {
        std::rethrow_exception(error);
    } catch (const TransferCancelledError &) {
        return false;
    } catch (const DomainError &failure) {
        return failure.kind() == ErrorKind::Unavailable || failure.kind() == ErrorKind::RateLimited;
    } catch (...) {
        return false;
    }
}

QString formatBytes(qint64 bytes)
{
    static const char *const units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
    if (bytes < 1024)
        return QStringLiteral("%1 bytes").arg(bytes);
    double value = double(bytes);
    int unit = 0;
    while (value >= 1024 && unit < 4) {
        value /= 1024;
        ++unit;
    }
    return QStringLiteral("%1 %2").arg(value, 0, 'f', 1).arg(QLatin1String(units[unit]));
}

QString uploadFailureMessage(const DomainError &error, const PendingUpload &upload, const QString &storeLocation)
{
    // Problems of the local file already say everything.
    if (dynamic_cast<const LocalFileError *>(&error))
        return error.message();
    const QString key = upload.naming.key;
    switch (error.kind()) {
    case ErrorKind::Unavailable: {
        if (upload.partSize > 0 && !upload.uploadId.isEmpty()) {
            const int parts = partCountOf(upload.fileSize, upload.partSize);
            return QStringLiteral("Lost the connection to %1; resume to continue from part %2 of %3")
                .arg(storeLocation).arg(qMin(firstMissingPart(upload), parts)).arg(parts);
        }
        return QStringLiteral("Lost the connection to %1; retry to send %2 again").arg(storeLocation, key);
    }
    case ErrorKind::PayloadTooLarge:
        return QStringLiteral("The store refused %1 as too large (413): %2").arg(key, error.message());
    case ErrorKind::Conflict:
        return QStringLiteral("%1 is already taken in the store: delete that file or choose another name").arg(key);
    case ErrorKind::Store:
        return QStringLiteral("The store could not keep %1: %2").arg(key, error.message());
    case ErrorKind::Unauthorized:
    case ErrorKind::Forbidden:
        return QStringLiteral("Not allowed to upload %1: %2").arg(key, error.message());
    case ErrorKind::Validation: {
        QStringList fields;
        for (auto it = error.fieldErrors().cbegin(); it != error.fieldErrors().cend(); ++it)
            fields << QStringLiteral("%1 %2").arg(it.key(), it.value());
        return fields.isEmpty() ? error.message()
                                : QStringLiteral("The store refused %1: %2").arg(key, fields.join(QStringLiteral("; ")));
    }
    default:
        return QStringLiteral("Uploading %1 failed: %2").arg(key, error.message());
    }
}

QString downloadFailureMessage(const DomainError &error, const QString &key, const QString &storeLocation)
{
    if (dynamic_cast<const LocalFileError *>(&error))
        return error.message();
    switch (error.kind()) {
    case ErrorKind::NotFound:
        return QStringLiteral("%1 is not in the store (deleted?)").arg(key);
    case ErrorKind::Unavailable:
        return QStringLiteral("Lost the connection to %1; resume to continue the download of %2").arg(storeLocation, key);
    default:
        return QStringLiteral("Downloading %1 failed: %2").arg(key, error.message());
    }
}

} // namespace edge
