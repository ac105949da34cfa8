#include "application/EventBus.h"
#include "models/ProgressRowSource.h"
#include "models/ProgressTableModel.h"
#include "support/FakeUserRepository.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace edge;
using edge::test::FakeProgressRepository;
using edge::ui::ProgressTableModel;
using Call = FakeProgressRepository::Call;

// The progress table model over the in-memory progress store: every filter goes into the
// query (pages and count alike), the five sorts reach the store, page p + 1 is read by the
// cursor page p ended with while a jump is read by page number, rows show what a reader
// needs, failures are reported.
class TestProgressTableModel final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void showsEveryRowWithItsCount();
    void filtersGoIntoPagesAndCount();
    void nextPageIsReadByCursor();
    void jumpFarIsReadByPageNumber();
    void newFiltersForgetTheCursors();
    void sortGoesIntoTheQuery_data();
    void sortGoesIntoTheQuery();
    void trackAndCompletedCannotBeSorted();
    void rowsShowWhatAReaderNeeds();
    void reportsFailedLoads();

private:
    void seedAndShow(int users, int lessons);
    // Touches a row so the view would ask for its page.
    void look(int row) { m_model->index(row, 0).data(); }

    EventBus m_bus;
    FakeProgressRepository *m_progress = nullptr; // owned by the services' backend
    std::shared_ptr<Services> m_services;
    ProgressTableModel *m_model = nullptr;
};

void TestProgressTableModel::init()
{
    m_progress = new FakeProgressRepository;
    m_services = std::make_shared<Services>(
        std::make_unique<FakeBackend>(new FakeUserRepository, new edge::test::FakeLessonRepository, m_progress), m_bus,
        Actor{});
    m_model = new ProgressTableModel(this);
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, m_model);
}

void TestProgressTableModel::cleanup()
{
    delete m_model;
    m_model = nullptr;
    m_services.reset();
    m_progress = nullptr;
}

void TestProgressTableModel::seedAndShow(int users, int lessons)
{
    m_progress->seed(users, lessons);
    m_model->setServices(m_services);
    QTRY_COMPARE(m_model->totalCount(), qint64(users) * lessons);
}

void TestProgressTableModel::showsEveryRowWithItsCount()
{
    m_progress->seed(5, 6);
    QSignalSpy totals(m_model, &ProgressTableModel::totalCountChanged);
    m_model->setServices(m_services);
    QCOMPARE(m_model->rowCount(), 0); // nothing is read synchronously
    QTRY_COMPARE(m_model->rowCount(), 30);
    QTRY_VERIFY(!totals.isEmpty() && totals.last().at(0).toLongLong() == 30);
    // Newest first by default: learner004 on Lesson 005 was updated last.
    QTRY_COMPARE(m_model->index(0, ProgressTableModel::LearnerColumn).data().toString(),
                 QStringLiteral("learner004@example.com"));
    QCOMPARE(m_model->index(0, ProgressTableModel::LessonColumn).data().toString(), QStringLiteral("Lesson 005"));
}

void TestProgressTableModel::filtersGoIntoPagesAndCount()
{
    seedAndShow(6, 9);
    const QDateTime from(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC);
    const QDateTime to(QDate(2025, 1, 2), QTime(0, 0), Qt::UTC);
    m_model->changeFilters([&](ProgressListQuery &query) {
        query.track = QStringLiteral("python");
        query.completed = true;
        query.minScore = 10;
        query.maxScore = 90;
        query.completedFrom = from;
        query.completedTo = to;
    });
    m_model->setSearch(QStringLiteral(" learner00 "));
    QVERIFY(m_model->isFiltered());
    const auto hasEveryFilter = [&](const QList<ProgressListQuery> &queries) {
        if (queries.isEmpty())
            return false;
        const ProgressListQuery &q = queries.last();
        return q.track == QLatin1String("python") && q.completed == true && q.minScore == 10 && q.maxScore == 90
            && q.completedFrom == from && q.completedTo == to && q.search == QLatin1String("learner00");
    };
    QTRY_VERIFY(hasEveryFilter(m_progress->listQueries()));
    QTRY_VERIFY(hasEveryFilter(m_progress->countQueries()));

    // What the rows show agrees with the store's own rows for that filter.
    int expected = 0;
    for (const ProgressEntry &entry : m_progress->entries()) {
        if (entry.track == QLatin1String("python") && entry.completed && entry.score >= 10 && entry.score <= 90)
            ++expected;
    }
    QVERIFY(expected > 0);
    QTRY_COMPARE(m_model->totalCount(), qint64(expected));
    QTRY_COMPARE(m_model->rowCount(), expected);
    QTRY_VERIFY(m_model->progressAt(expected - 1).has_value());
    for (int row = 0; row < expected; ++row) {
        const ProgressEntry entry = *m_model->progressAt(row);
        QCOMPARE(entry.track, QStringLiteral("python"));
        QVERIFY(entry.completed);
        QVERIFY(entry.score >= 10 && entry.score <= 90);
    }
}

