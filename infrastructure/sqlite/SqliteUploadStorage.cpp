#include "SqliteUploadStorage.h"

#include "SqliteExecutor.h"
#include "SqliteUploadStorageTable.h"
#include "domain/Errors.h"

#include "application/uploads/OffThread.h"

#include <QCoro/QCoroFuture>
#include <QThreadPool>

namespace edge {

namespace {
// On the SQLite thread, so a put cannot commit a row for a blob between the check and the
// removal (its commit runs on the same thread).
int removeUnreferencedBlobs(const UploadBlobFiles &files, const QStringList &candidates, SqliteConnection &connection)
{
    UploadTable table(connection.database());
    int removed = 0;
    for (const QString &objectKey : candidates) {
        if (!table.isBlobReferenced(objectKey) && files.remove(objectKey))
            ++removed;
    }
    return removed;
}

ConflictError keyTaken(const QString &key)
{
    return ConflictError(QStringLiteral("An upload with key %1 already exists").arg(key),
                         {{QStringLiteral("key"), QStringLiteral("is already taken")}});
}

ConflictError keyReserved(const QString &key)
{
    return ConflictError(QStringLiteral("The key %1 is reserved by a multipart upload in flight").arg(key),
                         {{QStringLiteral("key"), QStringLiteral("is reserved by a multipart upload in flight")}});
}

// Paths of the store's own: a key with a path separator or worse never reaches the disk, but
// a store must not trust its callers with that.
void checkKey(const QString &key)
{
    if (const QString p = uploadKeyProblem(key); !p.isEmpty())
        throw ValidationError(QStringLiteral("key %1").arg(p), {{QStringLiteral("key"), p}});
}
} // namespace

// Jobs are named locals, never temporaries inside a co_await expression (GCC 12 destroys
// those twice), and capture their arguments by value: they run later, on another thread.

SqliteUploadStorage::SqliteUploadStorage(std::shared_ptr<SqliteExecutor> executor, QString contentFolder,
                                         qint64 maxRequestBytes)
    : m_executor(std::move(executor))
    , m_files(std::move(contentFolder))
    , m_maxRequestBytes(maxRequestBytes)
{
}

QCoro::Task<std::optional<Upload>> SqliteUploadStorage::find(QString key)
{
    auto job = [key](SqliteConnection &connection) -> std::optional<Upload> {
        std::optional<UploadTable::Row> row = UploadTable(connection.database()).find(key);
        if (!row)
            return std::nullopt;
        return row->upload;
    };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<UploadPage> SqliteUploadStorage::list(UploadListQuery query)
{
    auto job = [query](SqliteConnection &connection) { return UploadTable(connection.database()).list(query); };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<void> SqliteUploadStorage::checkKeyFree(QString key)
{
    auto taken = [key](SqliteConnection &connection) { return UploadTable(connection.database()).isKeyTaken(key); };
    if (co_await m_executor->run(std::move(taken)))
        throw keyTaken(key);
    auto reserved = [key, files = m_files]() { return files.multipartFor(key).has_value(); };
    if (co_await runOffThread(std::move(reserved)))
        throw keyReserved(key);
}

QCoro::Task<Upload> SqliteUploadStorage::record(UploadNaming naming, UploadBlobFiles::Written written,
                                                UploadEvent describe)
{
    UploadTable::Row row;
    row.upload.key = naming.key;
    row.upload.size = written.size;
    row.upload.contentType = naming.contentType;
    row.upload.originalName = naming.originalName.isEmpty() ? Upload::baseNameOf(naming.key) : naming.originalName;
    row.upload.sha256 = written.sha256;
    row.upload.createdAt = QDateTime::currentDateTimeUtc();
    row.objectKey = written.objectKey;
    row.upload.uploadedBy = describe(row.upload).actor.id;
    // The row and its event commit together; if they cannot (the key was taken meanwhile, the
    // disk is full), the blob goes, so nothing unlisted stays and nothing listed is missing.
    auto job = [row, describe, files = m_files](SqliteConnection &connection) {
        try {
            UploadTable(connection.database()).insert(row, describe(row.upload));
        } catch (...) {
            files.remove(row.objectKey);
            throw;
        }
        return row.upload;
    };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<Upload> SqliteUploadStorage::put(UploadNaming naming, UploadSource source, UploadEvent describe)
{
    checkKey(naming.key);
    if (source.length > m_maxRequestBytes)
        throw DomainError(ErrorKind::PayloadTooLarge,
                          QStringLiteral("The file is %1 bytes; at most %2 go in one request: upload it in parts")
                              .arg(source.length).arg(m_maxRequestBytes));
    co_await checkKeyFree(naming.key);
    const QString what = QStringLiteral("the file %1").arg(naming.key);
    auto write = [source, what, files = m_files]() { return files.write(source, what); };
    UploadBlobFiles::Written written = co_await runOffThread(std::move(write), transferPool());
    if (written.size != source.length) {
        m_files.remove(written.objectKey);
        throw ValidationError(QStringLiteral("The file was %1 bytes, not the %2 announced").arg(written.size).arg(source.length),
                              {{QStringLiteral("body"), QStringLiteral("is not the length announced")}});
    }
    co_return co_await record(naming, written, describe);
}

QCoro::Task<MultipartUpload> SqliteUploadStorage::createMultipart(UploadNaming naming, qint64 partSize)
{
    checkKey(naming.key);
    parsePartSize(partSize, m_maxRequestBytes);
    co_await checkKeyFree(naming.key);
    auto create = [naming, partSize, files = m_files]() { return files.createMultipart(naming, partSize); };
    const UploadBlobFiles::Multipart created = co_await runOffThread(std::move(create));
    co_return MultipartUpload{created.uploadId, created.naming.key, created.partSize};
}

QCoro::Task<UploadedPart> SqliteUploadStorage::putPart(QString uploadId, int partNumber, UploadSource source)
{
    parsePartNumber(partNumber);
    auto write = [uploadId, partNumber, source, files = m_files]() {
        return files.writePart(files.multipart(uploadId), partNumber, source);
    };
    co_return co_await runOffThread(std::move(write), transferPool());
}

QCoro::Task<Upload> SqliteUploadStorage::completeMultipart(QString uploadId, QList<UploadedPart> parts,
                                                          QString sha256, UploadEvent describe)
{
    auto load = [uploadId, files = m_files]() { return files.multipart(uploadId); };
    const UploadBlobFiles::Multipart upload = co_await runOffThread(std::move(load));
    auto assemble = [upload, parts, files = m_files]() { return files.assemble(upload, parts); };
    const UploadBlobFiles::Written written = co_await runOffThread(std::move(assemble), transferPool());
    if (!sha256.isEmpty() && sha256 != written.sha256) {
        // The parts are not the file the uploader read: it changed on disk while being sent.
        auto discard = [objectKey = written.objectKey, files = m_files]() { return files.remove(objectKey); };
        co_await runOffThread(std::move(discard));
        throw ValidationError::field(QStringLiteral("sha256"),
                                     QStringLiteral("does not match the parts sent: the file changed while it was uploaded"));
    }
    Upload stored = co_await record(upload.naming, written, describe);
    auto cleanUp = [uploadId, files = m_files]() { return files.removeMultipart(uploadId); };
    co_await runOffThread(std::move(cleanUp));
    co_return stored;
}

QCoro::Task<void> SqliteUploadStorage::abortMultipart(QString uploadId)
{
    auto abort = [uploadId, files = m_files]() { files.abortMultipart(uploadId); };
    co_await runOffThread(std::move(abort));
}

QCoro::Task<UploadDownload> SqliteUploadStorage::get(QString key, std::optional<ByteRange> range, QIODevice *sink,
                                                     std::shared_ptr<TransferControl> control)
{
    auto load = [key](SqliteConnection &connection) { return UploadTable(connection.database()).find(key); };
    const std::optional<UploadTable::Row> row = co_await m_executor->run(std::move(load));
    if (!row)
        throw NotFoundError(QStringLiteral("Upload"), key);
    UploadDownload download;
    download.upload = row->upload;
    if (range) {
        const ByteRange resolved = resolveRange(*range, row->upload.size);
        download.offset = resolved.offset;
        download.length = resolved.length;
    } else {
        download.length = row->upload.size;
    }
    const QString path = row->objectKey.isEmpty() ? m_files.pathOfLegacyKey(key) : m_files.pathOf(row->objectKey);
    auto copy = [path, download, sink, control, files = m_files]() {
        files.copyTo(path, download.offset, download.length, sink, control.get());
    };
    co_await runOffThread(std::move(copy), transferPool());
    co_return download;
}

QCoro::Task<Upload> SqliteUploadStorage::remove(QString key, UploadEvent describe)
{
    auto job = [key, describe, files = m_files](SqliteConnection &connection) {
        const UploadTable::Row row = UploadTable(connection.database()).remove(key, describe);
        // After the commit: a blob that cannot be removed is only unreferenced.
        if (!row.objectKey.isEmpty())
            files.remove(row.objectKey);
        return row.upload;
    };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<SqliteUploadStorage::Sweep> SqliteUploadStorage::sweep(std::chrono::seconds minAge)
{
    auto look = [minAge, files = m_files]() { return files.sweep(minAge.count()); };
    const UploadBlobFiles::Leftovers leftovers = co_await runOffThread(std::move(look));
    auto removeUnreferenced = [candidates = leftovers.unreferencedCandidates, files = m_files](SqliteConnection &connection) {
        return removeUnreferencedBlobs(files, candidates, connection);
    };
    Sweep sweep;
    sweep.temporaries = leftovers.temporariesRemoved;
    sweep.multipartUploads = leftovers.multipartRemoved;
    sweep.blobs = co_await m_executor->run(std::move(removeUnreferenced));
    co_return sweep;
}

void SqliteUploadStorage::startSweep(std::chrono::seconds minAge)
{
    // Holds the store only weakly: a store closed meanwhile is left alone.
    std::weak_ptr<SqliteExecutor> store = m_executor;
    QThreadPool::globalInstance()->start([store, files = m_files, seconds = qint64(minAge.count())] {
        try {
            const UploadBlobFiles::Leftovers leftovers = files.sweep(seconds);
            const auto executor = store.lock();
            if (!executor || leftovers.unreferencedCandidates.isEmpty())
                return;
            executor->run([candidates = leftovers.unreferencedCandidates, files](SqliteConnection &connection) {
                return removeUnreferencedBlobs(files, candidates, connection);
            });
        } catch (...) {
            // Best effort: what stays is unreferenced and tried again at the next opening.
        }
    });
}

} // namespace edge
