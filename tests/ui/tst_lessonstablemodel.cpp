#include "application/EventBus.h"
#include "models/LessonsTableModel.h"
#include "support/FakeUserRepository.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace edge;
using edge::test::FakeLessonRepository;
using edge::ui::LessonsTableModel;
using Call = FakeLessonRepository::Call;

// The lessons table model over a test double of the repository: filters, search and sort go
// into the query (pages and count alike), rows show what a reader needs, answers for an
// older filter are dropped, failures are reported.
class TestLessonsTableModel final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void showsEveryLessonWithItsCount();
    void filtersGoIntoPagesAndCount();
    void sortGoesIntoTheQuery_data();
    void sortGoesIntoTheQuery();
    void statusCannotBeSorted();
    void rowsShowWhatAReaderNeeds();
    void dropsAnswersForAnOlderFilter();
    void reportsFailedLoads();

private:
    QString titleAt(int row) const { return m_model->index(row, LessonsTableModel::TitleColumn).data().toString(); }

    EventBus m_bus;
    FakeLessonRepository *m_lessons = nullptr; // owned by the services' backend
    std::shared_ptr<Services> m_services;
    LessonsTableModel *m_model = nullptr;
};

void TestLessonsTableModel::init()
{
    m_lessons = new FakeLessonRepository;
    m_lessons->seed(30); // tracks cpp/python/web in turn, difficulty 1..5 in turn, every third published
    m_services = std::make_shared<Services>(std::make_unique<FakeBackend>(new FakeUserRepository, m_lessons), m_bus,
                                            Actor{});
    m_model = new LessonsTableModel(this);
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, m_model);
}

void TestLessonsTableModel::cleanup()
{
    delete m_model;
    m_model = nullptr;
    m_services.reset();
    m_lessons = nullptr;
}

void TestLessonsTableModel::showsEveryLessonWithItsCount()
{
    QSignalSpy totals(m_model, &LessonsTableModel::totalCountChanged);
    m_model->setServices(m_services);
    QCOMPARE(m_model->rowCount(), 0); // nothing is read synchronously
    QTRY_COMPARE(m_model->rowCount(), 30);
    QTRY_VERIFY(!totals.isEmpty() && totals.last().at(0).toLongLong() == 30);
    QCOMPARE(titleAt(0), QStringLiteral("Lesson 029")); // newest first by default
}

void TestLessonsTableModel::filtersGoIntoPagesAndCount()
{
    m_model->setServices(m_services);
    QTRY_COMPARE(m_model->rowCount(), 30);

    m_model->setTrack(QStringLiteral(" cpp "));
    QTRY_COMPARE(m_model->rowCount(), 10);
    m_model->setStatus(LessonStatus::Published);
    m_model->setDifficulty(3);
    m_model->setSearch(QStringLiteral("lesson 0"));
    // Every filter reaches the store, for the pages and for the count alike.
    const auto hasEveryFilter = [](const QList<LessonListQuery> &queries) {
        if (queries.isEmpty())
            return false;
        const LessonListQuery &query = queries.last();
        return query.track == QLatin1String("cpp") && query.status == LessonStatus::Published
            && query.difficulty == 3 && query.search == QLatin1String("lesson 0");
    };
    QTRY_VERIFY(hasEveryFilter(m_lessons->listQueries()));
    QTRY_VERIFY(hasEveryFilter(m_lessons->countQueries()));
    // What the rows show agrees with the query once its answers are in.
    const auto rowsMatch = [this] {
        if (m_model->rowCount() != 2) // lessons 012 and 027: cpp, difficulty 3, published
            return false;
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const std::optional<Lesson> lesson = m_model->lessonAt(row);
            if (!lesson || lesson->track != QLatin1String("cpp") || lesson->difficulty != 3 || !lesson->isPublished())
                return false;
        }
        return true;
    };
    QTRY_VERIFY(rowsMatch());
}

