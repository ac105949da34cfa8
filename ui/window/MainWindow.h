#pragma once

#include "infrastructure/EmbeddedStore.h"
#include "window/AppSettings.h"

#include <QMainWindow>

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QProgressBar;
class QStackedWidget;

namespace edge::ui {

class StoreSession;
class UsersPage;

// The console's frame: navigation between the pages, the File menu (new, open, recent
// stores, quit) and a status bar naming the open store. Opening runs asynchronously; a store
// that fails to open is reported and the previous one stays open.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(StoreSession &session, QWidget *parent = nullptr);

    // `edge-admin [STORE_FILE]`: the given file (a path or a file:// URL, as file managers
    // pass it), else the last store used, else the default store (created if missing).
    void openInitialStore(const QString &fromCommandLine);
    void openStore(const QString &path, OpenMode mode);

    UsersPage *usersPage() const { return m_usersPage; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void buildPages();
    void buildStatusBar();
    void restoreWindow();
    void chooseStoreToOpen();
    void chooseNewStore();
    void onOpeningStarted(const QString &path);
    void onOpened();
    void onOpenFailed(const QString &path, const QString &message);
    void showOpenStore();
    void updateRecentMenu();
    QString startDirectory() const;

    StoreSession &m_session;
    AppSettings m_settings;

    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    UsersPage *m_usersPage = nullptr;
    QLabel *m_storeLabel = nullptr;
    QProgressBar *m_openingIndicator = nullptr;
    QAction *m_newStoreAction = nullptr;
    QAction *m_openStoreAction = nullptr;
    QMenu *m_recentMenu = nullptr;
};

} // namespace edge::ui
