#pragma once

#include "application/ports/UploadStorage.h"
#include "infrastructure/sqlite/UploadBlobFiles.h"

#include <chrono>
#include <memory>

namespace edge {

class SqliteExecutor;

// UploadStorage over the embedded store: the uploads rows on the SQLite thread
// (UploadTable), the bytes in files beside the store (UploadBlobFiles) written on a pool
// thread, so a large file neither blocks the UI nor holds up other store requests. A put
// streams to a temporary file, fsyncs and renames it to a fresh blob name, and only then
// commits the row with its event; if the commit fails (a taken key) the blob is removed. So
// the table lists only complete files, and a crash leaves at most an unreferenced blob.
// The uploader recorded is the actor of the event the handler describes (empty locally).
class SqliteUploadStorage final : public UploadStorage
{
public:
    // The Worker's default MAX_UPLOAD_BYTES: one put or part holds at most this much.
    static constexpr qint64 DefaultMaxRequestBytes = 90 * 1024 * 1024;

    // contentFolder: LessonContentFiles::folderForStore of the store file.
    SqliteUploadStorage(std::shared_ptr<SqliteExecutor> executor, QString contentFolder,
                        qint64 maxRequestBytes = DefaultMaxRequestBytes);

    const QString &contentFolder() const { return m_files.folder(); }

    qint64 maxRequestBytes() const override { return m_maxRequestBytes; }
    QCoro::Task<std::optional<Upload>> find(QString key) override;
    QCoro::Task<UploadPage> list(UploadListQuery query) override;
    QCoro::Task<Upload> put(UploadNaming naming, UploadSource source, UploadEvent describe) override;
    QCoro::Task<MultipartUpload> createMultipart(UploadNaming naming, qint64 partSize) override;
    QCoro::Task<UploadedPart> putPart(QString uploadId, int partNumber, UploadSource source) override;
    QCoro::Task<Upload> completeMultipart(QString uploadId, QList<UploadedPart> parts, QString sha256,
                                          UploadEvent describe) override;
    QCoro::Task<void> abortMultipart(QString uploadId) override;
    QCoro::Task<UploadDownload> get(QString key, std::optional<ByteRange> range, QIODevice *sink,
                                    std::shared_ptr<TransferControl> control = {}) override;
    QCoro::Task<Upload> remove(QString key, UploadEvent describe) override;

    // Housekeeping (the Worker's scheduled clean-up, for the embedded store): removes what a
    // crash or a killed process left behind and nothing in use: temporary files and multipart
    // uploads untouched for minAge, and blobs at least that old that no row names.
    struct Sweep
    {
        int temporaries = 0;
        int multipartUploads = 0;
        int blobs = 0;
    };
    QCoro::Task<Sweep> sweep(std::chrono::seconds minAge = std::chrono::hours(24));
    // sweep() in the background, not waited for: the embedded store starts one as it opens,
    // so what a crash or a killed console left is cleaned up a day later without anyone
    // waiting on it (the Worker's scheduled clean-up, for the embedded store).
    void startSweep(std::chrono::seconds minAge = std::chrono::hours(24));

private:
    QCoro::Task<void> checkKeyFree(QString key);
    QCoro::Task<Upload> record(UploadNaming naming, UploadBlobFiles::Written written, UploadEvent describe);

    std::shared_ptr<SqliteExecutor> m_executor;
    UploadBlobFiles m_files; // immutable: jobs copy it onto their threads
    qint64 m_maxRequestBytes;
};

} // namespace edge
