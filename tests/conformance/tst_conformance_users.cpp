// Conformance of the users screen's operations (through Services' handlers), against the
// store EDGE_CONFORMANCE_STORE names (see support/ConformanceSuite.h): create and read,
// validation, conflicts, update, delete, unknown and malformed ids, search, pagination,
// sorting and the dashboard.

#include "ConformanceSuite.h"

#include <QTest>

using namespace edge;
using namespace edge::test;

Q_DECLARE_METATYPE(edge::UserSortField)
Q_DECLARE_METATYPE(edge::SortOrder)

class TestConformanceUsers final : public ConformanceSuite
{
    Q_OBJECT

private:
    // The search cases share one set of users: short terms match across the whole store.
    const QString &searchTag()
    {
        if (m_searchTag.isEmpty()) {
            m_searchTag = newTag();
            const QStringList names{u"Plain"_qs, u"Per%cent"_qs, u"Under_score"_qs, u"Plus+And&"_qs};
            for (int i = 0; i < names.size(); ++i)
                create(QStringLiteral("%1.%2@example.test").arg(QChar(u'a' + i)).arg(m_searchTag),
                       names[i] + u' ' + m_searchTag);
        }
        return m_searchTag;
    }

    QString m_searchTag;

private slots:
    // --- create and read -------------------------------------------------------------

    void createThenReadGivesTheSameUser()
    {
        const QString tag = newTag();
        const User created = create(QStringLiteral("  Ada.%1@Example.TEST ").arg(tag),
                                    QStringLiteral("  Ada %1  ").arg(tag), QStringLiteral("editor"));
        QCOMPARE(created.email().value(), QStringLiteral("ada.%1@example.test").arg(tag));
        QCOMPARE(created.username(), QStringLiteral("Ada %1").arg(tag));
        QCOMPARE(created.role(), Role::Editor);
        QCOMPARE(created.version(), 1);
        QVERIFY(UserId::problem(created.id().value()).isEmpty());
        QVERIFY(created.createdAt().isValid());
        QCOMPARE(created.createdAt(), created.updatedAt());

        const User read = await(services().getUser.execute(created.id().value()));
        QCOMPARE(read, created);
        // Ids are matched regardless of case, as UUIDs are.
        QCOMPARE(await(services().getUser.execute(created.id().value().toUpper())), created);
    }

    void createValidation_data()
    {
        QTest::addColumn<QString>("email");
        QTest::addColumn<QString>("username");
        QTest::addColumn<QString>("role");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QStringList>("badFields"); // empty: accepted

        const QString ok = QStringLiteral("password-123");
        const QString email = QStringLiteral("{ok}"); // a valid address unique to the case
        QTest::newRow("bad email") << "nope" << "Ok Name" << "learner" << ok << QStringList{u"email"_qs};
        QTest::newRow("email without dot") << "a@b" << "Ok Name" << "learner" << ok << QStringList{u"email"_qs};
        QTest::newRow("empty email, short username") << "" << "x" << "learner" << ok
                                                     << QStringList{u"email"_qs, u"username"_qs};
        QTest::newRow("long username") << email << QString(65, QLatin1Char('x')) << "learner" << ok
                                       << QStringList{u"username"_qs};
        QTest::newRow("control character") << email << "a\u0001b" << "learner" << ok << QStringList{u"username"_qs};
        QTest::newRow("unknown role") << email << "Ok Name" << "boss" << ok << QStringList{u"role"_qs};
        QTest::newRow("short password") << email << "Ok Name" << "learner" << "short" << QStringList{u"password"_qs};
        QTest::newRow("everything bad") << "x" << "" << "" << "" << QStringList{u"email"_qs, u"password"_qs, u"role"_qs, u"username"_qs};
        // Lengths count characters, not UTF-16 units: 64 emoji are a valid name.
        QString emoji;
        for (int i = 0; i < 64; ++i)
            emoji += QString::fromUcs4(U"\U0001F600", 1);
        QTest::newRow("64 astral characters") << email << emoji << "learner" << ok << QStringList{};
        QTest::newRow("65 astral characters") << email << emoji + emoji.left(2) << "learner" << ok
                                              << QStringList{u"username"_qs};
        QTest::newRow("8 astral characters password") << email << "Ok Name" << "learner" << emoji.left(16)
                                                      << QStringList{};
    }

