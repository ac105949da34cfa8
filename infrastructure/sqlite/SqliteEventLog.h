#pragma once

#include "application/ports/EventLog.h"

#include <memory>

namespace edge {

class SqliteExecutor;

// EventLog over the embedded store's events table, read on the SQLite thread.
class SqliteEventLog final : public EventLog
{
public:
    explicit SqliteEventLog(std::shared_ptr<SqliteExecutor> executor);
    QCoro::Task<EventPage> list(EventQuery query) override;

private:
    std::shared_ptr<SqliteExecutor> m_executor;
};

} // namespace edge
