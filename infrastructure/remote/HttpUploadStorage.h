#pragma once

#include "application/ports/UploadStorage.h"

#include <QList>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace edge::remote {

// UploadStorage over the Worker's /api/v1/uploads (worker/openapi.yaml). Bodies stream from
// the source device as the network takes them (Content-Length set, nothing buffered whole)
// and downloads are written into the sink as they arrive, with the reply's read buffer held
// to one chunk, so memory stays flat for files of any size. It sends its own requests rather
// than WorkerClient's: a key is one percent-encoded path segment ("docs%2Fa.pdf"), which
// WorkerClient's decoded paths cannot express, and bodies are devices, not byte arrays.
// Answers are read with the same interpretResponse() as every other call, so errors are the
// same DomainErrors (409 taken key, 413, 416 as a ValidationError on "range"...).
//
// The Worker records the events itself, so `describe` is not used. Lists pass prefix,
// search, content type, sort, order and cursor to the Worker, which pages them as the
// embedded store does. A multipart file's sha256 is the one declared on completion (R2 does
// not hash the assembled object).
// Nothing is retried: a failed put or part is the transfer queue's to resume.
class HttpUploadStorage final : public UploadStorage
{
public:
    static constexpr qint64 DefaultMaxRequestBytes = 90 * 1024 * 1024; // MAX_UPLOAD_BYTES
    static constexpr qint64 ChunkBytes = 1024 * 1024;

    // baseUrl: the API's (".../api/v1"); token(): the bearer token for each request (empty:
    // none), read when the request starts so a renewed token is used.
    HttpUploadStorage(QUrl baseUrl, std::function<QString()> token,
                      qint64 maxRequestBytes = DefaultMaxRequestBytes,
                      std::chrono::milliseconds transferTimeout = std::chrono::seconds(30));
    // Aborts the requests still in flight: their tasks end with an Unavailable error.
    ~HttpUploadStorage() override;

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

    // The Worker's JSON of an upload; ValidationError-free: a malformed answer is Internal.
    static Upload uploadFromJson(const QJsonValue &json);

private:
    struct Call;
    struct Answer;
    QCoro::Task<Answer> send(Call call);

    QUrl m_baseUrl;
    std::function<QString()> m_token;
    qint64 m_maxRequestBytes;
    std::chrono::milliseconds m_transferTimeout;
    std::unique_ptr<QNetworkAccessManager> m_network;
    // Shared with each call's clean-up, which may run after this object is gone.
    std::shared_ptr<QList<QPointer<QNetworkReply>>> m_pending = std::make_shared<QList<QPointer<QNetworkReply>>>();
};

} // namespace edge::remote
