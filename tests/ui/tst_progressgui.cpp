#include "application/EventBus.h"
#include "common/ActivityFormatting.h"
#include "application/progress/ProgressCsv.h"
#include "dialogs/ConflictDialog.h"
#include "dialogs/FileDialogs.h"
#include "dialogs/MessageBoxes.h"
#include "dialogs/ProgressDialog.h"
#include "models/ProgressTableModel.h"
#include "models/UsersTableModel.h"
#include "pages/LearnerDashboard.h"
#include "pages/ProgressCharts.h"
#include "pages/ProgressPage.h"
#include "pages/ProgressStatistics.h"
#include "pages/ProgressStatsPane.h"
#include "pages/UserDetailPane.h"
#include "pages/UsersPage.h"
#include "support/FakeUserRepository.h"
#include "support/GuiTestSupport.h"

#include <QAction>
#include <QBarSet>
#include <QComboBox>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPointer>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace edge;
using namespace testsupport;
using edge::test::FakeProgressRepository;
using edge::ui::ConsoleAccess;
using edge::ui::MessageBoxes;
using edge::ui::ProgressTableModel;

// The Progress page as an admin uses it, offscreen, over the in-memory progress store:
// filtering by track and completion, correcting a record (and meeting someone else's
// correction), resetting one only after saying yes, the statistics' charts, a learner's
// dashboard from a progress row and from the Users page, and how the Activity page words
// progress events.
class TestProgressGui final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void filteringByTrackAndCompletedShowsTheRightRows();
    void correctingARecordSavesItAndTheListShowsIt();
    void aBadScoreIsExplainedAtTheField();
    void aConflictShowsBothVersionsAndReloadsTheirs();
    void resetAsksFirst();
    void chartsShowCompletionRatesAndCompletionsOverTime();
    void statisticsAreNotReadPerKeystroke();
    void openingALearnersDashboardFromAProgressRow();
    void openingADashboardFromTheUsersPage();
    void readOnlyRolesSeeNoCorrections();
    void activityWordsProgressEvents();
    void exportWritesTheRowsShown();
    void importWithAProblemWritesOnlyTheValidRowsWhenChosen();
    void importWithAProblemWritesNothingWhenCancelled();

private:
    ui::ProgressTableModel *model() const { return m_page->progressModel(); }
    QTableView *table() const { return m_page->findChild<QTableView *>(QStringLiteral("progressTable")); }
    QAction *action(const char *name) const { return m_page->findChild<QAction *>(QString::fromLatin1(name)); }
    void choose(const char *comboName, const QVariant &data);
    // Selects the row showing this record (it must be loaded).
    bool select(const ProgressEntry &entry);
    ProgressEntry firstShown() const { return *model()->progressAt(0); }
    // A progress file: one good row (a new score for a stored record) and one with a score of 150.
    QString writeImportFile(const ProgressEntry &good, int goodScore, const ProgressEntry &bad);

    QTemporaryDir m_dir;
    EventBus m_bus;
    FakeProgressRepository *m_progress = nullptr; // owned by the services' backend
    FakeUserRepository *m_users = nullptr;
    std::shared_ptr<Services> m_services;
    ui::ProgressPage *m_page = nullptr;
    QList<ProgressEntry> m_rows;
};

void TestProgressGui::initTestCase()
{
    QVERIFY(m_dir.isValid());
    isolateUserFiles(m_dir.path());
}

void TestProgressGui::init()
{
    MessageBoxes::clearShown();
    m_progress = new FakeProgressRepository;
    m_rows = m_progress->seed(6, 9); // 54 rows: tracks cpp, python, web in turn
    m_users = new FakeUserRepository;
    // The same learners in the users store, for their dashboards.
    const QDateTime created(QDate(2024, 6, 1), QTime(9, 0), Qt::UTC);
    for (const FakeProgressRepository::User &user : m_progress->users())
        m_users->users().append(User::reconstitute(UserId::fromString(user.id), Email::fromTrusted(user.email),
                                                   user.username, Role::Learner, 1, created, created));
    m_services = std::make_shared<Services>(
        std::make_unique<FakeBackend>(m_users, new edge::test::FakeLessonRepository, m_progress), m_bus, Actor{});
    m_page = new ui::ProgressPage(m_bus);
    m_page->resize(1100, 800);
    m_page->setAccess(ConsoleAccess::embedded());
    m_page->setServices(m_services, QString());
    m_page->show();
    QTRY_COMPARE(model()->totalCount(), qint64(54));
    QTRY_VERIFY(model()->progressAt(0).has_value());
}

