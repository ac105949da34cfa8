#include "PagedCases.h"
#include "ScreenCases.h"

namespace edge::bench {

namespace {

const QString Columns = QStringLiteral("id, type, actor_id, actor_email, subject_type, subject_id, payload, created_at");

PageKeys eventKeys(const EventPage &result)
{
    return keysOf(result.items, [](const ActivityEntry &entry) { return QString::number(entry.id); });
}

// ActivityModel's page: the whole trail, newest first, pages of 200; counted apart, so the
// page itself asks for no total.
QCoro::Task<PageKeys> eventsPage(Services &services, QString type, int page)
{
    EventQuery query;
    query.type = type;
    query.page = page;
    query.pageSize = PageSize;
    query.withTotal = false;
    co_return eventKeys(co_await services.listEvents.execute(query));
}

// ActivityModel's count: the first page of one row, with its total.
QCoro::Task<PageKeys> eventsCount(Services &services, QString type)
{
    EventQuery query;
    query.type = type;
    query.page = 1;
    query.pageSize = 1;
    query.withTotal = true;
    const EventPage result = co_await services.listEvents.execute(query);
    co_return countKeys(result.total);
}

QString whereType(const QString &type)
{
    return type.isEmpty() ? QString() : QStringLiteral("WHERE type = %1").arg(sqlText(type));
}

QString pageSql(const QString &type, int page, int pageSize = PageSize)
{
    return QStringLiteral("SELECT %1 FROM events %2 ORDER BY created_at DESC, id DESC LIMIT %3 OFFSET %4;")
        .arg(Columns, whereType(type))
        .arg(pageSize)
        .arg(qint64(page - 1) * pageSize);
}

QStringList countSql(const QString &type)
{
    return {QStringLiteral("SELECT COUNT(*) FROM events %1;").arg(whereType(type)), pageSql(type, 1, 1)};
}

} // namespace

QCoro::Task<void> benchEvents(Bench &bench)
{
    Services &services = bench.services();
    bench.heading(QStringLiteral("Activity (the audit trail, newest first)"));
    NumberedScreen screen;
    screen.name = QStringLiteral("events");
    screen.page = [&services](int page) -> AppCall { return [&services, page] { return eventsPage(services, {}, page); }; };
    screen.pageSql = [](int page) { return pageSql(QString(), page); };
    screen.count = [&services] { return eventsCount(services, {}); };
    screen.countSql = countSql(QString());
    co_await benchNumberedPages(bench, screen);

    // The screen has no search; its type filter is what narrows it.
    const QString type = QStringLiteral("user.created");
    const Case filtered{QStringLiteral("events: type %1, first page").arg(type),
                        [&services, type] { return eventsPage(services, type, 1); },
                        {{pageSql(type, 1)}, QStringLiteral("plain SQL")}};
    co_await bench.against(filtered);
    const Case filteredCount{QStringLiteral("events: type %1, count").arg(type),
                             [&services, type] { return eventsCount(services, type); },
                             {countSql(type), QStringLiteral("plain SQL")}};
    co_await bench.against(filteredCount);
}

} // namespace edge::bench
