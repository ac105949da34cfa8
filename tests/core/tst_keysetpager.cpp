// Deep pages on the embedded store are read from remembered rows (landmarks) or from the end
// instead of by OFFSET (KeysetPager). What a user sees must not change: every page, asked in
// any order, holds exactly the rows the plain ORDER BY puts there, also after writes by this
// store or by another connection, for every sort, search plan and filter.

#include "TestStore.h"

#include "domain/Errors.h"
#include "infrastructure/sqlite/KeysetPager.h"

#include <QTest>

using namespace edge;
using namespace edge::test;

namespace {
// Enough rows for several landmarks on each side.
constexpr int Users = 9000;
constexpr int PageSize = 50;
constexpr int Pages = Users / PageSize;
static_assert(Users > 4 * KeysetPager::NearEnough, "jumps must land far from each other");

// Pages asked the way a user jumps: the end, the middle, back to the start, and around.
QList<int> jumpyPages(int pages)
{
    QList<int> jumps;
    for (int page : {pages - 1, pages / 2, 0, pages - 2, 1, pages / 2 + 1, pages / 3, (2 * pages) / 3,
                     pages / 2 - 1, pages / 4 + 7, pages - 41, 45, pages - 1}) {
        if (page >= 0 && page < pages)
            jumps << page;
    }
    return jumps;
}

QString sqlOrder(UserSortField field, SortOrder order)
{
    static const QHash<UserSortField, QString> columns{{UserSortField::CreatedAt, QStringLiteral("created_at")},
                                                       {UserSortField::Email, QStringLiteral("email")},
                                                       {UserSortField::Username, QStringLiteral("username")},
                                                       {UserSortField::Role, QStringLiteral("role")}};
    const QString direction = order == SortOrder::Ascending ? QStringLiteral("ASC") : QStringLiteral("DESC");
    return QStringLiteral("ORDER BY %1 %2, id %2").arg(columns.value(field), direction);
}
} // namespace

class TestKeysetPager final : public QObject
{
    Q_OBJECT

private:
    QString path() const { return m_dir->filePath(QStringLiteral("store.db")); }

    // Users written straight into the file by another connection, as the generator does:
    // created a minute apart, with few distinct names and roles so sorts have long ties.
    void addUsersDirectly(int count, int first)
    {
        SqlPeek peek(path());
        QVERIFY(peek.exec(QStringLiteral(
            "WITH RECURSIVE n(i) AS (SELECT ") + QString::number(first) + QStringLiteral(
            " UNION ALL SELECT i + 1 FROM n WHERE i < ") + QString::number(first + count - 1) + QStringLiteral(") "
            "INSERT INTO users (id, email, username, password_hash, role, created_at, updated_at) "
            "SELECT printf('00000000-0000-4000-8000-%012d', i), printf('user%06d@example.com', i), "
            "       CASE i % 7 WHEN 0 THEN 'Ada Lovelace' WHEN 1 THEN 'Grace Hopper' ELSE printf('Learner %d', i % 97) END, "
            "       'x', CASE i % 3 WHEN 0 THEN 'editor' ELSE 'learner' END, "
            "       strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', printf('+%d minutes', i / 2)), "
            "       '2025-01-01T00:00:00.000Z' FROM n")));
    }

    QStringList expectedIds(const QString &where, UserSortField field, SortOrder order) const
    {
        SqlPeek peek(path());
        return peek.column(QStringLiteral("SELECT id FROM users %1 %2").arg(where, sqlOrder(field, order)));
    }

    QStringList pageIds(const QString &search, UserSortField field, SortOrder order, int page)
    {
        UserListQuery query;
        query.search = search;
        query.sort = field;
        query.order = order;
        query.page = page + 1;
        query.pageSize = PageSize;
        query.withTotal = false;
        QStringList ids;
        for (const User &user : await(m_store->users().list(query)).items)
            ids << user.id().value();
        return ids;
    }

