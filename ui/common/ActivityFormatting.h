#pragma once

#include "domain/ActivityEntry.h"

#include <QString>

namespace edge::ui {

// "user.updated" -> "Updated user"; unknown types are shown as they are.
QString activityTypeName(const QString &type);
// What happened, for the Activity table: "Updated user: username, role".
QString describeActivity(const ActivityEntry &entry);
// Which record: "user ada@example.com" (the id when the payload names nothing better).
QString describeSubject(const ActivityEntry &entry);
// Who: the actor's email, "this computer (ada)" for the embedded store's local user.
QString describeActor(const ActivityEntry &entry);

} // namespace edge::ui
