// The TTL cache, on a clock moved by hand.

#include "TestStore.h"

#include "infrastructure/cache/Clock.h"
#include "infrastructure/cache/TtlCache.h"

#include <QTest>

using namespace edge;
using namespace edge::test;
using namespace std::chrono_literals;

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
};

QTEST_GUILESS_MAIN(TestTtlCache)
#include "tst_ttlcache.moc"
