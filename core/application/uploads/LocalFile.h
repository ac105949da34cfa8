#pragma once

#include "domain/Errors.h"

#include <QDateTime>
#include <QString>

#include <atomic>
#include <memory>

namespace edge {

// A local file could not be sent: missing, unreadable, empty, changed while it was sent.
// message() is the whole story in words for the user.
class LocalFileError : public DomainError
{
public:
    explicit LocalFileError(QString message) : DomainError(ErrorKind::Validation, std::move(message)) {}
};

// The file changed on disk while it was being sent (size, time or content): nothing stored.
class FileChangedError : public LocalFileError
{
public:
    FileChangedError()
        : LocalFileError(QStringLiteral("The file changed on disk while it was being uploaded; nothing was stored")) {}
};

// What the transfer queue needs to know of a local file before and while it is sent. Every
// function here touches the disk: call them on a pool thread (runOffThread), never the UI's.
struct LocalFileFacts
{
    QString path;
    qint64 size = 0;
    QDateTime modified; // UTC
    QString contentType; // detected by name and content, when asked
    QString problem;     // empty when the file can be sent; else why not, in words for the user
};

// Stats and opens the file (it must be a readable, non-empty regular file); detects the
// content type when detectType.
LocalFileFacts inspectLocalFile(const QString &path, bool detectType);

// True when the file's size or modification time is no longer what was recorded.
bool localFileChanged(const QString &path, qint64 size, const QDateTime &modified);

// The file's sha256 (lower-case hex), read start to end; throws FileChangedError when it does
// not have `size` bytes, LocalFileError when it cannot be read, TransferCancelledError once
// *stop is set.
QString sha256OfLocalFile(const QString &path, qint64 size, std::shared_ptr<std::atomic_bool> stop);

} // namespace edge
