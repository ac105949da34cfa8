#include "dialogs/ConflictDialog.h"
#include "dialogs/MessageBoxes.h"
#include "dialogs/UserDialog.h"
#include "models/UsersTableModel.h"
#include "pages/UsersPage.h"
#include "session/StoreSession.h"
#include "support/ConsoleFixture.h"
#include "support/GuiTestSupport.h"
#include "window/MainWindow.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace edge;
using namespace edge::ui;
using testsupport::child;
using testsupport::rowShowing;

// The Users page driven through its real widgets, offscreen, against a real temporary
// SQLite store: create, validate, edit, conflict, search, delete, keyboard.
class TestUsersGui final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void createsUserThroughTheDialog();
    void inlineValidationBlocksAnInvalidEmail();
    void duplicateEmailIsShownNextToTheField();
    void editedUsernameShowsInTheTable();
    void conflictingEditOffersToReloadTheirVersion();
    void conflictingEditCancelKeepsMyInput();
    void conflictingEditOverwriteSavesMineDeliberately_data();
    void conflictingEditOverwriteSavesMineDeliberately();
    void searchNarrowsTheTable();
    void deleteAsksFirst_data();
    void deleteAsksFirst();
    void refreshShowsChangesMadeElsewhere();
    void detailPaneShowsTheSelectedUser();

private:
    UserDialog *openDialog(QWidget *from, int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier);
    ConflictDialog *waitForConflictDialog(UserDialog *dialog);
    // Alan's edit dialog open, someone else saving `theirs` first, then my username saved:
    // what the user sees when the conflict dialog comes up.
    struct ConflictScene
    {
        User alan;
        UserDialog *dialog = nullptr;
        QLineEdit *username = nullptr;
        ConflictDialog *conflict = nullptr;
    };
    ConflictScene saveIntoAConflict(UpdateUserCommand theirs, const QString &myUsername);
    static QString tableText(const QTableWidget *table);
    void selectUser(const QString &email);
    QString storePath() const { return m_dir->filePath(QStringLiteral("store.db")); }

    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<testsupport::ConsoleFixture> m_console;
    StoreSession *m_session = nullptr; // m_console's
    MainWindow *m_window = nullptr;    // m_console's
    QTableView *m_table = nullptr;
};

void TestUsersGui::initTestCase()
{
    QVERIFY(m_home.isValid());
    testsupport::isolateUserFiles(m_home.path());
}

void TestUsersGui::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    MessageBoxes::clearShown();
    m_console = std::make_unique<testsupport::ConsoleFixture>();
    m_session = &m_console->session();
    m_window = &m_console->window();
    QVERIFY(m_console->openStore(storePath()));
    QVERIFY(m_table = child<QTableView>(m_window, "usersTable"));
    QTRY_COMPARE(child<QLabel>(m_window, "usersTotalLabel")->text(), QStringLiteral("0 users"));
}

void TestUsersGui::cleanup()
{
    m_console.reset();
    m_window = nullptr;
    m_session = nullptr;
    m_dir.reset();
}

UserDialog *TestUsersGui::openDialog(QWidget *from, int key, Qt::KeyboardModifiers modifiers)
{
    QTest::keyClick(from, Qt::Key(key), modifiers);
    UserDialog *dialog = nullptr;
    [&] { QTRY_VERIFY((dialog = m_window->findChild<UserDialog *>()) && dialog->isVisible()); }();
    return dialog;
}

void TestUsersGui::selectUser(const QString &email)
{
    int row = -1;
    [&] { QTRY_VERIFY((row = rowShowing(m_table->model(), email)) >= 0); }();
    m_table->setFocus();
    m_table->setCurrentIndex(m_table->model()->index(row, 0));
}

