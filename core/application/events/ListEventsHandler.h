#pragma once

#include "application/ports/EventLog.h"

namespace edge {

// The Activity page's query: validates the filter, then reads one page of the trail.
class ListEventsHandler
{
public:
    explicit ListEventsHandler(EventLog &events) : m_events(events) {}
    // ValidationError for a bad filter; ForbiddenError (Worker) for another actor's events
    // when the signed-in role may only read its own.
    QCoro::Task<EventPage> execute(EventQuery query);

private:
    EventLog &m_events;
};

} // namespace edge
