#include "LocalFile.h"

#include "TransferControl.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMimeDatabase>

namespace edge {

namespace {
constexpr qint64 ChunkBytes = 1024 * 1024;
}

LocalFileFacts inspectLocalFile(const QString &path, bool detectType)
{
    LocalFileFacts facts;
    facts.path = path;
    const QString shown = QDir::toNativeSeparators(path);
    const QFileInfo info(path);
    if (!info.exists()) {
        facts.problem = QStringLiteral("%1 does not exist (moved or deleted?)").arg(shown);
        return facts;
    }
    if (!info.isFile()) {
        facts.problem = QStringLiteral("%1 is not a regular file").arg(shown);
        return facts;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        facts.problem = QStringLiteral("Cannot read %1: %2").arg(shown, file.errorString());
        return facts;
    }
    facts.size = info.size();
    facts.modified = info.lastModified().toUTC();
    if (facts.size == 0) {
        facts.problem = QStringLiteral("%1 is empty: there is nothing to upload").arg(shown);
        return facts;
    }
    if (detectType)
        facts.contentType = QMimeDatabase().mimeTypeForFile(info).name();
    return facts;
}

bool localFileChanged(const QString &path, qint64 size, const QDateTime &modified)
{
    const QFileInfo info(path);
    return !info.isFile() || info.size() != size || info.lastModified().toUTC() != modified;
}

QString sha256OfLocalFile(const QString &path, qint64 size, std::shared_ptr<std::atomic_bool> stop)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw LocalFileError(QStringLiteral("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray chunk(ChunkBytes, Qt::Uninitialized);
    qint64 read = 0;
    for (;;) {
        if (stop && stop->load())
            throw TransferCancelledError();
        const qint64 n = file.read(chunk.data(), chunk.size());
        if (n < 0)
            throw LocalFileError(QStringLiteral("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        if (n == 0)
            break;
        hash.addData(QByteArrayView(chunk.constData(), n));
        read += n;
        if (read > size)
            throw FileChangedError();
    }
    if (read != size)
        throw FileChangedError();
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace edge