void TestLessonsTableModel::sortGoesIntoTheQuery_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<LessonSortField>("field");
    QTest::addColumn<SortOrder>("expectedOrder");
    QTest::newRow("title ascending") << int(LessonsTableModel::TitleColumn) << Qt::AscendingOrder
                                     << LessonSortField::Title << SortOrder::Ascending;
    QTest::newRow("track descending") << int(LessonsTableModel::TrackColumn) << Qt::DescendingOrder
                                      << LessonSortField::Track << SortOrder::Descending;
    QTest::newRow("difficulty ascending") << int(LessonsTableModel::DifficultyColumn) << Qt::AscendingOrder
                                          << LessonSortField::Difficulty << SortOrder::Ascending;
    QTest::newRow("updated ascending") << int(LessonsTableModel::UpdatedColumn) << Qt::AscendingOrder
                                       << LessonSortField::UpdatedAt << SortOrder::Ascending;
}

void TestLessonsTableModel::sortGoesIntoTheQuery()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QFETCH(LessonSortField, field);
    QFETCH(SortOrder, expectedOrder);
    m_model->setServices(m_services);
    QTRY_COMPARE(m_model->rowCount(), 30);
    m_model->sort(column, order);
    QTRY_COMPARE(m_lessons->listQueries().last().sort, field);
    QCOMPARE(m_lessons->listQueries().last().order, expectedOrder);
    QCOMPARE(m_model->query().sort, field);
}

void TestLessonsTableModel::statusCannotBeSorted()
{
    m_model->setServices(m_services);
    QTRY_COMPARE(m_model->rowCount(), 30);
    QVERIFY(!m_model->isSortable(LessonsTableModel::StatusColumn));
    QVERIFY(m_model->isSortable(LessonsTableModel::TitleColumn));
}

void TestLessonsTableModel::rowsShowWhatAReaderNeeds()
{
    Lesson lesson = FakeLessonRepository::makeLesson(QStringLiteral("Bidi \u202Etrick"), QStringLiteral("web"), 4,
                                                     LessonStatus::Published);
    m_lessons->put(lesson);
    m_model->setTrack(QStringLiteral("web"));
    m_model->setSearch(QStringLiteral("Bidi"));
    m_model->setServices(m_services);
    QTRY_COMPARE(m_model->rowCount(), 1);
    QCOMPARE(titleAt(0), QStringLiteral("Bidi <U+202E>trick")); // an invisible character is written out
    QCOMPARE(m_model->index(0, LessonsTableModel::DifficultyColumn).data().toString(),
             QStringLiteral("\u2605\u2605\u2605\u2605\u2606"));
    QCOMPARE(m_model->index(0, LessonsTableModel::DifficultyColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("Difficulty 4 of 5"));
    QCOMPARE(m_model->index(0, LessonsTableModel::StatusColumn).data().toString(), QStringLiteral("Published"));
    QCOMPARE(m_model->lessonAt(0)->id, lesson.id);
}

void TestLessonsTableModel::dropsAnswersForAnOlderFilter()
{
    m_model->setServices(m_services);
    QTRY_COMPARE(m_model->rowCount(), 30);
    m_lessons->hold(Call::List);
    m_lessons->hold(Call::Count);
    m_model->setTrack(QStringLiteral("cpp"));
    QTRY_VERIFY(m_lessons->heldAnswers() >= 2);
    m_model->setTrack(QStringLiteral("python"));
    QTRY_VERIFY(m_lessons->heldAnswers() >= 4);
    m_lessons->releaseAll(); // the cpp answers arrive too, first
    QTRY_COMPARE(m_model->rowCount(), 10);
    for (int row = 0; row < m_model->rowCount(); ++row)
        QCOMPARE(m_model->lessonAt(row)->track, QStringLiteral("python"));
}

void TestLessonsTableModel::reportsFailedLoads()
{
    QSignalSpy failures(m_model, &LessonsTableModel::loadFailed);
    m_lessons->failNext(Call::List, DomainError(ErrorKind::Unavailable, QStringLiteral("The Worker did not answer")));
    m_model->setServices(m_services);
    QTRY_COMPARE(failures.size(), 1);
    QVERIFY(failures.first().at(0).toString().contains(QStringLiteral("did not answer")));
}

QTEST_MAIN(TestLessonsTableModel)
#include "tst_lessonstablemodel.moc"
