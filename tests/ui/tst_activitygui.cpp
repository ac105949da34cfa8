#include "models/ActivityModel.h"
#include "pages/ActivityPage.h"
#include "session/StoreSession.h"
#include "support/ConsoleFixture.h"
#include "support/GuiTestSupport.h"
#include "window/MainWindow.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace edge;
using namespace edge::ui;

// The Activity page against a real temporary SQLite store: this window's own create,
// update and delete appear at the top as they happen, and the type filter narrows the
// trail read back from the store.
class TestActivityGui final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void ownChangesAppearLiveNewestFirst();
    void typeFilterReadsOnlyThatType();

private:
    QString what(int row) const { return m_model->index(row, ActivityModel::WhatColumn).data().toString(); }
    QString record(int row) const { return m_model->index(row, ActivityModel::SubjectColumn).data().toString(); }

    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<testsupport::ConsoleFixture> m_console;
    StoreSession *m_session = nullptr; // m_console's
    MainWindow *m_window = nullptr;    // m_console's
    ActivityModel *m_model = nullptr;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestActivityGui::initTestCase()
{
    QVERIFY(m_home.isValid());
    testsupport::isolateUserFiles(m_home.path());
}

void TestActivityGui::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_console = std::make_unique<testsupport::ConsoleFixture>(false);
    m_session = &m_console->session();
    m_window = &m_console->window();
    QVERIFY(m_console->openStore(m_dir->filePath(QStringLiteral("store.db"))));
    m_model = m_window->activityPage()->activityModel();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(m_model->total(), 0);
}

void TestActivityGui::cleanup()
{
    m_tester.reset();
    m_console.reset();
    m_window = nullptr;
    m_session = nullptr;
    m_dir.reset();
}

void TestActivityGui::ownChangesAppearLiveNewestFirst()
{
    Services &services = *m_session->services();
    const User ada = testsupport::createUser(services, QStringLiteral("ada@example.com"), QStringLiteral("Ada"));
    QTRY_COMPARE(m_model->rowCount(), 1);
    QCOMPARE(what(0), QStringLiteral("Created user"));
    QCOMPARE(record(0), QStringLiteral("user ada@example.com"));

    UpdateUserCommand rename;
    rename.id = ada.id().value();
    rename.baseVersion = ada.version();
    rename.username = QStringLiteral("Ada L.");
    rename.role = QStringLiteral("editor");
    testsupport::finish(services.updateUser.execute(rename));
    QTRY_COMPARE(m_model->rowCount(), 2);
    QVERIFY2(what(0).startsWith(QStringLiteral("Updated user: ")), qPrintable(what(0)));
    QVERIFY2(what(0).contains(QStringLiteral("username")) && what(0).contains(QStringLiteral("role")), qPrintable(what(0)));

    testsupport::finish(services.deleteUser.execute(DeleteUserCommand{ada.id().value()}));
    QTRY_COMPARE(m_model->rowCount(), 3);
    QCOMPARE(what(0), QStringLiteral("Deleted user"));
    QVERIFY(m_model->index(0, ActivityModel::ActorColumn).data().toString().startsWith(QStringLiteral("this computer")));

    // The store recorded the same trail: read back, it matches what was shown live.
    m_model->refresh();
    QTRY_VERIFY(m_model->entryAt(0).id > 0 && m_model->entryAt(2).id > 0); // the store's rows
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(what(0), QStringLiteral("Deleted user"));
    QCOMPARE(what(2), QStringLiteral("Created user"));
}

void TestActivityGui::typeFilterReadsOnlyThatType()
{
    Services &services = *m_session->services();
    testsupport::createUser(services, QStringLiteral("a@example.com"), QStringLiteral("Ann"));
    const User b = testsupport::createUser(services, QStringLiteral("b@example.com"), QStringLiteral("Bob"));
    testsupport::finish(services.deleteUser.execute(DeleteUserCommand{b.id().value()}));
    QTRY_COMPARE(m_model->rowCount(), 3);

    auto *type = m_window->findChild<QComboBox *>(QStringLiteral("activityTypeCombo"));
    type->setCurrentIndex(type->findData(QStringLiteral("user.created")));
    QTRY_VERIFY(!m_model->isLoading() && m_model->total() == 2);
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(record(0), QStringLiteral("user b@example.com"));
    // A live event of another type does not slip in.
    testsupport::createUser(services, QStringLiteral("c@example.com"), QStringLiteral("Cy"));
    QTRY_COMPARE(m_model->rowCount(), 3);
    type->setCurrentIndex(type->findData(QStringLiteral("user.deleted")));
    QTRY_VERIFY(!m_model->isLoading() && m_model->total() == 1);
    QCOMPARE(m_model->rowCount(), 1);
}

QTEST_MAIN(TestActivityGui)
#include "tst_activitygui.moc"
