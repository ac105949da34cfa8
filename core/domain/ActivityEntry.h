#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace edge {

// One row of the audit trail as read back: who did what, when, to which record.
struct ActivityEntry
{
    qint64 id = 0;
    QString type;        // "user.created", "auth.login", ...
    QString actorId;     // empty for the embedded store's local user, the system or the CLI
    QString actorLabel;  // the actor's email, or "local:<name>"; empty when unknown
    QString subjectType; // "user", "lesson", "progress", "upload"
    QString subjectId;
    QJsonObject payload; // e.g. {email, username, role, changes: [...]} for user.updated
    QDateTime occurredAt; // UTC

    bool operator==(const ActivityEntry &other) const = default;
};

} // namespace edge

Q_DECLARE_METATYPE(edge::ActivityEntry)