void TestProgressTableModel::nextPageIsReadByCursor()
{
    seedAndShow(20, 15); // 300 rows: two pages of 200
    QTRY_VERIFY(m_model->progressAt(0).has_value());
    QVERIFY(!m_model->rowSource().cursorFor(1).isEmpty()); // the first page's end is known
    m_progress->resetCalls();

    look(250);
    QTRY_VERIFY(m_model->progressAt(250).has_value());
    QCOMPARE(m_progress->listQueries().size(), 1);
    const ProgressListQuery &second = m_progress->listQueries().first();
    QCOMPARE(second.cursor, m_model->rowSource().cursorFor(1));
    QCOMPARE(second.withTotal, false); // counted once, apart

    // The rows follow on without a gap or a repeat.
    QSet<QString> keys;
    for (int row = 0; row < 300; ++row) {
        look(row);
        QTRY_VERIFY(m_model->progressAt(row).has_value());
        keys.insert(m_model->progressAt(row)->key());
    }
    QCOMPARE(keys.size(), 300);
}

void TestProgressTableModel::jumpFarIsReadByPageNumber()
{
    seedAndShow(30, 20); // 600 rows: three pages
    QTRY_VERIFY(m_model->progressAt(0).has_value());
    m_progress->resetCalls();

    look(450); // page 2 (0-based) with page 1 never read: no cursor is known for it
    QTRY_VERIFY(m_model->progressAt(450).has_value());
    QCOMPARE(m_progress->listQueries().size(), 1);
    QVERIFY(m_progress->listQueries().first().cursor.isEmpty());
    QCOMPARE(m_progress->listQueries().first().page, 3);
}

void TestProgressTableModel::newFiltersForgetTheCursors()
{
    seedAndShow(20, 15);
    QTRY_VERIFY(!m_model->rowSource().cursorFor(1).isEmpty());
    m_model->changeFilters([](ProgressListQuery &query) { query.completed = false; });
    QVERIFY(m_model->rowSource().cursorFor(1).isEmpty()); // a cursor belongs to its query
}

void TestProgressTableModel::sortGoesIntoTheQuery_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<ProgressSortField>("field");
    QTest::addColumn<SortOrder>("expectedOrder");
    QTest::newRow("learner ascending") << int(ProgressTableModel::LearnerColumn) << Qt::AscendingOrder
                                       << ProgressSortField::Email << SortOrder::Ascending;
    QTest::newRow("lesson descending") << int(ProgressTableModel::LessonColumn) << Qt::DescendingOrder
                                       << ProgressSortField::Title << SortOrder::Descending;
    QTest::newRow("score ascending") << int(ProgressTableModel::ScoreColumn) << Qt::AscendingOrder
                                     << ProgressSortField::Score << SortOrder::Ascending;
    QTest::newRow("completed at descending") << int(ProgressTableModel::CompletedAtColumn) << Qt::DescendingOrder
                                             << ProgressSortField::CompletedAt << SortOrder::Descending;
    QTest::newRow("updated ascending") << int(ProgressTableModel::UpdatedColumn) << Qt::AscendingOrder
                                       << ProgressSortField::UpdatedAt << SortOrder::Ascending;
}

