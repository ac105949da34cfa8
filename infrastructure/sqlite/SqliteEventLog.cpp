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
    EventPage page = co_await m_executor->run(std::move(job));
    // A windowed view (it asks pages without their count) may jump anywhere next: while its
    // first page is looked at, the store readies the way.
    if (query.page == 1 && !query.withTotal) {
        auto prepare = [query](SqliteConnection &connection) {
            EventTable(connection.database(), connection.pager()).prepareJumps(query);
        };
        m_executor->run(std::move(prepare));
    }
    co_return page;
}

} // namespace edge
