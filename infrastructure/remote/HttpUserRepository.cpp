#include "HttpUserRepository.h"

#include "ApiJson.h"
#include "WorkerClient.h"
#include "domain/Errors.h"

#include <QJsonArray>

namespace edge::remote {

namespace {
QString userPath(const QString &id)
{
    return QStringLiteral("/users/") + id;
}

QString orderToString(SortOrder order)
{
    return order == SortOrder::Ascending ? QStringLiteral("asc") : QStringLiteral("desc");
}

// The PATCH body: the version the change is based on and the fields the handler found
// changed, so the Worker's event names exactly those.
QJsonObject patchBody(const UserWrite &write)
{
    QJsonObject body{{QStringLiteral("version"), write.expectedVersion}};
    const QStringList &changed = write.changedFields;
    if (changed.contains(QStringLiteral("email")))
        body.insert(QStringLiteral("email"), write.user.email().value());
    if (changed.contains(QStringLiteral("username")))
        body.insert(QStringLiteral("username"), write.user.username());
    if (changed.contains(QStringLiteral("role")))
        body.insert(QStringLiteral("role"), roleToString(write.user.role()));
    if (changed.contains(QStringLiteral("password"))) {
        body.insert(QStringLiteral("password"), write.newPassword);
        if (!write.currentPassword.isEmpty())
            body.insert(QStringLiteral("currentPassword"), write.currentPassword);
    }
    return body;
}

// The Worker's "current" (JSON) as the User the UI expects in ConflictError::current().
[[noreturn]] void rethrowWithUser(const ConflictError &conflict)
{
    const QVariant current = conflict.current();
    const QVariant user = current.canConvert<QJsonObject>() && !current.toJsonObject().isEmpty()
                              ? QVariant::fromValue(userFromJson(current.toJsonObject()))
                              : QVariant();
    // The Worker names "version" in the details of a stale update; the console's contract
    // (embedded store, UI) is a stale conflict without field errors, so it is dropped.
    QMap<QString, QString> fields = conflict.fieldErrors();
    fields.remove(QStringLiteral("version"));
    throw ConflictError(conflict.message(), fields, user);
}
} // namespace

HttpUserRepository::HttpUserRepository(std::shared_ptr<WorkerClient> client)
    : m_client(std::move(client))
{
}

QCoro::Task<User> HttpUserRepository::fetch(QString id)
{
    const ApiResult result = co_await m_client->send(ApiRequest::get(userPath(id)));
    co_return userFromJson(result.data.toObject());
}

QCoro::Task<std::optional<User>> HttpUserRepository::findById(QString id)
{
    try {
        co_return co_await fetch(id);
    } catch (const NotFoundError &) {
        co_return std::nullopt;
    }
}

QCoro::Task<std::optional<User>> HttpUserRepository::findByEmail(Email email)
{
    // No lookup by email in the API: search for it and keep the exact match.
    UserListQuery query;
    query.search = email.value();
    query.pageSize = UserListQuery::MaxPageSize;
    const UserPage page = co_await list(query);
    for (const User &user : page.items) {
        if (user.email() == email)
            co_return user;
    }
    co_return std::nullopt;
}

QCoro::Task<UserPage> HttpUserRepository::list(UserListQuery query)
{
    QUrlQuery parameters;
    parameters.addQueryItem(QStringLiteral("page"), QString::number(query.page));
    parameters.addQueryItem(QStringLiteral("pageSize"), QString::number(query.pageSize));
    if (!query.search.isEmpty())
        parameters.addQueryItem(QStringLiteral("search"), QString::fromLatin1(QUrl::toPercentEncoding(query.search)));
    parameters.addQueryItem(QStringLiteral("sort"), sortFieldToString(query.sort));
    parameters.addQueryItem(QStringLiteral("order"), orderToString(query.order));
    // D1 bills rows read: without withTotal the Worker skips the count of every match.
    if (!query.withTotal)
        parameters.addQueryItem(QStringLiteral("withTotal"), QStringLiteral("false"));
    const ApiResult result = co_await m_client->send(ApiRequest::get(QStringLiteral("/users"), parameters));

    UserPage page;
    for (const QJsonValue &item : result.data.toArray())
        page.items.append(userFromJson(item.toObject()));
    // A total of -1 (null in the answer) when asked without withTotal.
    const Pagination pagination = result.pagination.value_or(Pagination{});
    page.page = result.pagination ? pagination.page : query.page;
    page.pageSize = result.pagination ? pagination.pageSize : query.pageSize;
    page.total = result.pagination ? pagination.total : page.items.size();
    page.totalPages = result.pagination ? pagination.totalPages : 1;
    co_return page;
}

QCoro::Task<qint64> HttpUserRepository::count(QString search)
{
    UserListQuery query;
    query.search = search;
    query.pageSize = 1;
    const UserPage page = co_await list(query);
    co_return page.total;
}

QCoro::Task<User> HttpUserRepository::insert(User user, QString password, DomainEvent)
{
    const QJsonObject body{{QStringLiteral("email"), user.email().value()},
                           {QStringLiteral("username"), user.username()},
                           {QStringLiteral("role"), roleToString(user.role())},
                           {QStringLiteral("password"), password}};
    const ApiResult result = co_await m_client->send(ApiRequest::post(QStringLiteral("/users"), body));
    co_return userFromJson(result.data.toObject());
}

QCoro::Task<User> HttpUserRepository::update(UserWrite write)
{
    const QString id = write.user.id().value();
    ApiResult result;
    try {
        result = co_await m_client->send(ApiRequest::patch(userPath(id), patchBody(write)));
    } catch (const ConflictError &conflict) {
        rethrowWithUser(conflict);
    }
    co_return userFromJson(result.data.toObject());
}

QCoro::Task<User> HttpUserRepository::remove(QString id, DeletionEvent)
{
    // The Worker answers with the record it deleted (and records its own event).
    const ApiResult result = co_await m_client->send(ApiRequest::remove(userPath(id)));
    co_return userFromJson(result.data.toObject());
}

QCoro::Task<UserDashboard> HttpUserRepository::dashboard(QString id)
{
    const ApiResult result = co_await m_client->send(ApiRequest::get(userPath(id) + QStringLiteral("/dashboard")));
    const QJsonObject data = result.data.toObject();
    UserDashboard dashboard;
    dashboard.user = userFromJson(data.value(QLatin1String("user")).toObject());
    for (const QJsonValue &row : data.value(QLatin1String("recentProgress")).toArray())
        dashboard.recentProgress.append(progressFromJson(row.toObject()));
    const QJsonObject totals = data.value(QLatin1String("totals")).toObject();
    dashboard.totals.lessons = totals.value(QLatin1String("lessons")).toInt();
    dashboard.totals.completed = totals.value(QLatin1String("completed")).toInt();
    dashboard.totals.averageScore = totals.value(QLatin1String("averageScore")).toDouble();
    co_return dashboard;
}

QCoro::Task<QList<SignInSession>> HttpUserRepository::sessions(QString userId)
{
    const ApiResult result = co_await m_client->send(ApiRequest::get(userPath(userId) + QStringLiteral("/sessions")));
    QList<SignInSession> sessions;
    for (const QJsonValue &item : result.data.toArray()) {
        const QJsonObject json = item.toObject();
        sessions.append({json.value(QLatin1String("id")).toString(),
                         fromApiTimestamp(json.value(QLatin1String("createdAt"))),
                         fromApiTimestamp(json.value(QLatin1String("expiresAt"))),
                         json.value(QLatin1String("current")).toBool()});
    }
    co_return sessions;
}

QCoro::Task<int> HttpUserRepository::endSessions(QString userId, SessionsEndedEvent)
{
    const ApiResult result = co_await m_client->send(ApiRequest::remove(userPath(userId) + QStringLiteral("/sessions")));
    co_return result.data.toObject().value(QLatin1String("revoked")).toInt();
}

} // namespace edge::remote