void TestUsersGui::createsUserThroughTheDialog()
{
    QPointer<UserDialog> dialog = openDialog(m_window, Qt::Key_N, Qt::ControlModifier);
    QVERIFY(dialog);
    QVERIFY(!dialog->isEditing());
    auto *save = child<QPushButton>(dialog, "saveButton");
    QVERIFY(!save->isEnabled()); // nothing filled in yet

    QTest::keyClicks(child<QLineEdit>(dialog, "emailEdit"), QStringLiteral("Ada@Example.com"));
    QTest::keyClicks(child<QLineEdit>(dialog, "usernameEdit"), QStringLiteral("Ada Lovelace"));
    auto *role = child<QComboBox>(dialog, "roleCombo");
    role->setCurrentIndex(role->findText(QStringLiteral("Editor")));
    QTest::keyClicks(child<QLineEdit>(dialog, "passwordEdit"), QStringLiteral("analytical engine"));
    QTest::keyClicks(child<QLineEdit>(dialog, "confirmPasswordEdit"), QStringLiteral("analytical engine"));
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);

    QTRY_VERIFY(!dialog);
    int row = -1;
    QTRY_VERIFY((row = rowShowing(m_table->model(), QStringLiteral("ada@example.com"))) >= 0);
    QCOMPARE(m_table->model()->index(row, UsersTableModel::UsernameColumn).data().toString(),
             QStringLiteral("Ada Lovelace"));
    QCOMPARE(m_table->model()->index(row, UsersTableModel::RoleColumn).data().toString(),
             QStringLiteral("Editor"));
    QTRY_COMPARE(child<QLabel>(m_window, "usersTotalLabel")->text(), QStringLiteral("1 user"));
    // The new user is selected and shown in the detail pane.
    QTRY_COMPARE(m_table->currentIndex().row(), row);
    QTRY_COMPARE(child<QLabel>(m_window, "detailEmail")->text(), QStringLiteral("ada@example.com"));
}

void TestUsersGui::inlineValidationBlocksAnInvalidEmail()
{
    UserDialog *dialog = openDialog(m_window, Qt::Key_N, Qt::ControlModifier);
    auto *emailError = child<QLabel>(dialog, "emailError");
    QVERIFY(!emailError->isVisible()); // untouched fields do not complain

    QTest::keyClicks(child<QLineEdit>(dialog, "emailEdit"), QStringLiteral("ada.example.com"));
    QTest::keyClicks(child<QLineEdit>(dialog, "usernameEdit"), QStringLiteral("Ada"));
    QTest::keyClicks(child<QLineEdit>(dialog, "passwordEdit"), QStringLiteral("analytical engine"));
    QTest::keyClicks(child<QLineEdit>(dialog, "confirmPasswordEdit"), QStringLiteral("analytical engine"));

    QVERIFY(emailError->isVisible());
    QCOMPARE(emailError->text(), Email::problem(QStringLiteral("ada.example.com")));
    QVERIFY(emailError->text().contains(QStringLiteral("not a valid address")));
    auto *save = child<QPushButton>(dialog, "saveButton");
    QVERIFY(!save->isEnabled());
    QTest::keyClick(child<QLineEdit>(dialog, "emailEdit"), Qt::Key_Return); // Enter does not save either
    QVERIFY(testsupport::letQueuedWorkRun());
    QVERIFY(dialog->isVisible());
    QCOMPARE(m_table->model()->rowCount(), 0);

    // Fixing it clears the message and allows saving.
    auto *email = child<QLineEdit>(dialog, "emailEdit");
    email->selectAll();
    QTest::keyClicks(email, QStringLiteral("ada@example.com"));
    QVERIFY(!emailError->isVisible());
    QVERIFY(save->isEnabled());
}

