// The TTL cache and the caching user repository, on a clock moved by hand.

#include "TestStore.h"

#include "domain/Errors.h"
#include "infrastructure/cache/CachedUserRepository.h"

#include <QTest>

using namespace edge;
using namespace edge::test;
using namespace std::chrono_literals;

namespace {
// Counts how often the cache lets calls through; holds one user.
class CountingRepository final : public UserRepository
{
public:
    explicit CountingRepository(User user) : m_user(std::move(user)) {}
    int findCalls = 0;
    bool failUpdates = false;
    User m_user;

    QCoro::Task<std::optional<User>> findById(QString id) override
    {
        ++findCalls;
        co_return id == m_user.id().value() ? std::optional<User>(m_user) : std::nullopt;
    }
    QCoro::Task<std::optional<User>> findByEmail(Email) override { co_return std::nullopt; }
    QCoro::Task<UserPage> list(UserListQuery) override { co_return UserPage{}; }
    QCoro::Task<qint64> count(QString) override { co_return 0; }
    QCoro::Task<User> insert(User user, QString, Actor) override { co_return user; }
    QCoro::Task<UserUpdateResult> update(QString, int, UserChanges changes, Actor) override
    {
        if (failUpdates)
            throw ConflictError(QStringLiteral("changed meanwhile"));
        if (changes.role)
            m_user = m_user.withRole(*changes.role).bumped();
        co_return UserUpdateResult{m_user, {QStringLiteral("role")}};
    }
    QCoro::Task<User> remove(QString, Actor) override { co_return m_user; }
    QCoro::Task<UserDashboard> dashboard(QString) override { co_return UserDashboard{m_user, {}, {}}; }
};
} // namespace

class TestTtlCache final : public QObject
{
    Q_OBJECT

private slots:
    void entriesExpireAfterTtl_data()
    {
        QTest::addColumn<int>("elapsedMs");
        QTest::addColumn<bool>("stillThere");
        QTest::newRow("fresh") << 0 << true;
        QTest::newRow("just before") << 299999 << true;
        QTest::newRow("at ttl") << 300000 << false;
        QTest::newRow("long after") << 3600000 << false;
    }

    void entriesExpireAfterTtl()
    {
        QFETCH(int, elapsedMs);
        QFETCH(bool, stillThere);
        auto clock = std::make_shared<ManualClock>();
        TtlCache<QString, int> cache(5min, clock);
        cache.set(QStringLiteral("k"), 42);
        clock->advance(std::chrono::milliseconds(elapsedMs));
        QCOMPARE(cache.get(QStringLiteral("k")).has_value(), stillThere);
    }

    void fullCacheDropsExpiredFirst()
    {
        auto clock = std::make_shared<ManualClock>();
        TtlCache<int, int> cache(1s, clock, 2);
        cache.set(1, 1);
        clock->advance(2s);
        cache.set(2, 2);
        cache.set(3, 3); // full: the expired 1 goes, 2 stays
        QCOMPARE(cache.size(), 2);
        QCOMPARE(cache.get(2), std::optional<int>(2));
    }

    void findByIdIsCachedUntilTtl()
    {
        auto clock = std::make_shared<ManualClock>();
        const User ada = User::create(Email::parse(QStringLiteral("ada@example.com")), QStringLiteral("ada"), Role::Learner);
        auto inner = std::make_unique<CountingRepository>(ada);
        CountingRepository &counting = *inner;
        CachedUserRepository cached(std::move(inner), clock);

        QCOMPARE(await(cached.findById(ada.id().value())), std::optional<User>(ada));
        QCOMPARE(await(cached.findById(ada.id().value())), std::optional<User>(ada));
        QCOMPARE(counting.findCalls, 1);
        clock->advance(5min);
        await(cached.findById(ada.id().value()));
        QCOMPARE(counting.findCalls, 2);

        // Misses are not cached: a user created later must be found.
        await(cached.findById(QStringLiteral("missing")));
        await(cached.findById(QStringLiteral("missing")));
        QCOMPARE(counting.findCalls, 4);
    }

    void updateAndRemoveInvalidate()
    {
        auto clock = std::make_shared<ManualClock>();
        const User ada = User::create(Email::parse(QStringLiteral("ada@example.com")), QStringLiteral("ada"), Role::Learner);
        auto inner = std::make_unique<CountingRepository>(ada);
        CountingRepository &counting = *inner;
        CachedUserRepository cached(std::move(inner), clock);
        const QString id = ada.id().value();

        await(cached.findById(id));
        UserChanges changes;
        changes.role = Role::Admin;
        await(cached.update(id, 1, changes, Actor{}));
        QCOMPARE(await(cached.findById(id))->role(), Role::Admin); // not the stale learner
        QCOMPARE(counting.findCalls, 2);

        counting.failUpdates = true;
        QVERIFY_THROWS_EXCEPTION(ConflictError, await(cached.update(id, 1, changes, Actor{})));
        await(cached.findById(id));
        QCOMPARE(counting.findCalls, 3); // a failed update drops the entry too

        await(cached.remove(id, Actor{}));
        await(cached.findById(id));
        QCOMPARE(counting.findCalls, 4);
    }
};

QTEST_GUILESS_MAIN(TestTtlCache)
#include "tst_ttlcache.moc"
