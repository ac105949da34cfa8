#include "UploadHandlers.h"

#include "domain/Errors.h"
#include "domain/UploadEvents.h"

namespace edge {

namespace {
ValidationError fieldError(const QString &field, const QString &problem)
{
    return ValidationError(QStringLiteral("%1 %2").arg(field, problem), {{field, problem}});
}

void checkSourceLength(const UploadSource &source, qint64 limit)
{
    if (!source.open)
        throw fieldError(QStringLiteral("body"), QStringLiteral("has no source"));
    if (source.length <= 0)
        throw fieldError(QStringLiteral("body"), QStringLiteral("must not be empty"));
    if (source.length > limit)
        throw DomainError(ErrorKind::PayloadTooLarge,
                          QStringLiteral("The body is %1 bytes; at most %2 bytes go in one request")
                              .arg(source.length).arg(limit));
}
} // namespace

int partCountOf(qint64 fileSize, qint64 partSize)
{
    return partSize <= 0 ? 0 : int((fileSize + partSize - 1) / partSize);
}

void checkUploadListQuery(const UploadListQuery &query)
{
    if (query.limit < 1 || query.limit > 200)
        throw fieldError(QStringLiteral("limit"), QStringLiteral("must be an integer from 1 to 200"));
    if (query.prefix.size() > Upload::KeyMaxBytes)
        throw fieldError(QStringLiteral("prefix"), QStringLiteral("must be at most 512 characters"));
    if (query.search.size() > 200)
        throw fieldError(QStringLiteral("q"), QStringLiteral("must be at most 200 characters"));
}

QCoro::Task<Upload> UploadCommandHandler::put(PutUploadCommand command)
{
    const UploadNaming naming = parseUploadNaming(command.naming);
    checkSourceLength(command.source, m_storage.maxRequestBytes());
    const Actor actor = m_actor;
    UploadEvent describe = [actor](const Upload &stored) { return uploadCreatedEvent(stored, actor); };
    Upload stored = co_await m_storage.put(naming, command.source, describe);
    m_events.publish(uploadCreatedEvent(stored, actor));
    co_return stored;
}

QCoro::Task<MultipartUpload> UploadCommandHandler::createMultipart(CreateMultipartCommand command)
{
    const UploadNaming naming = parseUploadNaming(command.naming);
    const qint64 partSize = parsePartSize(command.partSize, m_storage.maxRequestBytes());
    if (command.fileSize <= 0)
        throw fieldError(QStringLiteral("body"), QStringLiteral("must not be empty"));
    if (partCountOf(command.fileSize, partSize) > Upload::MaxParts)
        throw fieldError(QStringLiteral("partSize"),
                         QStringLiteral("is too small for a file of %1 bytes: at most %2 parts")
                             .arg(command.fileSize).arg(Upload::MaxParts));
    co_return co_await m_storage.createMultipart(naming, partSize);
}

QCoro::Task<UploadedPart> UploadCommandHandler::putPart(PutPartCommand command)
{
    parsePartNumber(command.partNumber);
    checkSourceLength(command.source, command.upload.partSize);
    co_return co_await m_storage.putPart(command.upload.uploadId, command.partNumber, command.source);
}

QCoro::Task<Upload> UploadCommandHandler::completeMultipart(MultipartUpload upload, QList<UploadedPart> parts,
                                                            QString sha256)
{
    if (parts.isEmpty() || parts.size() > Upload::MaxParts)
        throw fieldError(QStringLiteral("parts"), QStringLiteral("must be a list of 1 to %1 parts").arg(Upload::MaxParts));
    for (int i = 0; i < parts.size(); ++i) {
        if (parts[i].partNumber != i + 1)
            throw fieldError(QStringLiteral("parts"),
                             QStringLiteral("item %1 must have partNumber %2 (parts are numbered 1..n in order)").arg(i).arg(i + 1));
        if (parts[i].etag.isEmpty())
            throw fieldError(QStringLiteral("parts"), QStringLiteral("item %1 needs an etag").arg(i));
    }
    if (!sha256.isEmpty() && !isSha256Hex(sha256))
        throw fieldError(QStringLiteral("sha256"), QStringLiteral("must be 64 lower-case hex digits"));
    const Actor actor = m_actor;
    UploadEvent describe = [actor](const Upload &stored) { return uploadCreatedEvent(stored, actor); };
    Upload stored = co_await m_storage.completeMultipart(upload.uploadId, parts, sha256, describe);
    m_events.publish(uploadCreatedEvent(stored, actor));
    co_return stored;
}

QCoro::Task<void> UploadCommandHandler::abortMultipart(QString uploadId)
{
    if (uploadId.isEmpty())
        throw fieldError(QStringLiteral("uploadId"), QStringLiteral("is not a valid upload id"));
    co_await m_storage.abortMultipart(uploadId);
}

QCoro::Task<Upload> UploadCommandHandler::remove(QString key)
{
    parseExistingUploadKey(key);
    const Actor actor = m_actor;
    UploadEvent describe = [actor](const Upload &deleted) { return uploadDeletedEvent(deleted, actor); };
    Upload deleted = co_await m_storage.remove(key, describe);
    m_events.publish(uploadDeletedEvent(deleted, actor));
    co_return deleted;
}

QCoro::Task<Upload> UploadQueryHandler::get(QString key)
{
    parseExistingUploadKey(key);
    std::optional<Upload> found = co_await m_storage.find(key);
    if (!found)
        throw NotFoundError(QStringLiteral("Upload"), key);
    co_return *found;
}

QCoro::Task<UploadPage> UploadQueryHandler::list(UploadListQuery query)
{
    checkUploadListQuery(query);
    co_return co_await m_storage.list(query);
}

QCoro::Task<UploadDownload> UploadQueryHandler::download(QString key, std::optional<ByteRange> range, QIODevice *sink,
                                                         std::shared_ptr<TransferControl> control)
{
    parseExistingUploadKey(key);
    if (!sink || !sink->isWritable())
        throw fieldError(QStringLiteral("destination"), QStringLiteral("is not open for writing"));
    co_return co_await m_storage.get(key, range, sink, control);
}

} // namespace edge