void TestUsersGui::duplicateEmailIsShownNextToTheField()
{
    testsupport::createUser(*m_session->services(), QStringLiteral("grace@example.com"), QStringLiteral("Grace"));
    QTRY_VERIFY(rowShowing(m_table->model(), QStringLiteral("grace@example.com")) >= 0);

    QPointer<UserDialog> dialog = openDialog(m_window, Qt::Key_N, Qt::ControlModifier);
    auto *email = child<QLineEdit>(dialog, "emailEdit");
    QTest::keyClicks(email, QStringLiteral("GRACE@example.com"));
    QTest::keyClicks(child<QLineEdit>(dialog, "usernameEdit"), QStringLiteral("Another Grace"));
    QTest::keyClicks(child<QLineEdit>(dialog, "passwordEdit"), QStringLiteral("compilers rule"));
    QTest::keyClicks(child<QLineEdit>(dialog, "confirmPasswordEdit"), QStringLiteral("compilers rule"));
    auto *save = child<QPushButton>(dialog, "saveButton");
    QTest::mouseClick(save, Qt::LeftButton);

    auto *emailError = child<QLabel>(dialog, "emailError");
    QTRY_VERIFY(emailError->isVisible());
    QVERIFY2(emailError->text().contains(QStringLiteral("email"), Qt::CaseInsensitive),
             qPrintable(emailError->text()));
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->isSaving());
    // The input is intact; saving the same again is pointless until the email changes.
    QCOMPARE(email->text(), QStringLiteral("GRACE@example.com"));
    QCOMPARE(child<QLineEdit>(dialog, "usernameEdit")->text(), QStringLiteral("Another Grace"));
    QCOMPARE(child<QLineEdit>(dialog, "passwordEdit")->text(), QStringLiteral("compilers rule"));
    QVERIFY(!save->isEnabled());
    QTest::keyClicks(email, QStringLiteral(".uk"));
    QVERIFY(!emailError->isVisible());
    QVERIFY(save->isEnabled());
}

void TestUsersGui::editedUsernameShowsInTheTable()
{
    testsupport::createUser(*m_session->services(), QStringLiteral("alan@example.com"), QStringLiteral("Alan"));
    selectUser(QStringLiteral("alan@example.com"));

    QPointer<UserDialog> dialog = openDialog(m_table, Qt::Key_Return); // Enter edits
    QVERIFY(dialog->isEditing());
    auto *username = child<QLineEdit>(dialog, "usernameEdit");
    QCOMPARE(username->text(), QStringLiteral("Alan"));
    QVERIFY(child<QPushButton>(dialog, "saveButton")->isEnabled()); // the password may stay empty
    username->selectAll();
    QTest::keyClicks(username, QStringLiteral("Alan Turing"));
    QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);

    QTRY_VERIFY(!dialog);
    const int row = rowShowing(m_table->model(), QStringLiteral("alan@example.com"));
    QTRY_COMPARE(m_table->model()->index(row, UsersTableModel::UsernameColumn).data().toString(),
                 QStringLiteral("Alan Turing"));
    QTRY_COMPARE(child<QLabel>(m_window, "detailUsername")->text(), QStringLiteral("Alan Turing"));
    QTRY_COMPARE(child<QLabel>(m_window, "detailVersion")->text(), QStringLiteral("2"));
    QCOMPARE(m_table->currentIndex().row(), row); // still selected
}

ConflictDialog *TestUsersGui::waitForConflictDialog(UserDialog *dialog)
{
    ConflictDialog *conflict = nullptr;
    [&] { QTRY_VERIFY((conflict = dialog->findChild<ConflictDialog *>()) && conflict->isVisible()); }();
    return conflict;
}

TestUsersGui::ConflictScene TestUsersGui::saveIntoAConflict(UpdateUserCommand theirs, const QString &myUsername)
{
    ConflictScene scene;
    scene.alan = testsupport::createUser(*m_session->services(), QStringLiteral("alan@example.com"),
                                         QStringLiteral("Alan"));
    selectUser(QStringLiteral("alan@example.com"));
    scene.dialog = openDialog(m_table, Qt::Key_Return);
    if (!scene.dialog)
        return scene; // the test fails on the missing conflict dialog, it does not crash

    // Someone else saves first, behind the dialog's back.
    theirs.id = scene.alan.id().value();
    theirs.baseVersion = scene.alan.version();
    testsupport::finish(m_session->services()->updateUser.execute(theirs));

    scene.username = child<QLineEdit>(scene.dialog, "usernameEdit");
    if (!scene.username)
        return scene;
    scene.username->selectAll();
    QTest::keyClicks(scene.username, myUsername);
    QTest::mouseClick(child<QPushButton>(scene.dialog, "saveButton"), Qt::LeftButton);
    scene.conflict = waitForConflictDialog(scene.dialog);
    return scene;
}

