// The console against the real Worker under `wrangler dev` (the conformance harness's
// WorkerServer), inside a private session bus with an unlocked gnome-keyring
// (tests/remote/run-with-keyring.sh): connect a remote profile, sign in through the real
// login dialog, list and create users, survive a revoked token without losing the form,
// resume from the keychain, and an editor who does not get the Users page.

#include "WorkerServer.h"
#include "connection/ConnectionController.h"
#include "dialogs/LoginDialog.h"
#include "dialogs/UserDialog.h"
#include "infrastructure/keychain/TokenStore.h"
#include "infrastructure/remote/WorkerClient.h"
#include "session/StoreSession.h"
#include "support/ConsoleFixture.h"
#include "support/GuiTestSupport.h"
#include "window/MainWindow.h"

#include <QAbstractItemView>
#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace edge;
using namespace edge::remote;
using edge::keychain::TokenStore;
using namespace edge::ui;
using testsupport::child;
using testsupport::rowShowing;

namespace {
const QString AdminEmail = QStringLiteral("gui-admin@remote.test");
const QString EditorEmail = QStringLiteral("gui-editor@remote.test");
const QString ProfileName = QStringLiteral("Local Worker");
constexpr int NetworkTimeout = 30000;
} // namespace

class TestRemoteGui final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void adminSignsInSeesUsersAndCreatesOne();
    void revokedSignInKeepsTheFormAndSavesAfterSigningInAgain();
    void nextConnectResumesWithoutTheDialog();
    void editorDoesNotSeeTheUsersPage();

private:
    void makeWindow();
    void closeWindow();
    LoginDialog *waitForLogin();
    void signIn(LoginDialog *dialog, const QString &email, const QString &password);
    QString storeLabel() const { return m_window->findChild<QLabel *>(QStringLiteral("storeLabel"))->text(); }
    QTableView *usersTable() const { return m_window->findChild<QTableView *>(QStringLiteral("usersTable")); }

    QTemporaryDir m_home;
    edge::test::WorkerServer m_server{QStringLiteral(EDGE_WORKER_DIR)};
    QString m_password = QUuid::createUuid().toString(QUuid::Id128);
    QString m_editorPassword = QStringLiteral("editor-") + QUuid::createUuid().toString(QUuid::Id128);
    std::unique_ptr<testsupport::ConsoleFixture> m_console;
    StoreSession *m_session = nullptr; // m_console's
    MainWindow *m_window = nullptr;    // m_console's
};

void TestRemoteGui::initTestCase()
{
    QVERIFY2(qEnvironmentVariable("EDGE_TEST_KEYCHAIN") == QLatin1String("available"),
             "run through tests/remote/run-with-keyring.sh");
    QVERIFY(m_home.isValid());
    testsupport::isolateUserFiles(m_home.path());
    QVERIFY2(m_server.start(AdminEmail, m_password), qPrintable(m_server.errorText()));
    QTRY_VERIFY_WITH_TIMEOUT((m_server.probe(), m_server.isHealthy()) || !m_server.isRunning(), 240000);
    QVERIFY2(m_server.isHealthy(), qPrintable(m_server.logTail()));
    makeWindow();
    m_window->connection().profiles().add(
        ConnectionProfile::remote(ProfileName, m_server.apiUrl(), AdminEmail));
}

void TestRemoteGui::cleanupTestCase()
{
    closeWindow();
    m_server.stop();
}

void TestRemoteGui::makeWindow()
{
    m_console = std::make_unique<testsupport::ConsoleFixture>();
    m_session = &m_console->session();
    m_window = &m_console->window();
}

void TestRemoteGui::closeWindow()
{
    m_console.reset();
    m_window = nullptr;
    m_session = nullptr;
}

LoginDialog *TestRemoteGui::waitForLogin()
{
    LoginDialog *dialog = nullptr;
    [&] {
        QTRY_VERIFY_WITH_TIMEOUT((dialog = m_window->findChild<LoginDialog *>()) && dialog->isVisible(),
                                 NetworkTimeout);
    }();
    return dialog;
}

void TestRemoteGui::signIn(LoginDialog *dialog, const QString &email, const QString &password)
{
    auto *emailEdit = child<QLineEdit>(dialog, "loginEmailEdit");
    if (emailEdit->text() != email) {
        emailEdit->selectAll();
        QTest::keyClicks(emailEdit, email);
    }
    auto *passwordEdit = child<QLineEdit>(dialog, "loginPasswordEdit");
    QCOMPARE(passwordEdit->echoMode(), QLineEdit::Password);
    QTest::keyClicks(passwordEdit, password);
    QTest::mouseClick(child<QPushButton>(dialog, "signInButton"), Qt::LeftButton);
}

