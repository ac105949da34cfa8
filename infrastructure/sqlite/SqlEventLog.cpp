#include "SqlEventLog.h"

#include "SqlStatements.h"
#include "SqlTimestamps.h"

#include <QJsonDocument>

namespace edge {

void recordEvent(const QSqlDatabase &database, const DomainEvent &event)
{
    QSqlQuery insert = prepareSql(database, QStringLiteral(
        "INSERT INTO events (type, actor_id, actor_email, subject_type, subject_id, payload, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(event.type);
    insert.addBindValue(nullIfEmpty(event.actor.id));
    insert.addBindValue(nullIfEmpty(event.actor.label));
    insert.addBindValue(event.subjectType);
    insert.addBindValue(event.subjectId);
    insert.addBindValue(QString::fromUtf8(QJsonDocument(event.payload).toJson(QJsonDocument::Compact)));
    insert.addBindValue(toStoreTimestamp(event.occurredAt));
    execPrepared(insert);
}

} // namespace edge
