#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace edge {

// Who someone is on the platform; decides what they may do (DESIGN.md's role table).
enum class Role { Admin, Editor, Support, Learner };

QString roleToString(Role role);                         // "admin", as stored and sent
std::optional<Role> roleFromString(const QString &text); // case-insensitive, trimmed
Role parseRole(const QString &text);                     // throws ValidationError naming "role"
QString roleDisplayName(Role role);                      // "Admin", for people
QList<Role> allRoles();

} // namespace edge
