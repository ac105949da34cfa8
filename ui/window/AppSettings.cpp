#include "AppSettings.h"

namespace edge::ui {

namespace {
const QString LastStoreKey = QStringLiteral("stores/last");
const QString RecentStoresKey = QStringLiteral("stores/recent");
const QString GeometryKey = QStringLiteral("window/geometry");
const QString StateKey = QStringLiteral("window/state");
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

QByteArray AppSettings::pageState(const QString &pageKey) const
{
    // "window/usersPage": the key earlier versions kept the Users page's layout under.
    return m_settings.value(QStringLiteral("window/%1Page").arg(pageKey)).toByteArray();
}

void AppSettings::setPageState(const QString &pageKey, const QByteArray &state)
{
    m_settings.setValue(QStringLiteral("window/%1Page").arg(pageKey), state);
}

void AppSettings::saveWindow(const QByteArray &geometry, const QByteArray &state)
{
    m_settings.setValue(GeometryKey, geometry);
    m_settings.setValue(StateKey, state);
}

} // namespace edge::ui
