#pragma once

#include "Lesson.h"
#include "Progress.h"
#include "User.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace edge {

// Who is acting. In the embedded store there is no sign-in: the actor is this machine's
// account ("local:<os user>") with no id. Remote, it is the signed-in user.
struct Actor
{
    QString id;    // empty when not a platform user
    QString label; // email of the user, or "local:<name>"

    static Actor localUser(); // from the OS user name
};

// Something that happened to a record; published on the EventBus after the change is
// committed and recorded in the events (audit) table in the same transaction.
struct DomainEvent
{
    QString type;        // "user.created", "user.updated", "user.deleted", ...
    QString subjectType; // "user", "lesson", ...
    QString subjectId;
    Actor actor;
    QJsonObject payload;
    QDateTime occurredAt; // UTC

    static DomainEvent userCreated(const User &user, const Actor &actor);
    static DomainEvent userUpdated(const User &user, const QStringList &changedFields,
                                   const Actor &actor);
    static DomainEvent userDeleted(const User &user, const Actor &actor);
    static DomainEvent sessionsRevoked(const QString &userId, int count, const Actor &actor);

    // The Worker's lesson events. Publishing and unpublishing are lesson.updated with
    // changes ["status"]; the payload's status tells which.
    static DomainEvent lessonCreated(const Lesson &lesson, const Actor &actor);
    static DomainEvent lessonUpdated(const Lesson &lesson, const QStringList &changedFields,
                                     const Actor &actor);
    static DomainEvent lessonDeleted(const Lesson &lesson, const Actor &actor);
    static DomainEvent lessonContentUpdated(const Lesson &lesson, qint64 bytes, const Actor &actor);

    // The Worker's progress events, subject "progress" "<userId>:<lessonId>". upserted: the
    // row as written ({userId, lessonId, completed, score, completedAt, version}), created
    // (no row before) and changes {field: {old, new}} for each of completed, score and
    // completedAt that changed (old null for a new row). deleted: the row as it was.
    static DomainEvent progressUpserted(const ProgressEntry &after, const std::optional<ProgressEntry> &before,
                                        const Actor &actor);
    static DomainEvent progressDeleted(const ProgressEntry &deleted, const Actor &actor);
};

} // namespace edge

Q_DECLARE_METATYPE(edge::DomainEvent)