void TestRemoteGui::adminSignsInSeesUsersAndCreatesOne()
{
    m_window->connection().connectTo(*m_window->connection().profiles().find(ProfileName));
    LoginDialog *login = waitForLogin();
    QCOMPARE(child<QLineEdit>(login, "loginEmailEdit")->text(), AdminEmail); // from the profile
    testsupport::snapshot(login, QStringLiteral("login-dialog"));

    // A wrong password is said plainly and the dialog stays.
    signIn(login, AdminEmail, QStringLiteral("not the password"));
    auto *error = child<QLabel>(login, "loginError");
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), NetworkTimeout);
    QCOMPARE(error->text(), QStringLiteral("Wrong email or password."));
    testsupport::snapshot(login, QStringLiteral("login-dialog-wrong-password"));

    child<QLineEdit>(login, "loginPasswordEdit")->clear();
    signIn(login, AdminEmail, m_password);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->connection().isRemote(), NetworkTimeout);
    QVERIFY2(storeLabel().contains(QStringLiteral("signed in as %1 (Admin)").arg(AdminEmail)), qPrintable(storeLabel()));
    QVERIFY(m_window->windowTitle().contains(ProfileName));
    QVERIFY(child<QLabel>(m_window, "remoteBadge")->isVisible());
    // The token went to the keychain, nowhere else.
    TokenStore tokens;
    QVERIFY(testsupport::finish(tokens.read(TokenStore::keyFor(ProfileName, m_server.apiUrl()))).has_value());

    QTRY_VERIFY_WITH_TIMEOUT(rowShowing(usersTable()->model(), AdminEmail) >= 0, NetworkTimeout);

    // Create an editor through the real dialog.
    child<QAction>(m_window, "newUserAction")->trigger();
    UserDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<UserDialog *>()) && dialog->isVisible());
    QTest::keyClicks(child<QLineEdit>(dialog, "emailEdit"), EditorEmail);
    QTest::keyClicks(child<QLineEdit>(dialog, "usernameEdit"), QStringLiteral("Eddie Editor"));
    auto *role = child<QComboBox>(dialog, "roleCombo");
    role->setCurrentIndex(role->findText(QStringLiteral("Editor")));
    QTest::keyClicks(child<QLineEdit>(dialog, "passwordEdit"), m_editorPassword);
    QTest::keyClicks(child<QLineEdit>(dialog, "confirmPasswordEdit"), m_editorPassword);
    QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->findChild<UserDialog *>(), NetworkTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(rowShowing(usersTable()->model(), EditorEmail) >= 0, NetworkTimeout);
    testsupport::snapshot(m_window, QStringLiteral("remote-main-window"));

    // Editing yourself: a new password needs the current one (the Worker insists on it).
    const int me = rowShowing(usersTable()->model(), AdminEmail);
    QVERIFY(me >= 0);
    usersTable()->setCurrentIndex(usersTable()->model()->index(me, 0));
    // An admin sees the user's live sign-ins (this console's among them) and can end them.
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(m_window, "detailSessions")->text().contains(QStringLiteral("1 live")),
                             NetworkTimeout);
    QVERIFY(child<QPushButton>(m_window, "endSessionsButton")->isEnabled());
    testsupport::snapshot(m_window, QStringLiteral("remote-sessions"));
    QTRY_VERIFY(child<QAction>(m_window, "editUserAction")->isEnabled());
    child<QAction>(m_window, "editUserAction")->trigger();
    UserDialog *own = nullptr;
    QTRY_VERIFY((own = m_window->findChild<UserDialog *>()) && own->isVisible());
    QVERIFY(child<QLineEdit>(own, "currentPasswordEdit"));
    QTest::keyClicks(child<QLineEdit>(own, "passwordEdit"), QStringLiteral("another-password-9"));
    QTest::keyClicks(child<QLineEdit>(own, "confirmPasswordEdit"), QStringLiteral("another-password-9"));
    QVERIFY(!child<QPushButton>(own, "saveButton")->isEnabled());
    testsupport::snapshot(own, QStringLiteral("own-password-change"));
    own->reject();
    QTRY_VERIFY(!m_window->findChild<UserDialog *>());
}

