#pragma once

#include "Clock.h"
#include "TtlCache.h"
#include "application/ports/UserRepository.h"

#include <memory>

namespace edge {

// The seed's CachedUserRepository: findById answers from a 5-minute cache; update and
// remove drop the entry (also when they fail: a conflict means the cached copy is stale).
// Everything else goes straight to the wrapped repository. Used from one thread (the one
// awaiting it), like the coroutines that call it.
class CachedUserRepository final : public UserRepository
{
public:
    static constexpr std::chrono::minutes DefaultTtl{5};

    explicit CachedUserRepository(std::unique_ptr<UserRepository> inner,
                                  std::shared_ptr<const Clock> clock = std::make_shared<SteadyClock>(),
                                  std::chrono::milliseconds ttl = DefaultTtl);

    QCoro::Task<std::optional<User>> findById(QString id) override;
    QCoro::Task<std::optional<User>> findByEmail(Email email) override;
    QCoro::Task<UserPage> list(UserListQuery query) override;
    QCoro::Task<qint64> count(QString search) override;
    QCoro::Task<User> insert(User user, QString password, Actor actor) override;
    QCoro::Task<UserUpdateResult> update(QString id, int baseVersion, UserChanges changes,
                                         Actor actor) override;
    QCoro::Task<User> remove(QString id, Actor actor) override;
    QCoro::Task<UserDashboard> dashboard(QString id) override;

    UserRepository &inner() { return *m_inner; }

private:
    std::unique_ptr<UserRepository> m_inner;
    TtlCache<QString, User> m_byId;
};

} // namespace edge
