#include "application/EventBus.h"
#include "models/UsersTableModel.h"
#include "support/FakeUserRepository.h"
#include "support/GuiTestSupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace edge;
using edge::ui::UsersTableModel;

// The users table model over a test double of the repository: windowed loading, the count
// arriving later, sort and search going into the query, stale answers dropped.
class TestUsersTableModel final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void showsFirstPageBeforeTheCountArrives();
    void growsToTheCountWhenItArrives();
    void fetchMoreReadsOnBeforeTheCount();
    void loadsOnlyTheWindowThatIsShown();
    void asksForAPageOnceWhileItLoads();
    void sortGoesIntoTheQuery_data();
    void sortGoesIntoTheQuery();
    void ignoresSortOnColumnsTheStoreCannotSort();
    void searchNarrowsRowsAndCount();
    void dropsAnswersForAnOlderSearch();
    void dropsCountsForAnOlderSearch();
    void refreshKeepsRowsUntilNewOnesArrive();
    void reportsFailedLoads();
    void exposesTheTypedUser();

private:
    void openFake(int users);
    QString emailAt(int row) const;
    bool isLoaded(int row) const;

    EventBus m_bus;
    FakeUserRepository *m_repo = nullptr; // owned by the services' backend
    std::shared_ptr<Services> m_services;
    UsersTableModel *m_model = nullptr;
};

void TestUsersTableModel::init()
{
    m_model = new UsersTableModel(this);
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest,
                                 m_model);
}

void TestUsersTableModel::cleanup()
{
    delete m_model;
    m_model = nullptr;
    m_services.reset();
    m_repo = nullptr;
}

void TestUsersTableModel::openFake(int users)
{
    m_repo = new FakeUserRepository(users);
    m_services = std::make_shared<Services>(std::make_unique<FakeBackend>(m_repo), m_bus, Actor{});
}

QString TestUsersTableModel::emailAt(int row) const
{
    return m_model->index(row, UsersTableModel::EmailColumn).data().toString();
}

bool TestUsersTableModel::isLoaded(int row) const
{
    return m_model->index(row, 0).data(UsersTableModel::LoadedRole).toBool();
}

void TestUsersTableModel::showsFirstPageBeforeTheCountArrives()
{
    openFake(10000);
    m_repo->holdCounts(true);
    m_model->setServices(m_services);
    QCOMPARE(m_model->rowCount(), 0); // nothing is read synchronously
    QVERIFY(m_model->isLoading());

    QTRY_COMPARE(m_model->rowCount(), 200);
    QCOMPARE(m_model->totalCount(), -1);
    // Newest first by default.
    QCOMPARE(emailAt(0), QStringLiteral("user09999@example.com"));
    QCOMPARE(emailAt(199), QStringLiteral("user09800@example.com"));
}

void TestUsersTableModel::growsToTheCountWhenItArrives()
{
    openFake(10000);
    m_repo->holdCounts(true);
    m_model->setServices(m_services);
    QTRY_COMPARE(m_model->rowCount(), 200);

    QSignalSpy counted(m_model, &UsersTableModel::totalCountChanged);
    m_repo->release();
    QTRY_COMPARE(m_model->rowCount(), 10000);
    QCOMPARE(m_model->totalCount(), 10000);
    QCOMPARE(counted.constLast().at(0).toLongLong(), 10000);
    QVERIFY(!m_model->canFetchMore({}));
    // Pages are fetched without a total: counting once is enough.
    for (const UserListQuery &query : m_repo->listQueries()) {
        QVERIFY(!query.withTotal);
        QCOMPARE(query.pageSize, UserListQuery::MaxPageSize);
    }
    QCOMPARE(m_repo->countSearches(), QStringList{QString()});
}

void TestUsersTableModel::fetchMoreReadsOnBeforeTheCount()
{
    openFake(10000);
    m_repo->holdCounts(true);
    m_model->setServices(m_services);
    QTRY_COMPARE(m_model->rowCount(), 200);

    m_model->fetchMore({});
    QVERIFY(!m_model->canFetchMore({})); // the next page is on its way
    QTRY_COMPARE(m_model->rowCount(), 400);
    QCOMPARE(emailAt(399), QStringLiteral("user09600@example.com"));
}

void TestUsersTableModel::loadsOnlyTheWindowThatIsShown()
{
    openFake(10000);
    m_model->setServices(m_services);
    QTRY_COMPARE(m_model->rowCount(), 10000);
    const qsizetype before = m_repo->listQueries().size();

    // A row in the middle is a placeholder until its page arrives.
    QVERIFY(!isLoaded(5000));
    QCOMPARE(emailAt(5000), QStringLiteral("Loading…"));
    QTRY_VERIFY(isLoaded(5000));
    QCOMPARE(emailAt(5000), QStringLiteral("user04999@example.com"));

    // Exactly the page holding row 5000 (rows 5000..5199, API page 26) was read.
    QCOMPARE(m_repo->listQueries().size(), before + 1);
    QCOMPARE(m_repo->listQueries().constLast().page, 26);
    QVERIFY(isLoaded(5199));
    QVERIFY(!isLoaded(5200));
}

