#pragma once

#include "application/users/UserQueries.h"
#include "application/users/UserRevision.h"
#include "domain/DomainEvent.h"
#include "domain/SignInSession.h"
#include "domain/User.h"

#include <QCoro/QCoroTask>

#include <functional>
#include <optional>

namespace edge {

// An update the handler decided on, for the repository to store.
struct UserWrite
{
    User user;                 // the new state (version already advanced, updated now)
    int expectedVersion = 0;   // stored only if the stored version is still this one
    QStringList changedFields; // "email", "username", "role", "password"
    QString newPassword;       // set when "password" changed: hashed by the store
    DomainEvent event;         // what the change means, recorded with it
    QString currentPassword;   // the Worker checks it when users change their own password
};

// Makes the audit event of a deletion from the record as it was deleted.
using DeletionEvent = std::function<DomainEvent(const User &deleted)>;
// Makes the audit event of ending a user's sessions from how many were ended.
using SessionsEndedEvent = std::function<DomainEvent(int ended)>;

// The Scribe for users: stores and loads, and decides nothing (the handlers own the rules:
// what changed, which version a change is based on, which event it is). Implemented over
// SQLite (embedded store) and HTTP (the Worker). Every call is asynchronous and never
// blocks the calling (UI) thread. Failures are thrown as DomainError subclasses.
//
// Writes are atomic and record the handler's event in the audit trail with the change:
// the embedded store writes the events row in the same transaction; the Worker records its
// own (its handlers follow the same rules). A taken email is refused by the store itself
// (a UNIQUE index), which also settles two writers racing for one address.
class UserRepository
{
public:
    virtual ~UserRepository() = default;

    virtual QCoro::Task<std::optional<User>> findById(QString id) = 0;
    virtual QCoro::Task<std::optional<User>> findByEmail(Email email) = 0;
    virtual QCoro::Task<UserPage> list(UserListQuery query) = 0;
    virtual QCoro::Task<qint64> count(QString search) = 0;

    // Stores a new user with this password (hashed by the store, never kept in clear).
    // Throws ConflictError naming "email" when the email is taken.
    virtual QCoro::Task<User> insert(User user, QString password, DomainEvent event) = 0;
    // Compare-and-swap: stores write.user only if the stored version is still
    // write.expectedVersion, and returns what was stored. Throws ConflictError carrying the
    // current User (QVariant, no field errors) when the version differs, ConflictError
    // naming "email" when the new email is taken, NotFoundError when the user is gone.
    virtual QCoro::Task<User> update(UserWrite write) = 0;
    // Deletes the user (their progress goes with them), records describe(deleted) and
    // returns what was deleted. Throws NotFoundError if there is no such user.
    virtual QCoro::Task<User> remove(QString id, DeletionEvent describe) = 0;

    // NotFoundError when the user does not exist.
    virtual QCoro::Task<UserDashboard> dashboard(QString id) = 0;

    // The user's live sign-in sessions, newest first (none in the embedded store, which has
    // no sign-in). NotFoundError when the user does not exist.
    virtual QCoro::Task<QList<SignInSession>> sessions(QString userId) = 0;
    // Ends every session of the user at once (their tokens stop working and cannot be
    // renewed); records describe(count) when any were ended. Returns how many.
    virtual QCoro::Task<int> endSessions(QString userId, SessionsEndedEvent describe) = 0;
};

} // namespace edge