void TestProgressGui::cleanup()
{
    delete m_page;
    m_page = nullptr;
    m_services.reset();
    m_progress = nullptr;
    m_users = nullptr;
}

void TestProgressGui::choose(const char *comboName, const QVariant &data)
{
    auto *combo = child<QComboBox>(m_page, comboName);
    QVERIFY(combo);
    QTRY_VERIFY(combo->findData(data) >= 0);
    combo->setCurrentIndex(combo->findData(data));
}

bool TestProgressGui::select(const ProgressEntry &entry)
{
    const QModelIndex found = model()->indexOfRow(entry.key());
    if (!found.isValid())
        return false;
    table()->setFocus();
    table()->setCurrentIndex(found);
    return true;
}

void TestProgressGui::filteringByTrackAndCompletedShowsTheRightRows()
{
    choose("progressTrackFilter", QStringLiteral("python"));
    choose("progressCompletedFilter", true);

    qint64 expected = 0;
    for (const ProgressEntry &entry : std::as_const(m_rows))
        expected += entry.track == QLatin1String("python") && entry.completed;
    QVERIFY(expected > 0 && expected < 54);
    QTRY_COMPARE(model()->totalCount(), expected);
    QTRY_VERIFY(model()->progressAt(int(expected) - 1).has_value());
    for (int row = 0; row < expected; ++row) {
        QCOMPARE(model()->index(row, ProgressTableModel::TrackColumn).data().toString(), QStringLiteral("python"));
        QCOMPARE(model()->index(row, ProgressTableModel::CompletedColumn).data().toString(), QStringLiteral("Yes"));
    }
    QTRY_COMPARE(child<QLabel>(m_page, "progressTotalLabel")->text(), QStringLiteral("%1 matches").arg(expected));
    // The lesson filter now offers the track's lessons only (3 of 9), after "All lessons".
    QTRY_COMPARE(child<QComboBox>(m_page, "progressLessonFilter")->count(), 4);

    // Clearing the filters brings every row back.
    QTest::mouseClick(child<QPushButton>(m_page, "progressClearFilters"), Qt::LeftButton);
    QTRY_COMPARE(model()->totalCount(), qint64(54));
    QTRY_COMPARE(child<QLabel>(m_page, "progressTotalLabel")->text(), QStringLiteral("54 records"));
}

void TestProgressGui::correctingARecordSavesItAndTheListShowsIt()
{
    const ProgressEntry before = firstShown();
    QVERIFY(select(before));
    action("correctProgressAction")->trigger();
    QPointer<ui::ProgressDialog> dialog;
    QTRY_VERIFY((dialog = m_page->findChild<ui::ProgressDialog *>()) && dialog->isVisible());
    snapshot(dialog, QStringLiteral("progress-correct"));

    const int newScore = before.score == 85 ? 86 : 85;
    auto *score = child<QLineEdit>(dialog, "scoreEdit");
    score->selectAll();
    QTest::keyClicks(score, QString::number(newScore));
    QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
    QTRY_VERIFY(!dialog); // closed once saved

    QCOMPARE(m_progress->entry(before.userId, before.lessonId)->score, newScore);
    QCOMPARE(m_progress->entry(before.userId, before.lessonId)->version, before.version + 1);
    QCOMPARE(m_progress->recordedEvents().last().type, QStringLiteral("progress.upserted"));
    // The page heard of it and shows the stored row (it moved to the top: updated last).
    QTRY_VERIFY(model()->indexOfRow(before.key()).isValid()
                && model()->progressAt(model()->indexOfRow(before.key()).row())->score == newScore);
}

