// edge-admin-cli end to end: the real executable on a temporary store.

#include "TestStore.h"

#include "infrastructure/security/PasswordHasher.h"
#include "infrastructure/sqlite/MigrationRunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace edge;
using namespace edge::test;

namespace {
struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
};
} // namespace

class TestCli final : public QObject
{
    Q_OBJECT

private:
    QString path() const { return m_dir->filePath(QStringLiteral("cli.db")); }

    CliResult run(QStringList arguments, const QByteArray &input = {}, const QString &store = {})
    {
        QProcess process;
        arguments.prepend(store.isEmpty() ? path() : store);
        arguments.prepend(QStringLiteral("--store"));
        process.start(QStringLiteral(EDGE_ADMIN_CLI), arguments);
        if (!process.waitForStarted())
            return {};
        process.write(input);
        process.closeWriteChannel();
        process.waitForFinished(120000);
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
    }

    std::unique_ptr<QTemporaryDir> m_dir;

private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void cleanup() { m_dir.reset(); }

    void helpListsEveryCommand()
    {
        const CliResult result = run({QStringLiteral("--help")});
        QCOMPARE(result.exitCode, 0);
        for (const char *word : {"migrate", "users list", "users add", "users show", "users delete", "seed-demo",
                                 "generate-users", "--store", "--search", "--json", "Exit codes"})
            QVERIFY2(result.out.contains(QLatin1String(word)), word);
        QVERIFY(!result.out.contains(QLatin1String("--password")));
    }

    void migrateRecordsEveryMigration()
    {
        const CliResult result = run({QStringLiteral("migrate")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains(QStringLiteral("0001_initial.sql")));
        QCOMPARE(SqlPeek(path()).column(QStringLiteral("SELECT name FROM d1_migrations ORDER BY id")),
                 MigrationRunner().knownNames());
        const CliResult again = run({QStringLiteral("migrate")});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.out.contains(QStringLiteral("Up to date")));
    }

