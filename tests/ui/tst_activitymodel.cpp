#include "application/EventBus.h"
#include "models/ActivityModel.h"
#include "support/FakeUserRepository.h"
#include "support/GuiTestSupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QCoro/QCoroTimer>
#include <QJsonArray>
#include <QTimeZone>

using namespace edge;
using namespace edge::ui;

namespace {
// A test double of the audit trail: `count` events, newest first, answered from the event
// loop like a real store; every query is recorded.
class FakeEventLog final : public EventLog
{
public:
    explicit FakeEventLog(int count) : m_count(count) {}

    QCoro::Task<EventPage> list(EventQuery query) override
    {
        queries.append(query);
        auto later = QCoro::sleepFor(std::chrono::milliseconds(1)); // named: GCC 12 and co_await
        co_await std::move(later);
        EventPage page;
        page.page = query.page;
        page.pageSize = query.pageSize;
        page.total = m_count;
        page.totalPages = (m_count + query.pageSize - 1) / query.pageSize;
        const int first = (query.page - 1) * query.pageSize;
        for (int i = first; i < std::min(m_count, first + query.pageSize); ++i) {
            ActivityEntry entry;
            entry.id = m_count - i;
            entry.type = QStringLiteral("user.updated");
            entry.actorLabel = i % 2 ? QStringLiteral("ada@example.com") : QStringLiteral("bob@example.com");
            entry.subjectType = QStringLiteral("user");
            entry.subjectId = QStringLiteral("u%1").arg(i);
            entry.payload = {{QStringLiteral("email"), QStringLiteral("user%1@example.com").arg(i)},
                             {QStringLiteral("changes"), QJsonArray{QStringLiteral("username")}}};
            entry.occurredAt = QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC).addSecs(-60 * i);
            page.items.append(entry);
        }
        co_return page;
    }

    QList<EventQuery> queries;

private:
    int m_count;
};

class ActivityBackend final : public Backend
{
public:
    explicit ActivityBackend(int events) : m_users(3), m_events(events) {}
    QString location() const override { return QStringLiteral("fake"); }
    QString kindName() const override { return QStringLiteral("Fake store"); }
    UserRepository &users() override { return m_users; }
    LessonRepository &lessons() override { return m_lessons; }
    ProgressRepository &progress() override { return m_progress; }
    UploadStorage &uploads() override { return m_uploads; }
    EventLog &events() override { return m_events; }
    FakeEventLog &eventLog() { return m_events; }
    FakeUserRepository &userRepository() { return m_users; }

private:
    FakeUserRepository m_users;
    edge::test::FakeLessonRepository m_lessons;
    edge::test::FakeProgressRepository m_progress;
    edge::test::FakeUploadStorage m_uploads;
    FakeEventLog m_events;
};
} // namespace

// The Activity table's model under QAbstractItemModelTester with a test double of the
// audit trail: paging, readable rows, filters turned into store queries, live events.
class TestActivityModel final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void firstPageIsReadableNewestFirst();
    void readsPagesAsTheyAreShown();
    void filtersChangeTheQuery_data();
    void filtersChangeTheQuery();
    void actorEmailIsLookedUpToAnId();
    void unknownActorEmailShowsNothing();
    void liveEventsAppearAtTheTop_data();
    void liveEventsAppearAtTheTop();

private:
    static constexpr int EventCount = 450; // three pages of 200
    FakeEventLog &log() { return m_backend->eventLog(); }
    // The event queries that read rows (not the one-row count queries).
    QList<EventQuery> pageQueries() const;

    EventBus m_bus;
    ActivityBackend *m_backend = nullptr;
    std::shared_ptr<Services> m_services;
    ActivityModel *m_model = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void TestActivityModel::init()
{
    auto backend = std::make_unique<ActivityBackend>(EventCount);
    m_backend = backend.get();
    m_services = std::make_shared<Services>(std::move(backend), m_bus, Actor::localUser());
    m_model = new ActivityModel;
    // The tester reads every row (all pages); paging is checked without it.
    if (QLatin1String(QTest::currentTestFunction()) != QLatin1String("readsPagesAsTheyAreShown"))
        m_tester = new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->setServices(m_services);
    QTRY_VERIFY(!m_model->isLoading() && m_model->rowCount() == EventCount);
}

void TestActivityModel::cleanup()
{
    delete m_tester;
    m_tester = nullptr;
    delete m_model;
    m_services.reset();
}

QList<EventQuery> TestActivityModel::pageQueries() const
{
    QList<EventQuery> pages;
    for (const EventQuery &query : m_backend->eventLog().queries) {
        if (query.pageSize > 1)
            pages.append(query);
    }
    return pages;
}

void TestActivityModel::firstPageIsReadableNewestFirst()
{
    QCOMPARE(m_model->total(), EventCount);
    QCOMPARE(m_model->index(0, ActivityModel::WhatColumn).data().toString(), QStringLiteral("Updated user: username"));
    QCOMPARE(m_model->index(0, ActivityModel::SubjectColumn).data().toString(), QStringLiteral("user user0@example.com"));
    QCOMPARE(m_model->index(0, ActivityModel::ActorColumn).data().toString(), QStringLiteral("bob@example.com"));
    QVERIFY(m_model->entryAt(0).occurredAt > m_model->entryAt(1).occurredAt);
    QCOMPARE(m_model->headerData(ActivityModel::ActorColumn, Qt::Horizontal).toString(), QStringLiteral("Who"));
}

