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

// What the PATCH body holds besides "version": only fields that differ from `stored`, so the
// Worker's event names exactly what changed. Returns their names ("password" if one is set).
QStringList addChangedFields(QJsonObject &body, const User &stored, const UserChanges &changes)
{
    QStringList changed;
    if (changes.email && *changes.email != stored.email()) {
        body.insert(QStringLiteral("email"), changes.email->value());
        changed << QStringLiteral("email");
    }
    if (changes.username && *changes.username != stored.username()) {
        body.insert(QStringLiteral("username"), *changes.username);
        changed << QStringLiteral("username");
    }
    if (changes.role && *changes.role != stored.role()) {
        body.insert(QStringLiteral("role"), roleToString(*changes.role));
        changed << QStringLiteral("role");
    }
    if (!changes.newPassword.isEmpty()) {
        body.insert(QStringLiteral("password"), changes.newPassword);
        changed << QStringLiteral("password");
    }
    return changed;
}

// The Worker's "current" (JSON) as the User the UI expects in ConflictError::current(); a
// conflict without one (taken email) carries the record as we read it before the update.
[[noreturn]] void rethrowWithUser(const ConflictError &conflict, const User &before)
{
    const QVariant current = conflict.current();
    const User user = current.canConvert<QJsonObject>() && !current.toJsonObject().isEmpty()
                          ? userFromJson(current.toJsonObject())
                          : before;
    // The Worker names "version" in the details of a stale update; the console's contract
    // (embedded store, UI) is a stale conflict without field errors, so it is dropped.
    QMap<QString, QString> fields = conflict.fieldErrors();
    fields.remove(QStringLiteral("version"));
    throw ConflictError(conflict.message(), fields, QVariant::fromValue(user));
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
    const ApiResult result = co_await m_client->send(ApiRequest::get(QStringLiteral("/users"), parameters));

    UserPage page;
    for (const QJsonValue &item : result.data.toArray())
        page.items.append(userFromJson(item.toObject()));
    // The Worker always counts (one D1 batch), so withTotal costs nothing here.
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

QCoro::Task<User> HttpUserRepository::insert(User user, QString password, Actor)
{
    const QJsonObject body{{QStringLiteral("email"), user.email().value()},
                           {QStringLiteral("username"), user.username()},
                           {QStringLiteral("role"), roleToString(user.role())},
                           {QStringLiteral("password"), password}};
    const ApiResult result = co_await m_client->send(ApiRequest::post(QStringLiteral("/users"), body));
    co_return userFromJson(result.data.toObject());
}

QCoro::Task<UserUpdateResult> HttpUserRepository::update(QString id, int baseVersion, UserChanges changes,
                                                         Actor)
{
    // Read first to know which fields really change. If the record still has baseVersion,
    // that read is exactly what the PATCH applies to (versions only grow); if not, the
    // Worker answers 409 with the current record and nothing changes.
    const User before = co_await fetch(id);
    QJsonObject body{{QStringLiteral("version"), baseVersion}};
    const QStringList changed = addChangedFields(body, before, changes);

    ApiResult result;
    try {
        // Sent even when nothing changes: the server decides about roles and versions.
        result = co_await m_client->send(ApiRequest::patch(userPath(id), body));
    } catch (const ConflictError &conflict) {
        rethrowWithUser(conflict, before);
    }
    const User stored = userFromJson(result.data.toObject());
    // The Worker answers an update that changes nothing with the same version.
    co_return UserUpdateResult{stored, stored.version() == baseVersion ? QStringList() : changed};
}

QCoro::Task<User> HttpUserRepository::remove(QString id, Actor)
{
    // DELETE answers 204 without a body; the record is read first to say what was deleted.
    const User before = co_await fetch(id);
    co_await m_client->send(ApiRequest::remove(userPath(id)));
    co_return before;
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

} // namespace edge::remote
