// No keychain to be had (run-without-keychain.sh): say so, keep the token in memory, write
// nothing to disk.
#include "FileScan.h"
#include "TaskWatcher.h"
#include "infrastructure/keychain/TokenStore.h"

#include <QSignalSpy>
#include <QTest>

using namespace edge;
using namespace edge::remote;
using namespace edge::keychain;
using namespace edge::remote::test;
using namespace Qt::Literals::StringLiterals;

namespace {

template<typename T>
bool finishes(const TaskWatcher<T> &watcher)
{
    return QTest::qWaitFor([&] { return watcher.isDone(); }, 10000);
}

const QString key = u"edge-admin/work@edge.example.com"_s;

} // namespace

class TestTokenStoreWithoutKeychain final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void writeKeepsTokenInMemoryAndSaysSo();
    void memoryIsPerRun();
    void tokenNeverReachesDisk();
};

void TestTokenStoreWithoutKeychain::initTestCase()
{
    if (qgetenv("EDGE_TEST_KEYCHAIN") != "unavailable")
        QSKIP("run through tests/remote/run-without-keychain.sh (ctest does)");
}

void TestTokenStoreWithoutKeychain::writeKeepsTokenInMemoryAndSaysSo()
{
    TokenStore store;
    QSignalSpy unavailable(&store, &TokenStore::keychainUnavailable);

    auto written = watch(store.write(key, u"token-1"_s));
    QVERIFY(finishes(written));
    QVERIFY2(written.succeeded(), qPrintable(written.describe()));
    QCOMPARE(written.value(), TokenPersistence::MemoryOnly);
    QVERIFY(!store.available());
    QVERIFY2(store.unavailableReason().contains(u"No keychain"_s), qPrintable(store.unavailableReason()));
    QCOMPARE(unavailable.count(), 1);
    QCOMPARE(unavailable.first().first().toString(), store.unavailableReason());

    auto read = watch(store.read(key));
    QVERIFY(finishes(read));
    QCOMPARE(read.value(), std::optional<QString>(u"token-1"_s));

    auto overwritten = watch(store.write(key, u"token-2"_s));
    QVERIFY(finishes(overwritten));
    QCOMPARE(overwritten.value(), TokenPersistence::MemoryOnly);
    auto other = watch(store.read(u"edge-admin/staging@edge.example.com"_s));
    QVERIFY(finishes(other));
    QVERIFY(!other.value().has_value());

    auto removed = watch(store.remove(key));
    QVERIFY(finishes(removed));
    auto gone = watch(store.read(key));
    QVERIFY(finishes(gone));
    QVERIFY(!gone.value().has_value());
    QCOMPARE(unavailable.count(), 1); // said once, not on every call
}

void TestTokenStoreWithoutKeychain::memoryIsPerRun()
{
    {
        TokenStore thisRun;
        auto written = watch(thisRun.write(key, u"short-lived"_s));
        QVERIFY(finishes(written));
        QCOMPARE(written.value(), TokenPersistence::MemoryOnly);
    }
    TokenStore nextRun;
    auto read = watch(nextRun.read(key));
    QVERIFY(finishes(read));
    QVERIFY2(read.succeeded(), qPrintable(read.describe()));
    QVERIFY2(!read.value().has_value(), "nothing survives the store: it was never saved");
    QVERIFY(!nextRun.available());
}

void TestTokenStoreWithoutKeychain::tokenNeverReachesDisk()
{
    TokenStore store;
    const QString token = u"eyJhbGciOiJIUzI1NiJ9.memory-only-canary.sig"_s;
    auto written = watch(store.write(key, token));
    QVERIFY(finishes(written));
    QCOMPARE(written.value(), TokenPersistence::MemoryOnly);

    const QString scratch = qEnvironmentVariable("EDGE_TEST_SCRATCH");
    QVERIFY(!scratch.isEmpty());
    QCOMPARE(filesContaining(scratch, token.toUtf8()), QStringList());
    QCOMPARE(filesContaining(QDir::currentPath(), token.toUtf8()), QStringList());
}

QTEST_GUILESS_MAIN(TestTokenStoreWithoutKeychain)
#include "tst_tokenstorewithoutkeychain.moc"