void TestActivityModel::readsPagesAsTheyAreShown()
{
    QVERIFY(m_model->index(0, 0).data(ActivityModel::LoadedRole).toBool());
    QVERIFY(!m_model->index(EventCount - 1, 0).data(ActivityModel::LoadedRole).toBool());
    QTRY_VERIFY(m_model->index(EventCount - 1, 0).data(ActivityModel::LoadedRole).toBool());
    QCOMPARE(pageQueries().constLast().page, 3);
    QCOMPARE(pageQueries().constLast().pageSize, m_model->pageSize());
    QCOMPARE(m_model->index(EventCount - 1, ActivityModel::SubjectColumn).data().toString(),
             QStringLiteral("user user%1@example.com").arg(EventCount - 1));
    QVERIFY(!m_model->index(EventCount / 2, 0).data(ActivityModel::LoadedRole).toBool()); // page 2 unread
}

void TestActivityModel::filtersChangeTheQuery_data()
{
    QTest::addColumn<ActivityFilter>("filter");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("actorId");
    QTest::addColumn<bool>("hasFrom");
    QTest::addColumn<bool>("hasTo");
    const QString id = QStringLiteral("0b7a3c3e-6f0e-4e1a-9d55-3f5f0b8a1c2d");
    QTest::newRow("type") << ActivityFilter{QStringLiteral("user.deleted"), {}, {}, {}}
                          << QStringLiteral("user.deleted") << QString() << false << false;
    QTest::newRow("actor id") << ActivityFilter{{}, id, {}, {}} << QString() << id << false << false;
    QTest::newRow("date range") << ActivityFilter{{}, {}, QDate(2024, 5, 1), QDate(2024, 5, 2)}
                                << QString() << QString() << true << true;
}

void TestActivityModel::filtersChangeTheQuery()
{
    QFETCH(ActivityFilter, filter);
    QFETCH(QString, type);
    QFETCH(QString, actorId);
    QFETCH(bool, hasFrom);
    QFETCH(bool, hasTo);
    const qsizetype before = log().queries.size();
    m_model->setFilter(filter);
    QTRY_VERIFY(log().queries.size() > before);
    const EventQuery query = log().queries.at(before);
    QCOMPARE(query.page, 1);
    QCOMPARE(query.type, type);
    QCOMPARE(query.actorId, actorId);
    QCOMPARE(query.from.isValid(), hasFrom);
    QCOMPARE(query.to.isValid(), hasTo);
    if (hasFrom) {
        QCOMPARE(query.from, QDate(2024, 5, 1).startOfDay().toUTC());
        QCOMPARE(query.to, QDate(2024, 5, 3).startOfDay().toUTC()); // the whole last day
    }
    QTRY_VERIFY(!m_model->isLoading());
}

void TestActivityModel::actorEmailIsLookedUpToAnId()
{
    // Audit queries take user ids (UUIDs), as the stores do.
    const User user = User::create(Email::parse(QStringLiteral("grace@example.com")), QStringLiteral("Grace"), Role::Admin);
    m_backend->userRepository().users().append(user);
    const qsizetype before = log().queries.size();
    m_model->setFilter({{}, user.email().value().toUpper(), {}, {}});
    QTRY_VERIFY(log().queries.size() > before);
    QCOMPARE(log().queries.constLast().actorId, user.id().value());
    QVERIFY(!m_model->actorNotFound());
    QTRY_VERIFY(!m_model->isLoading());
}

void TestActivityModel::unknownActorEmailShowsNothing()
{
    const qsizetype before = log().queries.size();
    m_model->setFilter({{}, QStringLiteral("nobody@example.com"), {}, {}});
    QTRY_VERIFY(!m_model->isLoading());
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->total(), 0);
    QCOMPARE(log().queries.size(), before); // the trail was not read at all
    QVERIFY(m_model->actorNotFound()); // the page says so instead of a bare "0 events"
}

void TestActivityModel::liveEventsAppearAtTheTop_data()
{
    QTest::addColumn<QString>("typeFilter");
    QTest::addColumn<bool>("shown");
    QTest::newRow("no filter") << QString() << true;
    QTest::newRow("matching type") << QStringLiteral("user.created") << true;
    QTest::newRow("other type") << QStringLiteral("user.deleted") << false;
}

void TestActivityModel::liveEventsAppearAtTheTop()
{
    QFETCH(QString, typeFilter);
    QFETCH(bool, shown);
    m_model->setFilter({typeFilter, {}, {}, {}});
    QTRY_VERIFY(!m_model->isLoading());
    const int before = m_model->rowCount();
    const User user = User::create(Email::parse(QStringLiteral("new@example.com")), QStringLiteral("New"), Role::Editor);
    m_model->addLiveEvent(DomainEvent::userCreated(user, Actor::localUser()));
    QCOMPARE(m_model->rowCount(), shown ? before + 1 : before);
    if (shown) {
        QCOMPARE(m_model->index(0, ActivityModel::WhatColumn).data().toString(), QStringLiteral("Created user"));
        QCOMPARE(m_model->index(0, ActivityModel::SubjectColumn).data().toString(), QStringLiteral("user new@example.com"));
        QVERIFY(m_model->index(0, ActivityModel::ActorColumn).data().toString().startsWith(QStringLiteral("this computer")));
    }
}

QTEST_GUILESS_MAIN(TestActivityModel)
#include "tst_activitymodel.moc"
