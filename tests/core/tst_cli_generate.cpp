// edge-admin-cli generate: the real executable on temporary stores, small counts.

#include "TestStore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <csignal>

using namespace edge;
using namespace edge::test;

namespace {
struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

QStringList words(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *word : list)
        result << QString::fromLatin1(word);
    return result;
}

const QRegularExpression Uuid(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
} // namespace

class TestCliGenerate final : public QObject
{
    Q_OBJECT

private:
    QString path(const QString &name = QStringLiteral("gen.db")) const { return m_dir->filePath(name); }

    CliResult run(QStringList arguments, const QString &store = {})
    {
        QProcess process;
        arguments.prepend(store.isEmpty() ? path() : store);
        arguments.prepend(QStringLiteral("--store"));
        process.start(QStringLiteral(EDGE_ADMIN_CLI), arguments);
        if (!process.waitForStarted())
            return {};
        process.closeWriteChannel();
        process.waitForFinished(240000);
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
    }

    // Every table's generated rows, in a fixed order, as text (events and times of the run excluded).
    static QStringList dump(const QString &store)
    {
        const SqlPeek peek(store);
        return peek.column(QStringLiteral(
                   "SELECT id || '|' || email || '|' || username || '|' || role || '|' || password_hash || '|' || "
                   "created_at || '|' || updated_at FROM users ORDER BY id"))
               + peek.column(QStringLiteral(
                   "SELECT id || '|' || title || '|' || track || '|' || difficulty || '|' || status || '|' || "
                   "created_at || '|' || updated_at FROM lessons ORDER BY id"))
               + peek.column(QStringLiteral(
                   "SELECT user_id || '|' || lesson_id || '|' || completed || '|' || score || '|' || "
                   "IFNULL(completed_at, '-') || '|' || updated_at FROM progress ORDER BY user_id, lesson_id"));
    }

    // The invariants every generated store keeps, however much was generated.
    static void checkConsistent(const QString &store)
    {
        const SqlPeek peek(store);
        QCOMPARE(peek.scalar(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
        QCOMPARE(peek.column(QStringLiteral("PRAGMA foreign_key_check")), QStringList());
        QCOMPARE(peek.scalar(QStringLiteral("SELECT COUNT(*) FROM progress p WHERE NOT EXISTS (SELECT 1 FROM users u "
                                            "WHERE u.id = p.user_id) OR NOT EXISTS (SELECT 1 FROM lessons l WHERE "
                                            "l.id = p.lesson_id)")).toLongLong(),
                 0);
        // The users' FTS index agrees with the table (the triggers ran for every row).
        QVERIFY(peek.exec(QStringLiteral("INSERT INTO users_fts(users_fts) VALUES ('integrity-check')")));
        QCOMPARE(peek.scalar(QStringLiteral("SELECT COUNT(*) FROM users_fts WHERE users_fts MATCH '\"example\"'")).toLongLong(),
                 peek.count(QStringLiteral("users")));
        // Migration 0005's derived data, when the store has it, agrees with the rows.
        if (peek.scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'progress_lesson_totals'")).toInt() == 1) {
            QCOMPARE(peek.scalar(QStringLiteral("SELECT COUNT(*) FROM lessons l JOIN progress_lesson_totals t ON "
                                                "t.lesson_id = l.id WHERE t.learners = (SELECT COUNT(*) FROM progress p "
                                                "WHERE p.lesson_id = l.id) AND t.completed = (SELECT IFNULL(SUM(completed), 0) "
                                                "FROM progress p WHERE p.lesson_id = l.id) AND t.score_sum = (SELECT "
                                                "IFNULL(SUM(score), 0) FROM progress p WHERE p.lesson_id = l.id)")).toLongLong(),
                     peek.count(QStringLiteral("lessons")));
            QCOMPARE(peek.scalar(QStringLiteral("SELECT COUNT(*) FROM progress p JOIN lessons l ON l.id = p.lesson_id "
                                                "WHERE p.track IS NOT l.track")).toLongLong(),
                     0);
        }
    }

    std::unique_ptr<QTemporaryDir> m_dir;

private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void cleanup() { m_dir.reset(); }

    void generatesValidRealisticRows()
    {
        const CliResult result = run(words({"generate", "--users", "600", "--lessons", "40", "--tracks", "4",
                                            "--progress", "5000", "--seed", "7"}));
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(result.out.contains(QLatin1String("600 users, 40 lessons in 4 tracks, 5,000 progress rows")),
                 qPrintable(result.out));
        for (const char *phase : {"users: 600 in", "lessons: 40 in", "progress: 5,000 in"})
            QVERIFY2(result.err.contains(QLatin1String(phase)), qPrintable(result.err));
        QCOMPARE(result.err.count(QLatin1String("rows/s")), 3);

        checkConsistent(path());
        const SqlPeek peek(path());
        QCOMPARE(peek.count(QStringLiteral("users")), 600);
        QCOMPARE(peek.count(QStringLiteral("lessons")), 40);
        QCOMPARE(peek.count(QStringLiteral("progress")), 5000);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT COUNT(DISTINCT user_id || lesson_id) FROM progress")).toLongLong(), 5000);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT COUNT(DISTINCT email) FROM users")).toLongLong(), 600);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT COUNT(DISTINCT track) FROM lessons")).toLongLong(), 4);