    void createValidation()
    {
        QFETCH(QString, email);
        QFETCH(QString, username);
        QFETCH(QString, role);
        QFETCH(QString, password);
        QFETCH(QStringList, badFields);
        const QString tag = newTag();
        email.replace(QStringLiteral("{ok}"), QStringLiteral("v.%1@example.test").arg(tag));
        const CreateUserCommand command{email, username, role, password};

        if (badFields.isEmpty()) {
            const User user = await(services().createUser.execute(command));
            QCOMPARE(user.username(), username.trimmed());
            return;
        }
        const std::optional<ValidationError> error = failureOf<ValidationError>(services().createUser.execute(command));
        QVERIFY2(error, "expected a ValidationError");
        QCOMPARE(keysOf(error->fieldErrors()), badFields);
        QCOMPARE(await(services().listUsers.count(tag)), qint64(0)); // nothing written
    }

    void duplicateEmailIsConflictNamingEmail()
    {
        const QString tag = newTag();
        create(QStringLiteral("dup.%1@example.test").arg(tag), QStringLiteral("First %1").arg(tag));
        const auto error = failureOf<ConflictError>(services().createUser.execute(
            {QStringLiteral("DUP.%1@example.test").arg(tag), QStringLiteral("Second %1").arg(tag),
             QStringLiteral("learner"), QStringLiteral("password-123")}));
        QVERIFY(error);
        QCOMPARE(keysOf(error->fieldErrors()), QStringList{u"email"_qs});
        QCOMPARE(searchAll(tag).size(), 1);
    }

    // --- update --------------------------------------------------------------------------

    void updateChangesOnlyTheGivenFields()
    {
        const QString tag = newTag();
        const User user = create(QStringLiteral("upd.%1@example.test").arg(tag), QStringLiteral("Before %1").arg(tag));
        UpdateUserCommand command{.id = user.id().value(), .baseVersion = 1};
        command.username = QStringLiteral("After %1").arg(tag);
        const User updated = await(services().updateUser.execute(command));
        QCOMPARE(updated.version(), 2);
        QCOMPARE(updated.username(), QStringLiteral("After %1").arg(tag));
        QCOMPARE(updated.email(), user.email());
        QCOMPARE(updated.role(), user.role());
        QCOMPARE(updated.createdAt(), user.createdAt());
        QVERIFY(updated.updatedAt() >= user.updatedAt());
        QCOMPARE(await(services().getUser.execute(user.id().value())), updated);
    }

    void updateThatChangesNothingKeepsTheVersion()
    {
        const QString tag = newTag();
        const User user = create(QStringLiteral("same.%1@example.test").arg(tag), QStringLiteral("Same %1").arg(tag));
        UpdateUserCommand command{.id = user.id().value(), .baseVersion = 1};
        command.username = user.username();
        command.email = user.email().value().toUpper();
        command.role = roleToString(user.role());
        const User result = await(services().updateUser.execute(command));
        QCOMPARE(result, user);
        QCOMPARE(eventsAbout(user.id().value()).size(), 1); // only user.created
    }

    void staleVersionIsConflictWithCurrentAndChangesNothing()
    {
        const QString tag = newTag();
        const User user = create(QStringLiteral("stale.%1@example.test").arg(tag), QStringLiteral("V1 %1").arg(tag));
        UpdateUserCommand first{.id = user.id().value(), .baseVersion = 1};
        first.username = QStringLiteral("V2 %1").arg(tag);
        const User v2 = await(services().updateUser.execute(first));

        UpdateUserCommand stale{.id = user.id().value(), .baseVersion = 1};
        stale.role = QStringLiteral("admin");
        stale.username = QStringLiteral("Lost %1").arg(tag);
        const auto error = failureOf<ConflictError>(services().updateUser.execute(stale));
        QVERIFY(error);
        // No field errors: how the UI tells a stale version from a taken email.
        QCOMPARE(keysOf(error->fieldErrors()), QStringList());
        QVERIFY(error->current().canConvert<User>());
        QCOMPARE(error->current().value<User>(), v2);
        QCOMPARE(await(services().getUser.execute(user.id().value())), v2);
        QCOMPARE(eventsAbout(user.id().value()).size(), 2); // created, updated: nothing for the stale one
    }

