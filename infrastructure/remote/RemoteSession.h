#pragma once

#include "application/ports/AccountSession.h"
#include "infrastructure/keychain/TokenStore.h"

#include <QCoro/QCoroTask>
#include <QDateTime>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>

namespace edge::remote {

class WorkerClient;
struct WorkerClientOptions;

// Signing in to one Worker (one remote profile): the AuthService of remote mode. Owns the
// WorkerClient every RemoteBackend made from it shares, keeps the token in the TokenStore
// under TokenStore::keyFor(profileName, baseUrl), and knows the signed-in user and role.
// Tokens are short-lived; while signed in, the session gets a new one from the Worker
// (POST /auth/refresh) shortly before the current one expires, silently, for as long as the
// Worker's session lives. A revoked session makes that refresh fail: sessionExpired().
//
// Failures are DomainErrors: UnauthorizedError for a wrong email or password, RateLimited
// after too many attempts, Unavailable when the Worker cannot be reached.
class RemoteSession final : public AccountSession
{
    Q_OBJECT
public:
    // `tokens` may be null: then nothing is persisted (tests, one-shot tools).
    RemoteSession(QString profileName, QUrl baseUrl, keychain::TokenStore *tokens, QObject *parent = nullptr);
    RemoteSession(QString profileName, QUrl baseUrl, keychain::TokenStore *tokens, const WorkerClientOptions &options,
                  QObject *parent = nullptr);
    ~RemoteSession() override;

    QString profileName() const override { return m_profileName; }
    QUrl baseUrl() const override;
    QString tokenKey() const; // TokenStore::keyFor(profileName, baseUrl)

    // POST /auth/login; on success the token is used from now on and stored.
    QCoro::Task<SignInResult> login(QString email, QString password) override;
    // Signs in with the token stored for this profile, if any, checking it with GET
    // /auth/me. nullopt when there is none or the Worker refused it (then it is deleted).
    QCoro::Task<std::optional<User>> resume() override;
    // For one-shot tools (the CLI): uses the stored token without asking the Worker first,
    // which saves GET /auth/me, a round trip on every command. Only what the token says of
    // itself is checked here (its expiry); the Worker checks its signature and session with
    // the first request, and a refused token is then that request's UnauthorizedError.
    // The actor is the token's (its user id and email); the session holds no user and does
    // not refresh. nullopt when no token is stored, or it has expired (then it is deleted).
    QCoro::Task<std::optional<Actor>> resumeUnchecked();
    // GET /auth/me: the signed-in user as the Worker knows them now (role changes included).
    QCoro::Task<User> me();
    // POST /auth/logout revokes the session on the Worker; the stored token is deleted even
    // when that fails (the failure is rethrown afterwards). An already invalid token is fine.
    QCoro::Task<> logout() override;

    bool isSignedIn() const override { return m_user.has_value(); }
    std::optional<User> currentUser() const override { return m_user; }
    std::optional<Role> role() const;
    // The signed-in user as the actor of handlers (Services): id and email.
    Actor actor() const override;

    // A Backend over this session's client; valid as long as the client (shared) lives.
    std::unique_ptr<Backend> makeBackend() const override;
    WorkerClient &client() { return *m_client; }

    // When the token in use stops working (from the Worker's answer or the token itself).
    QDateTime tokenExpiresAt() const { return m_expiresAt; }
    // How long before expiry the token is renewed (at most 90% of the time left). Default 5 min.
    void setRefreshLead(std::chrono::seconds lead) { m_refreshLead = lead; }
    // Renews the token now (the timer does this by itself). UnauthorizedError when the
    // Worker's session is over (then sessionExpired() has been emitted).
    QCoro::Task<> refresh();

signals:
    // A new token is in use (and kept in the keychain).
    void tokenRefreshed(const QDateTime &expiresAt);

private:
    void adopt(const QString &token, const User &user, const QDateTime &expiresAt);
    void forget();
    void scheduleRefresh();
    void refreshFromTimer();

    QString m_profileName;
    std::shared_ptr<WorkerClient> m_client;
    keychain::TokenStore *m_tokens;
    std::optional<User> m_user;
    QDateTime m_expiresAt;
    QTimer m_refreshTimer;
    std::chrono::seconds m_refreshLead{std::chrono::minutes(5)};
};

// Makes RemoteSessions whose tokens live in one TokenStore (the OS keychain).
class RemoteSessionFactory final : public AccountSessionFactory
{
    Q_OBJECT
public:
    explicit RemoteSessionFactory(keychain::TokenStore &tokens, QObject *parent = nullptr);
    AccountSession *create(const ConnectionProfile &profile, QObject *parent) override;

private:
    keychain::TokenStore &m_tokens;
};

} // namespace edge::remote
