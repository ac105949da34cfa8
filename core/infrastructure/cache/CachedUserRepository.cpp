#include "CachedUserRepository.h"

namespace edge {

CachedUserRepository::CachedUserRepository(std::unique_ptr<UserRepository> inner,
                                           std::shared_ptr<const Clock> clock,
                                           std::chrono::milliseconds ttl)
    : m_inner(std::move(inner))
    , m_byId(ttl, std::move(clock))
{
}

QCoro::Task<std::optional<User>> CachedUserRepository::findById(QString id)
{
    if (std::optional<User> cached = m_byId.get(id))
        co_return cached;
    std::optional<User> user = co_await m_inner->findById(id);
    if (user)
        m_byId.set(id, *user);
    co_return user;
}

QCoro::Task<std::optional<User>> CachedUserRepository::findByEmail(Email email)
{
    co_return co_await m_inner->findByEmail(std::move(email));
}

QCoro::Task<UserPage> CachedUserRepository::list(UserListQuery query)
{
    co_return co_await m_inner->list(std::move(query));
}

QCoro::Task<qint64> CachedUserRepository::count(QString search)
{
    co_return co_await m_inner->count(std::move(search));
}

QCoro::Task<User> CachedUserRepository::insert(User user, QString password, Actor actor)
{
    co_return co_await m_inner->insert(std::move(user), std::move(password), std::move(actor));
}

QCoro::Task<UserUpdateResult> CachedUserRepository::update(QString id, int baseVersion,
                                                           UserChanges changes, Actor actor)
{
    // Dropped before and after: a lookup racing the update cannot keep the old copy alive.
    m_byId.remove(id);
    try {
        UserUpdateResult result = co_await m_inner->update(id, baseVersion, std::move(changes), std::move(actor));
        m_byId.remove(id);
        co_return result;
    } catch (...) {
        m_byId.remove(id);
        throw;
    }
}

QCoro::Task<User> CachedUserRepository::remove(QString id, Actor actor)
{
    m_byId.remove(id);
    try {
        User removed = co_await m_inner->remove(id, std::move(actor));
        m_byId.remove(id);
        co_return removed;
    } catch (...) {
        m_byId.remove(id);
        throw;
    }
}

QCoro::Task<UserDashboard> CachedUserRepository::dashboard(QString id)
{
    co_return co_await m_inner->dashboard(std::move(id));
}

} // namespace edge