    void updateToTakenEmailIsConflictNamingEmail()
    {
        const QString tag = newTag();
        const User taken = create(QStringLiteral("taken.%1@example.test").arg(tag), QStringLiteral("Taken %1").arg(tag));
        const User user = create(QStringLiteral("mover.%1@example.test").arg(tag), QStringLiteral("Mover %1").arg(tag));
        UpdateUserCommand command{.id = user.id().value(), .baseVersion = 1};
        command.email = taken.email().value();
        const auto error = failureOf<ConflictError>(services().updateUser.execute(command));
        QVERIFY(error);
        QCOMPARE(keysOf(error->fieldErrors()), QStringList{u"email"_qs});
        QVERIFY(error->current().canConvert<User>());
        QCOMPARE(error->current().value<User>(), user);
        QCOMPARE(await(services().getUser.execute(user.id().value())), user);
    }

    void updateValidation_data()
    {
        QTest::addColumn<int>("baseVersion");
        QTest::addColumn<QString>("email");
        QTest::addColumn<QString>("role");
        QTest::addColumn<QStringList>("badFields");
        QTest::newRow("version 0") << 0 << QString() << QString() << QStringList{u"version"_qs};
        QTest::newRow("bad email") << 1 << "nope" << QString() << QStringList{u"email"_qs};
        QTest::newRow("bad role") << 1 << QString() << "root" << QStringList{u"role"_qs};
    }

    void updateValidation()
    {
        QFETCH(int, baseVersion);
        QFETCH(QString, email);
        QFETCH(QString, role);
        QFETCH(QStringList, badFields);
        const QString tag = newTag();
        const User user = create(QStringLiteral("uv.%1@example.test").arg(tag), QStringLiteral("Uv %1").arg(tag));
        UpdateUserCommand command{.id = user.id().value(), .baseVersion = baseVersion};
        if (!email.isEmpty())
            command.email = email;
        if (!role.isEmpty())
            command.role = role;
        const auto error = failureOf<ValidationError>(services().updateUser.execute(command));
        QVERIFY(error);
        QCOMPARE(keysOf(error->fieldErrors()), badFields);
        QCOMPARE(await(services().getUser.execute(user.id().value())), user);
    }

    // --- delete, not found, bad ids ------------------------------------------------------

    void deleteRemovesTheUser()
    {
        const QString tag = newTag();
        const User user = create(QStringLiteral("del.%1@example.test").arg(tag), QStringLiteral("Del %1").arg(tag));
        await(services().deleteUser.execute({user.id().value()}));
        QVERIFY(failureOf<NotFoundError>(services().getUser.execute(user.id().value())));
        QVERIFY(searchAll(tag).isEmpty());
        QVERIFY(failureOf<NotFoundError>(services().deleteUser.execute({user.id().value()})));
    }

    void unknownIdIsNotFound_data()
    {
        QTest::addColumn<QString>("operation");
        for (const char *operation : {"get", "update", "delete", "dashboard"})
            QTest::newRow(operation) << QString::fromLatin1(operation);
    }

    void unknownIdIsNotFound()
    {
        QFETCH(QString, operation);
        const QString id = someUnknownId();
        std::optional<NotFoundError> error;
        if (operation == QLatin1String("get"))
            error = failureOf<NotFoundError>(services().getUser.execute(id));
        else if (operation == QLatin1String("update"))
            error = failureOf<NotFoundError>(
                services().updateUser.execute({.id = id, .baseVersion = 1, .email = QStringLiteral("x@y.zz")}));
        else if (operation == QLatin1String("delete"))
            error = failureOf<NotFoundError>(services().deleteUser.execute({id}));
        else
            error = failureOf<NotFoundError>(services().userDashboard.execute(id));
        QVERIFY(error);
        QCOMPARE(error->kind(), ErrorKind::NotFound);
    }

    void malformedIdIsValidationError_data()
    {
        unknownIdIsNotFound_data();
    }

    void malformedIdIsValidationError()
    {
        QFETCH(QString, operation);
        const QString id = QStringLiteral("not-a-uuid");
        std::optional<ValidationError> error;
        if (operation == QLatin1String("get"))
            error = failureOf<ValidationError>(services().getUser.execute(id));
        else if (operation == QLatin1String("update"))
            error = failureOf<ValidationError>(
                services().updateUser.execute({.id = id, .baseVersion = 1, .email = QStringLiteral("x@y.zz")}));
        else if (operation == QLatin1String("delete"))
            error = failureOf<ValidationError>(services().deleteUser.execute({id}));
        else
            error = failureOf<ValidationError>(services().userDashboard.execute(id));
        QVERIFY(error);
        QCOMPARE(keysOf(error->fieldErrors()), QStringList{u"id"_qs});
    }