        for (const QString &id : peek.column(QStringLiteral("SELECT id FROM users UNION ALL SELECT id FROM lessons")))
            QVERIFY2(Uuid.match(id).hasMatch(), qPrintable(id));
        for (const QString &email : peek.column(QStringLiteral("SELECT email FROM users")))
            QVERIFY2(QRegularExpression(QStringLiteral("^[a-z]+\\.[a-z]+\\.[a-z]+[0-9]+@[a-z.]+$")).match(email).hasMatch(),
                     qPrintable(email));

        // Mostly learners.
        const qint64 learners = peek.scalar(QStringLiteral("SELECT COUNT(*) FROM users WHERE role = 'learner'")).toLongLong();
        QVERIFY2(learners > 540 && learners < 600, qPrintable(QString::number(learners)));
        // Most lessons published, difficulty 1-5 with more than one value.
        const qint64 published = peek.scalar(QStringLiteral("SELECT COUNT(*) FROM lessons WHERE status = 'published'")).toLongLong();
        QVERIFY2(published >= 28 && published < 40, qPrintable(QString::number(published)));
        QVERIFY(peek.scalar(QStringLiteral("SELECT COUNT(DISTINCT difficulty) FROM lessons")).toInt() >= 3);

        // Progress: completed with a completed_at in the past for a realistic share, none otherwise;
        // updated within the past year.
        const qint64 completed = peek.scalar(QStringLiteral("SELECT COUNT(*) FROM progress WHERE completed = 1")).toLongLong();
        QVERIFY2(completed > 2500 && completed < 4000, qPrintable(QString::number(completed)));
        QCOMPARE(peek.scalar(QStringLiteral("SELECT COUNT(*) FROM progress WHERE (completed = 1) <> (completed_at IS NOT NULL)"))
                     .toLongLong(),
                 0);
        const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        const QString yearAgo = QDateTime::currentDateTimeUtc().addDays(-367).toString(Qt::ISODateWithMs);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT COUNT(*) FROM progress WHERE updated_at > ? OR updated_at < ? OR "
                                            "completed_at > updated_at"),
                             {now, yearAgo})
                     .toLongLong(),
                 0);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT COUNT(*) FROM progress p JOIN users u ON u.id = p.user_id "
                                            "WHERE p.updated_at < u.created_at")).toLongLong(),
                 0);
        QVERIFY(peek.scalar(QStringLiteral("SELECT MAX(score) - MIN(score) FROM progress")).toInt() > 80);
        QVERIFY(peek.scalar(QStringLiteral("SELECT MIN(updated_at) FROM progress")).toString()
                < QDateTime::currentDateTimeUtc().addDays(-300).toString(Qt::ISODateWithMs));
        // One audit row per phase.
        QCOMPARE(peek.scalar(QStringLiteral("SELECT COUNT(*) FROM events WHERE type LIKE '%.bulk_created'")).toInt(), 3);
    }

    void sameSeedSameData()
    {
        const QStringList arguments = words({"generate", "--users", "200", "--lessons", "15", "--progress", "1200", "--seed", "42"});
        QCOMPARE(run(arguments, path(QStringLiteral("a.db"))).exitCode, 0);
        QCOMPARE(run(arguments, path(QStringLiteral("b.db"))).exitCode, 0);
        QStringList other = arguments;
        other.last() = QStringLiteral("43");
        QCOMPARE(run(other, path(QStringLiteral("c.db"))).exitCode, 0);

        const QStringList a = dump(path(QStringLiteral("a.db")));
        QCOMPARE(a.size(), 200 + 15 + 1200);
        QCOMPARE(dump(path(QStringLiteral("b.db"))), a);
        const QStringList c = dump(path(QStringLiteral("c.db")));
        QCOMPARE(c.size(), a.size());
        QVERIFY(c.first() != a.first());
        // A different seed's users can join the same store (emails and ids differ).
        QCOMPARE(run(other, path(QStringLiteral("a.db"))).exitCode, 0);
        QCOMPARE(SqlPeek(path(QStringLiteral("a.db"))).count(QStringLiteral("users")), 400);
        checkConsistent(path(QStringLiteral("a.db")));
    }

    void sameSeedTwiceInOneStoreIsRefused()
    {
        const QStringList arguments = words({"generate", "--users", "50", "--lessons", "5", "--progress", "100", "--seed", "9"});
        QCOMPARE(run(arguments).exitCode, 0);
        const CliResult again = run(arguments);
        QCOMPARE(again.exitCode, 4);
        QVERIFY2(again.err.contains(QLatin1String("--seed")), qPrintable(again.err));
        const SqlPeek peek(path());
        QCOMPARE(peek.count(QStringLiteral("users")), 50);
        QCOMPARE(peek.count(QStringLiteral("progress")), 100);
    }

    void generatedLessonsWorkWithLessonsShow()
    {
        QCOMPARE(run(words({"generate", "--users", "30", "--lessons", "6", "--progress", "90", "--seed", "5"})).exitCode, 0);
        const SqlPeek peek(path());
        const QString lesson = peek.scalar(QStringLiteral("SELECT lesson_id FROM progress ORDER BY lesson_id LIMIT 1")).toString();
        const qint64 rows = peek.scalar(QStringLiteral("SELECT COUNT(*) FROM progress WHERE lesson_id = ?"), {lesson}).toLongLong();
        const QString title = peek.scalar(QStringLiteral("SELECT title FROM lessons WHERE id = ?"), {lesson}).toString();

        const CliResult shown = run({QStringLiteral("lessons"), QStringLiteral("show"), lesson});
        QVERIFY2(shown.exitCode == 0, qPrintable(shown.err));
        QVERIFY2(shown.out.contains(title) && shown.out.contains(lesson), qPrintable(shown.out));
        const CliResult json = run({QStringLiteral("lessons"), QStringLiteral("show"), lesson, QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject object =
            QJsonDocument::fromJson(json.out.toUtf8()).object().value(QStringLiteral("data")).toObject();
        QCOMPARE(object.value(QStringLiteral("id")).toString(), lesson);
        QCOMPARE(object.value(QStringLiteral("progressCount")).toInteger(), rows);

        // The users too, and the lessons list reads them.
        const QString user = peek.scalar(QStringLiteral("SELECT id FROM users LIMIT 1")).toString();
        QCOMPARE(run({QStringLiteral("users"), QStringLiteral("show"), user}).exitCode, 0);
        const CliResult list = run(words({"lessons", "list", "--status", "published"}));
        QCOMPARE(list.exitCode, 0);
    }

    void badArgumentsAreRefused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("negative users") << words({"generate", "--users", "-5"}) << QStringLiteral("--users");
        QTest::newRow("users not a number") << words({"generate", "--users", "many"}) << QStringLiteral("--users");
        QTest::newRow("absurd users") << words({"generate", "--users", "1000000000000"}) << QStringLiteral("--users");
        QTest::newRow("negative lessons") << words({"generate", "--lessons", "-1"}) << QStringLiteral("--lessons");
        QTest::newRow("absurd progress") << words({"generate", "--users", "10", "--lessons", "10", "--progress",
                                                   "99999999999999"})
                                         << QStringLiteral("--progress");
        QTest::newRow("more progress than pairs") << words({"generate", "--users", "10", "--lessons", "5", "--progress", "51"})
                                                  << QStringLiteral("--progress");
        QTest::newRow("progress without lessons") << words({"generate", "--users", "10", "--progress", "1"})
                                                  << QStringLiteral("--progress");
        QTest::newRow("zero tracks") << words({"generate", "--lessons", "5", "--tracks", "0"}) << QStringLiteral("--tracks");
        QTest::newRow("more tracks than lessons") << words({"generate", "--lessons", "5", "--tracks", "6"})
                                                  << QStringLiteral("--tracks");
        QTest::newRow("tracks without lessons") << words({"generate", "--users", "5", "--tracks", "2"})
                                                << QStringLiteral("--tracks");
        QTest::newRow("bad seed") << words({"generate", "--users", "5", "--seed", "abc"}) << QStringLiteral("--seed");
        QTest::newRow("nothing to do") << words({"generate"}) << QStringLiteral("--users");
        QTest::newRow("positional") << words({"generate", "1000"}) << QStringLiteral("generate");
        QTest::newRow("repeated") << words({"generate", "--users", "5", "--users", "6"}) << QStringLiteral("--users");
    }

    void badArgumentsAreRefused()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const CliResult result = run(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
        QVERIFY2(result.out.isEmpty(), qPrintable(result.out));
        QVERIFY(!QFile::exists(path())); // refused before the store was even opened
    }

    void workerStoreIsRefused()
    {
        QProcess process;
        process.start(QStringLiteral(EDGE_ADMIN_CLI), words({"--url", "http://127.0.0.1:9/api/v1", "generate", "--users", "5"}));
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY2(process.readAllStandardError().contains("generate works on embedded stores only"), "message");
    }

    // The search index is filled for all generated users at once (its insert trigger is out of
    // the way while they are written): a search by part of one user's email finds that user,
    // in a fresh store and in one that already held users.
    void searchFindsGeneratedUsers()
    {
        QCOMPARE(run(words({"generate", "--users", "400", "--seed", "21"})).exitCode, 0);
        QCOMPARE(run(words({"generate", "--users", "300", "--seed", "22"})).exitCode, 0);
        checkConsistent(path());
        const SqlPeek peek(path());
        QCOMPARE(peek.count(QStringLiteral("users")), 700);
        for (const qint64 row : {qint64(1), qint64(399), qint64(401), qint64(700)}) {
            const QString email = peek.scalar(QStringLiteral("SELECT email FROM users WHERE rowid = ?"), {row}).toString();
            // "first.last.<tag><number>@domain": the tag and number are this user's alone.
            const QString unique = email.section(QLatin1Char('@'), 0, 0).section(QLatin1Char('.'), -1);
            QVERIFY2(unique.size() >= 7, qPrintable(email));
            const CliResult found = run({QStringLiteral("users"), QStringLiteral("list"), QStringLiteral("--search"), unique});
            QVERIFY2(found.exitCode == 0, qPrintable(found.err));
            QVERIFY2(found.out.contains(email) && found.out.contains(QLatin1String("(1 users)")), qPrintable(found.out));
        }
        // The search index's size setting used while filling it is not left behind.
        QCOMPARE(peek.scalar(QStringLiteral("SELECT COUNT(*) FROM users_fts_config WHERE k = 'hashsize'")).toInt(), 0);
    }

    // Ctrl+C while users are written: that phase is rolled back whole, so the store is as it
    // was (its rows, its search index, its indexes and triggers), and the message says so.
    void interruptedGenerateLeavesTheStoreAsItWas()
    {
        QCOMPARE(run(words({"generate", "--users", "120", "--lessons", "10", "--progress", "300", "--seed", "30"})).exitCode, 0);
        const QString schemaSql = QStringLiteral("SELECT type || ' ' || name || ' ' || IFNULL(sql, '') FROM sqlite_schema "
                                                 "ORDER BY type, name");
        const QStringList schemaBefore = SqlPeek(path()).column(schemaSql);
        const QStringList rowsBefore = dump(path());

        QProcess process;
        process.start(QStringLiteral(EDGE_ADMIN_CLI),
                      QStringList{QStringLiteral("--store"), path()}
                          + words({"generate", "--users", "5000000", "--seed", "31"}));
        QVERIFY(process.waitForStarted());
        QByteArray progress;
        QTRY_VERIFY_WITH_TIMEOUT((progress += process.readAllStandardError()).contains("Generating into"), 120000);
        ::kill(pid_t(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(120000));
        progress += process.readAllStandardError();
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 1);
        QVERIFY2(progress.contains("Stopped (Ctrl+C)") && progress.contains("0 users") && progress.contains("rolled back"),
                 progress.constData());

        QCOMPARE(SqlPeek(path()).column(schemaSql), schemaBefore);
        QCOMPARE(dump(path()), rowsBefore);
        checkConsistent(path());
        QCOMPARE(SqlPeek(path()).scalar(QStringLiteral("SELECT COUNT(*) FROM events WHERE type = 'user.bulk_created'")).toInt(), 1);
    }

    // Ctrl+C during progress: users and lessons, finished before, stay whole and consistent;
    // the progress phase is rolled back whole (no half of it is left).
    void interruptKeepsFinishedPhases()
    {
        QProcess process;
        process.start(QStringLiteral(EDGE_ADMIN_CLI),
                      QStringList{QStringLiteral("--store"), path()}
                          + words({"generate", "--users", "6000", "--lessons", "200", "--progress", "1000000", "--seed", "3"}));
        QVERIFY(process.waitForStarted());
        QByteArray progress;
        QTRY_VERIFY_WITH_TIMEOUT((progress += process.readAllStandardError()).contains("lessons:"), 120000);
        ::kill(pid_t(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(120000));
        progress += process.readAllStandardError();
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 1);
        QVERIFY2(progress.contains("Stopped (Ctrl+C)"), progress.constData());

        checkConsistent(path());
        const SqlPeek peek(path());
        QCOMPARE(peek.count(QStringLiteral("users")), 6000);
        QCOMPARE(peek.count(QStringLiteral("lessons")), 200);
        QCOMPARE(peek.count(QStringLiteral("progress")), 0);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT COUNT(*) FROM events WHERE type = 'progress.bulk_created'")).toInt(), 0);
        // The progress indexes and triggers taken out while writing are back.
        QCOMPARE(peek.scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'trigger' AND name = "
                                            "'progress_totals_after_insert'")).toInt(),
                 1);
        QVERIFY(peek.scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = "
                                           "'progress' AND sql IS NOT NULL")).toInt() >= 4);
    }
};

QTEST_GUILESS_MAIN(TestCliGenerate)
#include "tst_cli_generate.moc"
