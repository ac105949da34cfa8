#include "dialogs/MessageBoxes.h"
#include "dialogs/ProgressDialog.h"
#include "models/ActivityModel.h"
#include "models/ProgressTableModel.h"
#include "pages/ActivityPage.h"
#include "pages/ProgressPage.h"
#include "session/StoreSession.h"
#include "support/ConsoleFixture.h"
#include "support/GuiTestSupport.h"
#include "window/MainWindow.h"

#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace edge;
using namespace edge::ui;
using testsupport::child;
using testsupport::finish;

// The Progress page in the whole console on a real embedded store (SQLite, migrations,
// triggers): filter by track and completion, correct a record and find the correction in
// the Activity page, reset one after saying yes.
class TestProgressConsole final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void filterCorrectAndFindItInTheActivity();
    void resetAfterSayingYes();

private:
    ui::ProgressPage *progressPage() const;
    ProgressEntry record(const QString &userId, const QString &lessonId, bool completed, int score);

    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<testsupport::ConsoleFixture> m_console;
    QString m_ada;
    QString m_alan;
    QString m_sql;
    QString m_web;
};

void TestProgressConsole::initTestCase()
{
    QVERIFY(m_home.isValid());
    testsupport::isolateUserFiles(m_home.path());
}

ui::ProgressPage *TestProgressConsole::progressPage() const
{
    for (ConsolePage *page : m_console->window().pages())
        if (auto *progress = qobject_cast<ui::ProgressPage *>(page))
            return progress;
    return nullptr;
}

ProgressEntry TestProgressConsole::record(const QString &userId, const QString &lessonId, bool completed, int score)
{
    SetProgressCommand command;
    command.userId = userId;
    command.lessonId = lessonId;
    command.change.completed = completed;
    command.change.score = score;
    return finish(m_console->services().progressCommands.set(command));
}

void TestProgressConsole::init()
{
    MessageBoxes::clearShown();
    m_dir = std::make_unique<QTemporaryDir>();
    m_console = std::make_unique<testsupport::ConsoleFixture>(false);
    QVERIFY(m_console->openStore(m_dir->filePath(QStringLiteral("store.db"))));
    Services &services = m_console->services();
    m_ada = testsupport::createUser(services, QStringLiteral("ada@example.com"), QStringLiteral("Ada")).id().value();
    m_alan = testsupport::createUser(services, QStringLiteral("alan@example.com"), QStringLiteral("Alan")).id().value();
    CreateLessonCommand sql{QStringLiteral("Joins"), QStringLiteral("sql"), 2, QStringLiteral("published")};
    CreateLessonCommand web{QStringLiteral("Caching"), QStringLiteral("web"), 1, QStringLiteral("published")};
    m_sql = finish(services.lessonCommands.create(sql)).id;
    m_web = finish(services.lessonCommands.create(web)).id;
    record(m_ada, m_sql, true, 90);
    record(m_alan, m_sql, false, 30);
    record(m_ada, m_web, true, 70);
    QVERIFY(progressPage());
    // Shown, as a user would have it: a hidden table reads its rows again only when shown.
    auto *navigation = m_console->window().findChild<QListWidget *>(QStringLiteral("navigationList"));
    navigation->setCurrentRow(int(m_console->window().pages().indexOf(progressPage())));
    QTRY_VERIFY(progressPage()->isVisible());
}

void TestProgressConsole::cleanup()
{
    m_console.reset();
    m_dir.reset();
}

void TestProgressConsole::filterCorrectAndFindItInTheActivity()
{
    ui::ProgressPage *page = progressPage();
    ProgressTableModel *model = page->progressModel();
    QTRY_COMPARE(model->totalCount(), qint64(3));

    // Filter: the sql track, completed only.
    auto *track = child<QComboBox>(page, "progressTrackFilter");
    QTRY_VERIFY(track->findData(QStringLiteral("sql")) >= 0);
    track->setCurrentIndex(track->findData(QStringLiteral("sql")));
    auto *completed = child<QComboBox>(page, "progressCompletedFilter");
    completed->setCurrentIndex(completed->findData(true));
    QTRY_COMPARE(model->totalCount(), qint64(1));
    QTRY_VERIFY(model->progressAt(0).has_value());
    QCOMPARE(model->progressAt(0)->userEmail, QStringLiteral("ada@example.com"));
    QCOMPARE(model->progressAt(0)->lessonTitle, QStringLiteral("Joins"));

    // Correct it: score 90 -> 95.
    auto *table = child<QTableView>(page, "progressTable");
    table->setCurrentIndex(model->index(0, 0));
    page->findChild<QAction *>(QStringLiteral("correctProgressAction"))->trigger();
    QPointer<ProgressDialog> dialog;
    QTRY_VERIFY((dialog = page->findChild<ProgressDialog *>()) && dialog->isVisible());
    auto *score = child<QLineEdit>(dialog, "scoreEdit");
    score->selectAll();
    QTest::keyClicks(score, QStringLiteral("95"));
    QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
    QTRY_VERIFY(!dialog);
    QTRY_VERIFY(model->progressAt(0).has_value() && model->progressAt(0)->score == 95);

    // The Activity page shows who corrected what.
    ActivityModel *activity = m_console->window().activityPage()->activityModel();
    QTRY_VERIFY(testsupport::rowShowing(activity, QStringLiteral("Corrected progress: score 90 → 95"),
                                        ActivityModel::WhatColumn)
                >= 0);
}

void TestProgressConsole::resetAfterSayingYes()
{
    ui::ProgressPage *page = progressPage();
    ProgressTableModel *model = page->progressModel();
    QTRY_COMPARE(model->totalCount(), qint64(3));
    QTRY_VERIFY(model->progressAt(2).has_value());
    const ProgressEntry doomed = *model->progressAt(0);
    child<QTableView>(page, "progressTable")->setCurrentIndex(model->index(0, 0));
    MessageBoxes::setNextAnswer(QMessageBox::Yes);
    page->findChild<QAction *>(QStringLiteral("resetProgressAction"))->trigger();
    QTRY_COMPARE(model->totalCount(), qint64(2));
    QTRY_VERIFY(!model->indexOfRow(doomed.key()).isValid()); // once the first page is read again
    const ProgressListQuery everything;
    QCOMPARE(finish(m_console->services().progressQueries.count(everything)), qint64(2));
    ActivityModel *activity = m_console->window().activityPage()->activityModel();
    QTRY_VERIFY(testsupport::rowShowing(activity, QStringLiteral("Reset progress (was completed, score %1)").arg(doomed.score),
                                        ActivityModel::WhatColumn)
                    >= 0
                || testsupport::rowShowing(activity,
                                           QStringLiteral("Reset progress (was not completed, score %1)").arg(doomed.score),
                                           ActivityModel::WhatColumn)
                    >= 0);
}

QTEST_MAIN(TestProgressConsole)
#include "tst_progressconsole.moc"
