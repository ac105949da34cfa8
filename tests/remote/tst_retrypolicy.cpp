// Retry-After parsing and the backoff schedule.
#include "infrastructure/remote/RetryPolicy.h"

#include <QRandomGenerator>
#include <QTest>

using namespace edge::remote;
using std::chrono::milliseconds;

class TestRetryPolicy final : public QObject
{
    Q_OBJECT

private slots:
    void parsesRetryAfter_data();
    void parsesRetryAfter();
    void backoffGrowsWithinBounds_data();
    void backoffGrowsWithinBounds();
    void backoffIsJittered();
};

void TestRetryPolicy::parsesRetryAfter_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<qint64>("expectedMs"); // -1: unreadable

    // "now" in the test is 2025-03-01 12:00:00 UTC.
    QTest::newRow("seconds") << QByteArray("120") << qint64(120000);
    QTest::newRow("zero seconds") << QByteArray("0") << qint64(0);
    QTest::newRow("seconds with spaces") << QByteArray(" 5 ") << qint64(5000);
    QTest::newRow("IMF-fixdate") << QByteArray("Sat, 01 Mar 2025 12:00:30 GMT") << qint64(30000);
    QTest::newRow("RFC 850 date") << QByteArray("Saturday, 01-Mar-25 12:01:00 GMT")
                                  << qint64(60000);
    QTest::newRow("asctime date") << QByteArray("Sat Mar  1 12:00:10 2025") << qint64(10000);
    QTest::newRow("date in the past means now") << QByteArray("Sat, 01 Mar 2025 11:00:00 GMT")
                                                << qint64(0);
    QTest::newRow("empty") << QByteArray() << qint64(-1);
    QTest::newRow("negative") << QByteArray("-5") << qint64(-1);
    QTest::newRow("fraction") << QByteArray("1.5") << qint64(-1);
    QTest::newRow("garbage") << QByteArray("soon") << qint64(-1);
}

void TestRetryPolicy::parsesRetryAfter()
{
    QFETCH(QByteArray, header);
    QFETCH(qint64, expectedMs);
    const QDateTime now(QDate(2025, 3, 1), QTime(12, 0, 0), Qt::UTC);

    const std::optional<milliseconds> wait = parseRetryAfter(header, now);
    if (expectedMs == -1) {
        QVERIFY2(!wait, "an unreadable header must not invent a wait");
    } else {
        QVERIFY(wait);
        QCOMPARE(wait->count(), expectedMs);
    }
}

void TestRetryPolicy::backoffGrowsWithinBounds_data()
{
    QTest::addColumn<int>("failedAttempts");
    QTest::addColumn<qint64>("minMs");
    QTest::addColumn<qint64>("maxMs");

    // base 100 ms, cap 1000 ms: the exponential part is 100, 200, 400, 800, 1000, 1000.
    QTest::newRow("after 1st") << 1 << qint64(50) << qint64(100);
    QTest::newRow("after 2nd") << 2 << qint64(100) << qint64(200);
    QTest::newRow("after 3rd") << 3 << qint64(200) << qint64(400);
    QTest::newRow("after 4th") << 4 << qint64(400) << qint64(800);
    QTest::newRow("capped") << 5 << qint64(500) << qint64(1000);
    QTest::newRow("still capped, no overflow") << 60 << qint64(500) << qint64(1000);
}

void TestRetryPolicy::backoffGrowsWithinBounds()
{
    QFETCH(int, failedAttempts);
    QFETCH(qint64, minMs);
    QFETCH(qint64, maxMs);
    QRandomGenerator random(42);
    for (int i = 0; i < 200; ++i) {
        const qint64 delay =
            backoffDelay(failedAttempts, milliseconds(100), milliseconds(1000), random).count();
        QVERIFY2(delay >= minMs && delay <= maxMs, qPrintable(QString::number(delay)));
    }
}

void TestRetryPolicy::backoffIsJittered()
{
    // Clients that failed together must not all come back at the same instant.
    QRandomGenerator random(7);
    QSet<qint64> distinct;
    for (int i = 0; i < 50; ++i)
        distinct.insert(backoffDelay(3, milliseconds(100), milliseconds(1000), random).count());
    QVERIFY2(distinct.size() > 10, "delays should spread out");
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
