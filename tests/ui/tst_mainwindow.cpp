#include "dialogs/FileDialogs.h"
#include "dialogs/MessageBoxes.h"
#include "infrastructure/sqlite/EmbeddedStore.h"
#include "session/StoreSession.h"
#include "support/ConsoleFixture.h"
#include "support/GuiTestSupport.h"
#include "window/MainWindow.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QSettings>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace edge;
using namespace edge::ui;

// The main window offscreen against real temporary stores: which store is open and how it
// is chosen (command line, last used, default), bad files, remembered geometry, the pages.
class TestMainWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void statusBarAndTitleNameTheStore();
    void showsThatItIsOpening();
    void badFileIsReportedAndThePreviousStoreStaysOpen_data();
    void badFileIsReportedAndThePreviousStoreStaysOpen();
    void failedFirstOpenLeavesNoPageOpening();
    void commandLineOpensTheGivenFile_data();
    void commandLineOpensTheGivenFile();
    void opensTheLastStoreWithoutArguments();
    void createsTheDefaultStoreWhenNothingIsRemembered();
    void newStoreCreatesTheChosenFile();
    void remembersItsSize();

private:
    // A new console, or the next one after a restart (same settings).
    void makeWindow();
    QString path(const QString &name) const { return m_dir->filePath(name); }
    QLabel *storeLabel() const { return m_window->findChild<QLabel *>(QStringLiteral("storeLabel")); }
    QString totalText() const
    {
        return m_window->findChild<QLabel *>(QStringLiteral("usersTotalLabel"))->text();
    }

    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<testsupport::ConsoleFixture> m_console;
    StoreSession *m_session = nullptr; // m_console's
    MainWindow *m_window = nullptr;    // m_console's
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_home.isValid());
    testsupport::isolateUserFiles(m_home.path());
}

void TestMainWindow::init()
{
    QSettings().clear();
    MessageBoxes::clearShown();
    m_dir = std::make_unique<QTemporaryDir>();
    makeWindow();
}

void TestMainWindow::cleanup()
{
    m_console.reset();
    m_window = nullptr;
    m_session = nullptr;
    m_dir.reset();
}

void TestMainWindow::makeWindow()
{
    if (m_console)
        m_console->restart(false);
    else
        m_console = std::make_unique<testsupport::ConsoleFixture>(false);
    m_session = &m_console->session();
    m_window = &m_console->window();
}

void TestMainWindow::statusBarAndTitleNameTheStore()
{
    m_window->openStore(path(QStringLiteral("school.db")), OpenMode::CreateIfMissing);
    QTRY_COMPARE(storeLabel()->text(),
                 QStringLiteral("Embedded store: %1").arg(QDir::toNativeSeparators(path(QStringLiteral("school.db")))));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("school.db — Edge Admin"));
    QTRY_COMPARE(totalText(), QStringLiteral("0 users"));
}

void TestMainWindow::showsThatItIsOpening()
{
    QCOMPARE(storeLabel()->text(), QStringLiteral("No store open"));
    m_window->openStore(path(QStringLiteral("school.db")), OpenMode::CreateIfMissing);
    // Nothing has been read yet (opening is asynchronous), but the window says what it does.
    QVERIFY2(storeLabel()->text().startsWith(QStringLiteral("Opening ")), qPrintable(storeLabel()->text()));
    auto *indicator = m_window->findChild<QProgressBar *>(QStringLiteral("openingIndicator"));
    QVERIFY(indicator->isVisible());
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("usersNoStoreLabel"))->text().startsWith(QStringLiteral("Opening ")));

    QTRY_VERIFY(m_session->isOpen());
    QVERIFY(!indicator->isVisible());
}

void TestMainWindow::badFileIsReportedAndThePreviousStoreStaysOpen_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("text file") << QByteArray("name,email\nada,ada@example.com\n");
    QTest::newRow("empty-looking binary") << QByteArray(4096, '\x01');
    QTest::newRow("truncated sqlite header") << QByteArray("SQLite format 3\0", 16);
}

