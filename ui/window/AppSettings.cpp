#include "AppSettings.h"

namespace edge::ui {

namespace {
const QString LastStoreKey = QStringLiteral("stores/last");
const QString RecentStoresKey = QStringLiteral("stores/recent");
const QString GeometryKey = QStringLiteral("window/geometry");
const QString StateKey = QStringLiteral("window/state");
const QString UsersPageKey = QStringLiteral("window/usersPage");
} // namespace

QString AppSettings::lastStore() const
{
    return m_settings.value(LastStoreKey).toString();
}

void AppSettings::setLastStore(const QString &path)
{
    m_settings.setValue(LastStoreKey, path);
    QStringList recent = recentStores();
    recent.removeAll(path);
    recent.prepend(path);
    m_settings.setValue(RecentStoresKey, recent.mid(0, MaxRecentStores));
}

QStringList AppSettings::recentStores() const
{
    return m_settings.value(RecentStoresKey).toStringList();
}

void AppSettings::clearRecentStores()
{
    m_settings.remove(RecentStoresKey);
}

QByteArray AppSettings::windowGeometry() const
{
    return m_settings.value(GeometryKey).toByteArray();
}

QByteArray AppSettings::windowState() const
{
    return m_settings.value(StateKey).toByteArray();
}

QByteArray AppSettings::usersPageState() const
{
    return m_settings.value(UsersPageKey).toByteArray();
}

void AppSettings::saveWindow(const QByteArray &geometry, const QByteArray &state, const QByteArray &usersPage)
{
    m_settings.setValue(GeometryKey, geometry);
    m_settings.setValue(StateKey, state);
    m_settings.setValue(UsersPageKey, usersPage);
}

} // namespace edge::ui
