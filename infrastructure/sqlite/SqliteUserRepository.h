#pragma once

#include "application/ports/UserRepository.h"

#include <memory>

namespace edge {

class SqliteExecutor;

// UserRepository over the embedded store: every call runs as one job on the SQLite thread
// (UserTable) and resumes the awaiting coroutine on its own thread with the result.
class SqliteUserRepository final : public UserRepository
{
public:
    explicit SqliteUserRepository(std::shared_ptr<SqliteExecutor> executor);

    QCoro::Task<std::optional<User>> findById(QString id) override;
    QCoro::Task<std::optional<User>> findByEmail(Email email) override;
    QCoro::Task<UserPage> list(UserListQuery query) override;
    QCoro::Task<qint64> count(QString search) override;
    QCoro::Task<User> insert(User user, QString password, DomainEvent event) override;
    QCoro::Task<User> update(UserWrite write) override;
    QCoro::Task<User> remove(QString id, DeletionEvent describe) override;
    QCoro::Task<UserDashboard> dashboard(QString id) override;
    QCoro::Task<QList<SignInSession>> sessions(QString userId) override;
    QCoro::Task<int> endSessions(QString userId, SessionsEndedEvent describe) override;

private:
    std::shared_ptr<SqliteExecutor> m_executor;
};

} // namespace edge
