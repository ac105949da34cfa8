#pragma once

#include "ConnectionProfile.h"

#include <QList>

#include <optional>

class QSettings;

namespace edge::remote {

// Connection profiles and the last one used, kept in QSettings (group "profiles"). Stores
// what ConnectionProfile holds and nothing else: never a token or password. Names are
// unique regardless of case (settings backends such as the Windows registry ignore case).
//
// Failures: ValidationError for an invalid profile, ConflictError naming "name" for a taken
// name, NotFoundError for an unknown one, StoreError when the settings cannot be written.
class ProfileRepository
{
public:
    // The settings object outlives the repository; the app passes its own, tests a file.
    explicit ProfileRepository(QSettings &settings);

    QList<ConnectionProfile> list() const; // sorted by name
    std::optional<ConnectionProfile> find(const QString &name) const;

    void add(const ConnectionProfile &profile);
    // Replaces the profile called `name`; the new one may carry another name (rename).
    void update(const QString &name, const ConnectionProfile &profile);
    void remove(const QString &name);

    // The profile to offer first at the next start; nullopt if none or it was removed.
    std::optional<ConnectionProfile> lastUsed() const;
    void setLastUsed(const QString &name);

private:
    QList<ConnectionProfile> load() const;
    void store(const QList<ConnectionProfile> &profiles, const QString &lastUsed);
    QString lastUsedName() const;
    static qsizetype indexOf(const QList<ConnectionProfile> &profiles, const QString &name);

    QSettings &m_settings;
};

} // namespace edge::remote