void TestProgressGui::aBadScoreIsExplainedAtTheField()
{
    QVERIFY(select(firstShown()));
    action("correctProgressAction")->trigger();
    QPointer<ui::ProgressDialog> dialog;
    QTRY_VERIFY((dialog = m_page->findChild<ui::ProgressDialog *>()) && dialog->isVisible());
    auto *score = child<QLineEdit>(dialog, "scoreEdit");
    score->selectAll();
    QTest::keyClicks(score, QStringLiteral("150"));
    auto *error = child<QLabel>(dialog, "scoreError");
    QVERIFY(error->isVisible());
    QVERIFY(error->text().contains(QStringLiteral("100")));
    QVERIFY(!child<QPushButton>(dialog, "saveButton")->isEnabled());

    // A completion time in the future is refused at its field too.
    auto *completedAt = child<QLineEdit>(dialog, "completedAtEdit");
    if (!completedAt->isEnabled())
        child<QAbstractButton>(dialog, "completedCheck")->click();
    completedAt->clear();
    QTest::keyClicks(completedAt, QStringLiteral("2999-01-01 10:00"));
    QVERIFY(child<QLabel>(dialog, "completedAtError")->isVisible());
    dialog->reject();
    QCOMPARE(m_progress->calls(FakeProgressRepository::Call::Upsert), 0);
}

void TestProgressGui::aConflictShowsBothVersionsAndReloadsTheirs()
{
    const ProgressEntry loaded = firstShown();
    QVERIFY(select(loaded));
    action("correctProgressAction")->trigger();
    QPointer<ui::ProgressDialog> dialog;
    QTRY_VERIFY((dialog = m_page->findChild<ui::ProgressDialog *>()) && dialog->isVisible());

    // Someone else corrects the score first.
    ProgressEntry theirs = loaded;
    theirs.score = 12;
    theirs.version = loaded.version + 1;
    m_progress->put(theirs);

    auto *score = child<QLineEdit>(dialog, "scoreEdit");
    score->selectAll();
    QTest::keyClicks(score, QStringLiteral("77"));
    QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
    ui::ConflictDialog *conflict = nullptr;
    QTRY_VERIFY((conflict = dialog->findChild<ui::ConflictDialog *>()) && conflict->isVisible());
    snapshot(conflict, QStringLiteral("progress-conflict"));

    auto *rows = child<QTableWidget>(conflict, "conflictTable");
    int scoreRow = -1;
    for (int row = 0; row < rows->rowCount(); ++row)
        if (rows->item(row, 0)->text() == QLatin1String("Score"))
            scoreRow = row;
    QVERIFY(scoreRow >= 0);
    QCOMPARE(rows->item(scoreRow, 1)->text(), QStringLiteral("12"));
    QCOMPARE(rows->item(scoreRow, 2)->text(), QStringLiteral("77"));
    QCOMPARE(m_progress->entry(loaded.userId, loaded.lessonId)->score, 12); // nothing written over theirs

    QTest::mouseClick(child<QPushButton>(conflict, "reloadButton"), Qt::LeftButton);
    QTRY_COMPARE(score->text(), QStringLiteral("12"));
    QVERIFY(dialog->isVisible());
    dialog->reject();
}

void TestProgressGui::resetAsksFirst()
{
    const ProgressEntry doomed = firstShown();
    QVERIFY(select(doomed));
    MessageBoxes::setNextAnswer(QMessageBox::No);
    action("resetProgressAction")->trigger();
    QTRY_COMPARE(MessageBoxes::shown().size(), 1);
    QCOMPARE(MessageBoxes::shown().first().title, QStringLiteral("Reset progress"));
    QVERIFY(MessageBoxes::lastText().contains(QStringLiteral("learner")));
    QVERIFY(letQueuedWorkRun());
    QCOMPARE(m_progress->calls(FakeProgressRepository::Call::Remove), 0);
    QVERIFY(m_progress->entry(doomed.userId, doomed.lessonId).has_value());

    MessageBoxes::setNextAnswer(QMessageBox::Yes);
    action("resetProgressAction")->trigger();
    QTRY_VERIFY(!m_progress->entry(doomed.userId, doomed.lessonId).has_value());
    QCOMPARE(m_progress->recordedEvents().last().type, QStringLiteral("progress.deleted"));
    QTRY_COMPARE(model()->totalCount(), qint64(53));
}