    // --- search, pagination, sorting -----------------------------------------------------

    void search_data()
    {
        QTest::addColumn<QString>("term");     // {tag} is replaced by the case's tag
        QTest::addColumn<QStringList>("expected"); // usernames' first words, sorted by email
        QTest::newRow("tag (trigram)") << "{tag}" << QStringList{u"Plain"_qs, u"Per%cent"_qs, u"Under_score"_qs, u"Plus+And&"_qs};
        QTest::newRow("upper-case tag") << "{TAG}" << QStringList{u"Plain"_qs, u"Per%cent"_qs, u"Under_score"_qs, u"Plus+And&"_qs};
        QTest::newRow("name and tag") << "plain {tag}" << QStringList{u"Plain"_qs};
        QTest::newRow("email part") << "b.{tag}@" << QStringList{u"Per%cent"_qs};
        QTest::newRow("percent, one character") << "%" << QStringList{u"Per%cent"_qs};
        QTest::newRow("underscore, one character") << "_" << QStringList{u"Under_score"_qs};
        QTest::newRow("short term with percent") << "r%" << QStringList{u"Per%cent"_qs};
        QTest::newRow("trigram with percent") << "r%c" << QStringList{u"Per%cent"_qs};
        QTest::newRow("trigram with underscore") << "r_s" << QStringList{u"Under_score"_qs};
        QTest::newRow("plus and ampersand") << "s+a" << QStringList{u"Plus+And&"_qs};
        QTest::newRow("plus alone") << "+" << QStringList{u"Plus+And&"_qs};
        QTest::newRow("ampersand alone") << "&" << QStringList{u"Plus+And&"_qs};
        QTest::newRow("short, no match") << "zz" << QStringList{};
        QTest::newRow("quote") << "\"{tag}" << QStringList{};
        QTest::newRow("254 characters") << QString(254, QLatin1Char('q')) << QStringList{};
        QTest::newRow("whitespace only is everyone") << "   " << QStringList{u"*"_qs};
    }

    void search()
    {
        QFETCH(QString, term);
        QFETCH(QStringList, expected);
        const QString tag = searchTag();
        term.replace(QStringLiteral("{tag}"), tag).replace(QStringLiteral("{TAG}"), tag.toUpper());

        const qint64 counted = await(services().listUsers.count(term));
        if (expected == QStringList{u"*"_qs}) {
            QCOMPARE(counted, await(services().listUsers.count(QString())));
            return;
        }
        const QList<User> found = searchAll(term);
        QCOMPARE(counted, qint64(found.size()));
        QStringList firstWords;
        for (const User &user : found)
            firstWords << user.username().section(QLatin1Char(' '), 0, 0);
        QCOMPARE(firstWords, expected);
    }

    void searchTooLongIsValidationError()
    {
        UserListQuery query;
        query.search = QString(255, QLatin1Char('q'));
        const auto error = failureOf<ValidationError>(services().listUsers.execute(query));
        QVERIFY(error);
        QCOMPARE(keysOf(error->fieldErrors()), QStringList{u"search"_qs});
    }

    void pagination_data()
    {
        QTest::addColumn<int>("page");
        QTest::addColumn<int>("pageSize");
        QTest::addColumn<int>("items");
        QTest::addColumn<int>("totalPages");
        QTest::newRow("first of three") << 1 << 3 << 3 << 3;
        QTest::newRow("last, partial") << 3 << 3 << 1 << 3;
        QTest::newRow("past the end") << 4 << 3 << 0 << 3;
        QTest::newRow("one page") << 1 << 7 << 7 << 1;
        QTest::newRow("bigger page") << 1 << 200 << 7 << 1;
        QTest::newRow("page size 1") << 7 << 1 << 1 << 7;
    }

    void pagination()
    {
        QFETCH(int, page);
        QFETCH(int, pageSize);
        QFETCH(int, items);
        QFETCH(int, totalPages);
        const QString tag = newTag();
        for (int i = 0; i < 7; ++i)
            create(QStringLiteral("p%1.%2@example.test").arg(i).arg(tag), QStringLiteral("Page %1 %2").arg(i).arg(tag));
        const QList<User> all = searchAll(tag);

        UserListQuery query;
        query.search = tag;
        query.page = page;
        query.pageSize = pageSize;
        query.sort = UserSortField::Email;
        query.order = SortOrder::Ascending;
        const UserPage result = await(services().listUsers.execute(query));
        QCOMPARE(result.page, page);
        QCOMPARE(result.pageSize, pageSize);
        QCOMPARE(result.total, qint64(7));
        QCOMPARE(result.totalPages, totalPages);
        QCOMPARE(result.items, all.mid((page - 1) * pageSize, items));
    }

