#include "Role.h"

#include "Errors.h"

namespace edge {

QString roleToString(Role role)
{
    switch (role) {
    case Role::Admin: return QStringLiteral("admin");
    case Role::Editor: return QStringLiteral("editor");
    case Role::Support: return QStringLiteral("support");
    case Role::Learner: return QStringLiteral("learner");
    }
    return QStringLiteral("learner");
}

std::optional<Role> roleFromString(const QString &text)
{
    const QString wanted = text.trimmed().toLower();
    for (Role role : allRoles()) {
        if (roleToString(role) == wanted)
            return role;
    }
    return std::nullopt;
}

Role parseRole(const QString &text)
{
    if (auto role = roleFromString(text))
        return *role;
    throw ValidationError::field(
        QStringLiteral("role"),
        QStringLiteral("Unknown role \"%1\": use admin, editor, support or learner").arg(text));
}

QString roleDisplayName(Role role)
{
    const QString name = roleToString(role);
    return name.left(1).toUpper() + name.mid(1);
}

QList<Role> allRoles()
{
    return {Role::Admin, Role::Editor, Role::Support, Role::Learner};
}

} // namespace edge
