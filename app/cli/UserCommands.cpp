#include "UserCommands.h"

#include "Connection.h"
#include "PasswordInput.h"
#include "StoreCommands.h"
#include "application/Services.h"
#include "application/EventBus.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace edge::cli {

namespace {

QJsonObject userJson(const User &user)
{
    return {{QStringLiteral("id"), user.id().value()},
            {QStringLiteral("email"), user.email().value()},
            {QStringLiteral("username"), user.username()},
            {QStringLiteral("role"), roleToString(user.role())},
            {QStringLiteral("version"), user.version()},
            {QStringLiteral("createdAt"), user.createdAt().toString(Qt::ISODateWithMs)},
            {QStringLiteral("updatedAt"), user.updatedAt().toString(Qt::ISODateWithMs)}};
}

UserSortField parseSort(const QString &text)
{
    for (UserSortField field : {UserSortField::CreatedAt, UserSortField::Email, UserSortField::Username,
                                UserSortField::Role}) {
        if (sortFieldToString(field).compare(text, Qt::CaseInsensitive) == 0)
            return field;
    }
    throw UsageError{QStringLiteral("--sort must be createdAt, email, username or role (got \"%1\")").arg(text)};
}

UserListQuery listQuery(const QCommandLineParser &options)
{
    UserListQuery query;
    query.search = options.value(QStringLiteral("search"));
    query.page = intOption(options, QStringLiteral("page"), 1);
    query.pageSize = intOption(options, QStringLiteral("page-size"), 50);
    if (options.isSet(QStringLiteral("sort")))
        query.sort = parseSort(options.value(QStringLiteral("sort")));
    if (options.isSet(QStringLiteral("desc")) && options.isSet(QStringLiteral("asc")))
        throw UsageError{QStringLiteral("Use --asc or --desc, not both")};
    if (options.isSet(QStringLiteral("desc")))
        query.order = SortOrder::Descending;
    else if (options.isSet(QStringLiteral("asc")) || query.sort != UserSortField::CreatedAt)
        query.order = SortOrder::Ascending;
    return query; // newest first by default, as the console shows
}

void printTable(const UserPage &page)
{
    const QStringList headers{QStringLiteral("ID"), QStringLiteral("EMAIL"), QStringLiteral("USERNAME"),
                              QStringLiteral("ROLE"), QStringLiteral("CREATED")};
    QList<QStringList> rows;
    for (const User &user : page.items)
        rows.append({user.id().value(), user.email().value(), user.username(), roleToString(user.role()),
                     user.createdAt().toString(Qt::ISODate)});
    printColumns(headers, rows);
    out() << Qt::endl
          << "Page " << page.page << " of " << std::max(page.totalPages, 1) << " (" << page.total << " users)"
          << Qt::endl;
}

QCoro::Task<int> listUsers(Services &services, const Invocation &invocation)
{
    if (!invocation.arguments.isEmpty())
        throw UsageError{QStringLiteral("users list takes options only (unexpected \"%1\")")
                             .arg(invocation.arguments.first())};
    const UserListQuery query = listQuery(invocation.options);
    const UserPage page = co_await services.listUsers.execute(query);
    if (invocation.options.isSet(QStringLiteral("json"))) {
        QJsonArray items;
        for (const User &user : page.items)
            items.append(userJson(user));
        const QJsonObject envelope{
            {QStringLiteral("success"), true},
            {QStringLiteral("data"), items},
            {QStringLiteral("pagination"),
             QJsonObject{{QStringLiteral("page"), page.page},
                         {QStringLiteral("pageSize"), page.pageSize},
                         {QStringLiteral("total"), page.total},
                         {QStringLiteral("totalPages"), page.totalPages}}}};
        out() << QJsonDocument(envelope).toJson(QJsonDocument::Indented);
    } else {
        printTable(page);
    }
    co_return Success;
}

QCoro::Task<int> addUser(Services &services, const Invocation &invocation)
{
    const QCommandLineParser &options = invocation.options;
    QStringList missing;
    for (const QString &name : {QStringLiteral("email"), QStringLiteral("username"), QStringLiteral("role")}) {
        if (!options.isSet(name))
            missing << QStringLiteral("--") + name;
    }
    if (!missing.isEmpty())
        throw UsageError{QStringLiteral("users add needs %1").arg(missing.join(QStringLiteral(", ")))};
    if (!invocation.arguments.isEmpty())
        throw UsageError{QStringLiteral("users add takes options only; the password is read from stdin or a prompt")};

    CreateUserCommand command;
    command.email = options.value(QStringLiteral("email"));
    command.username = options.value(QStringLiteral("username"));
    command.role = options.value(QStringLiteral("role"));
    command.password = readNewPassword();
    const User user = co_await services.createUser.execute(command);
    out() << "Added " << roleToString(user.role()) << " " << user.email().value() << " (id " << user.id().value()
          << ")" << Qt::endl;
    co_return Success;
}

QString singleId(const Invocation &invocation, const QString &command)
{
    if (invocation.arguments.size() != 1)
        throw UsageError{QStringLiteral("users %1 needs exactly one user ID").arg(command)};
    return invocation.arguments.first();
}

QCoro::Task<int> deleteUser(Services &services, const Invocation &invocation)
{
    const QString id = singleId(invocation, QStringLiteral("delete"));
    // Fetched first only to say whom we deleted.
    const User user = co_await services.getUser.execute(id);
    const DeleteUserCommand command{id};
    co_await services.deleteUser.execute(command);
    out() << "Deleted " << user.email().value() << " (id " << id << ") and their progress" << Qt::endl;
    co_return Success;
}

QCoro::Task<int> showUser(Services &services, const Invocation &invocation)
{
    const QString id = singleId(invocation, QStringLiteral("show"));
    const UserDashboard dashboard = co_await services.userDashboard.execute(id);
    if (invocation.options.isSet(QStringLiteral("json"))) {
        QJsonArray progress;
        for (const ProgressEntry &entry : dashboard.recentProgress)
            progress.append(QJsonObject{{QStringLiteral("lessonId"), entry.lessonId},
                                        {QStringLiteral("lessonTitle"), entry.lessonTitle},
                                        {QStringLiteral("completed"), entry.completed},
                                        {QStringLiteral("score"), entry.score},
                                        {QStringLiteral("updatedAt"), entry.updatedAt.toString(Qt::ISODateWithMs)}});
        const QJsonObject data{{QStringLiteral("user"), userJson(dashboard.user)},
                               {QStringLiteral("recentProgress"), progress},
                               {QStringLiteral("totals"),
                                QJsonObject{{QStringLiteral("lessons"), dashboard.totals.lessons},
                                            {QStringLiteral("completed"), dashboard.totals.completed},
                                            {QStringLiteral("averageScore"), dashboard.totals.averageScore}}}};
        out() << QJsonDocument(QJsonObject{{QStringLiteral("success"), true}, {QStringLiteral("data"), data}})
                     .toJson(QJsonDocument::Indented);
        co_return Success;
    }
    const User &user = dashboard.user;
    out() << user.username() << " <" << user.email().value() << ">" << Qt::endl
          << "  id:      " << user.id().value() << Qt::endl
          << "  role:    " << roleDisplayName(user.role()) << Qt::endl
          << "  version: " << user.version() << Qt::endl
          << "  created: " << user.createdAt().toString(Qt::ISODate) << Qt::endl
          << "  updated: " << user.updatedAt().toString(Qt::ISODate) << Qt::endl
          << "Progress: " << dashboard.totals.lessons << " lessons, " << dashboard.totals.completed
          << " completed, average score " << QString::number(dashboard.totals.averageScore, 'f', 1) << Qt::endl;
    for (const ProgressEntry &entry : dashboard.recentProgress)
        out() << "  " << (entry.completed ? "[done] " : "[open] ")
              << (entry.lessonTitle.isEmpty() ? entry.lessonId : entry.lessonTitle) << "  score " << entry.score
              << "  (" << entry.updatedAt.toString(Qt::ISODate) << ")" << Qt::endl;
    co_return Success;
}

QCoro::Task<int> listSessions(Services &services, const Invocation &invocation)
{
    const QString id = singleId(invocation, QStringLiteral("sessions"));
    const QList<SignInSession> sessions = co_await services.userSessions.list(id);
    if (sessions.isEmpty())
        out() << "No live sign-in sessions." << Qt::endl;
    for (const SignInSession &session : sessions)
        out() << session.id << "  signed in " << session.createdAt.toString(Qt::ISODate) << ", ends "
              << session.expiresAt.toString(Qt::ISODate) << (session.current ? "  (this sign-in)" : "") << Qt::endl;
    co_return Success;
}

QCoro::Task<int> endSessions(Services &services, const Invocation &invocation)
{
    const QString id = singleId(invocation, QStringLiteral("end-sessions"));
    const int ended = co_await services.userSessions.endAll(id);
    out() << "Ended " << ended << (ended == 1 ? " session" : " sessions")
          << "; the user must sign in again everywhere." << Qt::endl;
    co_return Success;
}

} // namespace

QCoro::Task<int> usersCommand(Invocation invocation)
{
    const QStringList known{QStringLiteral("list"), QStringLiteral("add"), QStringLiteral("show"),
                            QStringLiteral("delete"), QStringLiteral("sessions"), QStringLiteral("end-sessions")};
    const QString sub = takeSubcommand(invocation, QStringLiteral("users"), known);

    EventBus events;
    const std::unique_ptr<Services> opened = co_await openServices(invocation, events);
    Services &services = *opened;
    if (sub == QLatin1String("list"))
        co_return co_await listUsers(services, invocation);
    if (sub == QLatin1String("add"))
        co_return co_await addUser(services, invocation);
    if (sub == QLatin1String("show"))
        co_return co_await showUser(services, invocation);
    if (sub == QLatin1String("sessions"))
        co_return co_await listSessions(services, invocation);
    if (sub == QLatin1String("end-sessions"))
        co_return co_await endSessions(services, invocation);
    co_return co_await deleteUser(services, invocation);
}

} // namespace edge::cli
