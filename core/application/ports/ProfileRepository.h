#pragma once

#include "application/ConnectionProfile.h"

#include <QList>

#include <optional>

namespace edge {

// Connection profiles and the last one used. Keeps what ConnectionProfile holds and nothing
// else: never a token or password. Names are unique regardless of case.
//
// Failures: ValidationError for an invalid profile, ConflictError naming "name" for a taken
// name, NotFoundError for an unknown one, StoreError when the profiles cannot be written.
class ProfileRepository
{
public:
    virtual ~ProfileRepository() = default;

    virtual QList<ConnectionProfile> list() const = 0; // sorted by name
    virtual std::optional<ConnectionProfile> find(const QString &name) const = 0;

    virtual void add(const ConnectionProfile &profile) = 0;
    // Replaces the profile called `name`; the new one may carry another name (rename).
    virtual void update(const QString &name, const ConnectionProfile &profile) = 0;
    virtual void remove(const QString &name) = 0;

    // The profile to offer first at the next start; nullopt if none or it was removed.
    virtual std::optional<ConnectionProfile> lastUsed() const = 0;
    virtual void setLastUsed(const QString &name) = 0;
};

} // namespace edge
