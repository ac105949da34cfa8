#include "ListEventsHandler.h"

#include "domain/UserId.h"

namespace edge {

QCoro::Task<EventPage> ListEventsHandler::execute(EventQuery query)
{
    query.validate();
    if (!query.actorId.isEmpty())
        query.actorId = UserId::parse(query.actorId).value(); // stored lower case
    co_return co_await m_events.list(std::move(query));
}

} // namespace edge