void TestUsersTableModel::asksForAPageOnceWhileItLoads()
{
    openFake(10000);
    m_model->setServices(m_services);
    QTRY_COMPARE(m_model->rowCount(), 10000);
    const qsizetype before = m_repo->listQueries().size();

    m_repo->holdLists(true);
    for (int row = 3000; row < 3200; ++row)
        QVERIFY(!isLoaded(row));
    QTRY_COMPARE(m_repo->listQueries().size(), before + 1);
    for (int row = 3000; row < 3200; row += 7)
        QVERIFY(!isLoaded(row)); // asked again while loading: no new query
    QVERIFY(testsupport::letQueuedWorkRun()); // a duplicate request would have been sent now
    QCOMPARE(m_repo->listQueries().size(), before + 1);

    m_repo->release();
    QTRY_VERIFY(isLoaded(3000));
    QCOMPARE(m_repo->listQueries().size(), before + 1);
}

void TestUsersTableModel::sortGoesIntoTheQuery_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<UserSortField>("field");
    QTest::addColumn<QString>("firstEmail");

    QTest::newRow("email ascending") << int(UsersTableModel::EmailColumn) << Qt::AscendingOrder
                                     << UserSortField::Email << QStringLiteral("user00000@example.com");
    QTest::newRow("email descending") << int(UsersTableModel::EmailColumn) << Qt::DescendingOrder
                                      << UserSortField::Email << QStringLiteral("user00999@example.com");
    QTest::newRow("username ascending") << int(UsersTableModel::UsernameColumn) << Qt::AscendingOrder
                                        << UserSortField::Username << QStringLiteral("user00000@example.com");
    // Roles cycle admin, editor, support, learner: "admin" sorts first, lowest id first.
    QTest::newRow("role ascending") << int(UsersTableModel::RoleColumn) << Qt::AscendingOrder
                                    << UserSortField::Role << QStringLiteral("user00000@example.com");
    QTest::newRow("role descending") << int(UsersTableModel::RoleColumn) << Qt::DescendingOrder
                                     << UserSortField::Role << QStringLiteral("user00002@example.com");
    QTest::newRow("created ascending") << int(UsersTableModel::CreatedColumn) << Qt::AscendingOrder
                                       << UserSortField::CreatedAt << QStringLiteral("user00000@example.com");
}

void TestUsersTableModel::sortGoesIntoTheQuery()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QFETCH(UserSortField, field);
    QFETCH(QString, firstEmail);

    openFake(1000);
    m_model->setServices(m_services);
    QTRY_COMPARE(m_model->rowCount(), 1000);

    m_model->sort(column, order);
    QTRY_VERIFY(isLoaded(0));
    QCOMPARE(emailAt(0), firstEmail);
    const UserListQuery &last = m_repo->listQueries().constLast();
    QCOMPARE(last.sort, field);
    QCOMPARE(last.order, order == Qt::AscendingOrder ? SortOrder::Ascending : SortOrder::Descending);
    QCOMPARE(m_model->rowCount(), 1000);
}

void TestUsersTableModel::ignoresSortOnColumnsTheStoreCannotSort()
{
    openFake(100);
    m_model->setServices(m_services);
    QTRY_COMPARE(m_model->rowCount(), 100);
    const qsizetype before = m_repo->listQueries().size();
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);

    QVERIFY(!m_model->isSortable(UsersTableModel::UpdatedColumn));
    m_model->sort(UsersTableModel::UpdatedColumn, Qt::AscendingOrder);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(m_repo->listQueries().size(), before);
}

void TestUsersTableModel::searchNarrowsRowsAndCount()
{
    openFake(10000);
    m_model->setServices(m_services);
    QTRY_COMPARE(m_model->rowCount(), 10000);

    m_model->setSearch(QStringLiteral("  USER0001 ")); // trimmed, case-insensitive
    QTRY_COMPARE(m_model->totalCount(), 10);
    QCOMPARE(m_model->rowCount(), 10);
    QCOMPARE(m_repo->listQueries().constLast().search, QStringLiteral("USER0001"));
    QCOMPARE(m_repo->countSearches().constLast(), QStringLiteral("USER0001"));
    for (int row = 0; row < 10; ++row)
        QVERIFY2(emailAt(row).startsWith(QStringLiteral("user0001")), qPrintable(emailAt(row)));

    m_model->setSearch(QString());
    QTRY_COMPARE(m_model->rowCount(), 10000);
}