// Every cell, row by row ("field|theirs|mine" lines), to check what the user is shown.
QString TestUsersGui::tableText(const QTableWidget *table)
{
    QStringList lines;
    for (int row = 0; row < table->rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < table->columnCount(); ++column)
            cells.append(table->item(row, column)->text());
        lines.append(cells.join(u'|'));
    }
    return lines.join(u'\n');
}

void TestUsersGui::conflictingEditOffersToReloadTheirVersion()
{
    UpdateUserCommand theirs;
    theirs.username = QStringLiteral("Alan M. Turing");
    const auto [alan, dialog, username, conflict] = saveIntoAConflict(theirs, QStringLiteral("A. Turing"));
    QVERIFY2(conflict, "the conflict dialog did not appear");
    QVERIFY(conflict);

    // Both versions side by side, the differing field highlighted...
    auto *table = child<QTableWidget>(conflict, "conflictTable");
    QCOMPARE(table->horizontalHeaderItem(1)->text(), QStringLiteral("Theirs (version 2)"));
    const QString shown = tableText(table);
    QVERIFY2(shown.contains(QStringLiteral("Username|Alan M. Turing|A. Turing")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("Email|alan@example.com|alan@example.com")), qPrintable(shown));
    QVERIFY(table->item(1, 1)->background() != table->item(0, 1)->background());
    // ...and Reload takes theirs into the form; nothing of mine was written.
    QTest::mouseClick(child<QPushButton>(conflict, "reloadButton"), Qt::LeftButton);
    QTRY_COMPARE(username->text(), QStringLiteral("Alan M. Turing"));
    QVERIFY(dialog->isVisible());
    const User stored = testsupport::finish(m_session->services()->getUser.execute(alan.id().value()));
    QCOMPARE(stored.username(), QStringLiteral("Alan M. Turing"));
    QCOMPARE(stored.version(), 2);

    // Saving now is based on their version and goes through.
    username->selectAll();
    QTest::keyClicks(username, QStringLiteral("A. M. Turing"));
    QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
    QTRY_VERIFY(!m_window->findChild<UserDialog *>());
    QTRY_VERIFY(rowShowing(m_table->model(), QStringLiteral("A. M. Turing"), UsersTableModel::UsernameColumn) >= 0);
}

void TestUsersGui::conflictingEditCancelKeepsMyInput()
{
    UpdateUserCommand theirs;
    theirs.role = QStringLiteral("admin");
    const auto [alan, dialog, username, conflict] = saveIntoAConflict(theirs, QStringLiteral("Mine"));
    QVERIFY2(conflict, "the conflict dialog did not appear");
    QVERIFY(conflict);

    QTest::mouseClick(child<QPushButton>(conflict, "keepEditingButton"), Qt::LeftButton);
    auto *message = child<QLabel>(dialog, "formMessage");
    QTRY_VERIFY(message->isVisible());
    QVERIFY2(message->text().contains(QStringLiteral("Not saved")), qPrintable(message->text()));
    QCOMPARE(username->text(), QStringLiteral("Mine"));
    const User stored = testsupport::finish(m_session->services()->getUser.execute(alan.id().value()));
    QCOMPARE(stored.username(), QStringLiteral("Alan")); // never silently overwritten
    QCOMPARE(stored.role(), Role::Admin);
}

void TestUsersGui::conflictingEditOverwriteSavesMineDeliberately_data()
{
    QTest::addColumn<bool>("confirmed");
    QTest::newRow("confirmed") << true;
    QTest::newRow("backed out of the confirmation") << false;
}

