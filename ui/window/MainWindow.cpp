#include "MainWindow.h"

#include "connection/ConnectionController.h"
#include "dialogs/FileDialogs.h"
#include "dialogs/MessageBoxes.h"
#include "pages/ActivityPage.h"
#include "pages/ConsolePage.h"
#include "pages/LessonsPage.h"
#include "pages/PlaceholderPage.h"
#include "pages/UploadsPage.h"
#include "pages/ProgressPage.h"
#include "pages/UsersPage.h"
#include "session/StoreSession.h"
#include "window/NoticeBar.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QVBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QProgressBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QUrl>

namespace edge::ui {

namespace {
QString titleFor(const QString &what)
{
    return what.isEmpty() ? MainWindow::tr("Edge Admin") : MainWindow::tr("%1 — Edge Admin").arg(what);
}

QString noStoreMessage()
{
    return MainWindow::tr("No store is open.\nUse File › Open store… or File › New store… to start.");
}
} // namespace

MainWindow::MainWindow(StoreSession &session, ConsolePorts ports, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_ports(ports)
    , m_connection(new ConnectionController(session, ports, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(titleFor({}));
    buildPages();
    buildMenus();
    buildStatusBar();
    restoreWindow();

    connect(&m_session, &StoreSession::openingStarted, this, &MainWindow::onOpeningStarted);
    connect(&m_session, &StoreSession::opened, this, &MainWindow::onOpened);
    connect(&m_session, &StoreSession::openFailed, this, &MainWindow::onOpenFailed);
    connect(&m_session, &StoreSession::closed, this, &MainWindow::onClosed);
    const auto showStatus = [this](const QString &text) { statusBar()->showMessage(text, 6000); };
    for (ConsolePage *page : std::as_const(m_pages)) {
        connect(page, &ConsolePage::statusMessage, this, showStatus);
        connect(m_connection, &ConnectionController::signedInAgain, page, &ConsolePage::retryInterruptedWork);
    }
    connect(m_connection, &ConnectionController::statusMessage, this, showStatus);
    connect(m_connection, &ConnectionController::notice, m_noticeBar, &NoticeBar::showNotice);
    connect(m_connection, &ConnectionController::accessChanged, this, [this] {
        applyAccess(m_connection->access());
        showOpenStore();
    });
    applyAccess(m_connection->access());
    showOpenStore();
}

void MainWindow::buildPages()
{
    m_navigation = new QListWidget;
    m_navigation->setObjectName(QStringLiteral("navigationList"));
    m_navigation->setFixedWidth(150);
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setSpacing(2);
    m_navigation->setStyleSheet(QStringLiteral("QListWidget { background: palette(window); }"
                                               "QListWidget::item { padding: 6px 8px; }"));

    m_stack = new QStackedWidget;
    m_stack->setObjectName(QStringLiteral("pages"));
    addPage(new UsersPage(m_session.events()));
    addPage(new ActivityPage(m_session.events()));
    addPage(new LessonsPage(m_session.events()));
    addPage(new ProgressPage(m_session.events()));
    addPage(new UploadsPage(m_session.events(), m_ports.transfers));

    // Learners signing in get this instead of the pages (not a navigation entry).
    m_staffOnlyPage = new PlaceholderPage(
        tr("For staff only"), QStringLiteral("staffOnly"),
        tr("Edge Admin is the console for the platform's staff (admins, editors and support). "
           "Your account is a learner account: use the learning app to see your lessons and "
           "progress, or sign out (File › Sign out) and sign in with a staff account."),
        [](const ConsoleAccess &access) { return !access.isStaff(); });
    m_stack->addWidget(m_staffOnlyPage);

    connect(m_navigation, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    m_navigation->setCurrentRow(0);

    m_noticeBar = new NoticeBar;
    auto *body = new QWidget;
    auto *layout = new QHBoxLayout(body);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_navigation);
    auto *line = new QFrame;
    line->setFrameShape(QFrame::VLine);
    line->setFrameShadow(QFrame::Sunken);
    layout->addWidget(line);
    layout->addWidget(m_stack, 1);
    auto *central = new QWidget;
    auto *outer = new QVBoxLayout(central);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);
    outer->addWidget(m_noticeBar);
    outer->addWidget(body, 1);
    setCentralWidget(central);
}

void MainWindow::addPage(ConsolePage *page)
{
    m_navigation->addItem(page->title());
    m_stack->addWidget(page);
    m_pages.append(page);
}

ActivityPage *MainWindow::activityPage() const
{
    for (ConsolePage *page : m_pages) {
        if (auto *activity = qobject_cast<ActivityPage *>(page))
            return activity;
    }
    return nullptr;
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_connectAction = file->addAction(tr("&Connect…"), m_connection, &ConnectionController::showProfiles);
    m_connectAction->setObjectName(QStringLiteral("connectAction"));
    m_connectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_signOutAction = file->addAction(tr("Sign &out"), m_connection, &ConnectionController::signOut);
    m_signOutAction->setObjectName(QStringLiteral("signOutAction"));
    file->addSeparator();
    m_newStoreAction = file->addAction(tr("&New store…"), this, &MainWindow::chooseNewStore);
    m_newStoreAction->setObjectName(QStringLiteral("newStoreAction"));
    m_newStoreAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_openStoreAction = file->addAction(tr("&Open store…"), this, &MainWindow::chooseStoreToOpen);
    m_openStoreAction->setObjectName(QStringLiteral("openStoreAction"));
    m_openStoreAction->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentStoresMenu"));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);
    updateRecentMenu();
}

void MainWindow::buildStatusBar()
{
    m_openingIndicator = new QProgressBar;
    m_openingIndicator->setObjectName(QStringLiteral("openingIndicator"));
    m_openingIndicator->setRange(0, 0);
    m_openingIndicator->setMaximumSize(80, 12);
    m_openingIndicator->setTextVisible(false);
    m_openingIndicator->hide();
    m_storeLabel = new QLabel;
    m_storeLabel->setObjectName(QStringLiteral("storeLabel"));
    m_storeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addPermanentWidget(m_openingIndicator);
    statusBar()->addPermanentWidget(m_storeLabel);

    // Remote work is marked loudly, top right, so nobody edits production thinking it is a
    // test copy on this machine.
    m_remoteBadge = new QLabel;
    m_remoteBadge->setObjectName(QStringLiteral("remoteBadge"));
    m_remoteBadge->setStyleSheet(QStringLiteral(
        "QLabel { background: #b3261e; color: white; font-weight: bold; border-radius: 4px;"
        " padding: 2px 8px; margin: 2px 6px; }"));
    m_remoteBadge->hide();
    menuBar()->setCornerWidget(m_remoteBadge, Qt::TopRightCorner);
}

void MainWindow::restoreWindow()
{
    if (!restoreGeometry(m_settings.windowGeometry()))
        resize(1180, 720);
    restoreState(m_settings.windowState());
    for (ConsolePage *page : std::as_const(m_pages))
        page->restoreState(m_settings.pageState(page->key()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QStringList unfinished;
    for (ConsolePage *page : std::as_const(m_pages)) {
        if (const QString work = page->unfinishedWork(); !work.isEmpty())
            unfinished.append(work);
    }
    if (!unfinished.isEmpty() && !m_closeConfirmed) {
        // Asked without a nested event loop: a Yes closes again, and this time for good.
        event->ignore();
        MessageBoxes::Question question;
        question.title = tr("Quit Edge Admin");
        question.text = unfinished.join(QLatin1Char(' '));
        question.informativeText = tr("Quit anyway? Unfinished uploads resume where they stopped the next time "
                                      "this store is opened; downloads start again.");
        question.buttonTexts = {{QMessageBox::Yes, tr("Quit")}, {QMessageBox::No, tr("Keep running")}};
        MessageBoxes::ask(this, question, [this](QMessageBox::StandardButton answer) {
            if (answer != QMessageBox::Yes)
                return;
            m_closeConfirmed = true;
            close();
        });
        return;
    }
    m_settings.saveWindow(saveGeometry(), saveState());
    for (ConsolePage *page : std::as_const(m_pages)) {
        if (const QByteArray state = page->saveState(); !state.isEmpty())
            m_settings.setPageState(page->key(), state);
    }
    event->accept();
}

void MainWindow::openInitialStore(const QString &fromCommandLine)
{
    if (!fromCommandLine.isEmpty()) {
        const QUrl url(fromCommandLine);
        const QString path = url.isLocalFile() ? url.toLocalFile() : fromCommandLine;
        openStore(path, OpenMode::OpenExisting);
        return;
    }
    if (m_connection->connectToLastUsed())
        return;
    const QString last = m_settings.lastStore();
    if (!last.isEmpty() && QFileInfo::exists(last))
        openStore(last, OpenMode::OpenExisting);
    else
        openStore(m_ports.stores.defaultStorePath(), OpenMode::CreateIfMissing);
}

void MainWindow::openStore(const QString &path, OpenMode mode)
{
    m_session.open(path, mode);
}

QString MainWindow::startDirectory() const
{
    const QString current = m_session.location();
    return current.isEmpty() ? QDir::homePath() : QFileInfo(current).absolutePath();
}

void MainWindow::chooseStoreToOpen()
{
    FileDialogs::chooseStoreToOpen(this, startDirectory(), [this](const QString &path) {
        openStore(path, OpenMode::OpenExisting);
    });
}

void MainWindow::chooseNewStore()
{
    FileDialogs::chooseNewStore(this, startDirectory(), [this](const QString &path) {
        if (QFileInfo::exists(path)) {
            // The save dialog asked about replacing; a store is never overwritten, only opened.
            statusBar()->showMessage(tr("%1 exists already: opening it").arg(path), 6000);
            openStore(path, OpenMode::OpenExisting);
        } else {
            openStore(path, OpenMode::CreateIfMissing);
        }
    });
}

void MainWindow::onOpeningStarted(const QString &path)
{
    m_openingIndicator->show();
    m_storeLabel->setText(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    if (!m_session.isOpen())
        giveServicesToPages(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
}

void MainWindow::onOpened()
{
    // The controller has heard of the store first (it was made before the pages connected).
    if (!m_connection->isRemote()) {
        m_settings.setLastStore(m_session.location());
        updateRecentMenu();
    }
    giveServicesToPages(noStoreMessage());
    showOpenStore();
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(m_session.location())), 4000);
}

// A page the role may not use gets no store: a hidden page must not keep asking the
// server for what it will refuse. With no store open, every page says `why`.
void MainWindow::giveServicesToPages(const QString &why)
{
    const ConsoleAccess &access = m_connection->access();
    const std::shared_ptr<Services> services = m_session.services();
    for (ConsolePage *page : std::as_const(m_pages)) {
        if (!services)
            page->setServices(nullptr, why);
        else if (page->isAvailableTo(access))
            page->setServices(services, QString());
        else
            page->setServices(nullptr, tr("Your role does not include this page."));
    }
}

void MainWindow::onClosed()
{
    giveServicesToPages(noStoreMessage());
    showOpenStore();
}

void MainWindow::applyAccess(const ConsoleAccess &access)
{
    int firstVisible = -1;
    for (int row = 0; row < m_pages.size(); ++row) {
        ConsolePage *page = m_pages.at(row);
        const bool visible = page->isAvailableTo(access);
        m_navigation->setRowHidden(row, !visible);
        if (visible && firstVisible < 0)
            firstVisible = row;
        page->setAccess(access);
    }
    if (m_session.isOpen())
        giveServicesToPages(noStoreMessage());
    if (!access.isStaff()) {
        m_stack->setCurrentWidget(m_staffOnlyPage);
        return;
    }
    const int current = m_navigation->currentRow();
    if (current < 0 || m_navigation->isRowHidden(current) || m_stack->currentWidget() == m_staffOnlyPage) {
        m_navigation->setCurrentRow(firstVisible);
        m_stack->setCurrentIndex(firstVisible);
    }
}

void MainWindow::onOpenFailed(const QString &path, const QString &message)
{
    showOpenStore();
    if (!m_session.isOpen())
        giveServicesToPages(noStoreMessage()); // none may stay "Opening…"
    MessageBoxes::showError(this, tr("Could not open store"),
                            tr("%1 could not be opened.\n\n%2")
                                .arg(QDir::toNativeSeparators(path), message));
}

// The status bar, title and badge name the store and account in use (or say none is).
void MainWindow::showOpenStore()
{
    m_openingIndicator->setVisible(m_session.isOpening());
    m_signOutAction->setEnabled(m_connection->isRemote());
    if (m_session.isOpening())
        return;
    const bool remote = m_connection->isRemote();
    m_remoteBadge->setVisible(remote);
    if (remote) {
        m_remoteBadge->setText(tr("REMOTE · %1 · %2").arg(m_connection->activeProfileName(),
                                                          m_connection->access().roleName()));
        m_remoteBadge->setToolTip(m_connection->summary());
        m_remoteBadge->setFixedSize(m_remoteBadge->sizeHint()); // the menu bar keeps a corner's first size
        menuBar()->updateGeometry();
        menuBar()->adjustSize();
    }
    if (m_session.isOpen()) {
        m_storeLabel->setText(m_connection->summary());
        setWindowTitle(titleFor(m_connection->titleText()));
    } else {
        m_storeLabel->setText(tr("No store open"));
        setWindowTitle(titleFor({}));
    }
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = m_settings.recentStores();
    for (const QString &path : recent) {
        QAction *action = m_recentMenu->addAction(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this,
                [this, path] { openStore(path, OpenMode::OpenExisting); });
    }
    if (!recent.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("&Clear list"), this, [this] {
            m_settings.clearRecentStores();
            updateRecentMenu();
        });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

} // namespace edge::ui