void TestUsersTableModel::dropsAnswersForAnOlderSearch()
{
    openFake(10000);
    m_repo->holdListsFor(QString());
    m_model->setServices(m_services); // the first page of everyone: held back

    m_model->setSearch(QStringLiteral("user0002"));
    QTRY_COMPARE(m_model->totalCount(), 10);
    QTRY_VERIFY(isLoaded(0));
    QCOMPARE(m_repo->listAnswersDelivered(), 1);

    m_repo->release(); // the old search's page arrives last
    QTRY_COMPARE(m_repo->listAnswersDelivered(), 2);
    QVERIFY(testsupport::letQueuedWorkRun());
    QCOMPARE(m_model->rowCount(), 10);
    for (int row = 0; row < m_model->rowCount(); ++row)
        QVERIFY2(emailAt(row).startsWith(QStringLiteral("user0002")), qPrintable(emailAt(row)));
}

void TestUsersTableModel::dropsCountsForAnOlderSearch()
{
    openFake(10000);
    m_repo->holdCountsFor(QString());
    m_model->setServices(m_services); // everyone's count: held back

    m_model->setSearch(QStringLiteral("user0002"));
    QTRY_COMPARE(m_model->totalCount(), 10);
    QCOMPARE(m_repo->countAnswersDelivered(), 1);

    QSignalSpy totals(m_model, &UsersTableModel::totalCountChanged);
    m_repo->release(); // the old search's total (10000) arrives last
    QTRY_COMPARE(m_repo->countAnswersDelivered(), 2);
    QVERIFY(testsupport::letQueuedWorkRun());
    QCOMPARE(m_model->totalCount(), 10);
    QCOMPARE(m_model->rowCount(), 10);
    QVERIFY(totals.isEmpty());
}

void TestUsersTableModel::refreshKeepsRowsUntilNewOnesArrive()
{
    openFake(500);
    m_model->setServices(m_services);
    QTRY_COMPARE(m_model->rowCount(), 500);
    QTRY_VERIFY(isLoaded(0));
    QCOMPARE(emailAt(0), QStringLiteral("user00499@example.com"));

    // Someone deletes the newest user.
    m_repo->users().removeLast();
    m_repo->holdLists(true);
    m_model->refresh();
    QCOMPARE(emailAt(0), QStringLiteral("user00499@example.com")); // still shown, no flicker
    QVERIFY(isLoaded(0));

    m_repo->release();
    QTRY_COMPARE(emailAt(0), QStringLiteral("user00498@example.com"));
    QTRY_COMPARE(m_model->rowCount(), 499);
    QCOMPARE(m_model->totalCount(), 499);
}

void TestUsersTableModel::reportsFailedLoads()
{
    openFake(500);
    m_repo->failLists(true);
    QSignalSpy failed(m_model, &UsersTableModel::loadFailed);
    m_model->setServices(m_services);
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("The store is unavailable (test)"));
    QTRY_COMPARE(m_model->totalCount(), 500);

    // A failed page is not asked for again on every repaint...
    const qsizetype queries = m_repo->listQueries().size();
    QVERIFY(!isLoaded(0));
    QVERIFY(testsupport::letQueuedWorkRun());
    QCOMPARE(m_repo->listQueries().size(), queries);
    // ...but F5 tries again.
    m_repo->failLists(false);
    m_model->refresh();
    QVERIFY(!isLoaded(0));
    QTRY_VERIFY(isLoaded(0));
}

void TestUsersTableModel::exposesTheTypedUser()
{
    openFake(10);
    m_model->setServices(m_services);
    QTRY_VERIFY(isLoaded(0));

    const QModelIndex index = m_model->index(0, UsersTableModel::CreatedColumn);
    const QVariant user = index.data(UsersTableModel::UserRole);
    QCOMPARE(user.metaType(), QMetaType::fromType<User>());
    QCOMPARE(static_cast<const User *>(user.constData())->email().value(),
             QStringLiteral("user00009@example.com"));
    QCOMPARE(index.data(UsersTableModel::UnderlyingDataRole).toDateTime(),
             QDateTime(QDate(2024, 1, 1), QTime(8, 9), Qt::UTC));
    // user 9 of the cycle admin, editor, support, learner
    QCOMPARE(m_model->index(0, UsersTableModel::RoleColumn).data().toString(), QStringLiteral("Editor"));
    QCOMPARE(m_model->indexOfUser(QStringLiteral("id-00005")).row(), 4);
}

QTEST_MAIN(TestUsersTableModel)
#include "tst_userstablemodel.moc"