void TestRemoteGui::revokedSignInKeepsTheFormAndSavesAfterSigningInAgain()
{
    QVERIFY(m_window->connection().isRemote());
    QTableView *table = usersTable();
    int row = -1;
    QTRY_VERIFY_WITH_TIMEOUT((row = rowShowing(table->model(), EditorEmail)) >= 0, NetworkTimeout);
    table->setFocus();
    table->setCurrentIndex(table->model()->index(row, 0));
    QTRY_VERIFY(child<QAction>(m_window, "editUserAction")->isEnabled());
    child<QAction>(m_window, "editUserAction")->trigger();
    UserDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<UserDialog *>()) && dialog->isVisible());
    // Someone else's password is reset without giving theirs.
    QVERIFY(!dialog->findChild<QLineEdit *>(QStringLiteral("currentPasswordEdit")));
    auto *username = child<QLineEdit>(dialog, "usernameEdit");
    username->selectAll();
    QTest::keyClicks(username, QStringLiteral("Eddie, renamed mid-expiry"));

    // Behind the window's back the session is revoked (as an admin elsewhere would).
    TokenStore tokens;
    const std::optional<QString> token =
        testsupport::finish(tokens.read(TokenStore::keyFor(ProfileName, m_server.apiUrl())));
    QVERIFY(token);
    WorkerClient other(m_server.apiUrl());
    other.setToken(*token);
    testsupport::finish(other.send(ApiRequest::post(QStringLiteral("/auth/logout"), QJsonObject{})));

    QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
    LoginDialog *login = waitForLogin();
    QVERIFY(child<QLabel>(login, "loginReasonLabel")->text().contains(QStringLiteral("expired or was revoked")));
    testsupport::snapshot(login, QStringLiteral("login-dialog-expired"));
    // The form is intact and says what happened.
    QVERIFY(dialog->isVisible());
    QCOMPARE(username->text(), QStringLiteral("Eddie, renamed mid-expiry"));
    QTRY_VERIFY(child<QLabel>(dialog, "formMessage")->text().contains(QStringLiteral("sign-in has expired")));

    signIn(login, AdminEmail, m_password);
    // Signed in again, the interrupted save goes through by itself.
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->findChild<UserDialog *>(), NetworkTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(rowShowing(table->model(), QStringLiteral("Eddie, renamed mid-expiry"), 1) >= 0,
                             NetworkTimeout);
    QVERIFY(m_window->connection().isRemote());
}

void TestRemoteGui::nextConnectResumesWithoutTheDialog()
{
    closeWindow();
    makeWindow();
    m_window->openInitialStore(QString()); // the last profile used, from the settings
    QTRY_VERIFY_WITH_TIMEOUT(m_window->connection().isRemote(), NetworkTimeout);
    QVERIFY(!m_window->findChild<LoginDialog *>());
    QVERIFY2(storeLabel().contains(AdminEmail), qPrintable(storeLabel()));
}

void TestRemoteGui::editorDoesNotSeeTheUsersPage()
{
    QVERIFY(m_window->connection().isRemote());
    child<QAction>(m_window, "signOutAction")->trigger();
    LoginDialog *login = waitForLogin();
    QVERIFY(!m_window->connection().isRemote());
    TokenStore tokens;
    QVERIFY(!testsupport::finish(tokens.read(TokenStore::keyFor(ProfileName, m_server.apiUrl()))).has_value());

    signIn(login, EditorEmail, m_editorPassword);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->connection().isRemote(), NetworkTimeout);
    QVERIFY2(storeLabel().contains(QStringLiteral("(Editor)")), qPrintable(storeLabel()));
    auto *navigation = child<QListWidget>(m_window, "navigationList");
    QVERIFY(navigation->findItems(QStringLiteral("Users"), Qt::MatchExactly).constFirst()->isHidden());
    QVERIFY(!navigation->findItems(QStringLiteral("Activity"), Qt::MatchExactly).constFirst()->isHidden());
    QVERIFY(m_window->findChild<QWidget *>(QStringLiteral("pages"))->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->findChild<QAbstractItemView *>(QStringLiteral("activityTable"))->model()->rowCount() > 0,
                             NetworkTimeout);
    testsupport::snapshot(m_window, QStringLiteral("remote-editor-activity"));
}

QTEST_MAIN(TestRemoteGui)
#include "tst_remotegui.moc"
