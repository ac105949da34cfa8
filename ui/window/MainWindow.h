#pragma once

#include "application/ports/ConsolePorts.h"
#include "window/AppSettings.h"

#include <QMainWindow>

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QProgressBar;
class QStackedWidget;

namespace edge::ui {

class ActivityPage;
class ConnectionController;
class ConsolePage;
class NoticeBar;
class StoreSession;
class UsersPage;
struct ConsoleAccess;

// The console's frame: navigation between the pages, the File menu (connect, sign out, new,
// open, recent stores, quit), and a title, status bar and badge that always name the store
// and the account in use. Opening runs asynchronously; a store that fails to open is
// reported and the previous one stays open. Connections and sign-ins are the
// ConnectionController's; the window shows what the signed-in role may use.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    // `ports` (store files, Worker sign-in, profiles) outlive the window.
    MainWindow(StoreSession &session, ConsolePorts ports, QWidget *parent = nullptr);

    // `edge-admin [STORE_FILE]`: the given file (a path or a file:// URL, as file managers
    // pass it), else the last store used, else the default store (created if missing).
    void openInitialStore(const QString &fromCommandLine);
    void openStore(const QString &path, OpenMode mode);

    // The pages in navigation order.
    const QList<ConsolePage *> &pages() const { return m_pages; }
    ActivityPage *activityPage() const;
    ConnectionController &connection() const { return *m_connection; }
    // Shows the pages and actions this role may use (called on every change of sign-in).
    void applyAccess(const ConsoleAccess &access);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void buildPages();
    void addPage(ConsolePage *page);
    // Every page gets the open store if its role may use it, else `why` in its place.
    void giveServicesToPages(const QString &why);
    void buildStatusBar();
    void restoreWindow();
    void chooseStoreToOpen();
    void chooseNewStore();
    void onOpeningStarted(const QString &path);
    void onOpened();
    void onOpenFailed(const QString &path, const QString &message);
    void onClosed();
    void showOpenStore();
    void updateRecentMenu();
    QString startDirectory() const;

    StoreSession &m_session;
    ConsolePorts m_ports;
    AppSettings m_settings;
    ConnectionController *m_connection = nullptr;

    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_stack = nullptr;
    QList<ConsolePage *> m_pages;   // the navigation list's rows, in order
    QWidget *m_staffOnlyPage = nullptr; // learners get this instead of the pages
    NoticeBar *m_noticeBar = nullptr;
    QLabel *m_remoteBadge = nullptr;
    QLabel *m_storeLabel = nullptr;
    QProgressBar *m_openingIndicator = nullptr;
    QAction *m_connectAction = nullptr;
    QAction *m_signOutAction = nullptr;
    QAction *m_newStoreAction = nullptr;
    QAction *m_openStoreAction = nullptr;
    QMenu *m_recentMenu = nullptr;
    bool m_closeConfirmed = false; // the user said to quit although transfers run
};

} // namespace edge::ui
