#include "SettingsProfileRepository.h"

#include "domain/Errors.h"

#include <QSettings>

#include <algorithm>

namespace edge {

namespace {

const QString group = QStringLiteral("profiles");
const QString listKey = QStringLiteral("list");
const QString lastUsedKey = QStringLiteral("lastUsed");

QString kindName(ProfileKind kind)
{
    return kind == ProfileKind::Remote ? QStringLiteral("remote") : QStringLiteral("embedded");
}

[[noreturn]] void throwNameTaken(const QString &name)
{
    const QString message = QStringLiteral("Profile name: \u201c%1\u201d is already taken").arg(name);
    throw ConflictError(message, {{QStringLiteral("name"), message}});
}

} // namespace

SettingsProfileRepository::SettingsProfileRepository(QSettings &settings) : m_settings(settings) {}

qsizetype SettingsProfileRepository::indexOf(const QList<ConnectionProfile> &profiles, const QString &name)
{
    const QString wanted = name.trimmed();
    for (qsizetype i = 0; i < profiles.size(); ++i) {
        if (profiles[i].name.compare(wanted, Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

QList<ConnectionProfile> SettingsProfileRepository::load() const
{
    QList<ConnectionProfile> profiles;
    m_settings.beginGroup(group);
    const int size = m_settings.beginReadArray(listKey);
    for (int i = 0; i < size; ++i) {
        m_settings.setArrayIndex(i);
        ConnectionProfile profile;
        profile.name = m_settings.value(QStringLiteral("name")).toString();
        profile.kind = m_settings.value(QStringLiteral("kind")).toString() == QLatin1String("remote")
                           ? ProfileKind::Remote
                           : ProfileKind::Embedded;
        profile.storePath = m_settings.value(QStringLiteral("storePath")).toString();
        profile.baseUrl = QUrl(m_settings.value(QStringLiteral("baseUrl")).toString());
        profile.accountEmail = m_settings.value(QStringLiteral("accountEmail")).toString();
        if (!profile.name.isEmpty()) // a hand-edited file may hold junk; skip it
            profiles.append(profile);
    }
    m_settings.endArray();
    m_settings.endGroup();
    std::sort(profiles.begin(), profiles.end(), [](const auto &a, const auto &b) {
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    return profiles;
}

void SettingsProfileRepository::store(const QList<ConnectionProfile> &profiles, const QString &lastUsed)
{
    m_settings.beginGroup(group);
    m_settings.remove(QString()); // the whole group: no stale array entries survive
    m_settings.beginWriteArray(listKey, int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        const ConnectionProfile &profile = profiles[i];
        m_settings.setArrayIndex(i);
        m_settings.setValue(QStringLiteral("name"), profile.name);
        m_settings.setValue(QStringLiteral("kind"), kindName(profile.kind));
        if (profile.kind == ProfileKind::Embedded) {
            m_settings.setValue(QStringLiteral("storePath"), profile.storePath);
        } else {
            m_settings.setValue(QStringLiteral("baseUrl"), profile.baseUrl.toString(QUrl::FullyEncoded));
            if (!profile.accountEmail.isEmpty())
                m_settings.setValue(QStringLiteral("accountEmail"), profile.accountEmail);
        }
    }
    m_settings.endArray();
    if (!lastUsed.isEmpty())
        m_settings.setValue(lastUsedKey, lastUsed);
    m_settings.endGroup();

    // Written now, so a failure is reported to whoever made the change.
    m_settings.sync();
    if (m_settings.status() != QSettings::NoError)
        throw StoreError(QStringLiteral("Could not save connection profiles to %1")
                             .arg(m_settings.fileName()));
}

QString SettingsProfileRepository::lastUsedName() const
{
    return m_settings.value(group + QLatin1Char('/') + lastUsedKey).toString();
}

QList<ConnectionProfile> SettingsProfileRepository::list() const
{
    return load();
}

std::optional<ConnectionProfile> SettingsProfileRepository::find(const QString &name) const
{
    const QList<ConnectionProfile> profiles = load();
    const qsizetype index = indexOf(profiles, name);
    return index < 0 ? std::nullopt : std::optional(profiles[index]);
}

void SettingsProfileRepository::add(const ConnectionProfile &profile)
{
    profile.validate();
    const ConnectionProfile normalized = profile.normalized();
    QList<ConnectionProfile> profiles = load();
    if (indexOf(profiles, normalized.name) >= 0)
        throwNameTaken(normalized.name);
    profiles.append(normalized);
    store(profiles, lastUsedName());
}

void SettingsProfileRepository::update(const QString &name, const ConnectionProfile &profile)
{
    profile.validate();
    const ConnectionProfile normalized = profile.normalized();
    QList<ConnectionProfile> profiles = load();
    const qsizetype index = indexOf(profiles, name);
    if (index < 0)
        throw NotFoundError(QStringLiteral("Connection profile"), name);
    const qsizetype clash = indexOf(profiles, normalized.name);
    if (clash >= 0 && clash != index)
        throwNameTaken(normalized.name);

    QString lastUsed = lastUsedName();
    if (lastUsed.compare(profiles[index].name, Qt::CaseInsensitive) == 0)
        lastUsed = normalized.name; // a rename keeps it the last used
    profiles[index] = normalized;
    store(profiles, lastUsed);
}

void SettingsProfileRepository::remove(const QString &name)
{
    QList<ConnectionProfile> profiles = load();
    const qsizetype index = indexOf(profiles, name);
    if (index < 0)
        throw NotFoundError(QStringLiteral("Connection profile"), name);
    QString lastUsed = lastUsedName();
    if (lastUsed.compare(profiles[index].name, Qt::CaseInsensitive) == 0)
        lastUsed.clear();
    profiles.removeAt(index);
    store(profiles, lastUsed);
}

std::optional<ConnectionProfile> SettingsProfileRepository::lastUsed() const
{
    const QString name = lastUsedName();
    return name.isEmpty() ? std::nullopt : find(name);
}

void SettingsProfileRepository::setLastUsed(const QString &name)
{
    const std::optional<ConnectionProfile> profile = find(name);
    if (!profile)
        throw NotFoundError(QStringLiteral("Connection profile"), name);
    store(load(), profile->name);
}

} // namespace edge
