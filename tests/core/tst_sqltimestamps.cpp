// The store's timestamps are read back as the instants they were written, whether in the
// store's own form (read directly, for speed) or in another ISO 8601 form a hand-edited or
// imported row may hold.

#include "infrastructure/sqlite/SqlTimestamps.h"

#include <QTest>
#include <QTimeZone>

using namespace edge;

class TestSqlTimestamps final : public QObject
{
    Q_OBJECT

private slots:
    void readsWhatWasWritten_data()
    {
        QTest::addColumn<QDateTime>("written");
        QTest::newRow("epoch") << QDateTime(QDate(1970, 1, 1), QTime(0, 0), Qt::UTC);
        QTest::newRow("leap day, last millisecond")
            << QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59, 999), Qt::UTC);
        QTest::newRow("from another zone") << QDateTime(QDate(2026, 11, 27), QTime(9, 5, 7, 42), QTimeZone(3600 * 5));
    }

    void readsWhatWasWritten()
    {
        QFETCH(QDateTime, written);
        const QString stored = toStoreTimestamp(written);
        QCOMPARE(stored.size(), 24);
        const QDateTime read = fromStoreTimestamp(stored);
        QCOMPARE(read, written);
        QCOMPARE(read.timeSpec(), Qt::UTC);
        QCOMPARE(read.toString(Qt::ISODateWithMs), stored);
    }

    void readsOtherIsoFormsAsTheSameInstant_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("instant");
        const QDateTime noon(QDate(2026, 1, 31), QTime(12, 0), Qt::UTC);
        QTest::newRow("no milliseconds") << QStringLiteral("2026-01-31T12:00:00Z") << noon;
        QTest::newRow("offset") << QStringLiteral("2026-01-31T13:00:00.000+01:00") << noon;
    }

    void readsOtherIsoFormsAsTheSameInstant()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, instant);
        QCOMPARE(fromStoreTimestamp(text), instant);
        QCOMPARE(fromStoreTimestamp(text).timeSpec(), Qt::UTC);
    }

    void nothingOrNonsenseIsNoTime_data()
    {
        QTest::addColumn<QVariant>("value");
        QTest::newRow("NULL") << QVariant();
        QTest::newRow("empty") << QVariant(QString());
        QTest::newRow("31 February") << QVariant(QStringLiteral("2026-02-31T12:00:00.000Z"));
        QTest::newRow("letters") << QVariant(QStringLiteral("2026-0a-31T12:00:00.000Z"));
        QTest::newRow("words") << QVariant(QStringLiteral("yesterday at noon"));
    }

    void nothingOrNonsenseIsNoTime()
    {
        QFETCH(QVariant, value);
        QVERIFY(!fromStoreTimestamp(value).isValid());
    }
};

QTEST_GUILESS_MAIN(TestSqlTimestamps)
#include "tst_sqltimestamps.moc"
