#include "application/ports/EventLog.h"

#include "domain/Errors.h"
#include "domain/UserId.h"

namespace edge {

QStringList knownEventTypes()
{
    return {QStringLiteral("user.created"),    QStringLiteral("user.updated"),
            QStringLiteral("user.deleted"),    QStringLiteral("lesson.created"),
            QStringLiteral("lesson.updated"),  QStringLiteral("lesson.deleted"),
            QStringLiteral("lesson.content_updated"), QStringLiteral("progress.upserted"),
            QStringLiteral("progress.deleted"), QStringLiteral("upload.created"),
            QStringLiteral("upload.deleted"),  QStringLiteral("auth.login"),
            QStringLiteral("auth.logout"),     QStringLiteral("auth.sessions_revoked")};
}

QStringList knownSubjectTypes()
{
    return {QStringLiteral("user"), QStringLiteral("lesson"), QStringLiteral("progress"),
            QStringLiteral("upload")};
}

void EventQuery::validate() const
{
    const auto oneOf = [](const QString &field, const QString &value, const QStringList &allowed) {
        if (!value.isEmpty() && !allowed.contains(value))
            throw ValidationError::field(field, QStringLiteral("%1 must be one of %2 (got \"%3\")")
                                                    .arg(field, allowed.join(QStringLiteral(", ")), value));
    };
    oneOf(QStringLiteral("type"), type, knownEventTypes());
    oneOf(QStringLiteral("subjectType"), subjectType, knownSubjectTypes());
    if (!actorId.isEmpty())
        UserId::parse(actorId, QStringLiteral("actorId"));
    if (subjectId.size() > MaxSubjectIdLength)
        throw ValidationError::field(QStringLiteral("subjectId"),
                                     QStringLiteral("subjectId must be at most %1 characters").arg(MaxSubjectIdLength));
    if (from.isValid() && to.isValid() && from > to)
        throw ValidationError::field(QStringLiteral("to"), QStringLiteral("The end of the range must not be before its start"));
    if (page < 1)
        throw ValidationError::field(QStringLiteral("page"), QStringLiteral("Page must be 1 or more (got %1)").arg(page));
    if (pageSize < 1 || pageSize > MaxPageSize)
        throw ValidationError::field(
            QStringLiteral("pageSize"),
            QStringLiteral("Page size must be between 1 and %1 (got %2)").arg(MaxPageSize).arg(pageSize));
}

} // namespace edge