    // Every page of `pages` holds the expected window, in order.
    void comparePages(const QString &search, const QString &where, UserSortField field, SortOrder order,
                      const QList<int> &pages)
    {
        const QStringList expected = expectedIds(where, field, order);
        for (int page : pages) {
            const QStringList shown = pageIds(search, field, order, page);
            QCOMPARE(shown, expected.mid(page * PageSize, PageSize));
        }
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EmbeddedBackend> m_store;

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_store = openStore(path());
        addUsersDirectly(Users, 1);
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void everyJumpShowsThePlainOrdersRows_data()
    {
        QTest::addColumn<UserSortField>("field");
        QTest::addColumn<SortOrder>("order");
        for (UserSortField field : {UserSortField::CreatedAt, UserSortField::Email, UserSortField::Username,
                                    UserSortField::Role}) {
            for (SortOrder order : {SortOrder::Ascending, SortOrder::Descending}) {
                QTest::addRow("%s %s", qPrintable(sortFieldToString(field)),
                              order == SortOrder::Ascending ? "asc" : "desc")
                    << field << order;
            }
        }
    }

    void everyJumpShowsThePlainOrdersRows()
    {
        QFETCH(UserSortField, field);
        QFETCH(SortOrder, order);
        // Without a count the pager walks from the start; after one, from the nearer end.
        comparePages(QString(), QString(), field, order, jumpyPages(Pages));
        QCOMPARE(await(m_store->users().count(QString())), qint64(Users));
        comparePages(QString(), QString(), field, order, jumpyPages(Pages));
    }

    void scrollingDownReadsEveryRowOnce()
    {
        const QStringList expected = expectedIds(QString(), UserSortField::CreatedAt, SortOrder::Descending);
        QStringList seen;
        for (int page = 0; page < Pages; ++page)
            seen += pageIds(QString(), UserSortField::CreatedAt, SortOrder::Descending, page);
        QCOMPARE(seen, expected);
    }

    void pagesFollowThisStoresWrites()
    {
        comparePages(QString(), QString(), UserSortField::Username, SortOrder::Ascending, jumpyPages(Pages));
        QCOMPARE(await(m_store->users().count(QString())), qint64(Users));

        // A user near the start goes: every landmark after it now sits one row later.
        const QString gone = pageIds(QString(), UserSortField::Username, SortOrder::Ascending, 3).first();
        const Actor actor{QString(), QStringLiteral("local:tester")};
        const DeletionEvent deletion = [actor](const User &user) { return DomainEvent::userDeleted(user, actor); };
        await(m_store->users().remove(gone, deletion));

        QCOMPARE(await(m_store->users().count(QString())), qint64(Users - 1));
        const QStringList expected = expectedIds(QString(), UserSortField::Username, SortOrder::Ascending);
        QVERIFY(!expected.contains(gone));
        comparePages(QString(), QString(), UserSortField::Username, SortOrder::Ascending, jumpyPages(Pages));
    }

    void pagesFollowAnotherConnectionsWrites()
    {
        comparePages(QString(), QString(), UserSortField::CreatedAt, SortOrder::Descending, jumpyPages(Pages));
        QCOMPARE(await(m_store->users().count(QString())), qint64(Users));

        // The CLI (another process) adds users while the console shows the list.
        addUsersDirectly(137, Users + 1);
        QCOMPARE(await(m_store->users().count(QString())), qint64(Users + 137));
        comparePages(QString(), QString(), UserSortField::CreatedAt, SortOrder::Descending,
                     jumpyPages((Users + 137) / PageSize));
    }

    void searchesShowTheSameRowsWhicheverPlanReadsThem_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<QString>("where");
        // Many full-text matches (read along the sort's index), few (sorted), and LIKE.
        QTest::newRow("many matches") << QStringLiteral("learner") << QStringLiteral("WHERE username LIKE 'learner %'");
        QTest::newRow("few matches") << QStringLiteral("lovelace") << QStringLiteral("WHERE username = 'Ada Lovelace'");
        QTest::newRow("two characters") << QStringLiteral("42")
                                        << QStringLiteral("WHERE email LIKE '%42%' OR username LIKE '%42%'");
    }

    void searchesShowTheSameRowsWhicheverPlanReadsThem()
    {
        QFETCH(QString, search);
        QFETCH(QString, where);
        const qint64 matches = await(m_store->users().count(search));
        QVERIFY(matches > PageSize);
        const int pages = int((matches + PageSize - 1) / PageSize);
        for (UserSortField field : {UserSortField::CreatedAt, UserSortField::Email, UserSortField::Role}) {
            comparePages(search, where, field, SortOrder::Descending, jumpyPages(pages));
            comparePages(search, where, field, SortOrder::Ascending, {0, pages - 1, pages / 2});
        }
    }

