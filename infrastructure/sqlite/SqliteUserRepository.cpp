#include "SqliteUserRepository.h"

#include "SqliteExecutor.h"
#include "UserTable.h"
#include "infrastructure/security/PasswordHasher.h"

#include <QCoro/QCoroFuture>

namespace edge {

SqliteUserRepository::SqliteUserRepository(std::shared_ptr<SqliteExecutor> executor)
    : m_executor(std::move(executor))
{
}

// Each job captures its arguments by value: it runs later, on another thread. The job is
// a named local, never a temporary inside the co_await expression: GCC 12 destroys such
// temporaries twice (a double free of every captured QString).

QCoro::Task<std::optional<User>> SqliteUserRepository::findById(QString id)
{
    auto job = [id](SqliteConnection &connection) { return UserTable(connection.database()).findById(id); };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<std::optional<User>> SqliteUserRepository::findByEmail(Email email)
{
    auto job = [email](SqliteConnection &connection) {
        return UserTable(connection.database()).findByEmail(email);
    };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<UserPage> SqliteUserRepository::list(UserListQuery query)
{
    auto job = [query](SqliteConnection &connection) {
        return UserTable(connection.database(), connection.pager()).list(query);
    };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<qint64> SqliteUserRepository::count(QString search)
{
    auto job = [search](SqliteConnection &connection) {
        return UserTable(connection.database(), connection.pager()).count(search);
    };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<User> SqliteUserRepository::insert(User user, QString password, DomainEvent event)
{
    auto job = [user, password, event](SqliteConnection &connection) {
        // Hashed before the transaction starts: PBKDF2 must not hold the write lock.
        const QString hash = PasswordHasher::hash(password);
        return UserTable(connection.database()).insert(user, hash, event);
    };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<User> SqliteUserRepository::update(UserWrite write)
{
    auto job = [write](SqliteConnection &connection) {
        const QString hash = write.newPassword.isEmpty() ? QString() : PasswordHasher::hash(write.newPassword);
        return UserTable(connection.database()).update(write, hash);
    };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<User> SqliteUserRepository::remove(QString id, DeletionEvent describe)
{
    auto job = [id, describe](SqliteConnection &connection) {
        return UserTable(connection.database()).remove(id, describe);
    };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<UserDashboard> SqliteUserRepository::dashboard(QString id)
{
    auto job = [id](SqliteConnection &connection) { return UserTable(connection.database()).dashboard(id); };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<QList<SignInSession>> SqliteUserRepository::sessions(QString userId)
{
    auto job = [userId](SqliteConnection &connection) { return UserTable(connection.database()).sessions(userId); };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<int> SqliteUserRepository::endSessions(QString userId, SessionsEndedEvent describe)
{
    auto job = [userId, describe](SqliteConnection &connection) {
        return UserTable(connection.database()).endSessions(userId, describe);
    };
    co_return co_await m_executor->run(std::move(job));
}

} // namespace edge
