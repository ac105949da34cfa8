#pragma once

#include "application/ports/EventLog.h"

#include <memory>

namespace edge::remote {

class WorkerClient;

// EventLog over GET /events. The Worker narrows editor and support to their own events and
// answers ForbiddenError when they ask for someone else's.
class HttpEventLog final : public EventLog
{
public:
    explicit HttpEventLog(std::shared_ptr<WorkerClient> client);
    QCoro::Task<EventPage> list(EventQuery query) override;

private:
    std::shared_ptr<WorkerClient> m_client;
};

} // namespace edge::remote
