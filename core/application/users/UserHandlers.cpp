#include "UserHandlers.h"

#include "domain/Errors.h"

namespace edge {

namespace {
// Collects every field's problem so a dialog can show them all at once.
void throwIfProblems(const QMap<QString, QString> &problems)
{
    if (problems.isEmpty())
        return;
    if (problems.size() == 1)
        throw ValidationError(problems.first(), problems);
    QStringList lines;
    for (const QString &problem : problems)
        lines << problem;
    throw ValidationError(lines.join(QStringLiteral("; ")), problems);
}

void addProblem(QMap<QString, QString> &problems, const QString &field, const QString &problem)
{
    if (!problem.isEmpty())
        problems.insert(field, problem);
}

QString roleProblem(const QString &text)
{
    try {
        parseRole(text);
        return {};
    } catch (const ValidationError &error) {
        return error.message();
    }
}
} // namespace

QCoro::Task<User> CreateUserHandler::execute(CreateUserCommand command)
{
    QMap<QString, QString> problems;
    addProblem(problems, QStringLiteral("email"), Email::problem(command.email));
    addProblem(problems, QStringLiteral("username"), User::usernameProblem(command.username));
    addProblem(problems, QStringLiteral("role"), roleProblem(command.role));
    addProblem(problems, QStringLiteral("password"), User::passwordProblem(command.password));
    throwIfProblems(problems);

    const User user = User::create(Email::parse(command.email), command.username,
                                   parseRole(command.role));
    // The store's UNIQUE constraint is the authority on duplicates (it also catches races).
    const User stored = co_await m_users.insert(user, command.password, DomainEvent::userCreated(user, m_actor));
    m_events.publish(DomainEvent::userCreated(stored, m_actor));
    co_return stored;
}

QCoro::Task<User> UpdateUserHandler::execute(UpdateUserCommand command)
{
    command.id = UserId::parse(command.id).value();
    QMap<QString, QString> problems;
    if (command.baseVersion < 1)
        problems.insert(QStringLiteral("version"),
                        QStringLiteral("Version must be 1 or more (got %1)").arg(command.baseVersion));
    if (command.email)
        addProblem(problems, QStringLiteral("email"), Email::problem(*command.email));
    if (command.username)
        addProblem(problems, QStringLiteral("username"), User::usernameProblem(*command.username));
    if (command.role)
        addProblem(problems, QStringLiteral("role"), roleProblem(*command.role));
    if (command.password)
        addProblem(problems, QStringLiteral("password"), User::passwordProblem(*command.password));
    throwIfProblems(problems);

    UserChanges changes;
    if (command.email)
        changes.email = Email::parse(*command.email);
    if (command.username)
        changes.username = User::parseUsername(*command.username);
    if (command.role)
        changes.role = parseRole(*command.role);
    changes.newPassword = command.password.value_or(QString());

    const User base = co_await baseOf(command);
    const UserRevision revision = reviseUser(base, changes);
    if (revision.changedFields.isEmpty())
        co_return base; // nothing to store, nothing happened

    UserWrite write{revision.user, command.baseVersion, revision.changedFields, changes.newPassword,
                    DomainEvent::userUpdated(revision.user, revision.changedFields, m_actor),
                    command.currentPassword.value_or(QString())};
    // Stored only if nobody saved since baseVersion; else ConflictError with their version.
    User stored;
    try {
        stored = co_await m_users.update(write);
    } catch (const ConflictError &conflict) {
        if (conflict.current().isValid())
            throw;
        // A taken email: the version matched, so what is stored is the base.
        throw ConflictError(conflict.message(), conflict.fieldErrors(), QVariant::fromValue(base));
    }
    m_events.publish(DomainEvent::userUpdated(stored, revision.changedFields, m_actor));
    co_return stored;
}

QCoro::Task<User> UpdateUserHandler::baseOf(const UpdateUserCommand &command)
{
    if (command.base) {
        if (command.base->id().value() != command.id || command.base->version() != command.baseVersion)
            throw ValidationError(QStringLiteral("The record an update is based on must be the one "
                                                 "it names, at its version"));
        co_return *command.base;
    }
    const std::optional<User> stored = co_await m_users.findById(command.id);
    if (!stored)
        throw NotFoundError(QStringLiteral("User"), command.id);
    if (stored->version() != command.baseVersion)
        throw staleUserConflict(*stored, command.baseVersion);
    co_return *stored;
}

QCoro::Task<void> DeleteUserHandler::execute(DeleteUserCommand command)
{
    command.id = UserId::parse(command.id).value();
    const Actor actor = m_actor;
    DeletionEvent describe = [actor](const User &deleted) { return DomainEvent::userDeleted(deleted, actor); };
    const User deleted = co_await m_users.remove(command.id, describe);
    m_events.publish(describe(deleted));
}

QCoro::Task<User> GetUserHandler::execute(QString id)
{
    id = UserId::parse(id).value();
    const std::optional<User> user = co_await m_users.findById(id);
    if (!user)
        throw NotFoundError(QStringLiteral("User"), id);
    co_return *user;
}

QCoro::Task<UserPage> ListUsersHandler::execute(UserListQuery query)
{
    query.validate();
    co_return co_await m_users.list(query);
}

QCoro::Task<qint64> ListUsersHandler::count(QString search)
{
    co_return co_await m_users.count(search);
}

QCoro::Task<QList<SignInSession>> UserSessionsHandler::list(QString userId)
{
    userId = UserId::parse(userId).value();
    co_return co_await m_users.sessions(userId);
}

QCoro::Task<int> UserSessionsHandler::endAll(QString userId)
{
    userId = UserId::parse(userId).value();
    const Actor actor = m_actor;
    SessionsEndedEvent describe = [actor, userId](int count) {
        return DomainEvent::sessionsRevoked(userId, count, actor);
    };
    const int ended = co_await m_users.endSessions(userId, describe);
    if (ended > 0)
        m_events.publish(describe(ended));
    co_return ended;
}

QCoro::Task<UserDashboard> GetUserDashboardHandler::execute(QString id)
{
    id = UserId::parse(id).value();
    co_return co_await m_users.dashboard(id);
}

} // namespace edge