void TestProgressTableModel::sortGoesIntoTheQuery()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QFETCH(ProgressSortField, field);
    QFETCH(SortOrder, expectedOrder);
    seedAndShow(4, 5);
    QVERIFY(m_model->isSortable(column));
    m_model->sort(column, order);
    QTRY_VERIFY(!m_progress->listQueries().isEmpty() && m_progress->listQueries().last().sort == field
                && m_progress->listQueries().last().order == expectedOrder);
    QTRY_COMPARE(m_model->rowCount(), 20);
    QTRY_VERIFY(m_model->progressAt(19).has_value());
    // The rows come in that order.
    for (int row = 1; row < 20; ++row) {
        const QVariant a = m_model->index(row - 1, column).data(ProgressTableModel::UnderlyingDataRole);
        const QVariant b = m_model->index(row, column).data(ProgressTableModel::UnderlyingDataRole);
        const auto ordered = QVariant::compare(a, b);
        if (order == Qt::AscendingOrder)
            QVERIFY2(ordered != QPartialOrdering::Greater, qPrintable(QStringLiteral("row %1").arg(row)));
        else
            QVERIFY2(ordered != QPartialOrdering::Less, qPrintable(QStringLiteral("row %1").arg(row)));
    }
}

void TestProgressTableModel::trackAndCompletedCannotBeSorted()
{
    QVERIFY(!m_model->isSortable(ProgressTableModel::TrackColumn));
    QVERIFY(!m_model->isSortable(ProgressTableModel::CompletedColumn));
}

void TestProgressTableModel::rowsShowWhatAReaderNeeds()
{
    const QString user = m_progress->addUser(QStringLiteral("ada@example.com"), QStringLiteral("ada"));
    const QString lesson = m_progress->addLesson(QStringLiteral("Intro to HTML"), QStringLiteral("web"));
    ProgressEntry entry;
    entry.userId = user;
    entry.lessonId = lesson;
    entry.completed = true;
    entry.score = 87;
    entry.completedAt = QDateTime(QDate(2025, 3, 4), QTime(10, 30), Qt::UTC);
    entry.updatedAt = QDateTime(QDate(2025, 3, 4), QTime(11, 0), Qt::UTC);
    m_progress->put(entry);
    m_model->setServices(m_services);
    QTRY_VERIFY(m_model->progressAt(0).has_value());

    const auto cell = [this](int column, int role = Qt::DisplayRole) { return m_model->index(0, column).data(role); };
    QCOMPARE(cell(ProgressTableModel::LearnerColumn).toString(), QStringLiteral("ada@example.com"));
    QVERIFY(cell(ProgressTableModel::LearnerColumn, Qt::ToolTipRole).toString().contains(QStringLiteral("ada")));
    QCOMPARE(cell(ProgressTableModel::LessonColumn).toString(), QStringLiteral("Intro to HTML"));
    QVERIFY(cell(ProgressTableModel::LessonColumn, Qt::ToolTipRole).toString().contains(QStringLiteral("web")));
    QCOMPARE(cell(ProgressTableModel::TrackColumn).toString(), QStringLiteral("web"));
    QCOMPARE(cell(ProgressTableModel::CompletedColumn).toString(), QStringLiteral("Yes"));
    QCOMPARE(cell(ProgressTableModel::ScoreColumn).toString(), QStringLiteral("87"));
    QCOMPARE(cell(ProgressTableModel::ScoreColumn, ProgressTableModel::UnderlyingDataRole).toInt(), 87);
    QCOMPARE(cell(ProgressTableModel::CompletedAtColumn, ProgressTableModel::UnderlyingDataRole).toDateTime(),
             entry.completedAt);
    QVERIFY(!cell(ProgressTableModel::CompletedAtColumn).toString().isEmpty());
    QVERIFY(!cell(ProgressTableModel::UpdatedColumn).toString().isEmpty());
}

void TestProgressTableModel::reportsFailedLoads()
{
    m_progress->seed(2, 2);
    m_progress->failNext(Call::List, StoreError(QStringLiteral("The store is unavailable (test)")));
    QSignalSpy failures(m_model, &ProgressTableModel::loadFailed);
    m_model->setServices(m_services);
    QTRY_COMPARE(failures.size(), 1);
    QVERIFY(failures.first().at(0).toString().contains(QStringLiteral("unavailable")));
}

QTEST_MAIN(TestProgressTableModel)
#include "tst_progresstablemodel.moc"
