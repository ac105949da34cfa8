// The user handlers (the Commanders) over the embedded store: validation before any write,
// the update rules (version, what really changed), events published after the commit.

#include "TestStore.h"

#include "application/Services.h"
#include "domain/Errors.h"
#include "application/EventBus.h"
#include "infrastructure/security/PasswordHasher.h"

#include <QJsonArray>

#include <QSignalSpy>
#include <QTest>

using namespace edge;
using namespace edge::test;

class TestUserHandlers final : public QObject
{
    Q_OBJECT

private:
    // A learner called `name` (name@example.com), created through the handler.
    User addLearner(const QString &name)
    {
        return await(m_services->createUser.execute(
            {name + QStringLiteral("@example.com"), name, QStringLiteral("learner"), QStringLiteral("long-enough")}));
    }
    UpdateUserCommand updateOf(const User &user)
    {
        UpdateUserCommand update;
        update.id = user.id().value();
        update.baseVersion = user.version();
        return update;
    }
    // The handler reads the stored record first, or takes the caller's copy (command.base).
    static void withAndWithoutBase()
    {
        QTest::addColumn<bool>("withBase");
        QTest::newRow("read first") << false;
        QTest::newRow("caller's copy") << true;
    }
    QString path() const { return m_dir->filePath(QStringLiteral("store.db")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EventBus> m_bus;
    std::unique_ptr<Services> m_services;

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_bus = std::make_unique<EventBus>();
        m_services = std::make_unique<Services>(openStore(path()), *m_bus,
                                                Actor{QString(), QStringLiteral("local:tester")});
    }

    void cleanup()
    {
        m_services.reset();
        m_bus.reset();
        m_dir.reset();
    }

    void createPublishesAfterStoring()
    {
        QSignalSpy published(m_bus.get(), &EventBus::published);
        const User user = await(m_services->createUser.execute(
            {QStringLiteral("Ada@Example.com"), QStringLiteral("Ada"), QStringLiteral("editor"), QStringLiteral("long-enough")}));
        QCOMPARE(published.size(), 1);
        const auto event = published.first().first().value<DomainEvent>();
        QCOMPARE(event.type, QStringLiteral("user.created"));
        QCOMPARE(event.subjectId, user.id().value());
        QCOMPARE(await(m_services->getUser.execute(user.id().value())), user);
    }

    void invalidInputWritesNothing_data()
    {
        QTest::addColumn<QString>("email");
        QTest::addColumn<QString>("username");
        QTest::addColumn<QString>("role");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QStringList>("badFields");
        const QString ok = QStringLiteral("long-enough");
        QTest::newRow("email") << QStringLiteral("nope") << QStringLiteral("ada") << QStringLiteral("admin") << ok
                               << QStringList{QStringLiteral("email")};
        QTest::newRow("short username") << QStringLiteral("a@b.co") << QStringLiteral("a") << QStringLiteral("admin") << ok
                                        << QStringList{QStringLiteral("username")};
        QTest::newRow("long username") << QStringLiteral("a@b.co") << QString(65, QLatin1Char('u')) << QStringLiteral("admin")
                                       << ok << QStringList{QStringLiteral("username")};
        QTest::newRow("role") << QStringLiteral("a@b.co") << QStringLiteral("ada") << QStringLiteral("root") << ok
                              << QStringList{QStringLiteral("role")};
        QTest::newRow("password") << QStringLiteral("a@b.co") << QStringLiteral("ada") << QStringLiteral("admin")
                                  << QStringLiteral("short") << QStringList{QStringLiteral("password")};
        QTest::newRow("all at once") << QString() << QString() << QString() << QString()
                                     << QStringList{QStringLiteral("email"), QStringLiteral("password"),
                                                    QStringLiteral("role"), QStringLiteral("username")};
    }

    void invalidInputWritesNothing()
    {
        QFETCH(QString, email);
        QFETCH(QString, username);
        QFETCH(QString, role);
        QFETCH(QString, password);
        QFETCH(QStringList, badFields);
        QSignalSpy published(m_bus.get(), &EventBus::published);
        try {
            await(m_services->createUser.execute({email, username, role, password}));
            QFAIL("expected a ValidationError");
        } catch (const ValidationError &error) {
            QCOMPARE(error.fieldErrors().keys(), badFields);
        }
        QCOMPARE(published.size(), 0);
        const SqlPeek peek(path());
        QCOMPARE(peek.count(QStringLiteral("users")), 0);
        QCOMPARE(peek.count(QStringLiteral("events")), 0);
    }

    void duplicateEmailNamesTheField()
    {
        const CreateUserCommand command{QStringLiteral("ada@example.com"), QStringLiteral("ada"),
                                        QStringLiteral("learner"), QStringLiteral("long-enough")};
        await(m_services->createUser.execute(command));
        QSignalSpy published(m_bus.get(), &EventBus::published);
        try {
            await(m_services->createUser.execute(command));
            QFAIL("expected a ConflictError");
        } catch (const ConflictError &error) {
            QVERIFY(error.message().contains(QStringLiteral("ada@example.com")));
            QVERIFY(error.fieldErrors().contains(QStringLiteral("email")));
        }
        QCOMPARE(published.size(), 0);
        QCOMPARE(SqlPeek(path()).count(QStringLiteral("users")), 1);
    }

    void updateAndDeletePublish()
    {
        const User user = await(m_services->createUser.execute(
            {QStringLiteral("ada@example.com"), QStringLiteral("ada"), QStringLiteral("learner"), QStringLiteral("long-enough")}));
        QSignalSpy published(m_bus.get(), &EventBus::published);

        UpdateUserCommand update;
        update.id = user.id().value();
        update.baseVersion = 1;
        update.role = QStringLiteral("support");
        const User updated = await(m_services->updateUser.execute(update));
        QCOMPARE(updated.role(), Role::Support);
        QCOMPARE(updated.version(), 2);
        QCOMPARE(await(m_services->getUser.execute(user.id().value())).role(), Role::Support); // cache dropped

        update.baseVersion = 2;
        await(m_services->updateUser.execute(update)); // nothing changes: no event
        QCOMPARE(published.size(), 1);

        await(m_services->deleteUser.execute({user.id().value()}));
        QCOMPARE(published.size(), 2);
        QCOMPARE(published.last().first().value<DomainEvent>().type, QStringLiteral("user.deleted"));
        QVERIFY_THROWS_EXCEPTION(NotFoundError, await(m_services->getUser.execute(user.id().value())));

        const SqlPeek peek(path());
        QCOMPARE(peek.column(QStringLiteral("SELECT type FROM events ORDER BY id")),
                 (QStringList{QStringLiteral("user.created"), QStringLiteral("user.updated"), QStringLiteral("user.deleted")}));
    }

    void updateNamesOnlyWhatReallyChanged()
    {
        const User user = addLearner(QStringLiteral("ada"));
        QSignalSpy published(m_bus.get(), &EventBus::published);
        UpdateUserCommand update = updateOf(user);
        update.username = QStringLiteral("ada"); // as stored: no change
        update.email = QStringLiteral("ADA@example.com"); // the same address
        update.password = QStringLiteral("another-secret");
        const User updated = await(m_services->updateUser.execute(update));
        QCOMPARE(updated.version(), 2);
        QCOMPARE(published.size(), 1);
        const DomainEvent event = published.first().first().value<DomainEvent>();
        QCOMPARE(event.payload.value(QStringLiteral("changes")).toVariant().toStringList(),
                 QStringList{QStringLiteral("password")});
        const SqlPeek peek(path());
        QVERIFY(PasswordHasher::verify(QStringLiteral("another-secret"),
                                       peek.scalar(QStringLiteral("SELECT password_hash FROM users")).toString()));
    }

    void updateThatChangesNothingWritesNothing_data() { withAndWithoutBase(); }

    void updateThatChangesNothingWritesNothing()
    {
        QFETCH(bool, withBase);
        const User user = addLearner(QStringLiteral("ada"));
        QSignalSpy published(m_bus.get(), &EventBus::published);
        UpdateUserCommand update = updateOf(user);
        update.role = QStringLiteral("learner");
        if (withBase)
            update.base = user;
        QCOMPARE(await(m_services->updateUser.execute(update)), user);
        QCOMPARE(published.size(), 0);
        const SqlPeek peek(path());
        QCOMPARE(peek.scalar(QStringLiteral("SELECT version FROM users")).toInt(), 1);
        QCOMPARE(peek.count(QStringLiteral("events")), 1);
    }

    void staleBaseIsAConflictWithTheirVersion_data() { withAndWithoutBase(); }

    void staleBaseIsAConflictWithTheirVersion()
    {
        QFETCH(bool, withBase);
        const User mine = addLearner(QStringLiteral("ada"));
        UpdateUserCommand theirs = updateOf(mine);
        theirs.username = QStringLiteral("countess");
        await(m_services->updateUser.execute(theirs));

        QSignalSpy published(m_bus.get(), &EventBus::published);
        UpdateUserCommand stale = updateOf(mine);
        stale.role = QStringLiteral("admin");
        if (withBase)
            stale.base = mine;
        try {
            await(m_services->updateUser.execute(stale));
            QFAIL("expected a ConflictError");
        } catch (const ConflictError &error) {
            QVERIFY(error.fieldErrors().isEmpty());
            QCOMPARE(error.current().value<User>().username(), QStringLiteral("countess"));
            QCOMPARE(error.current().value<User>().version(), 2);
        }
        QCOMPARE(published.size(), 0);
        QCOMPARE(SqlPeek(path()).scalar(QStringLiteral("SELECT role FROM users")).toString(), QStringLiteral("learner"));
    }

    void baseOfAnotherRecordIsRefused()
    {
        const User ada = addLearner(QStringLiteral("ada"));
        const User bob = addLearner(QStringLiteral("bob"));
        UpdateUserCommand update = updateOf(ada);
        update.role = QStringLiteral("admin");
        update.base = bob;
        QVERIFY_THROWS_EXCEPTION(ValidationError, await(m_services->updateUser.execute(update)));
        QCOMPARE(SqlPeek(path()).scalar(QStringLiteral("SELECT COUNT(*) FROM users WHERE role = 'admin'")).toInt(), 0);
    }

    void listValidatesPaging_data()
    {
        QTest::addColumn<int>("page");
        QTest::addColumn<int>("pageSize");
        QTest::addColumn<QString>("field");
        QTest::newRow("page 0") << 0 << 50 << QStringLiteral("page");
        QTest::newRow("page size 0") << 1 << 0 << QStringLiteral("pageSize");
        QTest::newRow("page size 201") << 1 << 201 << QStringLiteral("pageSize");
    }

    void listValidatesPaging()
    {
        QFETCH(int, page);
        QFETCH(int, pageSize);
        QFETCH(QString, field);
        UserListQuery query;
        query.page = page;
        query.pageSize = pageSize;
        try {
            await(m_services->listUsers.execute(query));
            QFAIL("expected a ValidationError");
        } catch (const ValidationError &error) {
            QVERIFY(error.fieldErrors().contains(field));
        }
    }
};

QTEST_GUILESS_MAIN(TestUserHandlers)
#include "tst_userhandlers.moc"
