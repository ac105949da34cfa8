// Sign-in sessions against the real Worker (wrangler dev, tokens lasting one minute) and a
// real private keyring: the console renews its token silently, an admin ending a user's
// sessions stops that renewal at once, and changing your own password needs the current one.

#include "TestStore.h"
#include "WorkerServer.h"

#include "application/EventBus.h"
#include "application/Services.h"
#include "domain/Errors.h"
#include "infrastructure/keychain/TokenStore.h"
#include "infrastructure/remote/RemoteSession.h"

#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace edge;
using namespace edge::test;
using edge::keychain::TokenStore;
using edge::remote::RemoteSession;
using namespace std::chrono_literals;

namespace {
const QString AdminEmail = QStringLiteral("sessions-admin@conformance.test");
const QString LearnerPassword = QStringLiteral("learner-password-1");
constexpr int NetworkTimeout = 30000;
} // namespace

class TestSessions final : public QObject
{
    Q_OBJECT

private:
    // A learner made by the admin, signed in with a session of its own.
    struct Learner
    {
        User user;
        std::unique_ptr<RemoteSession> session;
    };
    Learner signedInLearner(const QString &name)
    {
        const User user = await(m_admin->createUser.execute(
            {name + QStringLiteral("@conformance.test"), name, QStringLiteral("learner"), LearnerPassword}));
        auto session = std::make_unique<RemoteSession>(QStringLiteral("learner"), m_server.apiUrl(), nullptr);
        await(session->login(user.email().value(), LearnerPassword));
        return {user, std::move(session)};
    }

    WorkerServer m_server{QStringLiteral(EDGE_WORKER_DIR)};
    QString m_password = QUuid::createUuid().toString(QUuid::Id128);
    EventBus m_bus;
    std::unique_ptr<RemoteSession> m_adminSession;
    std::unique_ptr<Services> m_admin;

private slots:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariable("EDGE_TEST_KEYCHAIN") == QLatin1String("available"),
                 "run through tests/remote/run-with-keyring.sh");
        QCOMPARE(qEnvironmentVariable("TOKEN_TTL_SECONDS"), QStringLiteral("60"));
        QVERIFY2(m_server.start(AdminEmail, m_password), qPrintable(m_server.errorText()));
        QTRY_VERIFY_WITH_TIMEOUT((m_server.probe(), m_server.isHealthy()) || !m_server.isRunning(), 240000);
        QVERIFY2(m_server.isHealthy(), qPrintable(m_server.logTail()));
        m_adminSession = std::make_unique<RemoteSession>(QStringLiteral("admin"), m_server.apiUrl(), nullptr);
        await(m_adminSession->login(AdminEmail, m_password));
        m_admin = std::make_unique<Services>(m_adminSession->makeBackend(), m_bus, m_adminSession->actor());
    }

    void cleanupTestCase()
    {
        m_admin.reset();
        m_adminSession.reset();
        m_server.stop();
    }

    void tokenIsRenewedSilentlyAndKeptInTheKeychain()
    {
        TokenStore tokens;
        RemoteSession session(QStringLiteral("refresh"), m_server.apiUrl(), &tokens);
        session.setRefreshLead(55s); // tokens last 60 s: renewed after about 5 s
        const SignInResult signedIn = await(session.login(AdminEmail, m_password));
        QCOMPARE(signedIn.persistence, TokenPersistence::Keychain);
        const std::optional<QString> first = await(tokens.read(session.tokenKey()));
        QVERIFY(first);

        QSignalSpy renewed(&session, &RemoteSession::tokenRefreshed);
        QSignalSpy expired(&session, &AccountSession::sessionExpired);
        // Renewed after about 5 s; a failed attempt (the Worker briefly unreachable) is tried
        // again 30 s later, which this wait still covers.
        QVERIFY(renewed.wait(2 * NetworkTimeout + 10000));
        QTRY_VERIFY_WITH_TIMEOUT(await(tokens.read(session.tokenKey())) != first, NetworkTimeout);
        QVERIFY(session.tokenExpiresAt() > signedIn.expiresAt);
        QCOMPARE(await(session.me()).email().value(), AdminEmail); // the new token works
        QVERIFY(session.isSignedIn());
        QCOMPARE(expired.size(), 0);
    }

    void endingAUsersSessionsStopsTheirRenewal()
    {
        Learner learner = signedInLearner(QStringLiteral("ended"));
        const QList<SignInSession> live = await(m_admin->userSessions.list(learner.user.id().value()));
        QCOMPARE(live.size(), 1);
        QVERIFY(!live.first().current); // the admin's own session is another one

        QSignalSpy published(&m_bus, &EventBus::published);
        QCOMPARE(await(m_admin->userSessions.endAll(learner.user.id().value())), 1);
        QCOMPARE(published.size(), 1);
        QCOMPARE(published.first().first().value<DomainEvent>().type, QStringLiteral("auth.sessions_revoked"));

        QSignalSpy expired(learner.session.get(), &AccountSession::sessionExpired);
        QVERIFY_THROWS_EXCEPTION(UnauthorizedError, await(learner.session->refresh()));
        QTRY_COMPARE(expired.size(), 1); // reported from the event loop
        QVERIFY(!learner.session->isSignedIn());
        QVERIFY(await(m_admin->userSessions.list(learner.user.id().value())).isEmpty());
    }

    void changingYourOwnPasswordNeedsTheCurrentOne()
    {
        Learner learner = signedInLearner(QStringLiteral("changer"));
        EventBus bus;
        Services own(learner.session->makeBackend(), bus, learner.session->actor());
        UpdateUserCommand change;
        change.id = learner.user.id().value();
        change.baseVersion = learner.user.version();
        change.base = learner.user;
        change.password = QStringLiteral("a-new-password-2");

        try {
            await(own.updateUser.execute(change));
            QFAIL("expected a ValidationError");
        } catch (const ValidationError &error) {
            QVERIFY2(error.fieldErrors().contains(QStringLiteral("currentPassword")), qPrintable(error.message()));
        }
        change.currentPassword = QStringLiteral("not-the-password");
        QVERIFY_THROWS_EXCEPTION(ValidationError, await(own.updateUser.execute(change)));

        change.currentPassword = LearnerPassword;
        QCOMPARE(await(own.updateUser.execute(change)).version(), 2);
        QCOMPARE(await(learner.session->me()).id(), learner.user.id()); // this session goes on
        RemoteSession again(QStringLiteral("again"), m_server.apiUrl(), nullptr);
        QVERIFY_THROWS_EXCEPTION(UnauthorizedError, await(again.login(learner.user.email().value(), LearnerPassword)));
        QCOMPARE(await(again.login(learner.user.email().value(), QStringLiteral("a-new-password-2"))).user.id(),
                 learner.user.id());
    }
};

QTEST_GUILESS_MAIN(TestSessions)
#include "tst_sessions.moc"
