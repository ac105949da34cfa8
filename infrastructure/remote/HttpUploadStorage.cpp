#include "HttpUploadStorage.h"

#include "ApiJson.h"
#include "ResponseInterpreter.h"
#include "domain/Errors.h"

#include <QCoro/QCoroNetworkReply>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRegularExpression>
#include <QUrlQuery>

namespace edge::remote {

namespace {
// `length` bytes of a seekable device from `offset`, as a device of its own: what a request
// body reads, chunk by chunk as the network takes them.
class SourceWindow final : public QIODevice
{
public:
    SourceWindow(std::unique_ptr<QIODevice> source, qint64 offset, qint64 length)
        : m_source(std::move(source)), m_offset(offset), m_length(length)
    {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_length; }
    bool seek(qint64 position) override
    {
        return position >= 0 && position <= m_length && QIODevice::seek(position);
    }

protected:
    qint64 readData(char *data, qint64 max) override
    {
        const qint64 wanted = std::min(max, m_length - pos());
        if (wanted <= 0)
            return pos() >= m_length ? -1 : 0;
        if (m_source->pos() != m_offset + pos() && !m_source->seek(m_offset + pos())) {
            setErrorString(m_source->errorString());
            return -1;
        }
        const qint64 got = m_source->read(data, wanted);
        if (got <= 0) {
            // The file ended early or failed (changed while uploading): the request fails.
            setErrorString(got < 0 ? m_source->errorString()
                                   : QStringLiteral("the file ended before its announced length"));
            return -1;
        }
        return got;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    std::unique_ptr<QIODevice> m_source;
    qint64 m_offset;
    qint64 m_length;
};

std::unique_ptr<SourceWindow> openSource(const UploadSource &source)
{
    std::unique_ptr<QIODevice> device = source.open ? source.open() : nullptr;
    if (!device || !device->isOpen()) {
        const QString why = device ? device->errorString() : QStringLiteral("there is no source");
        throw ValidationError(QStringLiteral("The file could not be read: %1. Nothing was sent.").arg(why),
                              {{QStringLiteral("body"), why}});
    }
    return std::make_unique<SourceWindow>(std::move(device), source.offset, source.length);
}

QString encodedSegment(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

// The Worker's name of a sort (the sort query parameter).
QString sortName(UploadSort sort)
{
    switch (sort) {
    case UploadSort::CreatedAt: return QStringLiteral("createdAt");
    case UploadSort::Key: return QStringLiteral("key");
    case UploadSort::Name: return QStringLiteral("name");
    case UploadSort::Size: return QStringLiteral("size");
    case UploadSort::ContentType: return QStringLiteral("contentType");
    }
    return QStringLiteral("createdAt");
}

DomainError malformed(const QString &what)
{
    return DomainError(ErrorKind::Internal, QStringLiteral("The Worker's answer to %1 is not what the API describes").arg(what));
}

// "attachment; filename=\"a.pdf\"; filename*=UTF-8''a.pdf" -> a.pdf
QString fileNameOf(const QByteArray &disposition)
{
    static const QRegularExpression extended(QStringLiteral("filename\\*=UTF-8''([^;]+)"));
    const QRegularExpressionMatch match = extended.match(QString::fromLatin1(disposition));
    return match.hasMatch() ? QUrl::fromPercentEncoding(match.captured(1).toLatin1()) : QString();
}
} // namespace

struct HttpUploadStorage::Call
{
    Call(QByteArray verb, QString path) : verb(std::move(verb)), path(std::move(path)) {}