    void addReadsPasswordFromStdin()
    {
        const CliResult result = run({QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("--email"),
                                      QStringLiteral("Ada@Example.com"), QStringLiteral("--username"), QStringLiteral("Ada"),
                                      QStringLiteral("--role"), QStringLiteral("admin")},
                                     "horse-battery\n");
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains(QStringLiteral("ada@example.com")));
        const SqlPeek peek(path());
        QVERIFY(PasswordHasher::verify(QStringLiteral("horse-battery"),
                                       peek.scalar(QStringLiteral("SELECT password_hash FROM users")).toString()));
        QCOMPARE(peek.scalar(QStringLiteral("SELECT role FROM users")).toString(), QStringLiteral("admin"));
    }

    void badInputIsRefused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        auto add = [](const QString &email, const QString &username, const QString &role) {
            return QStringList{QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("--email"), email,
                               QStringLiteral("--username"), username, QStringLiteral("--role"), role};
        };
        const QByteArray password("horse-battery\n");
        QTest::newRow("invalid email") << add(QStringLiteral("not-an-email"), QStringLiteral("ok"), QStringLiteral("admin"))
                                       << password << 2 << QStringLiteral("email");
        QTest::newRow("short username") << add(QStringLiteral("a@b.co"), QStringLiteral("x"), QStringLiteral("admin"))
                                        << password << 2 << QStringLiteral("username");
        QTest::newRow("long username") << add(QStringLiteral("a@b.co"), QString(65, QLatin1Char('x')), QStringLiteral("admin"))
                                       << password << 2 << QStringLiteral("username");
        QTest::newRow("unknown role") << add(QStringLiteral("a@b.co"), QStringLiteral("ok"), QStringLiteral("boss"))
                                      << password << 2 << QStringLiteral("role");
        QTest::newRow("short password") << add(QStringLiteral("a@b.co"), QStringLiteral("ok"), QStringLiteral("admin"))
                                        << QByteArray("short\n") << 2 << QStringLiteral("password");
        QTest::newRow("no password") << add(QStringLiteral("a@b.co"), QStringLiteral("ok"), QStringLiteral("admin"))
                                     << QByteArray() << 2 << QStringLiteral("password");
        QTest::newRow("missing option") << QStringList{QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("--email"),
                                                       QStringLiteral("a@b.co")}
                                        << password << 2 << QStringLiteral("--username");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << QByteArray() << 2
                                         << QStringLiteral("frobnicate");
        QTest::newRow("bad page") << QStringList{QStringLiteral("users"), QStringLiteral("list"), QStringLiteral("--page"),
                                                 QStringLiteral("two")}
                                  << QByteArray() << 2 << QStringLiteral("--page");
        QTest::newRow("page 0") << QStringList{QStringLiteral("users"), QStringLiteral("list"), QStringLiteral("--page"),
                                               QStringLiteral("0")}
                                << QByteArray() << 2 << QStringLiteral("Page");
        QTest::newRow("bad sort") << QStringList{QStringLiteral("users"), QStringLiteral("list"), QStringLiteral("--sort"),
                                                 QStringLiteral("password_hash")}
                                  << QByteArray() << 2 << QStringLiteral("--sort");
        const QString unknownId = QStringLiteral("0b6a3c1e-5d2f-4e8a-9c7b-1f2e3d4c5b6a");
        QTest::newRow("unknown user") << QStringList{QStringLiteral("users"), QStringLiteral("delete"), unknownId}
                                      << QByteArray() << 3 << unknownId;
        // Not a UUID: refused as input, as the Worker does (400), not "not found".
        QTest::newRow("bad id") << QStringList{QStringLiteral("users"), QStringLiteral("delete"), QStringLiteral("nobody")}
                                << QByteArray() << 2 << QStringLiteral("nobody");
    }

    void badInputIsRefused()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, input);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QCOMPARE(run({QStringLiteral("migrate")}).exitCode, 0);
        const CliResult result = run(arguments, input);
        QCOMPARE(result.exitCode, exitCode);
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
        QCOMPARE(SqlPeek(path()).count(QStringLiteral("users")), 0);
    }

    // --help documents exit code 2 for "wrong usage or invalid input; nothing was written", and
    // main() reports a parser error on stderr with a pointer to --help. An unknown option is
    // wrong usage wherever it stands: before the command or after a subcommand.
    void unknownOptionIsUsageError_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("option"); // its name, as the message must give it
        const auto list = [](std::initializer_list<const char *> words) {
            QStringList arguments;
            for (const char *word : words)
                arguments << QString::fromLatin1(word);
            return arguments;
        };
        QTest::newRow("alone") << list({"--frobnicate"}) << QByteArray() << QStringLiteral("frobnicate");
        QTest::newRow("before a command") << list({"--frobnicate", "users", "list"}) << QByteArray()
                                          << QStringLiteral("frobnicate");
        QTest::newRow("after users list") << list({"users", "list", "--nope"}) << QByteArray() << QStringLiteral("nope");
        QTest::newRow("with a value") << list({"users", "list", "--nope=3"}) << QByteArray() << QStringLiteral("nope");
        QTest::newRow("short option") << list({"users", "list", "-z"}) << QByteArray() << QStringLiteral("z");
        // Would otherwise write a user: the option must stop it before anything is written.
        QTest::newRow("after a complete users add")
            << list({"users", "add", "--email", "a@b.co", "--username", "Ada", "--role", "admin", "--nope"})
            << QByteArray("horse-battery\n") << QStringLiteral("nope");
    }

    void unknownOptionIsUsageError()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, input);
        QFETCH(QString, option);
        QCOMPARE(run({QStringLiteral("migrate")}).exitCode, 0);
        const QByteArray before = sha256Of(path());

        const CliResult result = run(arguments, input);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(QLatin1Char('\'') + option + QLatin1Char('\''))
                     || result.err.contains(QLatin1Char('"') + option + QLatin1Char('"'))
                     || result.err.contains(QLatin1Char('-') + option),
                 qPrintable(result.err));
        QVERIFY2(result.err.contains(QLatin1String("--help")), qPrintable(result.err));
        QVERIFY2(result.out.isEmpty(), qPrintable(result.out));
        QCOMPARE(sha256Of(path()), before);
        QCOMPARE(SqlPeek(path()).count(QStringLiteral("users")), 0);
    }

    void duplicateEmailIsAConflict()
    {
        const QStringList add{QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("--email"),
                              QStringLiteral("ada@example.com"), QStringLiteral("--username"), QStringLiteral("Ada"),
                              QStringLiteral("--role"), QStringLiteral("learner")};
        QCOMPARE(run(add, "horse-battery\n").exitCode, 0);
        const CliResult again = run(add, "horse-battery\n");
        QCOMPARE(again.exitCode, 4);
        QVERIFY(again.err.contains(QStringLiteral("ada@example.com")));
        QCOMPARE(SqlPeek(path()).count(QStringLiteral("users")), 1);
    }

    void notAStoreIsRefusedUntouched()
    {
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("just some text\n");
        file.close();
        const QByteArray before = sha256Of(path());
        const CliResult result = run({QStringLiteral("users"), QStringLiteral("list")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.err.contains(QStringLiteral("not an SQLite database")));
        QCOMPARE(sha256Of(path()), before);
    }

    void seedDemoThenListJsonShowAndDelete()
    {
        const CliResult seeded = run({QStringLiteral("seed-demo")});
        QCOMPARE(seeded.exitCode, 0);
        QVERIFY(seeded.out.contains(QStringLiteral("password")));
        QCOMPARE(run({QStringLiteral("seed-demo")}).exitCode, 4); // refuses twice

        const CliResult listed = run({QStringLiteral("users"), QStringLiteral("list"), QStringLiteral("--json"),
                                      QStringLiteral("--page-size"), QStringLiteral("4"), QStringLiteral("--page"),
                                      QStringLiteral("2"), QStringLiteral("--sort"), QStringLiteral("email")});
        QCOMPARE(listed.exitCode, 0);
        QJsonParseError error;
        const QJsonObject json = QJsonDocument::fromJson(listed.out.toUtf8(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(json.value(QStringLiteral("data")).toArray().size(), 2);
        const QJsonObject pagination = json.value(QStringLiteral("pagination")).toObject();
        QCOMPARE(pagination.value(QStringLiteral("total")).toInt(), 6);
        QCOMPARE(pagination.value(QStringLiteral("totalPages")).toInt(), 2);
        QCOMPARE(pagination.value(QStringLiteral("page")).toInt(), 2);

        const SqlPeek peek(path());
        QVERIFY(peek.count(QStringLiteral("lessons")) >= 6);
        QCOMPARE(peek.column(QStringLiteral("SELECT DISTINCT role FROM users ORDER BY role")),
                 (QStringList{QStringLiteral("admin"), QStringLiteral("editor"), QStringLiteral("learner"),
                              QStringLiteral("support")}));
        const QString learner = peek.scalar(QStringLiteral(
            "SELECT user_id FROM progress GROUP BY user_id ORDER BY COUNT(*) DESC LIMIT 1")).toString();

        const CliResult shown = run({QStringLiteral("users"), QStringLiteral("show"), learner});
        QCOMPARE(shown.exitCode, 0);
        QVERIFY(shown.out.contains(QStringLiteral("Progress:")));

        const CliResult searched = run({QStringLiteral("users"), QStringLiteral("list"), QStringLiteral("--search"),
                                        QStringLiteral("LEARNER")});
        QCOMPARE(searched.exitCode, 0);
        QVERIFY(searched.out.contains(QStringLiteral("(3 users)")));

        QCOMPARE(run({QStringLiteral("users"), QStringLiteral("delete"), learner}).exitCode, 0);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT COUNT(*) FROM progress WHERE user_id = ?"), {learner}).toInt(), 0);
        QCOMPARE(peek.count(QStringLiteral("users")), 5);
    }

    void killDuringGenerateLeavesStoreConsistent()
    {
        QCOMPARE(run({QStringLiteral("migrate")}).exitCode, 0);
        QProcess process;
        process.start(QStringLiteral(EDGE_ADMIN_CLI),
                      {QStringLiteral("--store"), path(), QStringLiteral("generate-users"), QStringLiteral("200000")});
        QByteArray progress;
        QTRY_VERIFY_WITH_TIMEOUT((progress += process.readAllStandardError()).contains("users/s"), 60000);
        process.kill();
        QVERIFY(process.waitForFinished(10000));

        const SqlPeek peek(path());
        QCOMPARE(peek.scalar(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
        // Rebuilds nothing; fails if the FTS index disagrees with the users table.
        QVERIFY(peek.exec(QStringLiteral("INSERT INTO users_fts(users_fts) VALUES ('integrity-check')")));
        const qint64 users = peek.count(QStringLiteral("users"));
        QVERIFY(users > 0 && users < 200000);
        QCOMPARE(users % 10000, 0); // whole batches only
        QCOMPARE(peek.scalar(QStringLiteral("SELECT COUNT(*) FROM users_fts WHERE users_fts MATCH '\"example.org\"'")).toLongLong(),
                 users);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