void TestUsersGui::conflictingEditOverwriteSavesMineDeliberately()
{
    QFETCH(bool, confirmed);
    UpdateUserCommand theirs;
    theirs.username = QStringLiteral("Their Alan");
    theirs.role = QStringLiteral("support");
    const auto [alan, dialog, username, conflict] = saveIntoAConflict(theirs, QStringLiteral("My Alan"));
    QVERIFY2(conflict, "the conflict dialog did not appear");
    QVERIFY(conflict);
    testsupport::snapshot(conflict, QStringLiteral("conflict-dialog"));
    MessageBoxes::clearShown();
    MessageBoxes::setNextAnswer(confirmed ? QMessageBox::Yes : QMessageBox::No);
    QTest::mouseClick(child<QPushButton>(conflict, "overwriteButton"), Qt::LeftButton);
    // The confirmation says what is lost.
    QTRY_COMPARE(MessageBoxes::shown().size(), 1);
    QVERIFY2(MessageBoxes::lastText().contains(QStringLiteral("username, role")), qPrintable(MessageBoxes::lastText()));

    if (!confirmed) {
        QVERIFY(conflict->isVisible()); // still deciding
        const User stored = testsupport::finish(m_session->services()->getUser.execute(alan.id().value()));
        QCOMPARE(stored.username(), QStringLiteral("Their Alan"));
        QCOMPARE(stored.version(), 2);
        return;
    }
    QTRY_VERIFY(!m_window->findChild<UserDialog *>()); // saved and closed
    const User stored = testsupport::finish(m_session->services()->getUser.execute(alan.id().value()));
    QCOMPARE(stored.username(), QStringLiteral("My Alan"));
    QCOMPARE(stored.role(), Role::Learner); // my form's role, as the comparison showed
    QCOMPARE(stored.version(), 3);
}

void TestUsersGui::searchNarrowsTheTable()
{
    Services &services = *m_session->services();
    testsupport::createUser(services, QStringLiteral("bob@example.com"), QStringLiteral("Bob"));
    testsupport::createUser(services, QStringLiteral("alice@example.com"), QStringLiteral("Alice"));
    testsupport::createUser(services, QStringLiteral("carol@example.org"), QStringLiteral("Carol Bobson"));
    QTRY_COMPARE(m_table->model()->rowCount(), 3);

    m_table->setFocus();
    QTest::keyClick(m_window, Qt::Key_F, Qt::ControlModifier);
    auto *search = child<QLineEdit>(m_window, "usersSearchEdit");
    QTRY_VERIFY(search->hasFocus());
    QTest::keyClicks(search, QStringLiteral("bob"));

    QTRY_COMPARE(m_table->model()->rowCount(), 2); // email or username, any case
    QTRY_COMPARE(child<QLabel>(m_window, "usersTotalLabel")->text(), QStringLiteral("2 matches"));
    // The count and the rows arrive separately; the old rows stay until the new page lands.
    QTRY_VERIFY(rowShowing(m_table->model(), QStringLiteral("bob@example.com")) >= 0);
    QTRY_VERIFY(rowShowing(m_table->model(), QStringLiteral("carol@example.org")) >= 0);

    QTest::keyClicks(search, QStringLiteral("son"));
    QTRY_COMPARE(child<QLabel>(m_window, "usersTotalLabel")->text(), QStringLiteral("1 match"));
    QTRY_COMPARE(m_table->model()->rowCount(), 1);
    QTRY_COMPARE(m_table->model()->index(0, 0).data().toString(), QStringLiteral("carol@example.org"));

    search->clear();
    QTRY_COMPARE(m_table->model()->rowCount(), 3);
    QTRY_COMPARE(child<QLabel>(m_window, "usersTotalLabel")->text(), QStringLiteral("3 users"));
}

void TestUsersGui::deleteAsksFirst_data()
{
    QTest::addColumn<QMessageBox::StandardButton>("answer");
    QTest::addColumn<bool>("deleted");
    QTest::newRow("yes deletes") << QMessageBox::Yes << true;
    QTest::newRow("no keeps the user") << QMessageBox::No << false;
}

