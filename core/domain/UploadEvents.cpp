#include "UploadEvents.h"

namespace edge {

namespace {
DomainEvent uploadEvent(const QString &type, const Upload &upload, const Actor &actor, QJsonObject payload)
{
    DomainEvent event;
    event.type = type;
    event.subjectType = QStringLiteral("upload");
    event.subjectId = upload.key;
    event.actor = actor;
    event.payload = std::move(payload);
    event.occurredAt = QDateTime::currentDateTimeUtc();
    return event;
}
} // namespace

DomainEvent uploadCreatedEvent(const Upload &upload, const Actor &actor)
{
    return uploadEvent(QStringLiteral("upload.created"), upload, actor,
                       {{QStringLiteral("size"), double(upload.size)},
                        {QStringLiteral("contentType"), upload.contentType},
                        {QStringLiteral("originalName"), upload.originalName}});
}

DomainEvent uploadDeletedEvent(const Upload &upload, const Actor &actor)
{
    return uploadEvent(QStringLiteral("upload.deleted"), upload, actor,
                       {{QStringLiteral("size"), double(upload.size)},
                        {QStringLiteral("originalName"), upload.originalName}});
}

} // namespace edge
