// The domain rules: emails, usernames, passwords, roles, errors.

#include "domain/Email.h"
#include "domain/Errors.h"
#include "domain/Role.h"
#include "domain/Text.h"
#include "domain/User.h"

#include <QTest>

using namespace edge;

class TestDomain final : public QObject
{
    Q_OBJECT

private slots:
    void emailNormalisation_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected"); // empty: invalid
        QTest::newRow("plain") << QStringLiteral("ada@example.com") << QStringLiteral("ada@example.com");
        QTest::newRow("trimmed and lowered") << QStringLiteral("  Ada@Example.COM\t") << QStringLiteral("ada@example.com");
        QTest::newRow("plus tag") << QStringLiteral("a+b@x.io") << QStringLiteral("a+b@x.io");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("spaces only") << QStringLiteral("   ") << QString();
        QTest::newRow("no at") << QStringLiteral("ada.example.com") << QString();
        QTest::newRow("no dot in domain") << QStringLiteral("ada@example") << QString();
        QTest::newRow("inner space") << QStringLiteral("a da@example.com") << QString();
        QTest::newRow("two ats") << QStringLiteral("a@b@example.com") << QString();
        QTest::newRow("too long") << QString(250, QLatin1Char('a')) + QStringLiteral("@x.io") << QString();
        QTest::newRow("longest allowed") << QString(249, QLatin1Char('a')) + QStringLiteral("@x.io")
                                         << QString(249, QLatin1Char('a')) + QStringLiteral("@x.io");
    }

    void emailNormalisation()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        if (expected.isEmpty()) {
            QVERIFY(!Email::problem(input).isEmpty());
            try {
                Email::parse(input);
                QFAIL("expected a ValidationError");
            } catch (const ValidationError &error) {
                QVERIFY(error.fieldErrors().contains(QStringLiteral("email")));
                QCOMPARE(error.statusCode(), 400);
            }
        } else {
            QVERIFY(Email::problem(input).isEmpty());
            QCOMPARE(Email::parse(input).value(), expected);
        }
    }

    void usernameRules_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<bool>("valid");
        QTest::newRow("1 char") << QStringLiteral("a") << false;
        QTest::newRow("2 chars") << QStringLiteral("ab") << true;
        QTest::newRow("64 chars") << QString(64, QLatin1Char('x')) << true;
        QTest::newRow("65 chars") << QString(65, QLatin1Char('x')) << false;
        QTest::newRow("2 chars after trim") << QStringLiteral("  ab  ") << true;
        QTest::newRow("1 char after trim") << QStringLiteral("  a  ") << false;
        QTest::newRow("control char") << QStringLiteral("ab\x01" "cd") << false;
        QTest::newRow("tab inside") << QStringLiteral("ab\tcd") << false;
        QTest::newRow("unicode") << QStringLiteral("Zoë Ångström") << true;
        QTest::newRow("bidi override") << QStringLiteral("evil\u202Etxt.exe") << false;
        QTest::newRow("zero-width space") << QStringLiteral("ad\u200Bmin") << false;
        QTest::newRow("emoji with joiner") << QStringLiteral("\U0001F469\u200D\U0001F4BB") << false;
    }

    void invisiblesAreShownWrittenOut()
    {
        QCOMPARE(withInvisiblesShown(QStringLiteral("evil\u202Etxt")), QStringLiteral("evil<U+202E>txt"));
        QCOMPARE(withInvisiblesShown(QStringLiteral("Zoë \U0001F600")), QStringLiteral("Zoë \U0001F600"));
        QCOMPARE(withInvisiblesShown(QStringLiteral("a\u200Bb\x01")), QStringLiteral("a<U+200B>b<U+0001>"));
    }

    void usernameRules()
    {
        QFETCH(QString, input);
        QFETCH(bool, valid);
        QCOMPARE(User::usernameProblem(input).isEmpty(), valid);
        if (valid) {
            QCOMPARE(User::parseUsername(input), input.trimmed());
        } else {
            try {
                User::parseUsername(input);
                QFAIL("expected a ValidationError");
            } catch (const ValidationError &error) {
                QVERIFY(error.fieldErrors().contains(QStringLiteral("username")));
            }
        }
    }

    void passwordRules_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addColumn<bool>("valid");
        QTest::newRow("7 chars") << QStringLiteral("1234567") << false;
        QTest::newRow("8 chars") << QStringLiteral("12345678") << true;
        QTest::newRow("256 chars") << QString(256, QLatin1Char('p')) << true;
        QTest::newRow("257 chars") << QString(257, QLatin1Char('p')) << false;
    }

    void passwordRules()
    {
        QFETCH(QString, password);
        QFETCH(bool, valid);
        QCOMPARE(User::passwordProblem(password).isEmpty(), valid);
        if (!valid)
            QVERIFY_THROWS_EXCEPTION(ValidationError, User::checkPassword(password));
    }

    void roles_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("expected"); // -1: unknown
        QTest::newRow("admin") << QStringLiteral("admin") << int(Role::Admin);
        QTest::newRow("upper and spaces") << QStringLiteral(" EDITOR ") << int(Role::Editor);
        QTest::newRow("support") << QStringLiteral("support") << int(Role::Support);
        QTest::newRow("learner") << QStringLiteral("Learner") << int(Role::Learner);
        QTest::newRow("unknown") << QStringLiteral("root") << -1;
        QTest::newRow("empty") << QString() << -1;
    }

    void roles()
    {
        QFETCH(QString, text);
        QFETCH(int, expected);
        const std::optional<Role> role = roleFromString(text);
        if (expected < 0) {
            QVERIFY(!role);
            try {
                parseRole(text);
                QFAIL("expected a ValidationError");
            } catch (const ValidationError &error) {
                QVERIFY(error.fieldErrors().contains(QStringLiteral("role")));
            }
        } else {
            QVERIFY(role);
            QCOMPARE(int(*role), expected);
            QCOMPARE(roleFromString(roleToString(*role)), role);
        }
    }

    void errorsMapBothWays_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("400") << 400 << QStringLiteral("validation");
        QTest::newRow("404") << 404 << QStringLiteral("not_found");
        QTest::newRow("409") << 409 << QStringLiteral("conflict");
        QTest::newRow("429") << 429 << QStringLiteral("rate_limited");
    }

    void errorsMapBothWays()
    {
        QFETCH(int, status);
        QFETCH(QString, code);
        const DomainError error(DomainError::kindForStatus(status), QStringLiteral("x"));
        QCOMPARE(error.statusCode(), status);
        QCOMPARE(error.code(), code);
        QCOMPARE(DomainError::kindForCode(code), error.kind());
    }

    void createdUserStartsAtVersionOne()
    {
        const User user = User::create(Email::parse(QStringLiteral("a@b.co")), QStringLiteral(" ab "), Role::Support);
        QCOMPARE(user.version(), 1);
        QCOMPARE(user.username(), QStringLiteral("ab"));
        QCOMPARE(user.createdAt().timeSpec(), Qt::UTC);
        QCOMPARE(user.id().value().size(), 36);
        QCOMPARE(user.bumped().version(), 2);
    }
};

QTEST_GUILESS_MAIN(TestDomain)
#include "tst_domain.moc"
