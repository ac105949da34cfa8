#include "StoreFileCheck.h"

#include "domain/Errors.h"

#include <QFile>
#include <QFileInfo>

namespace edge {

namespace {
// Every SQLite 3 database starts with these 16 bytes (the terminating NUL included).
constexpr char SqliteHeader[] = "SQLite format 3";
constexpr qint64 SqliteHeaderSize = sizeof(SqliteHeader); // 16

void checkFolder(const QFileInfo &file)
{
    const QFileInfo folder(file.absolutePath());
    if (!folder.exists())
        throw StoreError(QStringLiteral("Cannot use %1: the folder %2 does not exist")
                             .arg(file.filePath(), folder.filePath()));
    if (!folder.isDir())
        throw StoreError(QStringLiteral("Cannot use %1: %2 is not a folder")
                             .arg(file.filePath(), folder.filePath()));
    // SQLite keeps its -wal and -shm files beside the store, so the folder must be writable.
    if (!folder.isWritable())
        throw StoreError(QStringLiteral("Cannot use %1: the folder %2 is read-only")
                             .arg(file.filePath(), folder.filePath()));
}
} // namespace

StoreFileState checkStoreFile(const QString &path, OpenMode mode)
{
    if (path.trimmed().isEmpty())
        throw StoreError(QStringLiteral("No store path given"));

    const QFileInfo info(path);
    if (info.isDir())
        throw StoreError(QStringLiteral("%1 is a folder, not a store file").arg(path));
    if (!info.exists()) {
        if (mode == OpenMode::OpenExisting)
            throw StoreError(QStringLiteral("%1 does not exist").arg(path));
        checkFolder(info);
        return StoreFileState::Missing;
    }
    if (!info.isFile())
        throw StoreError(QStringLiteral("%1 is not a regular file").arg(path));
    if (!info.isReadable())
        throw StoreError(QStringLiteral("%1 cannot be read (permission denied)").arg(path));

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw StoreError(QStringLiteral("%1 cannot be read: %2").arg(path, file.errorString()));
    const QByteArray header = file.read(SqliteHeaderSize);
    file.close();

    const bool empty = header.isEmpty();
    if (!empty && header != QByteArray(SqliteHeader, SqliteHeaderSize))
        throw StoreError(QStringLiteral("%1 is not an Edge Admin store (not an SQLite database)").arg(path));
    if (!info.isWritable())
        throw StoreError(QStringLiteral("%1 is read-only: Edge Admin needs to write to its store").arg(path));
    checkFolder(info);
    return empty ? StoreFileState::Empty : StoreFileState::SqliteDatabase;
}

} // namespace edge
