#pragma once

#include "domain/ActivityEntry.h"

#include <QCoro/QCoroTask>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace edge {

// Which part of the audit trail to read. Empty/null fields do not filter.
struct EventQuery
{
    static constexpr int MaxPageSize = 200;
    static constexpr int MaxSubjectIdLength = 600;

    QString type;        // one of knownEventTypes()
    QString actorId;     // a user id (UUID); the embedded store's local actor has none
    QString subjectType; // one of knownSubjectTypes()
    QString subjectId;
    QDateTime from;      // inclusive
    QDateTime to;        // exclusive
    int page = 1;
    int pageSize = 50;
    // Counting every match costs a scan (and, on D1, a billed read of every row); a windowed
    // view asks for the count once, not with every page.
    bool withTotal = true;

    // Throws ValidationError naming the bad field ("type", "actorId", "subjectType",
    // "subjectId", "to", "page", "pageSize"), with the Worker's rules.
    void validate() const;
    bool operator==(const EventQuery &other) const = default;
};

QStringList knownEventTypes();   // "user.created", ..., "auth.logout" (the Worker's list)
QStringList knownSubjectTypes(); // "user", "lesson", "progress", "upload"

// One page of the trail, newest first (ties: the later row first).
struct EventPage
{
    QList<ActivityEntry> items;
    int page = 1;
    int pageSize = 0;
    qint64 total = 0;   // -1 when withTotal was false
    int totalPages = 0; // -1 when withTotal was false
};

// Reading the audit trail (writing happens with each change, inside the repositories).
// Implemented over the events table (embedded) and GET /events (the Worker, where editor
// and support only see their own events and get ForbiddenError for anyone else's).
class EventLog
{
public:
    virtual ~EventLog() = default;
    virtual QCoro::Task<EventPage> list(EventQuery query) = 0;
};

} // namespace edge