void TestProgressGui::chartsShowCompletionRatesAndCompletionsOverTime()
{
    choose("progressTrackFilter", QStringLiteral("cpp"));
    ui::CompletionRateChart *rates = m_page->statsPane()->rateChart();

    // Expected: per cpp lesson (by title), completed / started.
    QMap<QString, QPair<int, int>> perLesson; // title -> (completed, started)
    QMap<QDate, int> perDay;
    for (const ProgressEntry &entry : std::as_const(m_rows)) {
        if (entry.track != QLatin1String("cpp"))
            continue;
        perLesson[entry.lessonTitle].first += entry.completed;
        perLesson[entry.lessonTitle].second += 1;
        if (entry.completed)
            perDay[entry.completedAt.date()] += 1;
    }
    const auto barValues = [rates] {
        QList<double> values;
        for (QAbstractSeries *series : rates->chart()->series())
            if (auto *bars = qobject_cast<QHorizontalBarSeries *>(series); bars && !bars->barSets().isEmpty())
                for (int i = 0; i < bars->barSets().first()->count(); ++i)
                    values.prepend(bars->barSets().first()->at(i)); // drawn bottom-up
        return values;
    };
    QList<double> expectedRates;
    for (const auto &[completed, started] : perLesson)
        expectedRates << 100.0 * completed / started;
    QTRY_VERIFY(rates->chart()->title().contains(QStringLiteral("in cpp"))); // the track's lessons, not every track
    QTRY_COMPARE(barValues().size(), expectedRates.size());
    for (int i = 0; i < expectedRates.size(); ++i)
        QVERIFY2(qAbs(barValues().at(i) - expectedRates.at(i)) < 1e-9, qPrintable(QString::number(i)));

    // Completions over time, per day: read once the tab is looked at.
    QCOMPARE(m_progress->calls(FakeProgressRepository::Call::Completions), 0);
    choose("completionsBucketCombo", int(CompletionBucket::Day));
    child<QTabWidget>(m_page, "progressCharts")->setCurrentIndex(1);
    ui::CompletionsChart *over = m_page->statsPane()->completionsChart();
    const auto points = [over] {
        for (QAbstractSeries *series : over->chart()->series())
            if (series->objectName() == QLatin1String("completionsSeries"))
                return static_cast<QLineSeries *>(series)->points();
        return QList<QPointF>();
    };
    QTRY_COMPARE(points().size(), perDay.size());
    int i = 0;
    for (auto it = perDay.cbegin(); it != perDay.cend(); ++it, ++i) {
        QCOMPARE(qint64(points().at(i).x()), it.key().startOfDay(Qt::UTC).toMSecsSinceEpoch());
        QCOMPARE(int(points().at(i).y()), it.value());
    }
    QCOMPARE(m_progress->completionsQueries().last().track, QStringLiteral("cpp"));
    QCOMPARE(m_progress->completionsQueries().last().bucket, CompletionBucket::Day);
    snapshot(m_page, QStringLiteral("progress-page-cpp"));
}

void TestProgressGui::statisticsAreNotReadPerKeystroke()
{
    QTRY_VERIFY(!m_page->statistics()->isBusy());
    m_progress->resetCalls();
    auto *search = child<QLineEdit>(m_page, "progressSearchEdit");
    QTest::keyClicks(search, QStringLiteral("learner00"));
    QTRY_VERIFY(!m_progress->listQueries().isEmpty()
                && m_progress->listQueries().last().search == QLatin1String("learner00"));
    // The search narrows the list; the statistics are per track and range, so none were read.
    QCOMPARE(m_progress->calls(FakeProgressRepository::Call::TrackStats), 0);
    QCOMPARE(m_progress->calls(FakeProgressRepository::Call::LessonStats), 0);
    QCOMPARE(m_progress->calls(FakeProgressRepository::Call::Completions), 0);
    QVERIFY(m_progress->calls(FakeProgressRepository::Call::List) <= 2); // one query, not one per letter
}

