#pragma once

#include "application/ports/UploadStorage.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace edge {

// The embedded store's uploaded files: blobs in the folder beside the store file, under the
// Worker's kind of blob names (files/<uuid>, the uploads row's object_key), so a key of any
// length or alphabet never becomes a path on disk:
//
//     /data/edge-admin.db                          the store file
//     /data/edge-admin-content/files/<uuid>        a complete file (named by uploads.object_key)
//     /data/edge-admin-content/tmp/<uuid>.partial  a file being written (never named by a row)
//     /data/edge-admin-content/multipart/<id>/     an upload in flight: upload.json and parts
//                                                  <n>-<sha256>.part
//
// Every write goes to a temporary file first, is fsynced and then renamed, so a crash or a
// failure never leaves a half file under a blob name, and only then is the row committed.
// Files stream through in chunks (1 MiB): nothing is read whole into memory. Synchronous:
// called on a thread of the store's own, never the UI thread. Failures are StoreError
// naming the path and the reason ("No space left on device"), ValidationError for a
// source that does not deliver what it announced; nothing half written is left behind.
class UploadBlobFiles
{
public:
    static constexpr qint64 ChunkBytes = 1024 * 1024;

    explicit UploadBlobFiles(QString folder) : m_folder(std::move(folder)) {}

    const QString &folder() const { return m_folder; }

    // "files/<uuid>": a fresh blob name.
    static QString newObjectKey();
    // The path of a blob name; StoreError unless it is one of ours (files/<uuid>), so a
    // hand-edited row never points outside the folder.
    QString pathOf(const QString &objectKey) const;
    // Where a row without object_key keeps its bytes: uploads/<key> (rows written by hand or
    // by older tools). StoreError for a key that could leave the folder.
    QString pathOfLegacyKey(const QString &key) const;

    // A complete blob written from the source: its name, size and sha256 (hex).
    struct Written
    {
        QString objectKey;
        qint64 size = 0;
        QString sha256;
    };
    // Streams the source into a new blob (temporary file, fsync, rename, folder fsync).
    Written write(const UploadSource &source, const QString &what) const;
    // Copies length bytes of the blob from offset into sink, chunk by chunk.
    void copyTo(const QString &path, qint64 offset, qint64 length, QIODevice *sink, TransferControl *control = nullptr) const;
    // Best effort: false when the file could not be removed (it is then only unreferenced).
    bool remove(const QString &objectKey) const noexcept;

    // Multipart uploads in flight, one folder each.
    struct Multipart
    {
        QString uploadId;
        UploadNaming naming;
        qint64 partSize = 0;
    };
    Multipart createMultipart(const UploadNaming &naming, qint64 partSize) const;
    // NotFoundError for an id that is not in flight (or not an id of ours at all).
    Multipart multipart(const QString &uploadId) const;
    // The upload id in flight for this key, if any (the key is reserved until it ends).
    std::optional<QString> multipartFor(const QString &key) const;
    // Stores part n (replacing an earlier try); the etag is the part's sha256.
    UploadedPart writePart(const Multipart &upload, int partNumber, const UploadSource &source) const;
    // Checks the parts (each present with its etag, all but the last exactly partSize) and
    // assembles them into a new blob. ValidationError ("parts") when they do not make a file.
    Written assemble(const Multipart &upload, const QList<UploadedPart> &parts) const;
    // Removes the upload's folder and its parts. NotFoundError when it is not in flight.
    void abortMultipart(const QString &uploadId) const;
    // Best effort, after completion: the parts are no longer needed.
    bool removeMultipart(const QString &uploadId) const noexcept;

    // Housekeeping, for what a crash or a killed process left: files not touched for minAge.
    struct Leftovers
    {
        QStringList unreferencedCandidates; // files/<uuid> blob names, to check against the rows
        int temporariesRemoved = 0;
        int multipartRemoved = 0;
    };
    // Removes temporary files and multipart uploads older than minAge (they are rewritten
    // while in use, so an old one is abandoned) and lists old blobs for the caller to check.
    Leftovers sweep(qint64 minAgeSeconds) const;

private:
    QString multipartFolder(const QString &uploadId) const;
    QString ensureFolder(const QString &relative) const;

    QString m_folder;
};

} // namespace edge
