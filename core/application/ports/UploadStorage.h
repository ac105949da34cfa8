#pragma once

#include "application/uploads/TransferControl.h"
#include "domain/DomainEvent.h"
#include "domain/Upload.h"

#include <QCoro/QCoroTask>
#include <QIODevice>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace edge {

// Where the bytes of a put or a part come from. The store opens the device when it needs it
// (on whatever thread it reads on), seeks to offset and reads exactly length bytes, chunk by
// chunk: a file is never read whole into memory. A device that ends early or fails to read
// fails the transfer and nothing is stored.
struct UploadSource
{
    // Opened for reading and seekable (a QFile, a QBuffer); a device that is not open could
    // not be opened, and its errorString() says why.
    std::function<std::unique_ptr<QIODevice>()> open;
    qint64 offset = 0;
    qint64 length = 0;
    // Optional: progress of the bytes sent, and a way to stop (TransferCancelledError).
    std::shared_ptr<TransferControl> control;

    // `length` bytes of the file at `path` from `offset`.
    static UploadSource file(const QString &path, qint64 offset, qint64 length);
    // The whole file at `path` (its size now).
    static UploadSource file(const QString &path);
    // Bytes in memory (small files, tests).
    static UploadSource bytes(const QByteArray &data);
};

enum class UploadSort { CreatedAt, Key, Name, Size, ContentType };

// One page of the list. The defaults are the Worker's list: every key, newest first.
struct UploadListQuery
{
    QString prefix;      // keys starting with exactly this (case-sensitive, no wildcards)
    QString search;      // part of the key or the original name, case-insensitive
    QString contentType; // "image/png", or a family "image/" (empty: all)
    UploadSort sort = UploadSort::CreatedAt;
    bool descending = true;
    QString cursor; // nextCursor of the previous page (same filters and sort), empty: first
    int limit = 50; // 1..200
};

struct UploadPage
{
    QList<Upload> items;
    QString nextCursor; // empty on the last page
};

// A multipart upload in flight: parts 1..n of exactly partSize bytes (the last 1..partSize).
struct MultipartUpload
{
    QString uploadId;
    QString key;
    qint64 partSize = 0;
};

struct UploadedPart
{
    int partNumber = 0;
    QString etag; // as the store returned it; handed back on completion
};

// What a download wrote into the sink.
struct UploadDownload
{
    Upload upload;     // the file's record
    qint64 offset = 0; // where the bytes written start in the file
    qint64 length = 0; // how many were written
};

// Makes the audit event of a change from the file's record as stored.
using UploadEvent = std::function<DomainEvent(const Upload &stored)>;

// The blob store with its uploads table (the seed's R2StorageService with the Worker's D1
// rows). Implemented over files beside the SQLite store and over the Worker's
// /api/v1/uploads. Only complete files are ever listed: a put or a completion that fails
// leaves no record and no bytes under the key. Failures are DomainError subclasses: a taken
// key is ConflictError, a too large body PayloadTooLarge, a full disk StoreError saying so.
// Keys and naming are validated by the handlers (UploadHandlers); stores check them again
// only where a bad key could do harm (a path on disk).
class UploadStorage
{
public:
    virtual ~UploadStorage() = default;

    // The largest body of one put or one part (the Worker's MAX_UPLOAD_BYTES).
    virtual qint64 maxRequestBytes() const = 0;

    virtual QCoro::Task<std::optional<Upload>> find(QString key) = 0;
    virtual QCoro::Task<UploadPage> list(UploadListQuery query) = 0;

    // One request: stores source under naming.key (which must be free), records the file and
    // describe(stored) together.
    virtual QCoro::Task<Upload> put(UploadNaming naming, UploadSource source, UploadEvent describe) = 0;

    // Multipart: reserves the key until completed or aborted.
    virtual QCoro::Task<MultipartUpload> createMultipart(UploadNaming naming, qint64 partSize) = 0;
    // Stores one part (replacing an earlier try of the same number). ValidationError
    // ("body") when the source is empty or longer than the partSize.
    virtual QCoro::Task<UploadedPart> putPart(QString uploadId, int partNumber, UploadSource source) = 0;
    // Assembles parts 1..n (in order, each with the etag its put returned) into the file and
    // records it with describe(stored). ValidationError ("parts") when they do not make up a
    // file; the upload can then still be completed with the right parts or aborted.
    // sha256: the whole file's, as the uploader read it (empty: not known). The embedded
    // store hashes what it assembled and refuses a mismatch (ValidationError "sha256": the
    // file changed while it was sent); the Worker records it as declared (R2 cannot hash an
    // assembled object).
    virtual QCoro::Task<Upload> completeMultipart(QString uploadId, QList<UploadedPart> parts, QString sha256,
                                                  UploadEvent describe) = 0;
    // Discards the parts and frees the key. NotFoundError for an unknown upload id.
    virtual QCoro::Task<void> abortMultipart(QString uploadId) = 0;

    // Writes the file's bytes (or the range) into sink, chunk by chunk as they come. The
    // sink must stay open and untouched by others until the task ends; the embedded store
    // writes it from a thread of its own. NotFoundError when there is no such file. control
    // (optional) reports the bytes written and stops the download (TransferCancelledError;
    // what was written stays in the sink, the caller discards or resumes it by range).
    virtual QCoro::Task<UploadDownload> get(QString key, std::optional<ByteRange> range, QIODevice *sink,
                                            std::shared_ptr<TransferControl> control = {}) = 0;

    // Deletes the file and its record; records describe(deleted). NotFoundError when missing.
    virtual QCoro::Task<Upload> remove(QString key, UploadEvent describe) = 0;
};

} // namespace edge