void TestMainWindow::badFileIsReportedAndThePreviousStoreStaysOpen()
{
    QFETCH(QByteArray, content);
    const QString good = path(QStringLiteral("good.db"));
    m_window->openStore(good, OpenMode::CreateIfMissing);
    QTRY_VERIFY(m_session->isOpen());
    QTRY_COMPARE(totalText(), QStringLiteral("0 users"));
    const QString labelBefore = storeLabel()->text();

    const QString bad = path(QStringLiteral("notes.db"));
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();

    FileDialogs::setNextFileName(bad);
    m_window->findChild<QAction *>(QStringLiteral("openStoreAction"))->trigger();

    QTRY_COMPARE(MessageBoxes::shown().size(), 1);
    QVERIFY2(MessageBoxes::lastText().contains(QDir::toNativeSeparators(bad)), qPrintable(MessageBoxes::lastText()));
    QCOMPARE(MessageBoxes::shown().constFirst().title, QStringLiteral("Could not open store"));
    QTRY_COMPARE(storeLabel()->text(), labelBefore);
    QCOMPARE(m_window->windowTitle(), QStringLiteral("good.db — Edge Admin"));
    QCOMPARE(m_session->location(), good);
    QCOMPARE(totalText(), QStringLiteral("0 users")); // the users page still works on good.db
    // The bad file is left untouched, and not remembered.
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), content);
    QCOMPARE(QSettings().value(QStringLiteral("stores/last")).toString(), good);
}

// Nothing open yet and the first file is refused: every page says so, none keeps "Opening…".
void TestMainWindow::failedFirstOpenLeavesNoPageOpening()
{
    const QString bad = path(QStringLiteral("notes.txt"));
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("shopping list\n");
    file.close();

    m_window->openStore(bad, OpenMode::OpenExisting);
    QTRY_VERIFY(!MessageBoxes::shown().isEmpty());
    QVERIFY(!m_session->isOpen());
    const QList<QLabel *> labels = m_window->findChildren<QLabel *>();
    int noStoreLabels = 0;
    for (const QLabel *label : labels) {
        QVERIFY2(!label->text().startsWith(QStringLiteral("Opening")), qPrintable(label->objectName()));
        if (label->objectName().endsWith(QStringLiteral("NoStoreLabel"))) {
            ++noStoreLabels;
            QVERIFY2(label->text().startsWith(QStringLiteral("No store is open")), qPrintable(label->text()));
        }
    }
    QCOMPARE(noStoreLabels, 5); // Users, Activity, Lessons, Progress and Uploads
}

void TestMainWindow::commandLineOpensTheGivenFile_data()
{
    QTest::addColumn<bool>("asUrl");
    QTest::newRow("path") << false;
    QTest::newRow("file URL from a file manager") << true;
}

void TestMainWindow::commandLineOpensTheGivenFile()
{
    QFETCH(bool, asUrl);
    const QString store = path(QStringLiteral("given store.db"));
    {
        StoreSession creator(m_console->ports().stores);
        creator.open(store, OpenMode::CreateIfMissing);
        QTRY_VERIFY(creator.isOpen());
    }
    QSettings().setValue(QStringLiteral("stores/last"), path(QStringLiteral("other.db")));

    // Like a CLI that has exited: its connection is closed before the window opens the file.
    QCoreApplication::sendPostedEvents();

    m_window->openInitialStore(asUrl ? QUrl::fromLocalFile(store).toString() : store);
    QTRY_COMPARE(m_session->location(), store);
    QVERIFY2(MessageBoxes::shown().isEmpty(), qPrintable(MessageBoxes::lastText()));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("given store.db — Edge Admin"));
}

void TestMainWindow::opensTheLastStoreWithoutArguments()
{
    const QString store = path(QStringLiteral("last.db"));
    m_window->openStore(store, OpenMode::CreateIfMissing);
    QTRY_VERIFY(m_session->isOpen());
    m_window->close();
    makeWindow(); // the store closes, as when the app exits
    m_window->openInitialStore(QString());
    QTRY_COMPARE(m_session->location(), store);
    QVERIFY(!QFile::exists(defaultStorePath()));
}

void TestMainWindow::createsTheDefaultStoreWhenNothingIsRemembered()
{
    QFile::remove(defaultStorePath());
    m_window->openInitialStore(QString());
    QTRY_VERIFY(m_session->isOpen());
    QCOMPARE(m_session->location(), defaultStorePath());
    QVERIFY(QFile::exists(defaultStorePath()));
    QVERIFY2(defaultStorePath().startsWith(m_home.path()), "the test must not touch the real store");
}

void TestMainWindow::newStoreCreatesTheChosenFile()
{
    const QString store = path(QStringLiteral("fresh.db"));
    FileDialogs::setNextFileName(store);
    m_window->findChild<QAction *>(QStringLiteral("newStoreAction"))->trigger();
    QTRY_COMPARE(m_session->location(), store);
    QVERIFY(QFile::exists(store));
    QTRY_COMPARE(totalText(), QStringLiteral("0 users"));
}

void TestMainWindow::remembersItsSize()
{
    m_window->resize(910, 610);
    QTRY_COMPARE(m_window->size(), QSize(910, 610));
    m_window->close();
    makeWindow();
    QCOMPARE(m_window->size(), QSize(910, 610));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
