// Tokens in a real keychain: gnome-keyring on a private session bus (run-with-keyring.sh).
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

} // namespace

class TestTokenStore final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void keysAreScopedByProfileAndHost_data();
    void keysAreScopedByProfileAndHost();
    void writeReadOverwriteRemove();
    void tokensOfTwoProfilesDoNotCollide();
    void tokenOutlivesTheStore();
    void tokenIsNotInAnyPlainFile();
};

void TestTokenStore::initTestCase()
{
    // Run directly, this would write into the developer's own keyring.
    if (qgetenv("EDGE_TEST_KEYCHAIN") != "available")
        QSKIP("run through tests/remote/run-with-keyring.sh (ctest does)");
}

void TestTokenStore::keysAreScopedByProfileAndHost_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QUrl>("baseUrl");
    QTest::addColumn<QString>("key");

    QTest::newRow("https") << u"work"_s << QUrl(u"https://edge.example.com/api/v1"_s)
                           << u"edge-admin/work@edge.example.com"_s;
    QTest::newRow("host is case-insensitive") << u"work"_s << QUrl(u"https://Edge.Example.COM/api/v1"_s)
                                              << u"edge-admin/work@edge.example.com"_s;
    QTest::newRow("local wrangler keeps the port") << u"dev"_s << QUrl(u"http://127.0.0.1:8787/api/v1"_s)
                                                   << u"edge-admin/dev@127.0.0.1:8787"_s;
}

void TestTokenStore::keysAreScopedByProfileAndHost()
{
    QFETCH(QString, profile);
    QFETCH(QUrl, baseUrl);
    QFETCH(QString, key);
    QCOMPARE(TokenStore::keyFor(profile, baseUrl), key);
}

void TestTokenStore::writeReadOverwriteRemove()
{
    TokenStore store;
    const QString key = TokenStore::keyFor(u"round-trip"_s, QUrl(u"https://a.example/api/v1"_s));

    auto missing = watch(store.read(key));
    QVERIFY(finishes(missing));
    QVERIFY2(missing.succeeded(), qPrintable(missing.describe()));
    QVERIFY(!missing.value().has_value());

    auto written = watch(store.write(key, u"first-token"_s));
    QVERIFY(finishes(written));
    QVERIFY2(written.succeeded(), qPrintable(written.describe()));
    QCOMPARE(written.value(), TokenPersistence::Keychain);
    QVERIFY2(store.available(), qPrintable(store.unavailableReason()));

    auto read = watch(store.read(key));
    QVERIFY(finishes(read));
    QCOMPARE(read.value(), std::optional<QString>(u"first-token"_s));

    auto overwritten = watch(store.write(key, u"second-token"_s));
    QVERIFY(finishes(overwritten));
    auto reread = watch(store.read(key));
    QVERIFY(finishes(reread));
    QCOMPARE(reread.value(), std::optional<QString>(u"second-token"_s));

    auto removed = watch(store.remove(key));
    QVERIFY(finishes(removed));
    QVERIFY2(removed.succeeded(), qPrintable(removed.describe()));
    auto gone = watch(store.read(key));
    QVERIFY(finishes(gone));
    QVERIFY(!gone.value().has_value());

    auto removedAgain = watch(store.remove(key));
    QVERIFY(finishes(removedAgain));
    QVERIFY2(removedAgain.succeeded(), "removing nothing is not an error");
}

void TestTokenStore::tokensOfTwoProfilesDoNotCollide()
{
    TokenStore store;
    const QUrl server(u"https://edge.example.com/api/v1"_s);
    const QString work = TokenStore::keyFor(u"work"_s, server);
    const QString staging = TokenStore::keyFor(u"staging"_s, server);
    const QString workElsewhere = TokenStore::keyFor(u"work"_s, QUrl(u"https://other.example/api/v1"_s));

    for (const auto &[key, token] : {std::pair{work, u"token-work"_s},
                                     std::pair{staging, u"token-staging"_s},
                                     std::pair{workElsewhere, u"token-elsewhere"_s}}) {
        auto written = watch(store.write(key, token));
        QVERIFY(finishes(written));
        QVERIFY2(written.succeeded(), qPrintable(written.describe()));
    }
    auto removed = watch(store.remove(work));
    QVERIFY(finishes(removed));

    auto readWork = watch(store.read(work));
    auto readStaging = watch(store.read(staging));
    auto readElsewhere = watch(store.read(workElsewhere));
    QVERIFY(finishes(readWork) && finishes(readStaging) && finishes(readElsewhere));
    QVERIFY(!readWork.value().has_value());
    QCOMPARE(readStaging.value(), std::optional<QString>(u"token-staging"_s));
    QCOMPARE(readElsewhere.value(), std::optional<QString>(u"token-elsewhere"_s));
}

void TestTokenStore::tokenOutlivesTheStore()
{
    // What "stay signed in" means: the next run (a new store) finds the token.
    const QString key = TokenStore::keyFor(u"persisted"_s, QUrl(u"https://a.example/api/v1"_s));
    {
        TokenStore store;
        auto written = watch(store.write(key, u"kept-token"_s));
        QVERIFY(finishes(written));
        QCOMPARE(written.value(), TokenPersistence::Keychain);
    }
    TokenStore nextRun;
    auto read = watch(nextRun.read(key));
    QVERIFY(finishes(read));
    QCOMPARE(read.value(), std::optional<QString>(u"kept-token"_s));
}

void TestTokenStore::tokenIsNotInAnyPlainFile()
{
    TokenStore store;
    const QString token = u"eyJhbGciOiJIUzI1NiJ9.plain-text-canary.sig"_s;
    auto written = watch(store.write(u"edge-admin/canary@a.example"_s, token));
    QVERIFY(finishes(written));
    QCOMPARE(written.value(), TokenPersistence::Keychain);

    const QString scratch = qEnvironmentVariable("EDGE_TEST_SCRATCH");
    QVERIFY2(fileCount(scratch) > 0, "the keyring files should be there to scan");
    QCOMPARE(filesContaining(scratch, token.toUtf8()), QStringList());
}

QTEST_GUILESS_MAIN(TestTokenStore)
#include "tst_tokenstore.moc"
