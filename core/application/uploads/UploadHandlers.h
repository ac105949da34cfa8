#pragma once

#include "application/ports/EventPublisher.h"
#include "application/ports/UploadStorage.h"
#include "application/uploads/UploadCommands.h"

#include <QCoro/QCoroTask>

namespace edge {

// The Commander for uploads: checks names, sizes and parts before anything is sent or
// written, has the storage keep the file with its event (upload.created, upload.deleted as
// the Worker records them) and publishes what happened. Throws DomainError subclasses.
class UploadCommandHandler
{
public:
    UploadCommandHandler(UploadStorage &storage, EventPublisher &events, Actor actor)
        : m_storage(storage), m_events(events), m_actor(std::move(actor)) {}

    QCoro::Task<Upload> put(PutUploadCommand command);
    QCoro::Task<MultipartUpload> createMultipart(CreateMultipartCommand command);
    QCoro::Task<UploadedPart> putPart(PutPartCommand command);
    // sha256: the whole file's as read while sending (empty: not known); see UploadStorage.
    QCoro::Task<Upload> completeMultipart(MultipartUpload upload, QList<UploadedPart> parts, QString sha256 = {});
    QCoro::Task<void> abortMultipart(QString uploadId);
    QCoro::Task<Upload> remove(QString key);

private:
    UploadStorage &m_storage;
    EventPublisher &m_events;
    Actor m_actor;
};

class UploadQueryHandler
{
public:
    explicit UploadQueryHandler(UploadStorage &storage) : m_storage(storage) {}

    QCoro::Task<Upload> get(QString key); // NotFoundError when missing
    QCoro::Task<UploadPage> list(UploadListQuery query);
    QCoro::Task<UploadDownload> download(QString key, std::optional<ByteRange> range, QIODevice *sink,
                                         std::shared_ptr<TransferControl> control = {});

private:
    UploadStorage &m_storage;
};

// ValidationError naming the field unless the list query is usable (limit 1..200, prefix at
// most 512 characters).
void checkUploadListQuery(const UploadListQuery &query);
// The part count of a file: ceil(fileSize / partSize).
int partCountOf(qint64 fileSize, qint64 partSize);

} // namespace edge
