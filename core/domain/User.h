#pragma once

#include "Email.h"
#include "Role.h"
#include "UserId.h"

#include <QDateTime>
#include <QMetaType>

namespace edge {

// A person with an account. Immutable: changes make a new value, so a User read by the
// UI can be compared with what the store holds now (edit conflicts).
class User
{
public:
    static constexpr int UsernameMinLength = 2;
    static constexpr int UsernameMaxLength = 64;
    static constexpr int PasswordMinLength = 8;
    static constexpr int PasswordMaxLength = 256;

    // An empty placeholder (no id): only so QVariant::value<User>() and containers can
    // default-construct one. Real users come from create() and reconstitute().
    User() = default;

    // A new user with a fresh id, version 1, created and updated now.
    static User create(Email email, const QString &username, Role role);
    static User reconstitute(UserId id, Email email, QString username, Role role, int version,
                             QDateTime createdAt, QDateTime updatedAt);

    // Throw ValidationError naming the field; return the normalised value.
    static QString parseUsername(const QString &text);
    static void checkPassword(const QString &password);
    // Empty when valid, otherwise the problem (for inline messages while typing).
    static QString usernameProblem(const QString &text);
    static QString passwordProblem(const QString &password);

    const UserId &id() const { return m_id; }
    const Email &email() const { return m_email; }
    const QString &username() const { return m_username; }
    Role role() const { return m_role; }
    int version() const { return m_version; }
    const QDateTime &createdAt() const { return m_createdAt; }
    const QDateTime &updatedAt() const { return m_updatedAt; }

    User withEmail(Email email) const;
    User withUsername(const QString &username) const;
    User withRole(Role role) const;
    // The stored result of an update: next version, updated now.
    User bumped() const;

    bool operator==(const User &other) const = default;

private:
    UserId m_id = UserId::fromString({});
    Email m_email = Email::fromTrusted({});
    QString m_username;
    Role m_role = Role::Learner;
    int m_version = 1;
    QDateTime m_createdAt;
    QDateTime m_updatedAt;
};

} // namespace edge

Q_DECLARE_METATYPE(edge::User)
