// SqliteUserRepository, the Scribe, against a real temporary file: it stores what the
// handlers decided (compare-and-swap on the version) with their event, and refuses a taken
// email; the rules themselves are the handlers' (tst_userhandlers).

#include "TestStore.h"

#include "domain/Errors.h"
#include "infrastructure/security/PasswordHasher.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace edge;
using namespace edge::test;

class TestUserRepository final : public QObject
{
    Q_OBJECT

private:
    User addUser(const QString &email, const QString &username, Role role = Role::Learner)
    {
        const User user = User::create(Email::parse(email), username, role);
        return await(m_store->users().insert(user, QStringLiteral("password-123"),
                                             DomainEvent::userCreated(user, m_actor)));
    }
    // What UpdateUserHandler would ask the store to write for these changes to `base`.
    UserWrite writeFor(const User &base, const UserChanges &changes, int expectedVersion = 0)
    {
        const UserRevision revision = reviseUser(base, changes);
        return UserWrite{revision.user, expectedVersion ? expectedVersion : base.version(), revision.changedFields,
                         changes.newPassword, DomainEvent::userUpdated(revision.user, revision.changedFields, m_actor),
                         QString()};
    }
    DeletionEvent deletion() const
    {
        const Actor actor = m_actor;
        return [actor](const User &user) { return DomainEvent::userDeleted(user, actor); };
    }
    QString path() const { return m_dir->filePath(QStringLiteral("store.db")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EmbeddedBackend> m_store;
    Actor m_actor{QString(), QStringLiteral("local:tester")};

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_store = openStore(path());
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void insertStoresUserHashAndEvent()
    {
        const User created = addUser(QStringLiteral("  Ada@Example.COM "), QStringLiteral("ada"), Role::Admin);
        QCOMPARE(created.email().value(), QStringLiteral("ada@example.com"));

        const std::optional<User> found = await(m_store->users().findById(created.id().value()));
        QVERIFY(found);
        QCOMPARE(*found, created); // timestamps survive the round trip to the millisecond
        QVERIFY(await(m_store->users().findByEmail(Email::parse(QStringLiteral("ADA@example.com")))));

        const SqlPeek peek(path());
        const QString hash = peek.scalar(QStringLiteral("SELECT password_hash FROM users")).toString();
        QVERIFY(hash.startsWith(QLatin1String("pbkdf2_sha256$100000$")));
        QVERIFY(PasswordHasher::verify(QStringLiteral("password-123"), hash));
        QVERIFY(peek.scalar(QStringLiteral("SELECT created_at FROM users")).toString().endsWith(QLatin1Char('Z')));

        QCOMPARE(peek.count(QStringLiteral("events")), 1);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT type FROM events")).toString(), QStringLiteral("user.created"));
        QCOMPARE(peek.scalar(QStringLiteral("SELECT actor_email FROM events")).toString(), QStringLiteral("local:tester"));
        QVERIFY(peek.scalar(QStringLiteral("SELECT actor_id FROM events")).isNull());
        const QJsonObject payload =
            QJsonDocument::fromJson(peek.scalar(QStringLiteral("SELECT payload FROM events")).toByteArray()).object();
        QCOMPARE(payload.value(QStringLiteral("email")).toString(), QStringLiteral("ada@example.com"));
    }

    void insertDuplicateEmailConflictsAndWritesNothing()
    {
        addUser(QStringLiteral("ada@example.com"), QStringLiteral("ada"));
        try {
            addUser(QStringLiteral("ADA@example.com"), QStringLiteral("other"));
            QFAIL("expected a ConflictError");
        } catch (const ConflictError &error) {
            QVERIFY(error.fieldErrors().contains(QStringLiteral("email")));
            QCOMPARE(error.statusCode(), 409);
        }
        const SqlPeek peek(path());
        QCOMPARE(peek.count(QStringLiteral("users")), 1);
        QCOMPARE(peek.count(QStringLiteral("events")), 1);
    }

    void missingUserIsEmpty()
    {
        QVERIFY(!await(m_store->users().findById(QStringLiteral("nope"))));
    }

    void listPagesWithTotal_data()
    {
        QTest::addColumn<int>("page");
        QTest::addColumn<int>("pageSize");
        QTest::addColumn<int>("expectedItems");
        QTest::addColumn<int>("expectedTotalPages");
        QTest::newRow("first page") << 1 << 2 << 2 << 3;
        QTest::newRow("last partial page") << 3 << 2 << 1 << 3;
        QTest::newRow("past the end") << 4 << 2 << 0 << 3;
        QTest::newRow("all at once") << 1 << 200 << 5 << 1;
    }

    void listPagesWithTotal()
    {
        QFETCH(int, page);
        QFETCH(int, pageSize);
        QFETCH(int, expectedItems);
        QFETCH(int, expectedTotalPages);
        for (int i = 0; i < 5; ++i)
            addUser(QStringLiteral("user%1@example.com").arg(i), QStringLiteral("user %1").arg(i));

        UserListQuery query;
        query.page = page;
        query.pageSize = pageSize;
        const UserPage result = await(m_store->users().list(query));
        QCOMPARE(result.items.size(), expectedItems);
        QCOMPARE(result.total, 5);
        QCOMPARE(result.totalPages, expectedTotalPages);
        QCOMPARE(result.page, page);

        query.withTotal = false;
        QCOMPARE(await(m_store->users().list(query)).total, -1);
    }

    void listSorts_data()
    {
        QTest::addColumn<UserSortField>("field");
        QTest::addColumn<SortOrder>("order");
        QTest::addColumn<QStringList>("expectedUsernames");
        QTest::newRow("email asc") << UserSortField::Email << SortOrder::Ascending
                                   << QStringList{QStringLiteral("cy"), QStringLiteral("bo"), QStringLiteral("al")};
        QTest::newRow("username asc") << UserSortField::Username << SortOrder::Ascending
                                      << QStringList{QStringLiteral("al"), QStringLiteral("bo"), QStringLiteral("cy")};
        QTest::newRow("username desc") << UserSortField::Username << SortOrder::Descending
                                       << QStringList{QStringLiteral("cy"), QStringLiteral("bo"), QStringLiteral("al")};
        QTest::newRow("created desc") << UserSortField::CreatedAt << SortOrder::Descending
                                      << QStringList{QStringLiteral("cy"), QStringLiteral("al"), QStringLiteral("bo")};
        QTest::newRow("role asc") << UserSortField::Role << SortOrder::Ascending
                                  << QStringList{QStringLiteral("al"), QStringLiteral("cy"), QStringLiteral("bo")};
    }

    void listSorts()
    {
        QFETCH(UserSortField, field);
        QFETCH(SortOrder, order);
        QFETCH(QStringList, expectedUsernames);
        // Inserted in this order, so created_at (and rowid) ascend bo, al, cy.
        addUser(QStringLiteral("b@example.com"), QStringLiteral("bo"), Role::Support);
        addUser(QStringLiteral("c@example.com"), QStringLiteral("al"), Role::Admin);
        addUser(QStringLiteral("a@example.com"), QStringLiteral("cy"), Role::Editor);

        UserListQuery query;
        query.sort = field;
        query.order = order;
        QStringList names;
        for (const User &user : await(m_store->users().list(query)).items)
            names << user.username();
        QCOMPARE(names, expectedUsernames);
    }

    void search_data()
    {
        QTest::addColumn<QString>("term");
        QTest::addColumn<QStringList>("expectedEmails");
        const QString ada = QStringLiteral("ada.lovelace@example.com");
        const QString grace = QStringLiteral("grace@navy.mil");
        const QString percent = QStringLiteral("fifty%off@shop.com");
        const QString quote = QStringLiteral("quote@example.com");
        const QString under = QStringLiteral("a_b@example.com");
        QTest::newRow("long, email") << QStringLiteral("lovelace") << QStringList{ada};
        QTest::newRow("long, upper case") << QStringLiteral("LOVE") << QStringList{ada};
        QTest::newRow("long, username") << QStringLiteral("Hopper") << QStringList{grace};
        QTest::newRow("long, username lower") << QStringLiteral("hopper") << QStringList{grace};
        QTest::newRow("long, no match") << QStringLiteral("zzz") << QStringList{};
        QTest::newRow("short") << QStringLiteral("av") << QStringList{grace};
        QTest::newRow("short, upper case") << QStringLiteral("AV") << QStringList{grace};
        QTest::newRow("percent short literal") << QStringLiteral("y%") << QStringList{percent};
        QTest::newRow("percent long literal") << QStringLiteral("50%") << QStringList{percent};
        QTest::newRow("lone percent") << QStringLiteral("%") << QStringList{percent};
        QTest::newRow("underscore literal") << QStringLiteral("_") << QStringList{under};
        QTest::newRow("quote in long term") << QStringLiteral("o\"b") << QStringList{quote};
        QTest::newRow("quote alone") << QStringLiteral("\"") << QStringList{quote};
        QTest::newRow("fts operators literal") << QStringLiteral("AND OR") << QStringList{};
    }

    void search()
    {
        QFETCH(QString, term);
        QFETCH(QStringList, expectedEmails);
        addUser(QStringLiteral("ada.lovelace@example.com"), QStringLiteral("Ada"));
        addUser(QStringLiteral("grace@navy.mil"), QStringLiteral("Grace Hopper"));
        addUser(QStringLiteral("fifty%off@shop.com"), QStringLiteral("Sale 50% bot"));
        addUser(QStringLiteral("quote@example.com"), QStringLiteral("Foo\"bar"));
        addUser(QStringLiteral("a_b@example.com"), QStringLiteral("Underscore"));

        UserListQuery query;
        query.search = term;
        query.sort = UserSortField::Email;
        query.order = SortOrder::Ascending;
        const UserPage page = await(m_store->users().list(query));
        QStringList emails;
        for (const User &user : page.items)
            emails << user.email().value();
        QCOMPARE(emails, expectedEmails);
        QCOMPARE(page.total, expectedEmails.size());
        QCOMPARE(await(m_store->users().count(term)), expectedEmails.size());
    }

    void updateStoresTheRecordAndItsEvent()
    {
        const User ada = addUser(QStringLiteral("ada@example.com"), QStringLiteral("ada"));
        UserChanges changes;
        changes.role = Role::Editor;
        const User stored = await(m_store->users().update(writeFor(ada, changes)));
        QCOMPARE(stored.version(), 2);
        QCOMPARE(stored.role(), Role::Editor);
        QCOMPARE(stored.email(), ada.email());
        QCOMPARE(*await(m_store->users().findById(ada.id().value())), stored);

        const SqlPeek peek(path());
        QCOMPARE(peek.scalar(QStringLiteral("SELECT type FROM events ORDER BY id DESC LIMIT 1")).toString(),
                 QStringLiteral("user.updated"));
    }

    void updatePasswordRehashes()
    {
        const User ada = addUser(QStringLiteral("ada@example.com"), QStringLiteral("ada"));
        UserChanges changes;
        changes.newPassword = QStringLiteral("another-secret");
        await(m_store->users().update(writeFor(ada, changes)));
        const SqlPeek peek(path());
        QVERIFY(PasswordHasher::verify(QStringLiteral("another-secret"),
                                       peek.scalar(QStringLiteral("SELECT password_hash FROM users")).toString()));
    }

    void updateStaleVersionConflictsWithCurrentAttached()
    {
        const User ada = addUser(QStringLiteral("ada@example.com"), QStringLiteral("ada"));
        UserChanges first;
        first.username = QStringLiteral("countess");
        await(m_store->users().update(writeFor(ada, first)));

        UserChanges stale;
        stale.role = Role::Admin;
        try {
            await(m_store->users().update(writeFor(ada, stale))); // still based on version 1
            QFAIL("expected a ConflictError");
        } catch (const ConflictError &error) {
            QVERIFY(error.current().canConvert<User>());
            const User current = error.current().value<User>();
            QCOMPARE(current.username(), QStringLiteral("countess"));
            QCOMPARE(current.version(), 2);
        }
        const SqlPeek peek(path());
        QCOMPARE(peek.scalar(QStringLiteral("SELECT role FROM users")).toString(), QStringLiteral("learner"));
        QCOMPARE(peek.scalar(QStringLiteral("SELECT version FROM users")).toInt(), 2);
        QCOMPARE(peek.count(QStringLiteral("events")), 2);
    }

    void lastAdminCanBeNeitherDemotedNorDeleted()
    {
        const User ada = addUser(QStringLiteral("ada@example.com"), QStringLiteral("ada"), Role::Admin);
        UserChanges demote;
        demote.role = Role::Editor;
        try {
            await(m_store->users().update(writeFor(ada, demote)));
            QFAIL("expected a ConflictError");
        } catch (const ConflictError &error) {
            QVERIFY2(error.message().contains(QStringLiteral("only admin")), qPrintable(error.message()));
            QVERIFY(error.fieldErrors().contains(QStringLiteral("role")));
        }
        QVERIFY_THROWS_EXCEPTION(ConflictError, await(m_store->users().remove(ada.id().value(), deletion())));
        QCOMPARE(SqlPeek(path()).scalar(QStringLiteral("SELECT role FROM users")).toString(), QStringLiteral("admin"));

        // With a second admin, either may go.
        addUser(QStringLiteral("bob@example.com"), QStringLiteral("bob"), Role::Admin);
        QCOMPARE(await(m_store->users().update(writeFor(ada, demote))).role(), Role::Editor);
    }

    void updateToTakenEmailConflictsNamingEmail()
    {
        addUser(QStringLiteral("ada@example.com"), QStringLiteral("ada"));
        const User bob = addUser(QStringLiteral("bob@example.com"), QStringLiteral("bob"));
        UserChanges changes;
        changes.email = Email::parse(QStringLiteral("ada@example.com"));
        changes.username = QStringLiteral("robert");
        try {
            await(m_store->users().update(writeFor(bob, changes)));
            QFAIL("expected a ConflictError");
        } catch (const ConflictError &error) {
            QVERIFY(error.fieldErrors().contains(QStringLiteral("email")));
        }
        const SqlPeek peek(path());
        QCOMPARE(peek.scalar(QStringLiteral("SELECT username FROM users WHERE id = ?"), {bob.id().value()}).toString(),
                 QStringLiteral("bob"));
    }

    void updateMissingUserIsNotFound()
    {
        const User ghost = User::create(Email::parse(QStringLiteral("ghost@example.com")), QStringLiteral("ghost"),
                                        Role::Learner);
        UserChanges changes;
        changes.role = Role::Admin;
        QVERIFY_THROWS_EXCEPTION(NotFoundError, await(m_store->users().update(writeFor(ghost, changes))));
    }

    void removeCascadesProgressAndReturnsUser()
    {
        const User ada = addUser(QStringLiteral("ada@example.com"), QStringLiteral("ada"));
        const User bob = addUser(QStringLiteral("bob@example.com"), QStringLiteral("bob"));
        {
            const SqlPeek peek(path());
            QVERIFY(peek.exec(QStringLiteral("INSERT INTO lessons (id, title, track) VALUES ('l1', 'Intro', 'basics')")));
            QVERIFY(peek.exec(QStringLiteral("INSERT INTO progress (user_id, lesson_id, score) VALUES ('%1', 'l1', 50)")
                                  .arg(ada.id().value())));
            QVERIFY(peek.exec(QStringLiteral("INSERT INTO progress (user_id, lesson_id, score) VALUES ('%1', 'l1', 70)")
                                  .arg(bob.id().value())));
        }
        const User removed = await(m_store->users().remove(ada.id().value(), deletion()));
        QCOMPARE(removed, ada);
        QVERIFY(!await(m_store->users().findById(ada.id().value())));
        QVERIFY_THROWS_EXCEPTION(NotFoundError, await(m_store->users().remove(ada.id().value(), deletion())));

        const SqlPeek peek(path());
        QCOMPARE(peek.count(QStringLiteral("progress")), 1);
        QCOMPARE(peek.count(QStringLiteral("users_fts")), 1);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT type FROM events ORDER BY id DESC LIMIT 1")).toString(),
                 QStringLiteral("user.deleted"));
    }

    void dashboardHasLatestProgressAndTotals()
    {
        const User ada = addUser(QStringLiteral("ada@example.com"), QStringLiteral("ada"));
        {
            const SqlPeek peek(path());
            for (int i = 0; i < 12; ++i) {
                QVERIFY(peek.exec(QStringLiteral("INSERT INTO lessons (id, title, track) VALUES ('l%1', 'Lesson %1', 't')").arg(i)));
                QVERIFY(peek.exec(QStringLiteral("INSERT INTO progress (user_id, lesson_id, completed, score, updated_at) "
                                                 "VALUES ('%1', 'l%2', %3, %4, '2026-01-%5T10:00:00.000Z')")
                                      .arg(ada.id().value())
                                      .arg(i)
                                      .arg(i % 2)
                                      .arg(i * 5)
                                      .arg(i + 10)));
            }
        }
        const UserDashboard dashboard = await(m_store->users().dashboard(ada.id().value()));
        QCOMPARE(dashboard.user, ada);
        QCOMPARE(dashboard.recentProgress.size(), 10);
        QCOMPARE(dashboard.recentProgress.first().lessonTitle, QStringLiteral("Lesson 11"));
        QCOMPARE(dashboard.recentProgress.first().updatedAt,
                 QDateTime(QDate(2026, 1, 21), QTime(10, 0), Qt::UTC));
        QCOMPARE(dashboard.totals.lessons, 12);
        QCOMPARE(dashboard.totals.completed, 6);
        QCOMPARE(dashboard.totals.averageScore, 27.5);

        QVERIFY_THROWS_EXCEPTION(NotFoundError, await(m_store->users().dashboard(QStringLiteral("nobody"))));
    }

    void backendDescribesItself()
    {
        QCOMPARE(m_store->location(), QFileInfo(path()).absoluteFilePath());
        QCOMPARE(m_store->kindName(), QStringLiteral("Embedded store"));
    }
};

QTEST_GUILESS_MAIN(TestUserRepository)
#include "tst_userrepository.moc"
