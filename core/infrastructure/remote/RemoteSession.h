#pragma once

#include "TokenStore.h"
#include "domain/DomainEvent.h"
#include "domain/User.h"

#include <QCoro/QCoroTask>
#include <QDateTime>
#include <QObject>
#include <QUrl>

#include <memory>
#include <optional>

namespace edge {
class Backend;
}

namespace edge::remote {

class WorkerClient;
struct WorkerClientOptions;

// What a sign-in gave.
struct SignInResult
{
    User user;                 // who signed in; user.role() decides what the console offers
    QDateTime expiresAt;       // when the token stops working (then: sign in again)
    TokenPersistence persistence = TokenPersistence::MemoryOnly;
    QString notSavedReason;    // MemoryOnly: why, in words for the user; else empty
};

// Signing in to one Worker (one remote profile): the AuthService of remote mode. Owns the
// WorkerClient every RemoteBackend made from it shares, keeps the token in the TokenStore
// under TokenStore::keyFor(profileName, baseUrl), and knows the signed-in user and role.
//
// Failures are DomainErrors: UnauthorizedError for a wrong email or password, RateLimited
// after too many attempts, Unavailable when the Worker cannot be reached.
class RemoteSession final : public QObject
{
    Q_OBJECT
public:
    // `tokens` may be null: then nothing is persisted (tests, one-shot tools).
    RemoteSession(QString profileName, QUrl baseUrl, TokenStore *tokens, QObject *parent = nullptr);
    RemoteSession(QString profileName, QUrl baseUrl, TokenStore *tokens, const WorkerClientOptions &options,
                  QObject *parent = nullptr);
    ~RemoteSession() override;

    const QString &profileName() const { return m_profileName; }
    QUrl baseUrl() const;
    QString tokenKey() const; // TokenStore::keyFor(profileName, baseUrl)

    // POST /auth/login; on success the token is used from now on and stored.
    QCoro::Task<SignInResult> login(QString email, QString password);
    // Signs in with the token stored for this profile, if any, checking it with GET
    // /auth/me. nullopt when there is none or the Worker refused it (then it is deleted).
    QCoro::Task<std::optional<User>> resume();
    // GET /auth/me: the signed-in user as the Worker knows them now (role changes included).
    QCoro::Task<User> me();
    // POST /auth/logout revokes the session on the Worker; the stored token is deleted even
    // when that fails (the failure is rethrown afterwards). An already invalid token is fine.
    QCoro::Task<> logout();

    bool isSignedIn() const { return m_user.has_value(); }
    const std::optional<User> &currentUser() const { return m_user; }
    std::optional<Role> role() const;
    // The signed-in user as the actor of handlers (Services): id and email.
    Actor actor() const;

    // A Backend over this session's client; valid as long as the client (shared) lives.
    std::unique_ptr<Backend> makeBackend() const;
    WorkerClient &client() { return *m_client; }

signals:
    void signedIn(const edge::User &user);
    void signedOut();
    // The Worker refused the token (expired or revoked) while signed in: ask for a new
    // sign-in; what the user was doing can be retried afterwards.
    void sessionExpired();

private:
    void adopt(const QString &token, const User &user);
    void forget();

    QString m_profileName;
    std::shared_ptr<WorkerClient> m_client;
    TokenStore *m_tokens;
    std::optional<User> m_user;
};

} // namespace edge::remote