void TestProgressGui::openingALearnersDashboardFromAProgressRow()
{
    const ProgressEntry row = firstShown();
    QVERIFY(select(row));
    action("openLearnerAction")->trigger();
    QPointer<ui::LearnerDashboard> dashboard;
    QTRY_VERIFY((dashboard = m_page->findChild<ui::LearnerDashboard *>()) && dashboard->isVisible());
    QCOMPARE(dashboard->userId(), row.userId);
    QTRY_COMPARE(dashboard->progressModel()->totalCount(), qint64(9)); // every lesson of theirs
    QTRY_VERIFY(dashboard->progressModel()->progressAt(8).has_value());
    for (int i = 0; i < 9; ++i)
        QCOMPARE(dashboard->progressModel()->progressAt(i)->userId, row.userId);
    QTRY_COMPARE(child<QLabel>(dashboard, "detailTitle")->text(), row.username);
    QTRY_VERIFY(dashboard->windowTitle().contains(row.userEmail));
    snapshot(dashboard, QStringLiteral("learner-dashboard"));

    // Opening it again raises the same window.
    action("openLearnerAction")->trigger();
    QCOMPARE(m_page->findChildren<ui::LearnerDashboard *>().size(), 1);
    dashboard->close();
}

void TestProgressGui::openingADashboardFromTheUsersPage()
{
    ui::UsersPage users(m_bus);
    users.setAccess(ConsoleAccess::embedded());
    users.setServices(m_services, QString());
    users.show();
    auto *usersTable = child<QTableView>(&users, "usersTable");
    QTRY_COMPARE(users.usersModel()->totalCount(), qint64(6));
    QTRY_VERIFY(users.usersModel()->userAt(0).has_value());
    usersTable->setCurrentIndex(users.usersModel()->index(0, 0));
    const QString userId = users.usersModel()->userAt(0)->id().value();
    auto *open = users.findChild<QAction *>(QStringLiteral("userDashboardAction"));
    QVERIFY(open && open->isEnabled());
    open->trigger();
    ui::LearnerDashboard *dashboard = nullptr;
    QTRY_VERIFY((dashboard = users.findChild<ui::LearnerDashboard *>()) != nullptr);
    QCOMPARE(dashboard->userId(), userId);
    QTRY_COMPARE(dashboard->progressModel()->totalCount(), qint64(9));
}

void TestProgressGui::readOnlyRolesSeeNoCorrections()
{
    m_page->setAccess(ConsoleAccess::forRole(Role::Support));
    QVERIFY(select(firstShown()));
    QVERIFY(!action("correctProgressAction")->isVisible());
    QVERIFY(!action("resetProgressAction")->isVisible());
    QVERIFY(action("openLearnerAction")->isEnabled());
    action("correctProgressAction")->trigger(); // even if reached somehow: nothing opens
    QVERIFY(letQueuedWorkRun());
    QVERIFY(!m_page->findChild<ui::ProgressDialog *>());
}

void TestProgressGui::activityWordsProgressEvents()
{
    ProgressEntry before;
    before.userId = QStringLiteral("u1");
    before.lessonId = QStringLiteral("l1");
    before.score = 40;
    ProgressEntry after = before;
    after.score = 85;
    after.completed = true;
    after.completedAt = QDateTime::currentDateTimeUtc();
    const auto asEntry = [](const DomainEvent &event) {
        ActivityEntry entry;
        entry.type = event.type;
        entry.subjectType = event.subjectType;
        entry.subjectId = event.subjectId;
        entry.payload = event.payload;
        return entry;
    };
    const QString corrected = ui::describeActivity(asEntry(DomainEvent::progressUpserted(after, before, Actor{})));
    QVERIFY2(corrected.startsWith(QStringLiteral("Corrected progress")), qPrintable(corrected));
    QVERIFY2(corrected.contains(QStringLiteral("score 40 → 85")), qPrintable(corrected));
    QVERIFY2(corrected.contains(QStringLiteral("completed no → yes")), qPrintable(corrected));
    const QString recorded = ui::describeActivity(asEntry(DomainEvent::progressUpserted(after, std::nullopt, Actor{})));
    QVERIFY2(recorded.startsWith(QStringLiteral("Recorded progress")), qPrintable(recorded));
    const QString reset = ui::describeActivity(asEntry(DomainEvent::progressDeleted(after, Actor{})));
    QVERIFY2(reset.startsWith(QStringLiteral("Reset progress")), qPrintable(reset));
    QCOMPARE(ui::activityTypeName(QStringLiteral("progress.deleted")), QStringLiteral("Reset progress"));
}