    void paginationOutOfRange_data()
    {
        QTest::addColumn<int>("page");
        QTest::addColumn<int>("pageSize");
        QTest::addColumn<QString>("field");
        QTest::newRow("page 0") << 0 << 10 << "page";
        QTest::newRow("page size 0") << 1 << 0 << "pageSize";
        QTest::newRow("page size 201") << 1 << 201 << "pageSize";
    }

    void paginationOutOfRange()
    {
        QFETCH(int, page);
        QFETCH(int, pageSize);
        QFETCH(QString, field);
        UserListQuery query;
        query.page = page;
        query.pageSize = pageSize;
        const auto error = failureOf<ValidationError>(services().listUsers.execute(query));
        QVERIFY(error);
        QCOMPARE(keysOf(error->fieldErrors()), QStringList{field});
    }

    void emptyResultHasNoPages()
    {
        UserListQuery query;
        query.search = newTag() + QStringLiteral("-nobody");
        const UserPage page = await(services().listUsers.execute(query));
        QCOMPARE(page.total, qint64(0));
        QCOMPARE(page.totalPages, 0);
        QVERIFY(page.items.isEmpty());
    }

    void sorting_data()
    {
        QTest::addColumn<UserSortField>("sort");
        QTest::addColumn<SortOrder>("order");
        for (auto [sort, name] : {std::pair{UserSortField::CreatedAt, "createdAt"}, {UserSortField::Email, "email"},
                                  {UserSortField::Username, "username"}, {UserSortField::Role, "role"}}) {
            QTest::addRow("%s asc", name) << sort << SortOrder::Ascending;
            QTest::addRow("%s desc", name) << sort << SortOrder::Descending;
        }
    }

    void sorting()
    {
        QFETCH(UserSortField, sort);
        QFETCH(SortOrder, order);
        const QString tag = newTag();
        // Mixed case (binary order: upper case first), and ties on username and role, which
        // both stores break on the id in the same direction.
        const QList<std::pair<QString, QString>> people{{u"bob"_qs, u"learner"_qs},   {u"Alice"_qs, u"learner"_qs},
                                                        {u"carol"_qs, u"admin"_qs},   {u"alice"_qs, u"editor"_qs},
                                                        {u"Same"_qs, u"support"_qs},  {u"Same"_qs, u"learner"_qs}};
        for (int i = 0; i < people.size(); ++i)
            create(QStringLiteral("s%1.%2@example.test").arg(5 - i).arg(tag), people[i].first + u' ' + tag,
                   people[i].second);

        const QList<User> listed = searchAll(tag, sort, order);
        QCOMPARE(listed.size(), people.size());
        QList<User> expected = listed;
        const auto key = [sort](const User &user) {
            switch (sort) {
            case UserSortField::CreatedAt: return user.createdAt().toString(Qt::ISODateWithMs);
            case UserSortField::Email: return user.email().value();
            case UserSortField::Username: return user.username();
            case UserSortField::Role: return roleToString(user.role());
            }
            return QString();
        };
        std::sort(expected.begin(), expected.end(), [&](const User &a, const User &b) {
            const auto left = std::pair{key(a), a.id().value()};
            const auto right = std::pair{key(b), b.id().value()};
            return order == SortOrder::Ascending ? left < right : right < left;
        });
        QCOMPARE(listed, expected);
    }

    // --- dashboard -----------------------------------------------------------------------

    void dashboardOfANewUser()
    {
        const QString tag = newTag();
        const User user = create(QStringLiteral("dash.%1@example.test").arg(tag), QStringLiteral("Dash %1").arg(tag));
        const UserDashboard dashboard = await(services().userDashboard.execute(user.id().value()));
        QCOMPARE(dashboard.user, user);
        QVERIFY(dashboard.recentProgress.isEmpty());
        QCOMPARE(dashboard.totals.lessons, 0);
        QCOMPARE(dashboard.totals.completed, 0);
        QCOMPARE(dashboard.totals.averageScore, 0.0);
    }
};

QTEST_GUILESS_MAIN(TestConformanceUsers)
#include "tst_conformance_users.moc"
