#pragma once

#include "KeysetPager.h"
#include "application/ports/EventLog.h"

#include <QSqlDatabase>

namespace edge {

// Reads the events (audit) table synchronously on one connection: what SqliteEventLog runs
// on the SQLite thread. Same filters and order as the Worker's D1EventStore.
class EventTable
{
public:
    // `pager` remembers deep pages' landmarks and counts between calls (the connection's).
    EventTable(QSqlDatabase &database, KeysetPager &pager) : m_database(database), m_pager(pager) {}

    EventPage list(const EventQuery &query);

private:
    QSqlDatabase &m_database;
    KeysetPager &m_pager;
};

} // namespace edge
