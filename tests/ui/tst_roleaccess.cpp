#include "connection/ConsoleAccess.h"
#include "pages/UsersPage.h"
#include "session/StoreSession.h"
#include "support/ConsoleFixture.h"
#include "support/GuiTestSupport.h"
#include "window/MainWindow.h"

#include <QAction>
#include <QListWidget>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace edge;
using namespace edge::ui;

// Which pages and actions each role gets (ARCHITECTURE.md's role table), applied to a real main
// window over an embedded store by setting the role state directly.
class TestRoleAccess final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void pagesAndActionsFollowTheRole_data();
    void pagesAndActionsFollowTheRole();
    void forbiddenMessagesNameTheRole();

private:
    bool navigationShows(const QString &page) const;
    QAction *action(const char *name) const
    {
        return m_window->findChild<QAction *>(QString::fromLatin1(name));
    }

    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<testsupport::ConsoleFixture> m_console;
    StoreSession *m_session = nullptr; // m_console's
    MainWindow *m_window = nullptr;    // m_console's
};

void TestRoleAccess::initTestCase()
{
    QVERIFY(m_home.isValid());
    testsupport::isolateUserFiles(m_home.path());
}

void TestRoleAccess::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_console = std::make_unique<testsupport::ConsoleFixture>(false);
    m_session = &m_console->session();
    m_window = &m_console->window();
    QVERIFY(m_console->openStore(m_dir->filePath(QStringLiteral("store.db"))));
    testsupport::createUser(*m_session->services(), QStringLiteral("someone@example.com"), QStringLiteral("Someone"));
}

void TestRoleAccess::cleanup()
{
    m_console.reset();
    m_window = nullptr;
    m_session = nullptr;
    m_dir.reset();
}

bool TestRoleAccess::navigationShows(const QString &page) const
{
    auto *navigation = m_window->findChild<QListWidget *>(QStringLiteral("navigationList"));
    const QList<QListWidgetItem *> items = navigation->findItems(page, Qt::MatchExactly);
    return items.size() == 1 && !items.constFirst()->isHidden();
}

void TestRoleAccess::pagesAndActionsFollowTheRole_data()
{
    QTest::addColumn<std::optional<Role>>("role");
    QTest::addColumn<bool>("users");
    QTest::addColumn<bool>("canChangeUsers");
    QTest::addColumn<bool>("activity");
    QTest::addColumn<bool>("staffOnlyNotice");
    QTest::addColumn<bool>("canChangeLessons");
    QTest::newRow("embedded store") << std::optional<Role>() << true << true << true << false << true;
    QTest::newRow("admin") << std::optional<Role>(Role::Admin) << true << true << true << false << true;
    QTest::newRow("editor") << std::optional<Role>(Role::Editor) << false << false << true << false << true;
    QTest::newRow("support") << std::optional<Role>(Role::Support) << true << false << true << false << false;
    QTest::newRow("learner") << std::optional<Role>(Role::Learner) << false << false << false << true << false;
}

void TestRoleAccess::pagesAndActionsFollowTheRole()
{
    QFETCH(std::optional<Role>, role);
    QFETCH(bool, users);
    QFETCH(bool, canChangeUsers);
    QFETCH(bool, activity);
    QFETCH(bool, staffOnlyNotice);
    QFETCH(bool, canChangeLessons);

    m_window->applyAccess(role ? ConsoleAccess::forRole(*role) : ConsoleAccess::embedded());
    QCOMPARE(navigationShows(QStringLiteral("Users")), users);
    QCOMPARE(navigationShows(QStringLiteral("Activity")), activity);
    QCOMPARE(navigationShows(QStringLiteral("Lessons")), !staffOnlyNotice);
    QCOMPARE(navigationShows(QStringLiteral("Uploads")), !staffOnlyNotice);

    auto *pages = m_window->findChild<QStackedWidget *>(QStringLiteral("pages"));
    QCOMPARE(pages->currentWidget()->objectName() == QLatin1String("staffOnlyPage"), staffOnlyNotice);
    if (!users && !staffOnlyNotice)
        QVERIFY(pages->currentWidget()->objectName() != QLatin1String("usersPage")); // moved off it

    // Select a user so Edit/Delete could apply; they follow the role, with a reason.
    auto *table = m_window->findChild<QAbstractItemView *>(QStringLiteral("usersTable"));
    QTRY_VERIFY(table->model()->rowCount() == 1);
    table->setCurrentIndex(table->model()->index(0, 0));
    QTRY_COMPARE(action("editUserAction")->isEnabled(), canChangeUsers); // once the row has loaded
    QCOMPARE(action("newUserAction")->isEnabled(), canChangeUsers);
    QCOMPARE(action("deleteUserAction")->isEnabled(), canChangeUsers);
    // Sign-in sessions exist only on a Worker, and only admins end them.
    QCOMPARE(action("endSessionsAction")->isVisible(), role.has_value());
    QCOMPARE(action("endSessionsAction")->isEnabled(), role == Role::Admin);
    if (users && !canChangeUsers) {
        const QString tip = action("deleteUserAction")->toolTip();
        QVERIFY2(tip.contains(QStringLiteral("Your role (Support)")), qPrintable(tip));
    }

    // Lessons: roles that only read do not see editing at all; opening one is viewing it.
    for (const char *name : {"newLessonAction", "duplicateLessonAction", "publishLessonAction",
                             "unpublishLessonAction", "deleteLessonAction", "importLessonFileAction"})
        QVERIFY2(action(name)->isVisible() == canChangeLessons, name);
    QCOMPARE(action("editLessonAction")->text(), canChangeLessons ? QStringLiteral("&Edit…") : QStringLiteral("&View…"));
}

void TestRoleAccess::forbiddenMessagesNameTheRole()
{
    QCOMPARE(ConsoleAccess::forRole(Role::Support).forbiddenMessage(QStringLiteral("deleting users")),
             QStringLiteral("Your role (Support) does not allow deleting users."));
}

QTEST_MAIN(TestRoleAccess)
#include "tst_roleaccess.moc"
