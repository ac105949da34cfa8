#pragma once

#include "domain/User.h"

#include <QString>

#include <optional>

namespace edge {

struct CreateUserCommand
{
    QString email;
    QString username;
    QString role;
    QString password;
};

// Only the fields that are set change. baseVersion is the version the caller saw; if the
// store holds another, the update is refused with a ConflictError (nothing changes).
// `base` is the record as the caller saw it at baseVersion (an edit dialog has it): with
// it, nothing is read before the write; without it, the handler reads the stored record.
struct UpdateUserCommand
{
    QString id;
    int baseVersion = 0;
    std::optional<QString> email = std::nullopt;
    std::optional<QString> username = std::nullopt;
    std::optional<QString> role = std::nullopt;
    std::optional<QString> password = std::nullopt;
    std::optional<User> base = std::nullopt;
    // Changing your own password on a Worker needs the current one (a stolen sign-in must not
    // be enough to take the account over); admins resetting someone else's do not give it.
    std::optional<QString> currentPassword = std::nullopt;
};

struct DeleteUserCommand
{
    QString id;
};

} // namespace edge