    void pagesPastTheEndAreEmpty()
    {
        QCOMPARE(await(m_store->users().count(QString())), qint64(Users));
        QVERIFY(pageIds(QString(), UserSortField::CreatedAt, SortOrder::Descending, Pages).isEmpty());
        QVERIFY(pageIds(QString(), UserSortField::CreatedAt, SortOrder::Descending, Pages + 500).isEmpty());
    }

    void lessonPagesMatchThePlainOrderUnderEveryFilter()
    {
        SqlPeek peek(path());
        QVERIFY(peek.exec(QStringLiteral(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000) "
            "INSERT INTO lessons (id, title, track, difficulty, status, created_at, updated_at) "
            "SELECT printf('lesson-%05d', i), printf('Lesson %d', i % 300), printf('track-%d', i % 3), 1 + i % 5, "
            "       CASE i % 4 WHEN 0 THEN 'draft' ELSE 'published' END, "
            "       strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', printf('+%d minutes', i / 4)), "
            "       '2025-01-01T00:00:00.000Z' FROM n")));
        struct Case { LessonSortField field; QString column; QString track; QString search; };
        const QList<Case> cases{{LessonSortField::CreatedAt, QStringLiteral("created_at"), QString(), QString()},
                                {LessonSortField::Difficulty, QStringLiteral("difficulty"), QString(), QString()},
                                {LessonSortField::Title, QStringLiteral("title"), QStringLiteral("track-1"), QString()},
                                {LessonSortField::Track, QStringLiteral("track"), QString(), QStringLiteral("Lesson 1")}};
        for (const Case &wanted : cases) {
            for (SortOrder order : {SortOrder::Descending, SortOrder::Ascending}) {
                QStringList where;
                if (!wanted.track.isEmpty())
                    where << QStringLiteral("track = '%1'").arg(wanted.track);
                if (!wanted.search.isEmpty())
                    where << QStringLiteral("title LIKE '%%1%'").arg(wanted.search);
                const QString direction = order == SortOrder::Ascending ? QStringLiteral("ASC") : QStringLiteral("DESC");
                const QStringList expected = peek.column(
                    QStringLiteral("SELECT id FROM lessons %1 ORDER BY %2 %3, id %3")
                        .arg(where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND ")),
                             wanted.column, direction));
                const int pages = int((expected.size() + PageSize - 1) / PageSize);
                LessonListQuery query;
                query.sort = wanted.field;
                query.order = order;
                query.track = wanted.track;
                query.search = wanted.search;
                query.pageSize = PageSize;
                for (bool counted : {false, true}) {
                    query.withTotal = counted;
                    for (int page : jumpyPages(pages)) {
                        query.page = page + 1;
                        QStringList ids;
                        for (const Lesson &lesson : await(m_store->lessons().list(query)).items)
                            ids << lesson.id;
                        QCOMPARE(ids, expected.mid(page * PageSize, PageSize));
                    }
                }
            }
        }
    }

    void activityPagesMatchThePlainOrderAndCountOnlyWhenAsked()
    {
        SqlPeek peek(path());
        QVERIFY(peek.exec(QStringLiteral(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 7000) "
            "INSERT INTO events (type, actor_email, subject_type, subject_id, payload, created_at) "
            "SELECT CASE i % 2 WHEN 0 THEN 'user.updated' ELSE 'lesson.updated' END, 'local:tester', "
            "       CASE i % 2 WHEN 0 THEN 'user' ELSE 'lesson' END, printf('s%d', i), '{}', "
            "       strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', printf('+%d minutes', i / 3)) FROM n")));
        for (const QString &type : {QString(), QStringLiteral("user.updated")}) {
            const QString where = type.isEmpty() ? QString() : QStringLiteral("WHERE type = '%1'").arg(type);
            const QStringList expected =
                peek.column(QStringLiteral("SELECT id FROM events %1 ORDER BY created_at DESC, id DESC").arg(where));
            const int pages = int((expected.size() + PageSize - 1) / PageSize);
            for (bool counted : {false, true}) {
                for (int page : jumpyPages(pages)) {
                    EventQuery query;
                    query.type = type;
                    query.page = page + 1;
                    query.pageSize = PageSize;
                    query.withTotal = counted;
                    const EventPage result = await(m_store->events().list(query));
                    QCOMPARE(result.total, counted ? qint64(expected.size()) : qint64(-1));
                    QStringList ids;
                    for (const ActivityEntry &entry : result.items)
                        ids << QString::number(entry.id);
                    QCOMPARE(ids, expected.mid(page * PageSize, PageSize));
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestKeysetPager)
#include "tst_keysetpager.moc"
