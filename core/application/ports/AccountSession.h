#pragma once

#include "application/Backend.h"
#include "application/ConnectionProfile.h"
#include "domain/DomainEvent.h"
#include "domain/User.h"

#include <QCoro/QCoroTask>
#include <QDateTime>
#include <QObject>
#include <QUrl>

#include <memory>
#include <optional>

namespace edge {

// Where a sign-in's token was kept.
enum class TokenPersistence {
    Keychain,   // in the OS keychain: still there next time
    MemoryOnly, // no keychain here: kept until the process ends, never written to disk
};

// What a sign-in gave.
struct SignInResult
{
    User user;                 // who signed in; user.role() decides what the console offers
    QDateTime expiresAt;       // when the token stops working
    TokenPersistence persistence = TokenPersistence::MemoryOnly;
    QString notSavedReason;    // MemoryOnly: why, in words for the user; else empty
};

// Signing in to one Worker (one remote profile). Implemented over HTTP with the token in
// the OS keychain; the UI only sees this interface.
//
// Failures are DomainErrors: UnauthorizedError for a wrong email or password, RateLimited
// after too many attempts, Unavailable when the Worker cannot be reached.
class AccountSession : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual QString profileName() const = 0;
    virtual QUrl baseUrl() const = 0;

    // On success the token is used from now on and kept (keychain, else memory).
    virtual QCoro::Task<SignInResult> login(QString email, QString password) = 0;
    // Signs in with the token kept for this profile, if any, after checking it with the
    // Worker; nullopt when there is none or the Worker refused it (then it is deleted).
    virtual QCoro::Task<std::optional<User>> resume() = 0;
    // Revokes the session on the Worker; the kept token is deleted even when that fails
    // (the failure is rethrown afterwards).
    virtual QCoro::Task<> logout() = 0;

    virtual bool isSignedIn() const = 0;
    virtual std::optional<User> currentUser() const = 0;
    // The signed-in user as the actor of handlers (Services).
    virtual Actor actor() const = 0;
    // The store behind this session; valid as long as the session's client lives.
    virtual std::unique_ptr<Backend> makeBackend() const = 0;

signals:
    void signedIn(const edge::User &user);
    void signedOut();
    // The Worker refused the token (expired or revoked) while signed in: ask for a new
    // sign-in; what the user was doing can be retried afterwards.
    void sessionExpired();
};

// Makes sessions for remote profiles; the composition root owns the one the UI uses.
class AccountSessionFactory : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // A session for this remote profile, not signed in yet, owned by `parent`.
    virtual AccountSession *create(const ConnectionProfile &profile, QObject *parent) = 0;

signals:
    // Emitted once, when tokens fall back to memory for the rest of the run.
    void keychainUnavailable(const QString &reason);
};

} // namespace edge
