#pragma once

#include "application/users/UserQueries.h"
#include "domain/DomainEvent.h"
#include "domain/User.h"

#include <QCoro/QCoroTask>

#include <optional>

namespace edge {

// Validated changes to a user; unset fields stay as they are.
struct UserChanges
{
    std::optional<Email> email;
    std::optional<QString> username; // already normalised by User::parseUsername
    std::optional<Role> role;
    QString newPassword; // empty: keep the password

    bool isEmpty() const { return !email && !username && !role && newPassword.isEmpty(); }
};

// What an update stored, and which fields it really changed ("email", "username", "role",
// "password"); empty when the changes matched what was stored (then nothing is written).
struct UserUpdateResult
{
    User user;
    QStringList changedFields;
};

// The Scribe for users. Implemented over SQLite (embedded store) and HTTP (the Worker).
// Every call is asynchronous and never blocks the calling (UI) thread. Failures are thrown
// as DomainError subclasses.
//
// Writes are atomic and also record their domain event in the audit trail: the embedded
// store writes the events row in the same transaction as the change (built with
// DomainEvent's factories and the given actor); the Worker records its own.
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
    virtual QCoro::Task<User> insert(User user, QString password, Actor actor) = 0;
    // Applies the changes if the stored version is still baseVersion (version + 1 when
    // anything changed). Throws ConflictError carrying the current User (QVariant) when the
    // version differs (then without field errors) or the new email is taken (field error
    // "email"), NotFoundError when the user is gone.
    virtual QCoro::Task<UserUpdateResult> update(QString id, int baseVersion, UserChanges changes,
                                                 Actor actor) = 0;
    // Deletes the user (their progress goes with them) and returns what was deleted.
    // Throws NotFoundError if there is no such user.
    virtual QCoro::Task<User> remove(QString id, Actor actor) = 0;

    // NotFoundError when the user does not exist.
    virtual QCoro::Task<UserDashboard> dashboard(QString id) = 0;
};

} // namespace edge
