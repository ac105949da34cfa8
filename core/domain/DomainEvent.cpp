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

} // namespace edge
