#include "UserRevision.h"

#include "domain/Errors.h"

namespace edge {

ConflictError staleUserConflict(const User &stored, int baseVersion)
{
    return ConflictError(QStringLiteral("%1 was changed by someone else (now version %2, you edited "
                                        "version %3)")
                             .arg(stored.email().value())
                             .arg(stored.version())
                             .arg(baseVersion),
                         {}, QVariant::fromValue(stored));
}

UserRevision reviseUser(const User &stored, const UserChanges &changes)
{
    UserRevision revision{stored, {}};
    if (changes.email && *changes.email != stored.email()) {
        revision.user = revision.user.withEmail(*changes.email);
        revision.changedFields << QStringLiteral("email");
    }
    if (changes.username && *changes.username != stored.username()) {
        revision.user = revision.user.withUsername(*changes.username);
        revision.changedFields << QStringLiteral("username");
    }
    if (changes.role && *changes.role != stored.role()) {
        revision.user = revision.user.withRole(*changes.role);
        revision.changedFields << QStringLiteral("role");
    }
    if (!changes.newPassword.isEmpty())
        revision.changedFields << QStringLiteral("password");
    if (!revision.changedFields.isEmpty())
        revision.user = revision.user.bumped();
    return revision;
}

} // namespace edge
