#pragma once

#include "application/ports/ProfileRepository.h"

class QSettings;

namespace edge {

// Connection profiles kept in QSettings (group "profiles").
class SettingsProfileRepository final : public ProfileRepository
{
public:
    // The settings object outlives the repository; the app passes its own, tests a file.
    explicit SettingsProfileRepository(QSettings &settings);

    QList<ConnectionProfile> list() const override;
    std::optional<ConnectionProfile> find(const QString &name) const override;
    void add(const ConnectionProfile &profile) override;
    void update(const QString &name, const ConnectionProfile &profile) override;
    void remove(const QString &name) override;
    std::optional<ConnectionProfile> lastUsed() const override;
    void setLastUsed(const QString &name) override;

private:
    QList<ConnectionProfile> load() const;
    void store(const QList<ConnectionProfile> &profiles, const QString &lastUsed);
    QString lastUsedName() const;
    static qsizetype indexOf(const QList<ConnectionProfile> &profiles, const QString &name);

    QSettings &m_settings;
};

} // namespace edge
