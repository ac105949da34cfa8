#include "DomainEvent.h"

#include <QJsonArray>

namespace edge {

Actor Actor::localUser()
{
    QString name;
    for (const char *variable : {"USER", "LOGNAME", "USERNAME" /* Windows */}) {
        name = qEnvironmentVariable(variable);
        if (!name.isEmpty())
            break;
    }
    return {QString(), QStringLiteral("local:") + (name.isEmpty() ? QStringLiteral("unknown") : name)};
}

namespace {
QJsonObject userPayload(const User &user)
{
    return {{QStringLiteral("email"), user.email().value()},
            {QStringLiteral("username"), user.username()},
            {QStringLiteral("role"), roleToString(user.role())}};
}

DomainEvent userEvent(const QString &type, const User &user, const Actor &actor, QJsonObject payload)
{
    return {type, QStringLiteral("user"), user.id().value(), actor, std::move(payload),
            QDateTime::currentDateTimeUtc()};
}
} // namespace

DomainEvent DomainEvent::userCreated(const User &user, const Actor &actor)
{
    return userEvent(QStringLiteral("user.created"), user, actor, userPayload(user));
}

DomainEvent DomainEvent::userUpdated(const User &user, const QStringList &changedFields,
                                     const Actor &actor)
{
    QJsonObject payload = userPayload(user);
    payload.insert(QStringLiteral("changes"), QJsonArray::fromStringList(changedFields));
    return userEvent(QStringLiteral("user.updated"), user, actor, payload);
}

DomainEvent DomainEvent::userDeleted(const User &user, const Actor &actor)
{
    return userEvent(QStringLiteral("user.deleted"), user, actor, userPayload(user));
}

DomainEvent DomainEvent::sessionsRevoked(const QString &userId, int count, const Actor &actor)
{
    return {QStringLiteral("auth.sessions_revoked"), QStringLiteral("user"), userId, actor,
            QJsonObject{{QStringLiteral("count"), count}}, QDateTime::currentDateTimeUtc()};
}

namespace {
QJsonObject lessonPayload(const Lesson &lesson)
{
    return {{QStringLiteral("title"), lesson.title},
            {QStringLiteral("track"), lesson.track},
            {QStringLiteral("status"), lessonStatusToString(lesson.status)},
            {QStringLiteral("version"), lesson.version}};
}

DomainEvent lessonEvent(const QString &type, const Lesson &lesson, const Actor &actor, QJsonObject payload)
{
    return {type, QStringLiteral("lesson"), lesson.id, actor, std::move(payload),
            QDateTime::currentDateTimeUtc()};
}
} // namespace

DomainEvent DomainEvent::lessonCreated(const Lesson &lesson, const Actor &actor)
{
    return lessonEvent(QStringLiteral("lesson.created"), lesson, actor, lessonPayload(lesson));
}

DomainEvent DomainEvent::lessonUpdated(const Lesson &lesson, const QStringList &changedFields,
                                       const Actor &actor)
{
    QJsonObject payload = lessonPayload(lesson);
    payload.insert(QStringLiteral("changes"), QJsonArray::fromStringList(changedFields));
    return lessonEvent(QStringLiteral("lesson.updated"), lesson, actor, payload);
}

DomainEvent DomainEvent::lessonDeleted(const Lesson &lesson, const Actor &actor)
{
    return lessonEvent(QStringLiteral("lesson.deleted"), lesson, actor, lessonPayload(lesson));
}

DomainEvent DomainEvent::lessonContentUpdated(const Lesson &lesson, qint64 bytes, const Actor &actor)
{
    QJsonObject payload = lessonPayload(lesson);
    payload.insert(QStringLiteral("bytes"), bytes);
    return lessonEvent(QStringLiteral("lesson.content_updated"), lesson, actor, payload);
}

namespace {
QJsonValue completedAtJson(const QDateTime &completedAt)
{
    // The store's form (as the Worker's toISOString()), null when not completed.
    return completedAt.isValid() ? QJsonValue(completedAt.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonObject progressPayload(const ProgressEntry &entry)
{
    QJsonObject payload{{QStringLiteral("userId"), entry.userId},
                        {QStringLiteral("lessonId"), entry.lessonId},
                        {QStringLiteral("completed"), entry.completed},
                        {QStringLiteral("score"), entry.score},
                        {QStringLiteral("completedAt"), completedAtJson(entry.completedAt)},
                        {QStringLiteral("version"), entry.version}};
    // The names as the row was read with them (not for a row created without reading one),
    // so the audit trail reads "Ada's progress on Joins", not two ids.
    if (!entry.userEmail.isEmpty())
        payload.insert(QStringLiteral("userEmail"), entry.userEmail);
    if (!entry.lessonTitle.isEmpty())
        payload.insert(QStringLiteral("lessonTitle"), entry.lessonTitle);
    return payload;
}

DomainEvent progressEvent(const QString &type, const ProgressEntry &entry, const Actor &actor, QJsonObject payload)
{
    return {type, QStringLiteral("progress"), entry.key(), actor, std::move(payload), QDateTime::currentDateTimeUtc()};
}
} // namespace

DomainEvent DomainEvent::progressUpserted(const ProgressEntry &after, const std::optional<ProgressEntry> &before,
                                          const Actor &actor)
{
    QJsonObject changes;
    const auto change = [&changes](const QString &field, const QJsonValue &old, const QJsonValue &now) {
        if (old != now)
            changes.insert(field, QJsonObject{{QStringLiteral("old"), old}, {QStringLiteral("new"), now}});
    };
    change(QStringLiteral("completed"), before ? QJsonValue(before->completed) : QJsonValue(), after.completed);
    change(QStringLiteral("score"), before ? QJsonValue(before->score) : QJsonValue(), after.score);
    change(QStringLiteral("completedAt"), before ? completedAtJson(before->completedAt) : QJsonValue(),
           completedAtJson(after.completedAt));
    QJsonObject payload = progressPayload(after);
    payload.insert(QStringLiteral("created"), !before.has_value());
    payload.insert(QStringLiteral("changes"), changes);
    return progressEvent(QStringLiteral("progress.upserted"), after, actor, payload);
}

DomainEvent DomainEvent::progressDeleted(const ProgressEntry &deleted, const Actor &actor)
{
    return progressEvent(QStringLiteral("progress.deleted"), deleted, actor, progressPayload(deleted));
}

} // namespace edge
