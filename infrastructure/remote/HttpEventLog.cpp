#include "HttpEventLog.h"

#include "ApiJson.h"
#include "WorkerClient.h"

#include <QJsonArray>

namespace edge::remote {

HttpEventLog::HttpEventLog(std::shared_ptr<WorkerClient> client)
    : m_client(std::move(client))
{
}

QCoro::Task<EventPage> HttpEventLog::list(EventQuery query)
{
    QUrlQuery parameters;
    const auto add = [&parameters](const char *name, const QString &value) {
        if (!value.isEmpty())
            parameters.addQueryItem(QLatin1String(name), QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    add("type", query.type);
    add("actorId", query.actorId);
    add("subjectType", query.subjectType);
    add("subjectId", query.subjectId);
    if (query.from.isValid())
        add("from", toApiTimestamp(query.from));
    if (query.to.isValid())
        add("to", toApiTimestamp(query.to));
    add("page", QString::number(query.page));
    add("pageSize", QString::number(query.pageSize));
    // D1 bills rows read: without withTotal the Worker skips the count of every match.
    if (!query.withTotal)
        add("withTotal", QStringLiteral("false"));

    const ApiResult result = co_await m_client->send(ApiRequest::get(QStringLiteral("/events"), parameters));
    EventPage page;
    for (const QJsonValue &item : result.data.toArray())
        page.items.append(activityFromJson(item.toObject()));
    const Pagination pagination = result.pagination.value_or(Pagination{query.page, query.pageSize, 0, 0});
    page.page = pagination.page;
    page.pageSize = pagination.pageSize;
    page.total = pagination.total;
    page.totalPages = pagination.totalPages;
    co_return page;
}

} // namespace edge::remote
