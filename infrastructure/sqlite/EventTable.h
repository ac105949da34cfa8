#pragma once

#include "application/ports/EventLog.h"

#include <QSqlDatabase>

namespace edge {

// Reads the events (audit) table synchronously on one connection: what SqliteEventLog runs
// on the SQLite thread. Same filters and order as the Worker's D1EventStore.
class EventTable
{
public:
    explicit EventTable(QSqlDatabase &database) : m_database(database) {}

    EventPage list(const EventQuery &query);

private:
    QSqlDatabase &m_database;
};

} // namespace edge