void TestUsersGui::deleteAsksFirst()
{
    QFETCH(QMessageBox::StandardButton, answer);
    QFETCH(bool, deleted);
    Services &services = *m_session->services();
    testsupport::createUser(services, QStringLiteral("keep@example.com"), QStringLiteral("Keeper"));
    testsupport::createUser(services, QStringLiteral("linus@example.com"), QStringLiteral("Linus"));
    selectUser(QStringLiteral("linus@example.com"));

    MessageBoxes::setNextAnswer(answer);
    QTest::keyClick(m_table, Qt::Key_Delete);
    QTRY_COMPARE(MessageBoxes::shown().size(), 1);
    QVERIFY2(MessageBoxes::lastText().contains(QStringLiteral("Linus (linus@example.com)")),
             qPrintable(MessageBoxes::lastText()));

    if (deleted) {
        QTRY_COMPARE(rowShowing(m_table->model(), QStringLiteral("linus@example.com")), -1);
        QTRY_COMPARE(m_table->model()->rowCount(), 1);
        QTRY_COMPARE(child<QLabel>(m_window, "usersTotalLabel")->text(), QStringLiteral("1 user"));
    } else {
        QVERIFY(testsupport::letQueuedWorkRun());
        // The store runs its jobs in order: a wrongly sent delete would have run before this.
        QVERIFY(testsupport::finish(services.listUsers.count(QString())) == 2);
        QCOMPARE(m_table->model()->rowCount(), 2);
        QVERIFY(rowShowing(m_table->model(), QStringLiteral("linus@example.com")) >= 0);
    }
    QVERIFY(rowShowing(m_table->model(), QStringLiteral("keep@example.com")) >= 0);
}

void TestUsersGui::refreshShowsChangesMadeElsewhere()
{
    // Another process on the same file: its events do not reach this window's bus.
    StoreSession elsewhere(m_console->ports().stores);
    elsewhere.open(storePath(), OpenMode::OpenExisting);
    QTRY_VERIFY(elsewhere.isOpen());
    testsupport::createUser(*elsewhere.services(), QStringLiteral("cli@example.com"), QStringLiteral("From the CLI"));
    QVERIFY(testsupport::letQueuedWorkRun());
    QCOMPARE(m_table->model()->rowCount(), 0); // not live: another process's bus is not ours

    m_table->setFocus();
    QTest::keyClick(m_window, Qt::Key_F5);
    QTRY_VERIFY(rowShowing(m_table->model(), QStringLiteral("cli@example.com")) >= 0);
    QTRY_COMPARE(child<QLabel>(m_window, "usersTotalLabel")->text(), QStringLiteral("1 user"));
}

void TestUsersGui::detailPaneShowsTheSelectedUser()
{
    testsupport::createUser(*m_session->services(), QStringLiteral("edsger@example.com"),
                            QStringLiteral("Edsger"), QStringLiteral("support"));
    selectUser(QStringLiteral("edsger@example.com"));
    QTRY_COMPARE(child<QLabel>(m_window, "detailEmail")->text(), QStringLiteral("edsger@example.com"));
    QCOMPARE(child<QLabel>(m_window, "detailRole")->text(), QStringLiteral("Support"));
    QCOMPARE(child<QLabel>(m_window, "detailVersion")->text(), QStringLiteral("1"));
    auto *progress = child<QLabel>(m_window, "progressState");
    QTRY_COMPARE(progress->text(), QStringLiteral("No progress yet"));
    QVERIFY(progress->isVisible());
    QTRY_VERIFY(child<QLabel>(m_window, "detailTotals")->text().startsWith(QStringLiteral("0 lessons")));
    // No sign-ins in an embedded store, so no sessions row.
    QVERIFY(!child<QPushButton>(m_window, "endSessionsButton")->isVisible());
}

QTEST_MAIN(TestUsersGui)
#include "tst_usersgui.moc"
