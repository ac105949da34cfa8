#include "SqliteEventLog.h"

#include "EventTable.h"
#include "SqliteExecutor.h"

#include <QCoro/QCoroFuture>

namespace edge {

SqliteEventLog::SqliteEventLog(std::shared_ptr<SqliteExecutor> executor)
    : m_executor(std::move(executor))
{
}

QCoro::Task<EventPage> SqliteEventLog::list(EventQuery query)
{
    // A named job, never a temporary inside co_await (GCC 12 destroys those twice).
    auto job = [query](SqliteConnection &connection) {
        return EventTable(connection.database(), connection.pager()).list(query);
    };
    co_return co_await m_executor->run(std::move(job));
}

} // namespace edge
