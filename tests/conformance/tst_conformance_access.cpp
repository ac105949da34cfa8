// Conformance of who may do what (ARCHITECTURE.md's role table) across the users and activity
// operations, and sign-in giving the role, against the store EDGE_CONFORMANCE_STORE names
// (see support/ConformanceSuite.h). Every case needs a signed-in role, so on the embedded
// store (no login) they are skipped with a reason.

#include "ConformanceSuite.h"

#include <QTest>

#include <functional>

using namespace edge;
using namespace edge::test;

Q_DECLARE_METATYPE(edge::Role)

class TestConformanceAccess final : public ConformanceSuite
{
    Q_OBJECT

private slots:
    // --- permissions (ARCHITECTURE.md's role table) ----------------------------------------------

    void permissions_data()
    {
        QTest::addColumn<Role>("role");
        QTest::addColumn<QString>("action");
        QTest::addColumn<bool>("allowed");
        QTest::addColumn<bool>("remoteOnly"); // needs a signed-in role: skipped on the embedded store

        const auto row = [](Role role, const char *action, bool allowed) {
            QTest::addRow("%s %s", qPrintable(roleToString(role)), action)
                << role << QString::fromLatin1(action) << allowed << true;
        };
        const char *actions[] = {"list users", "get user", "get own user", "create user", "update user",
                                 "update own username", "update own role", "delete user", "dashboard",
                                 "list own events", "list admin's events"};
        // users: admin all, editor -, support read, learner own profile (no role change);
        // events: admin read, editor own, support own, learner -.
        const QMap<Role, QList<bool>> allowed{
            {Role::Admin, {true, true, true, true, true, true, true, true, true, true, true}},
            {Role::Editor, {false, false, false, false, false, false, false, false, false, true, false}},
            {Role::Support, {true, true, true, false, false, false, false, false, true, true, false}},
            {Role::Learner, {false, false, true, false, false, true, false, false, false, false, false}},
        };
        for (auto it = allowed.begin(); it != allowed.end(); ++it)
            for (int i = 0; i < it.value().size(); ++i)
                row(it.key(), actions[i], it.value()[i]);
    }

    void permissions()
    {
        QFETCH(Role, role);
        QFETCH(QString, action);
        QFETCH(bool, allowed);
        QFETCH(bool, remoteOnly);
        if (remoteOnly)
            SKIP_UNLESS_ROLES(target());

        Services &as = role == Role::Admin ? services() : target().servicesAs(role);
        const User self = role == Role::Admin ? await(services().getUser.execute(services().actor().id))
                                              : target().userOf(role);
        const QString tag = newTag();
        const User victim = create(QStringLiteral("victim.%1@example.test").arg(tag), QStringLiteral("Victim %1").arg(tag));
        const QString adminId = [this] {
            UserListQuery query;
            query.search = ConformanceTarget::adminEmail();
            return await(services().listUsers.execute(query)).items.value(0).id().value();
        }();

        std::function<void()> attempt;
        if (action == QLatin1String("list users"))
            attempt = [&] { await(as.listUsers.execute({})); };
        else if (action == QLatin1String("get user"))
            attempt = [&] { await(as.getUser.execute(victim.id().value())); };
        else if (action == QLatin1String("get own user"))
            attempt = [&] { await(as.getUser.execute(self.id().value())); };
        else if (action == QLatin1String("create user"))
            attempt = [&] {
                await(as.createUser.execute({QStringLiteral("new.%1@example.test").arg(tag), QStringLiteral("New one"),
                                             QStringLiteral("learner"), QStringLiteral("password-123")}));
            };
        else if (action == QLatin1String("update user"))
            attempt = [&] {
                UpdateUserCommand command{.id = victim.id().value(), .baseVersion = 1};
                command.username = QStringLiteral("Renamed %1").arg(tag);
                await(as.updateUser.execute(command));
            };
        else if (action == QLatin1String("update own username"))
            attempt = [&] {
                const User current = await(services().getUser.execute(self.id().value()));
                UpdateUserCommand command{.id = self.id().value(), .baseVersion = current.version()};
                command.username = self.username() == QLatin1String("Renamed self") ? QStringLiteral("Renamed again")
                                                                                  : QStringLiteral("Renamed self");
                await(as.updateUser.execute(command));
            };
        else if (action == QLatin1String("update own role"))
            attempt = [&] {
                const User current = await(services().getUser.execute(self.id().value()));
                UpdateUserCommand command{.id = self.id().value(), .baseVersion = current.version()};
                command.role = QStringLiteral("admin"); // promoting oneself
                if (self.role() == Role::Admin)
                    command.username = QStringLiteral("Admin"); // an admin's change must go through
                await(as.updateUser.execute(command));
            };
        else if (action == QLatin1String("delete user"))
            attempt = [&] { await(as.deleteUser.execute({victim.id().value()})); };
        else if (action == QLatin1String("dashboard"))
            attempt = [&] { await(as.userDashboard.execute(victim.id().value())); };
        else if (action == QLatin1String("list own events"))
            attempt = [&] {
                EventQuery query;
                if (role != Role::Admin)
                    query.actorId = self.id().value();
                await(as.listEvents.execute(query));
            };
        else
            attempt = [&] {
                EventQuery query;
                query.actorId = adminId;
                await(as.listEvents.execute(query));
            };

        if (allowed) {
            attempt();
            return;
        }
        try {
            attempt();
            QFAIL("expected ForbiddenError");
        } catch (const ForbiddenError &error) {
            QVERIFY(!error.message().isEmpty());
        }
        // Refused means unchanged.
        QCOMPARE(await(services().getUser.execute(victim.id().value())), victim);
    }

    void signInGivesTheRole()
    {
        SKIP_UNLESS_ROLES(target());
        for (Role role : {Role::Editor, Role::Support, Role::Learner}) {
            target().servicesAs(role);
            QCOMPARE(target().userOf(role).role(), role);
        }
    }
};

QTEST_GUILESS_MAIN(TestConformanceAccess)
#include "tst_conformance_access.moc"
