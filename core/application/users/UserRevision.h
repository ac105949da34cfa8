#pragma once

#include "domain/User.h"

#include <QStringList>

#include <optional>

namespace edge {

// Validated changes to a user; unset fields stay as they are.
struct UserChanges
{
    std::optional<Email> email;
    std::optional<QString> username; // already normalised by User::parseUsername
    std::optional<Role> role;
    QString newPassword; // empty: keep the password
};

// What applying changes to a stored user gives: the user to store (next version, updated
// now) and which fields really change ("email", "username", "role", "password"); no
// fields when the changes match what is stored (then nothing is to be written).
struct UserRevision
{
    User user;
    QStringList changedFields;
};

// The refusal of an update based on a version that is no longer stored: no field errors
// (that is how callers tell it from a taken email), and the stored record attached.
class ConflictError;
ConflictError staleUserConflict(const User &stored, int baseVersion);

// The update rule of the Commander: compares field by field, so a change that restates the
// stored value is no change.
UserRevision reviseUser(const User &stored, const UserChanges &changes);

} // namespace edge
