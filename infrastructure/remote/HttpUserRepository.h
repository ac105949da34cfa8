#pragma once

#include "application/ports/UserRepository.h"

#include <memory>

namespace edge::remote {

class WorkerClient;

// UserRepository over the Worker's /users endpoints. The Worker validates, checks roles and
// versions, and records the audit events itself; this class maps JSON and errors so that
// callers cannot tell it from the embedded store:
// - 404 on a single user: findById gives nullopt, the rest throw NotFoundError;
// - 409 stale version on update: ConflictError whose current() holds the Worker's User;
// - update() sends only the handler's changed fields with the version they were based on,
//   and remove() reads the deleted record from the DELETE answer: nothing is read first.
class HttpUserRepository final : public UserRepository
{
public:
    explicit HttpUserRepository(std::shared_ptr<WorkerClient> client);

    QCoro::Task<std::optional<User>> findById(QString id) override;
    QCoro::Task<std::optional<User>> findByEmail(Email email) override;
    QCoro::Task<UserPage> list(UserListQuery query) override;
    QCoro::Task<qint64> count(QString search) override;
    // The Worker makes its own id and timestamps: the result is what it stored.
    QCoro::Task<User> insert(User user, QString password, DomainEvent event) override;
    QCoro::Task<User> update(UserWrite write) override;
    QCoro::Task<User> remove(QString id, DeletionEvent describe) override;
    QCoro::Task<UserDashboard> dashboard(QString id) override;
    QCoro::Task<QList<SignInSession>> sessions(QString userId) override;
    // The Worker records the event itself.
    QCoro::Task<int> endSessions(QString userId, SessionsEndedEvent describe) override;

private:
    QCoro::Task<User> fetch(QString id); // NotFoundError when missing

    std::shared_ptr<WorkerClient> m_client;
};

} // namespace edge::remote
