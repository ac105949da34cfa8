#pragma once

#include "application/ports/UploadStorage.h"
#include "domain/Errors.h"

#include <QHash>
#include <QMap>
#include <QObject>

#include <optional>

namespace edge::test {

// An in-memory UploadStorage, for testing what sits above the port (the upload handlers, the
// transfer queue, the Uploads page's model); the real stores have their own tests. Calls read
// and write at once; answers arrive from the event loop, as from a store's thread or the
// network. Lists are by key prefix and search, newest first (ties by key). Tests can count
// calls of each kind and make the next call of a kind fail with a given DomainError.
class FakeUploadStorage final : public QObject, public UploadStorage
{
    Q_OBJECT

public:
    enum class Call { Find, List, Put, CreateMultipart, PutPart, Complete, Abort, Get, Remove };
    Q_ENUM(Call)

    explicit FakeUploadStorage(qint64 maxRequestBytes = 90 * 1024 * 1024, QObject *parent = nullptr);

    // --- Seeding and looking (not counted)
    void addFile(const Upload &upload, const QByteArray &bytes);
    QByteArray bytesOf(const QString &key) const;
    int fileCount() const { return int(m_files.size()); }
    int openMultipartCount() const { return int(m_multipart.size()); }
    int calls(Call call) const { return m_calls.value(call); }
    // The next call of this kind throws `error` before it reads or writes.
    void failNext(Call call, const DomainError &error);

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

private:
    struct File
    {
        Upload upload;
        QByteArray bytes;
    };
    struct Multipart
    {
        UploadNaming naming;
        qint64 partSize = 0;
        QMap<int, QByteArray> parts;
    };

    // Counts the call, lets a turn of the event loop pass, and throws a planned failure.
    QCoro::Task<void> begin(Call call);
    static QByteArray readSource(const UploadSource &source);
    Upload recordFile(const UploadNaming &naming, const QByteArray &bytes, const QString &sha256);

    qint64 m_maxRequestBytes;
    QMap<QString, File> m_files;
    QHash<QString, Multipart> m_multipart;
    QHash<Call, int> m_calls;
    QHash<Call, std::shared_ptr<DomainError>> m_failures;
};

} // namespace edge::test
