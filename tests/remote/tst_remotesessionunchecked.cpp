// RemoteSession::resumeUnchecked, what the CLI signs in with: the stored token is used without
// a request to the Worker (no GET /auth/me), the actor is the token's own, and an expired token
// is deleted instead of sent. A real keychain (run-with-keyring.sh) and the scripted server.
#include "ClientOptions.h"
#include "FakeHttpServer.h"
#include "TaskWatcher.h"
#include "infrastructure/keychain/TokenStore.h"
#include "application/Backend.h"
#include "infrastructure/remote/RemoteSession.h"
#include "infrastructure/remote/WorkerClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace edge;
using namespace edge::remote;
using namespace edge::remote::test;
using namespace std::chrono_literals;
using namespace Qt::Literals::StringLiterals;

namespace {

const QString TokenUserId = u"0b6f3c1e-8f5a-4c1d-9e2b-7a4d5c6e8f90"_s;

// A token shaped as the Worker's (header.claims.signature); the signature is not read here.
QString tokenExpiringAt(const QDateTime &expiry)
{
    const QJsonObject claims{{u"sub"_s, TokenUserId},
                             {u"sid"_s, u"session-1"_s},
                             {u"role"_s, u"admin"_s},
                             {u"email"_s, u"ada@example.test"_s},
                             {u"iat"_s, expiry.toSecsSinceEpoch() - 3600},
                             {u"exp"_s, expiry.toSecsSinceEpoch()}};
    const auto part = [](const QByteArray &bytes) {
        return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    };
    return part("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + u'.' + part(QJsonDocument(claims).toJson(QJsonDocument::Compact))
           + u'.' + part("signature");
}

template<typename T>
bool finishes(const TaskWatcher<T> &watcher)
{
    return QTest::qWaitFor([&] { return watcher.isDone(); }, 10000);
}

} // namespace

class TestRemoteSessionUnchecked final : public QObject
{
    Q_OBJECT

private:
    FakeHttpServer *m_server = nullptr;
    std::unique_ptr<keychain::TokenStore> m_tokens;
    std::unique_ptr<RemoteSession> m_session;

    void store(const QString &token)
    {
        auto written = watch(m_tokens->write(m_session->tokenKey(), token));
        QVERIFY(finishes(written));
        QVERIFY2(written.succeeded(), qPrintable(written.describe()));
        QCOMPARE(written.value(), TokenPersistence::Keychain);
    }

    std::optional<QString> stored()
    {
        auto read = watch(m_tokens->read(m_session->tokenKey()));
        if (!finishes(read) || !read.succeeded())
            qFatal("the keychain did not answer");
        return read.value();
    }

private slots:
    void initTestCase()
    {
        if (qgetenv("EDGE_TEST_KEYCHAIN") != "available")
            QSKIP("run through tests/remote/run-with-keyring.sh (ctest does)");
    }

    void init()
    {
        m_server = new FakeHttpServer(this);
        m_tokens = std::make_unique<keychain::TokenStore>(u"edge-admin-test"_s);
        m_session = std::make_unique<RemoteSession>(u"cli"_s, m_server->url(u"/api/v1"_s), m_tokens.get(),
                                                    testClientOptions(2s, 5s));
    }

    void cleanup()
    {
        m_session.reset();
        m_tokens.reset();
        delete m_server;
        m_server = nullptr;
    }

    void theStoredTokenIsUsedWithoutAskingTheWorker()
    {
        const QString token = tokenExpiringAt(QDateTime::currentDateTimeUtc().addSecs(3600));
        store(token);
        auto resumed = watch(m_session->resumeUnchecked());
        QVERIFY(finishes(resumed));
        QVERIFY2(resumed.succeeded(), qPrintable(resumed.describe()));
        QVERIFY(resumed.value());
        QCOMPARE(resumed.value()->id, TokenUserId);
        QCOMPARE(resumed.value()->label, u"ada@example.test"_s);
        QCOMPARE(m_server->requests().size(), 0); // no GET /auth/me

        // The first request is the command's own, with the stored token.
        const QJsonObject envelope{{u"success"_s, true},
                                   {u"data"_s, QJsonArray{}},
                                   {u"pagination"_s, QJsonObject{{u"page"_s, 1}, {u"pageSize"_s, 50},
                                                                 {u"total"_s, 0}, {u"totalPages"_s, 0}}}};
        m_server->enqueue(ScriptedResponse::raw(200, "OK", QJsonDocument(envelope).toJson()));
        const std::unique_ptr<Backend> backend = m_session->makeBackend();
        auto listed = watch(backend->users().list(UserListQuery{}));
        QVERIFY(finishes(listed));
        QVERIFY2(listed.succeeded(), qPrintable(listed.describe()));
        QCOMPARE(m_server->requests().size(), 1);
        QVERIFY2(m_server->requests().first().target.startsWith("/api/v1/users?"), m_server->requests().first().target.constData());
        QCOMPARE(m_server->requests().first().headers.value("authorization"), "Bearer " + token.toUtf8());
    }

    void anExpiredTokenIsDeletedAndNotSent()
    {
        store(tokenExpiringAt(QDateTime::currentDateTimeUtc().addSecs(-60)));
        auto resumed = watch(m_session->resumeUnchecked());
        QVERIFY(finishes(resumed));
        QVERIFY2(resumed.succeeded(), qPrintable(resumed.describe()));
        QVERIFY(!resumed.value());
        QVERIFY(!stored());
        QCOMPARE(m_server->requests().size(), 0);
    }

    void noStoredTokenIsNoSignIn()
    {
        auto resumed = watch(m_session->resumeUnchecked());
        QVERIFY(finishes(resumed));
        QVERIFY2(resumed.succeeded(), qPrintable(resumed.describe()));
        QVERIFY(!resumed.value());
        QCOMPARE(m_server->requests().size(), 0);
    }

    void somethingThatIsNotATokenIsDeleted()
    {
        store(u"not-a-jwt"_s);
        auto resumed = watch(m_session->resumeUnchecked());
        QVERIFY(finishes(resumed));
        QVERIFY(resumed.succeeded());
        QVERIFY(!resumed.value());
        QVERIFY(!stored());
    }
};

QTEST_GUILESS_MAIN(TestRemoteSessionUnchecked)
#include "tst_remotesessionunchecked.moc"