void TestProgressGui::exportWritesTheRowsShown()
{
    choose("progressTrackFilter", QStringLiteral("web"));
    choose("progressCompletedFilter", false);
    qint64 expected = 0;
    for (const ProgressEntry &entry : std::as_const(m_rows))
        expected += entry.track == QLatin1String("web") && !entry.completed;
    QTRY_COMPARE(model()->totalCount(), expected);

    const QString path = m_dir.filePath(QStringLiteral("web-not-completed.csv"));
    ui::FileDialogs::setNextFileName(path);
    action("exportProgressAction")->trigger();
    QTRY_VERIFY(QFile::exists(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), expected + 1); // the header, then the rows shown
    QCOMPARE(lines.first().trimmed(), ProgressCsv::header().trimmed());
    for (const QByteArray &line : lines.mid(1))
        QVERIFY2(line.contains(",web,false,"), line.constData());
}

QString TestProgressGui::writeImportFile(const ProgressEntry &good, int goodScore, const ProgressEntry &bad)
{
    const QString path = m_dir.filePath(QStringLiteral("import.csv"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write("userId,lessonId,completed,score\r\n");
    file.write(QStringLiteral("%1,%2,true,%3\r\n").arg(good.userId, good.lessonId).arg(goodScore).toUtf8());
    file.write(QStringLiteral("%1,%2,true,150\r\n").arg(bad.userId, bad.lessonId).toUtf8());
    return path;
}

void TestProgressGui::importWithAProblemWritesOnlyTheValidRowsWhenChosen()
{
    const ProgressEntry good = m_rows.at(0);
    const ProgressEntry bad = m_rows.at(1);
    const int newScore = good.score == 99 ? 98 : 99;
    ui::FileDialogs::setNextFileName(writeImportFile(good, newScore, bad));
    MessageBoxes::setNextAnswer(QMessageBox::Yes); // "Import the 1 valid rows"
    action("importProgressAction")->trigger();
    QTRY_COMPARE(m_progress->entry(good.userId, good.lessonId)->score, newScore);
    // The report named the bad row by line and field before anything was written.
    QVERIFY(!MessageBoxes::shown().isEmpty());
    QVERIFY2(MessageBoxes::shown().first().text.contains(QStringLiteral("line 3")), qPrintable(MessageBoxes::shown().first().text));
    QVERIFY(MessageBoxes::shown().first().text.contains(QStringLiteral("score")));
    QCOMPARE(m_progress->entry(bad.userId, bad.lessonId)->score, bad.score);
}

void TestProgressGui::importWithAProblemWritesNothingWhenCancelled()
{
    const ProgressEntry good = m_rows.at(0);
    ui::FileDialogs::setNextFileName(writeImportFile(good, good.score == 99 ? 98 : 99, m_rows.at(1)));
    MessageBoxes::setNextAnswer(QMessageBox::No);
    action("importProgressAction")->trigger();
    QTRY_COMPARE(MessageBoxes::shown().size(), 1);
    QVERIFY(letQueuedWorkRun());
    QCOMPARE(m_progress->calls(FakeProgressRepository::Call::ImportRows), 0);
    QCOMPARE(m_progress->entry(good.userId, good.lessonId)->score, good.score);
}

QTEST_MAIN(TestProgressGui)
#include "tst_progressgui.moc"
