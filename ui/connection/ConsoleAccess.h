#pragma once

#include "domain/Role.h"

#include <QString>

#include <optional>

namespace edge::ui {

// What the console offers to whoever is connected (ARCHITECTURE.md's role table). The server
// stays the authority; this only hides or disables what the role cannot do anyway, so
// nobody is invited to press buttons that end in "forbidden".
struct ConsoleAccess
{
    std::optional<Role> role; // nullopt: the embedded store, no sign-in, full access

    static ConsoleAccess embedded() { return {}; }
    static ConsoleAccess forRole(Role role) { return {role}; }

    bool isStaff() const { return role != Role::Learner; }
    bool usersVisible() const { return !role || *role == Role::Admin || *role == Role::Support; }
    bool usersWritable() const { return !role || *role == Role::Admin; }
    bool activityVisible() const { return isStaff(); }
    bool lessonsVisible() const { return isStaff(); }
    bool lessonsWritable() const { return !role || *role == Role::Admin || *role == Role::Editor; }
    bool progressVisible() const { return isStaff(); }
    // Correcting and resetting learners' progress: admins (and the embedded store's owner).
    bool progressWritable() const { return !role || *role == Role::Admin; }
    bool uploadsVisible() const { return isStaff(); }
    // The Worker's AccessPolicy: every staff role may upload (uploads:create); deleting is
    // for support and admins (uploads:delete), not editors.
    bool uploadsWritable() const { return isStaff(); }
    bool uploadsDeletable() const { return !role || *role == Role::Admin || *role == Role::Support; }

    // "Admin"; empty for the embedded store.
    QString roleName() const;
    // Why user management is read-only (for tooltips); empty when it is not.
    QString usersReadOnlyReason() const;
    // For a 403: "Your role (Support) does not allow deleting users."
    QString forbiddenMessage(const QString &action) const;

    bool operator==(const ConsoleAccess &other) const = default;
};

} // namespace edge::ui