    QByteArray verb;
    QString path; // already encoded, below the base URL: "/uploads/docs%2Fa.pdf"
    QUrlQuery query;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray json; // a JSON body
    std::unique_ptr<QIODevice> body; // or a streamed one (size() bytes)
    QIODevice *sink = nullptr; // 2xx bodies are written here as they arrive
    std::shared_ptr<TransferControl> control; // progress of the body sent or received; cancel
};

struct HttpUploadStorage::Answer
{
    HttpAnswer http;
    ApiResult result;
    qint64 written = 0; // bytes written into the sink
};

HttpUploadStorage::HttpUploadStorage(QUrl baseUrl, std::function<QString()> token, qint64 maxRequestBytes,
                                     std::chrono::milliseconds transferTimeout)
    : m_baseUrl(std::move(baseUrl))
    , m_token(std::move(token))
    , m_maxRequestBytes(maxRequestBytes)
    , m_transferTimeout(transferTimeout)
    , m_network(std::make_unique<QNetworkAccessManager>())
{
}

HttpUploadStorage::~HttpUploadStorage()
{
    const QList<QPointer<QNetworkReply>> pending = *m_pending;
    for (const QPointer<QNetworkReply> &reply : pending) {
        if (reply)
            reply->abort();
    }
}

QCoro::Task<HttpUploadStorage::Answer> HttpUploadStorage::send(Call call)
{
    QUrl url = m_baseUrl;
    // Tolerant mode keeps the key's %2F inside its segment.
    url.setPath(m_baseUrl.path(QUrl::FullyEncoded) + call.path, QUrl::TolerantMode);
    if (!call.query.isEmpty())
        url.setQuery(call.query);
    const RequestLabel what{call.verb, url};

    QNetworkRequest request(url);
    request.setTransferTimeout(int(m_transferTimeout.count()));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader("Accept", "application/json");
    if (const QString token = m_token ? m_token() : QString(); !token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    for (const auto &[name, value] : std::as_const(call.headers))
        request.setRawHeader(name, value);

    if (call.control)
        call.control->throwIfCancelled();
    QNetworkReply *raw = nullptr;
    if (call.body) {
        request.setHeader(QNetworkRequest::ContentLengthHeader, call.body->size());
        if (!request.hasRawHeader("Content-Type"))
            request.setRawHeader("Content-Type", "application/octet-stream");
        raw = m_network->sendCustomRequest(request, call.verb, call.body.get());
    } else if (!call.json.isEmpty()) {
        request.setRawHeader("Content-Type", "application/json");
        raw = m_network->sendCustomRequest(request, call.verb, call.json);
    } else {
        raw = m_network->sendCustomRequest(request, call.verb);
    }
    // Owned by this call, deleted once control is back in the event loop (never inside one of
    // its own signals), and known to the destructor, which aborts what is still in flight.
    raw->setParent(nullptr);
    const auto forget = [pending = m_pending](QNetworkReply *r) {
        pending->removeAll(r);
        r->deleteLater();
    };
    std::unique_ptr<QNetworkReply, decltype(forget)> reply(raw, forget);
    m_pending->append(raw);
    // The body lives as long as its reply: the network may still open it from an event posted
    // before this call ended (a transfer cancelled before it started), so it goes with the
    // reply's deleteLater, never at the end of this coroutine.
    QIODevice *const body = call.body.release();
    if (body)
        body->setParent(raw);
    reply->setReadBufferSize(ChunkBytes); // the network waits for us: memory stays flat

    if (call.control) {
        TransferControl *control = call.control.get();
        QNetworkReply *r = reply.get();
        QObject::connect(control, &TransferControl::cancelled, r, &QNetworkReply::abort);
        if (body)
            QObject::connect(r, &QNetworkReply::uploadProgress, control, [control](qint64 sent, qint64 total) {
                if (total > 0) // Qt ends with (0, 0): "nothing more to send", not a step back
                    control->report(sent, total);
            });
        else
            QObject::connect(r, &QNetworkReply::downloadProgress, control, [control](qint64 received, qint64 total) {
                control->report(received, total);
            });
    }

    Answer answer;
    QString sinkError;
    if (call.sink) {
        // Successful bodies go to the sink as they arrive; error bodies (small JSON) are kept.
        QObject::connect(reply.get(), &QNetworkReply::readyRead, reply.get(), [&answer, &sinkError, &call, r = reply.get()] {
            const int status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status < 200 || status >= 300) {
                if (answer.http.body.size() < 64 * 1024)
                    answer.http.body += r->read(64 * 1024);
                else
                    r->readAll();
                return;
            }
            while (r->bytesAvailable() > 0 && sinkError.isEmpty()) {
                const QByteArray chunk = r->read(ChunkBytes);
                if (call.sink->write(chunk) != chunk.size()) {
                    sinkError = call.sink->errorString();
                    r->abort();
                    return;
                }
                answer.written += chunk.size();
            }
        });
    }
    co_await reply.get();

    if (call.control)
        call.control->throwIfCancelled();
    if (!sinkError.isEmpty())
        throw StoreError(QStringLiteral("Cannot write the download: %1").arg(sinkError));
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid() || (reply->error() != QNetworkReply::NoError && reply->error() < QNetworkReply::ContentAccessDenied)) {
        QString why = reply->errorString();
        if (body && !body->errorString().isEmpty() && body->errorString() != QLatin1String("Unknown error"))
            why = body->errorString();
        throw DomainError(ErrorKind::Unavailable, QStringLiteral("%1 failed: %2").arg(what.toString(), why));
    }
    answer.http.status = status.toInt();
    answer.http.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        answer.http.headers.insert(name.toLower(), value);
    if (!call.sink)
        answer.http.body = reply->readAll();
    else if (answer.http.status < 200 || answer.http.status >= 300)
        answer.http.body += reply->read(64 * 1024);
    if (answer.http.status == 416) {
        // Not an error of the envelope's codes: a range past the end is the caller's input.
        const QString said = QJsonDocument::fromJson(answer.http.body).object().value(QStringLiteral("error")).toString();
        const QString problem = said.isEmpty() ? QStringLiteral("is not satisfiable") : said;
        throw ValidationError(problem, {{QStringLiteral("range"), problem}});
    }
    const bool streamed = call.sink && answer.http.status >= 200 && answer.http.status < 300;
    const bool noBody = answer.http.status == 204 || streamed;
    answer.result = interpretResponse(what, answer.http, noBody ? ResponseFormat::Raw : ResponseFormat::Envelope,
                                      QDateTime::currentDateTimeUtc());
    co_return answer;
}

Upload HttpUploadStorage::uploadFromJson(const QJsonValue &json)
{
    const QJsonObject o = json.toObject();
    if (!o.value(QStringLiteral("key")).isString() || !o.value(QStringLiteral("size")).isDouble())
        throw malformed(QStringLiteral("an upload request"));
    Upload upload;
    upload.key = o.value(QStringLiteral("key")).toString();
    upload.size = qint64(o.value(QStringLiteral("size")).toDouble());
    upload.contentType = o.value(QStringLiteral("contentType")).toString();
    upload.originalName = o.value(QStringLiteral("originalName")).toString();
    upload.sha256 = o.value(QStringLiteral("sha256")).toString();
    upload.uploadedBy = o.value(QStringLiteral("uploadedBy")).toString();
    upload.createdAt = fromApiTimestamp(o.value(QStringLiteral("createdAt")));
    return upload;
}

QCoro::Task<UploadPage> HttpUploadStorage::list(UploadListQuery query)
{
    Call call{"GET", QStringLiteral("/uploads")};
    call.query.addQueryItem(QStringLiteral("limit"), QString::number(query.limit));
    const auto add = [&call](const QString &name, const QString &value) {
        if (!value.isEmpty())
            call.query.addQueryItem(name, encodedSegment(value));
    };
    add(QStringLiteral("prefix"), query.prefix);
    add(QStringLiteral("q"), query.search);
    add(QStringLiteral("contentType"), query.contentType);
    if (query.sort != UploadSort::CreatedAt)
        add(QStringLiteral("sort"), sortName(query.sort));
    if (!query.descending)
        add(QStringLiteral("order"), QStringLiteral("asc"));
    add(QStringLiteral("cursor"), query.cursor);
    Answer answer = co_await send(std::move(call));
    UploadPage page;
    for (const QJsonValue &item : answer.result.data.toArray())
        page.items << uploadFromJson(item);
    page.nextCursor = QJsonDocument::fromJson(answer.http.body).object().value(QStringLiteral("cursor")).toString();
    co_return page;
}

QCoro::Task<std::optional<Upload>> HttpUploadStorage::find(QString key)
{
    // The Worker has no metadata read of its own: a key is the smallest of the keys it
    // prefixes, so it is the first of them in key order when it exists.
    UploadListQuery query;
    query.prefix = key;
    query.sort = UploadSort::Key;
    query.descending = false;
    query.limit = 1;
    const UploadPage page = co_await list(std::move(query));
    for (const Upload &upload : page.items) {
        if (upload.key == key)
            co_return upload;
    }
    co_return std::nullopt;
}

QCoro::Task<Upload> HttpUploadStorage::put(UploadNaming naming, UploadSource source, UploadEvent describe)
{
    Q_UNUSED(describe) // the Worker records upload.created itself
    Call call{"PUT", QStringLiteral("/uploads/") + encodedSegment(naming.key)};
    if (!naming.originalName.isEmpty())
        call.query.addQueryItem(QStringLiteral("originalName"), encodedSegment(naming.originalName));
    if (!naming.contentType.isEmpty())
        call.headers.append({"Content-Type", naming.contentType.toLatin1()});
    call.body = openSource(source);
    call.control = source.control;
    Answer answer = co_await send(std::move(call));
    co_return uploadFromJson(answer.result.data);
}

QCoro::Task<MultipartUpload> HttpUploadStorage::createMultipart(UploadNaming naming, qint64 partSize)
{
    QJsonObject body{{QStringLiteral("key"), naming.key}, {QStringLiteral("partSize"), double(partSize)}};
    if (!naming.originalName.isEmpty())
        body.insert(QStringLiteral("originalName"), naming.originalName);
    if (!naming.contentType.isEmpty())
        body.insert(QStringLiteral("contentType"), naming.contentType);
    Call call{"POST", QStringLiteral("/uploads/multipart")};
    call.json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    Answer answer = co_await send(std::move(call));
    const QJsonObject data = answer.result.data.toObject();
    MultipartUpload started{data.value(QStringLiteral("uploadId")).toString(), data.value(QStringLiteral("key")).toString(),
                            qint64(data.value(QStringLiteral("partSize")).toDouble())};
    if (started.uploadId.isEmpty() || started.partSize <= 0)
        throw malformed(QStringLiteral("starting a multipart upload"));
    co_return started;
}

QCoro::Task<UploadedPart> HttpUploadStorage::putPart(QString uploadId, int partNumber, UploadSource source)
{
    Call call{"PUT", QStringLiteral("/uploads/multipart/") + encodedSegment(uploadId) + QStringLiteral("/parts/") + QString::number(partNumber)};
    call.body = openSource(source);
    call.control = source.control;
    Answer answer = co_await send(std::move(call));
    const QJsonObject data = answer.result.data.toObject();
    UploadedPart part{data.value(QStringLiteral("partNumber")).toInt(), data.value(QStringLiteral("etag")).toString()};
    if (part.partNumber != partNumber || part.etag.isEmpty())
        throw malformed(QStringLiteral("a part"));
    co_return part;
}

QCoro::Task<Upload> HttpUploadStorage::completeMultipart(QString uploadId, QList<UploadedPart> parts, QString sha256,
                                                        UploadEvent describe)
{
    Q_UNUSED(describe) // the Worker records upload.created itself
    QJsonArray list;
    for (const UploadedPart &part : parts)
        list.append(QJsonObject{{QStringLiteral("partNumber"), part.partNumber}, {QStringLiteral("etag"), part.etag}});
    Call call{"POST", QStringLiteral("/uploads/multipart/") + encodedSegment(uploadId) + QStringLiteral("/complete")};
    QJsonObject body{{QStringLiteral("parts"), list}};
    if (!sha256.isEmpty())
        body.insert(QStringLiteral("sha256"), sha256);
    call.json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    Answer answer = co_await send(std::move(call));
    co_return uploadFromJson(answer.result.data);
}

QCoro::Task<void> HttpUploadStorage::abortMultipart(QString uploadId)
{
    Call call{"DELETE", QStringLiteral("/uploads/multipart/") + encodedSegment(uploadId)};
    co_await send(std::move(call));
}

QCoro::Task<UploadDownload> HttpUploadStorage::get(QString key, std::optional<ByteRange> range, QIODevice *sink,
                                                   std::shared_ptr<TransferControl> control)
{
    Call call{"GET", QStringLiteral("/uploads/") + encodedSegment(key)};
    if (range) {
        if (range->offset < 0 || range->length == 0)
            throw ValidationError(QStringLiteral("The range is not satisfiable"), {{QStringLiteral("range"), QStringLiteral("is not satisfiable")}});
        const QByteArray last = range->length < 0 ? QByteArray() : QByteArray::number(range->offset + range->length - 1);
        call.headers.append({"Range", "bytes=" + QByteArray::number(range->offset) + '-' + last});
    }
    call.sink = sink;
    call.control = std::move(control);
    Answer answer = co_await send(std::move(call));
    UploadDownload download;
    download.upload.key = key;
    download.upload.contentType = QString::fromLatin1(answer.result.header("Content-Type"));
    download.upload.originalName = fileNameOf(answer.result.header("Content-Disposition"));
    const QByteArray etag = answer.result.header("ETag");
    if (etag.size() == 66)
        download.upload.sha256 = QString::fromLatin1(etag.mid(1, 64));
    download.length = answer.written;
    download.upload.size = answer.written;
    if (answer.http.status == 206) {
        // "bytes first-last/size"
        static const QRegularExpression contentRange(QStringLiteral("^bytes (\\d+)-(\\d+)/(\\d+)$"));
        const QRegularExpressionMatch match = contentRange.match(QString::fromLatin1(answer.result.header("Content-Range")));
        if (!match.hasMatch())
            throw malformed(QStringLiteral("a ranged download"));
        download.offset = match.captured(1).toLongLong();
        download.upload.size = match.captured(3).toLongLong();
        if (range && download.offset != range->offset)
            throw malformed(QStringLiteral("a ranged download (another range came back)"));
    } else if (range && range->offset > 0) {
        // A 200 to a range: the whole file came, which is not what was asked.
        throw malformed(QStringLiteral("a ranged download (the whole file came back)"));
    }
    const qint64 announced = answer.result.header("Content-Length").toLongLong();
    if (!answer.result.header("Content-Length").isEmpty() && announced != answer.written)
        throw DomainError(ErrorKind::Unavailable, QStringLiteral("The download of %1 stopped after %2 of %3 bytes")
                                                      .arg(key).arg(answer.written).arg(announced));
    co_return download;
}

QCoro::Task<Upload> HttpUploadStorage::remove(QString key, UploadEvent describe)
{
    Q_UNUSED(describe) // the Worker records upload.deleted itself
    // DELETE answers 204: the record is read first so the caller learns what was deleted.
    std::optional<Upload> found = co_await find(key);
    if (!found)
        throw NotFoundError(QStringLiteral("Upload"), key);
    Call call{"DELETE", QStringLiteral("/uploads/") + encodedSegment(key)};
    co_await send(std::move(call));
    co_return *found;
}

} // namespace edge::remote
