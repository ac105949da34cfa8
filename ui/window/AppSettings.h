#pragma once

#include <QByteArray>
#include <QSettings>
#include <QStringList>

namespace edge::ui {

// What the console remembers between runs (QSettings of "EdgeAdmin"/"edge-admin"): the
// window's geometry and layout, the last store and the recent ones. Never secrets.
class AppSettings
{
public:
    static constexpr int MaxRecentStores = 8;

    QString lastStore() const;
    // Also moves it to the top of the recent stores.
    void setLastStore(const QString &path);
    QStringList recentStores() const;
    void clearRecentStores();

    QByteArray windowGeometry() const;
    QByteArray windowState() const;
    void saveWindow(const QByteArray &geometry, const QByteArray &state);
    // A page's own layout (its splitter), by the page's key.
    QByteArray pageState(const QString &pageKey) const;
    void setPageState(const QString &pageKey, const QByteArray &state);

private:
    QSettings m_settings;
};

} // namespace edge::ui
