// edge-admin-cli progress end to end: the real executable on temporary embedded stores
// filled by `generate`.

#include "TestStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace edge;
using namespace edge::test;

namespace {
struct CliResult
{
    int exitCode = -1;
    QByteArray out;
    QString err;

    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
    QJsonArray items() const { return json().value(QStringLiteral("data")).toArray(); }
};

QStringList args(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *word : list)
        result << QString::fromUtf8(word);
    return result;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// What an import must reproduce: every row's key and values.
const QString RowsSql = QStringLiteral(
    "SELECT user_id || '|' || lesson_id || '|' || completed || '|' || score || '|' || COALESCE(completed_at, '-') "
    "FROM progress ORDER BY user_id, lesson_id");
} // namespace

class TestCliProgress final : public QObject
{
    Q_OBJECT

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }

    CliResult run(const QString &store, QStringList arguments, const QByteArray &input = {})
    {
        QProcess process;
        arguments.prepend(store);
        arguments.prepend(QStringLiteral("--store"));
        process.start(QStringLiteral(EDGE_ADMIN_CLI), arguments);
        if (!process.waitForStarted())
            return {};
        process.write(input);
        process.closeWriteChannel();
        process.waitForFinished(240000);
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
                QString::fromUtf8(process.readAllStandardError())};
    }

    // A store with 40 learners, 8 lessons on 2 tracks and 200 progress rows.
    QString generated(const QString &name)
    {
        const QString store = path(name);
        const CliResult result = run(store, args({"generate", "--users", "40", "--lessons", "8", "--tracks", "2",
                                                  "--progress", "200", "--seed", "9"}));
        if (result.exitCode != 0)
            qWarning().noquote() << result.err;
        return store;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_store;

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_store = generated(QStringLiteral("a.db"));
        QCOMPARE(SqlPeek(m_store).count(QStringLiteral("progress")), 200);
    }
    void cleanup() { m_dir.reset(); }

    void helpListsTheProgressCommands()
    {
        const CliResult help = run(m_store, {QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        for (const char *line : {"progress list", "progress stats", "progress set USER LESSON", "progress reset",
                                 "progress export FILE", "progress import FILE [--valid-only] [--dry-run]"})
            QVERIFY2(help.out.contains(line), line);
    }

    void listFiltersByTrackAndCompletion()
    {
        const QString track = SqlPeek(m_store).scalar(QStringLiteral("SELECT MIN(track) FROM lessons")).toString();
        const qint64 expected = SqlPeek(m_store)
                                    .scalar(QStringLiteral("SELECT COUNT(*) FROM progress p JOIN lessons l ON l.id = "
                                                           "p.lesson_id WHERE l.track = ? AND p.completed = 1"),
                                            {track})
                                    .toLongLong();
        QVERIFY(expected > 10);
        const CliResult list = run(m_store, {QStringLiteral("progress"), QStringLiteral("list"), QStringLiteral("--track"),
                                             track, QStringLiteral("--completed"), QStringLiteral("yes"),
                                             QStringLiteral("--limit"), QStringLiteral("10"), QStringLiteral("--json")});
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(list.json().value(QStringLiteral("pagination")).toObject().value(QStringLiteral("total")).toInteger(),
                 expected);
        const QJsonArray items = list.items();
        QCOMPARE(items.size(), 10);
        for (const QJsonValue &item : items) {
            QCOMPARE(item[QStringLiteral("track")].toString(), track);
            QVERIFY(item[QStringLiteral("completed")].toBool());
            QVERIFY(item[QStringLiteral("userEmail")].toString().contains(QLatin1Char('@')));
        }
        // Newest first.
        QVERIFY(items.first()[QStringLiteral("updatedAt")].toString() >= items.last()[QStringLiteral("updatedAt")].toString());

        const CliResult all = run(m_store, args({"progress", "list", "--min-score", "50", "--limit", "500"}));
        QCOMPARE(all.exitCode, 0);
        const qint64 fifty = SqlPeek(m_store).scalar(QStringLiteral("SELECT COUNT(*) FROM progress WHERE score >= 50")).toLongLong();
        QVERIFY2(all.out.contains(QStringLiteral("%1 of %1 rows").arg(fifty).toUtf8()), all.out.right(200).constData());

        const CliResult bad = run(m_store, args({"progress", "list", "--min-score", "70", "--max-score", "20"}));
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(QStringLiteral("maxScore")), qPrintable(bad.err));
    }

    void statsPerTrackAndLesson()
    {
        const CliResult stats = run(m_store, args({"progress", "stats", "--json"}));
        QCOMPARE(stats.exitCode, 0);
        const QJsonArray tracks = stats.json().value(QStringLiteral("data")).toObject().value(QStringLiteral("tracks")).toArray();
        QCOMPARE(tracks.size(), 2);
        qint64 learners = 0;
        for (const QJsonValue &track : tracks)
            learners += track[QStringLiteral("learners")].toInteger();
        QCOMPARE(learners, 200);
        const CliResult completions = run(m_store, args({"progress", "stats", "--completions", "month"}));
        QCOMPARE(completions.exitCode, 0);
        QVERIFY(completions.out.contains("Completions per month:"));
        QCOMPARE(run(m_store, args({"progress", "stats", "--completions", "year"})).exitCode, 2);
    }

    void setAndResetWithVersions()
    {
        const SqlPeek peek(m_store);
        const QString user = peek.scalar(QStringLiteral("SELECT user_id FROM progress ORDER BY user_id LIMIT 1")).toString();
        const QString lesson = peek.scalar(QStringLiteral("SELECT lesson_id FROM progress WHERE user_id = ? LIMIT 1"), {user}).toString();
        const int version = peek.scalar(QStringLiteral("SELECT version FROM progress WHERE user_id = ? AND lesson_id = ?"),
                                        {user, lesson}).toInt();
        const QStringList key{QStringLiteral("progress"), QStringLiteral("set"), user, lesson};

        const CliResult outOfRange = run(m_store, key + args({"--score", "101"}));
        QCOMPARE(outOfRange.exitCode, 2);
        QVERIFY(outOfRange.err.contains(QStringLiteral("score")));

        const CliResult set = run(m_store, key + QStringList{QStringLiteral("--score"), QStringLiteral("12"),
                                                             QStringLiteral("--completed"), QStringLiteral("no"),
                                                             QStringLiteral("--version"), QString::number(version),
                                                             QStringLiteral("--json")});
        QCOMPARE(set.exitCode, 0);
        QCOMPARE(set.json().value(QStringLiteral("data")).toObject().value(QStringLiteral("score")).toInt(), 12);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT score || '/' || completed || '/' || version FROM progress WHERE "
                                            "user_id = ? AND lesson_id = ?"),
                             {user, lesson})
                     .toString(),
                 QStringLiteral("12/0/%1").arg(version + 1));
        // Based on the version before: refused, the row unchanged.
        const CliResult stale = run(m_store, key + QStringList{QStringLiteral("--score"), QStringLiteral("99"),
                                                               QStringLiteral("--version"), QString::number(version)});
        QCOMPARE(stale.exitCode, 4);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT score FROM progress WHERE user_id = ? AND lesson_id = ?"), {user, lesson}).toInt(), 12);

        const QStringList reset{QStringLiteral("progress"), QStringLiteral("reset"), user, lesson};
        QCOMPARE(run(m_store, reset, "n\n").exitCode, 1);
        QCOMPARE(peek.count(QStringLiteral("progress")), 200);
        QCOMPARE(run(m_store, reset, "y\n").exitCode, 0);
        QCOMPARE(peek.count(QStringLiteral("progress")), 199);
        QCOMPARE(run(m_store, reset + args({"--yes"})).exitCode, 3); // gone
    }

    void exportThenImportIntoAnotherStoreGivesTheSameRows()
    {
        const QString csv = path(QStringLiteral("progress.csv"));
        const CliResult exported = run(m_store, QStringList{QStringLiteral("progress"), QStringLiteral("export"), csv});
        QCOMPARE(exported.exitCode, 0);
        QVERIFY2(exported.err.contains(QStringLiteral("Exported 200 rows")), qPrintable(exported.err));
        QVERIFY(readFile(csv).startsWith("userId,lessonId,userEmail,lessonTitle,track,completed,score,completedAt,updatedAt\r\n"));
        // Never over an existing file without --overwrite.
        QCOMPARE(run(m_store, QStringList{QStringLiteral("progress"), QStringLiteral("export"), csv}).exitCode, 4);

        // The same learners and lessons (same seed), no progress.
        const QString other = path(QStringLiteral("b.db"));
        QCOMPARE(run(other, args({"generate", "--users", "40", "--lessons", "8", "--tracks", "2", "--seed", "9"})).exitCode, 0);
        QCOMPARE(SqlPeek(other).count(QStringLiteral("progress")), 0);

        const CliResult dryRun = run(other, QStringList{QStringLiteral("progress"), QStringLiteral("import"), csv,
                                                        QStringLiteral("--dry-run")});
        QCOMPARE(dryRun.exitCode, 0);
        QVERIFY2(dryRun.out.contains("200 of 200 rows would be imported"), dryRun.out.constData());
        QCOMPARE(SqlPeek(other).count(QStringLiteral("progress")), 0);

        const CliResult imported = run(other, QStringList{QStringLiteral("progress"), QStringLiteral("import"), csv});
        QCOMPARE(imported.exitCode, 0);
        QVERIFY2(imported.out.contains("200 created, 0 updated"), imported.out.constData());
        QCOMPARE(SqlPeek(other).column(RowsSql), SqlPeek(m_store).column(RowsSql));
    }

    void aFileWithProblemsWritesNothingUnlessOnlyValidRows()
    {
        const SqlPeek peek(m_store);
        const QStringList users = peek.column(QStringLiteral("SELECT id FROM users ORDER BY id LIMIT 2"));
        const QString lesson = peek.scalar(QStringLiteral("SELECT id FROM lessons ORDER BY id LIMIT 1")).toString();
        peek.exec(QStringLiteral("DELETE FROM progress WHERE lesson_id = '%1'").arg(lesson));
        const qint64 before = peek.count(QStringLiteral("progress"));
        const QString csv = path(QStringLiteral("bad.csv"));
        QVERIFY(writeFile(csv, "lessonId,userId,score,completed\n" + lesson.toUtf8() + "," + users.at(0).toUtf8()
                                   + ",77,true\n" + lesson.toUtf8() + "," + users.at(1).toUtf8() + ",-3,true\n"
                                   + lesson.toUtf8() + ",f00dfeed-0000-4000-8000-000000000000,50,false\n"));
        const QStringList import{QStringLiteral("progress"), QStringLiteral("import"), csv};
        const CliResult refused = run(m_store, import);
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(csv + QStringLiteral(":3: score: must be a whole number from 0 to 100")),
                 qPrintable(refused.err));
        QVERIFY(refused.err.contains(QStringLiteral("Nothing was written")));
        QCOMPARE(peek.count(QStringLiteral("progress")), before);

        // The unknown learner is the store's finding, on its line too.
        const CliResult partial = run(m_store, import + args({"--valid-only"}));
        QCOMPARE(partial.exitCode, 0);
        QVERIFY2(partial.err.contains(csv + QStringLiteral(":4: userId:")), qPrintable(partial.err));
        QVERIFY2(partial.out.contains("Imported 1 of 3 rows"), partial.out.constData());
        QCOMPARE(peek.count(QStringLiteral("progress")), before + 1);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT score FROM progress WHERE user_id = ? AND lesson_id = ?"),
                             {users.at(0), lesson}).toInt(), 77);

        QVERIFY(writeFile(csv, "userId,lesson,completed,score\n"));
        const CliResult wrongColumns = run(m_store, import);
        QCOMPARE(wrongColumns.exitCode, 2);
        QVERIFY2(wrongColumns.err.contains(csv + QStringLiteral(":1: lesson: is not a column")), qPrintable(wrongColumns.err));
        QVERIFY(wrongColumns.err.contains(csv + QStringLiteral(":1: lessonId: column is missing")));
    }
};

QTEST_GUILESS_MAIN(TestCliProgress)
#include "tst_cli_progress.moc"
