// edge-admin-cli against a Worker served by `wrangler dev` (the conformance harness), inside
// a private session bus with an unlocked gnome-keyring (run-with-keyring.sh): sign-in,
// the token's place (keychain only), users commands, a lesson track from an embedded store
// into the Worker, progress (corrections, list, stats, CSV export and import), uploads
// (put, list, get, delete), profiles,
// logout with revocation.

#include "FileScan.h"
#include "TestStore.h"
#include "WorkerServer.h"
#include "domain/Errors.h"
#include "infrastructure/keychain/TokenStore.h"
#include "infrastructure/remote/WorkerClient.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace edge;
using namespace edge::remote;
using edge::keychain::TokenStore;
using namespace edge::test;

namespace {
struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

const QString AdminEmail = QStringLiteral("cli-admin@conformance.test");
} // namespace

class TestCliRemote final : public QObject
{
    Q_OBJECT

private:
    CliResult run(const QStringList &arguments, const QByteArray &input = {})
    {
        QProcess process;
        process.start(QStringLiteral(EDGE_ADMIN_CLI), arguments);
        if (!process.waitForStarted())
            return {};
        process.write(input);
        process.closeWriteChannel();
        process.waitForFinished(120000);
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
    }

    QStringList atUrl(QStringList arguments) const
    {
        return QStringList{QStringLiteral("--url"), m_server.apiUrl().toString()} + arguments;
    }

    std::optional<QString> storedToken(const QString &profile)
    {
        TokenStore tokens;
        return await(tokens.read(TokenStore::keyFor(profile, m_server.apiUrl())));
    }

    WorkerServer m_server{QStringLiteral(EDGE_WORKER_DIR)};
    QString m_password = QUuid::createUuid().toString(QUuid::Id128);
    QByteArray passwordLine() const { return m_password.toUtf8() + '\n'; }

private slots:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariable("EDGE_TEST_KEYCHAIN") == QLatin1String("available"),
                 "run through tests/remote/run-with-keyring.sh");
        QVERIFY2(m_server.start(AdminEmail, m_password), qPrintable(m_server.errorText()));
        QTRY_VERIFY_WITH_TIMEOUT((m_server.probe(), m_server.isHealthy()) || !m_server.isRunning(), 240000);
        QVERIFY2(m_server.isHealthy(), qPrintable(m_server.logTail()));
    }

    void cleanupTestCase() { m_server.stop(); }

    void commandsNeedASignIn()
    {
        const CliResult result = run(atUrl({QStringLiteral("users"), QStringLiteral("list")}));
        QCOMPARE(result.exitCode, 5);
        QVERIFY2(result.err.contains(QStringLiteral("login")), qPrintable(result.err));
    }

    void wrongPasswordIsRefused()
    {
        const CliResult result = run(atUrl({QStringLiteral("login"), QStringLiteral("--email"), AdminEmail}),
                                     "not-the-password\n");
        QCOMPARE(result.exitCode, 5);
        QVERIFY(!storedToken(QStringLiteral("url")));
    }

    void loginKeepsTheTokenInTheKeychainOnly()
    {
        const CliResult result =
            run(atUrl({QStringLiteral("login"), QStringLiteral("--email"), AdminEmail}), passwordLine());
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains(QStringLiteral("keychain")), qPrintable(result.out + result.err));
        QVERIFY2(result.out.contains(QStringLiteral("(admin)")), qPrintable(result.out));
        const std::optional<QString> token = storedToken(QStringLiteral("url"));
        QVERIFY(token && !token->isEmpty());
        const QString scratch = qEnvironmentVariable("EDGE_TEST_SCRATCH");
        QVERIFY(edge::remote::test::fileCount(scratch) > 0);
        QCOMPARE(edge::remote::test::filesContaining(scratch, token->toUtf8()), QStringList());
    }

    void usersCommandsRunAgainstTheWorker()
    {
        const QString tag = QUuid::createUuid().toString(QUuid::Id128).left(8);
        const QString email = QStringLiteral("cli.%1@example.test").arg(tag);
        const CliResult added = run(atUrl({QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("--email"), email,
                                           QStringLiteral("--username"), QStringLiteral("Cli %1").arg(tag),
                                           QStringLiteral("--role"), QStringLiteral("support")}),
                                    "password-123\n");
        QCOMPARE(added.exitCode, 0);

        const CliResult listed = run(atUrl({QStringLiteral("users"), QStringLiteral("list"), QStringLiteral("--search"),
                                            tag, QStringLiteral("--json")}));
        QCOMPARE(listed.exitCode, 0);
        const QJsonObject page = QJsonDocument::fromJson(listed.out.toUtf8()).object();
        const QJsonArray users = page.value(u"data"_qs).toArray();
        QCOMPARE(users.size(), 1);
        QCOMPARE(users[0].toObject().value(u"email"_qs).toString(), email);
        const QString id = users[0].toObject().value(u"id"_qs).toString();

        QCOMPARE(run(atUrl({QStringLiteral("users"), QStringLiteral("show"), id})).exitCode, 0);
        const CliResult duplicate = run(atUrl({QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("--email"),
                                               email, QStringLiteral("--username"), QStringLiteral("Again"),
                                               QStringLiteral("--role"), QStringLiteral("learner")}),
                                        "password-123\n");
        QCOMPARE(duplicate.exitCode, 4);
        QCOMPARE(run(atUrl({QStringLiteral("users"), QStringLiteral("delete"), id})).exitCode, 0);
        QCOMPARE(run(atUrl({QStringLiteral("users"), QStringLiteral("show"), id})).exitCode, 3);
    }

    // A track made in an embedded store, exported to a folder, imported into the Worker:
    // created there with its metadata and byte-exact content; importing again changes nothing.
    void lessonsMoveFromAnEmbeddedStoreToTheWorker()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("local.db"));
        const QString track = QStringLiteral("cli %1").arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
        const auto local = [&store](QStringList arguments) { return QStringList{QStringLiteral("--store"), store} + arguments; };
        const auto addLocal = [&](const QString &title, const QString &difficulty) {
            const CliResult added = run(local({QStringLiteral("lessons"), QStringLiteral("add"), QStringLiteral("--title"), title,
                                               QStringLiteral("--track"), track, QStringLiteral("--difficulty"), difficulty,
                                               QStringLiteral("--json")}));
            return QJsonDocument::fromJson(added.out.toUtf8()).object().value(u"data"_qs).toObject().value(u"id"_qs).toString();
        };
        const QString withContent = addLocal(QStringLiteral("Fractions"), QStringLiteral("2"));
        QVERIFY(!withContent.isEmpty());
        QVERIFY(!addLocal(QStringLiteral("Decimals"), QStringLiteral("3")).isEmpty());
        QVERIFY(!addLocal(QStringLiteral("Percentages"), QStringLiteral("4")).isEmpty());
        // CRLF, a tab, a NUL, accents and an emoji: nothing on the way may touch them.
        static constexpr char literal[] = "<h1>Fractions caf\xC3\xA9 \xF0\x9F\x8D\x95</h1>\r\n\t<p>1/2 \x00 \"half\"</p>";
        const QByteArray html(literal, sizeof(literal) - 1);
        const QString htmlFile = dir.filePath(QStringLiteral("fractions.html"));
        {
            QFile file(htmlFile);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(html);
        }
        QCOMPARE(run(local({QStringLiteral("lessons"), QStringLiteral("content"), QStringLiteral("put"), withContent,
                            QStringLiteral("--file"), htmlFile}))
                     .exitCode,
                 0);
        QCOMPARE(run(local({QStringLiteral("lessons"), QStringLiteral("publish"), withContent})).exitCode, 0);

        const QString folder = dir.filePath(QStringLiteral("track"));
        const CliResult exported = run(local({QStringLiteral("lessons"), QStringLiteral("export"), QStringLiteral("--track"),
                                              track, QStringLiteral("--output"), folder}));
        QCOMPARE(exported.exitCode, 0);
        QCOMPARE(QDir(folder).entryList(QDir::Files).size(), 3);

        const CliResult dryRun = run(atUrl({QStringLiteral("lessons"), QStringLiteral("import"), folder, QStringLiteral("--dry-run")}));
        QCOMPARE(dryRun.exitCode, 0);
        QVERIFY2(dryRun.out.contains(QStringLiteral("3 to create")), qPrintable(dryRun.out + dryRun.err));
        const CliResult imported = run(atUrl({QStringLiteral("lessons"), QStringLiteral("import"), folder}));
        QCOMPARE(imported.exitCode, 0);
        QVERIFY2(imported.out.contains(QStringLiteral("3 created, 0 updated, 0 unchanged")), qPrintable(imported.out + imported.err));

        const CliResult listed = run(atUrl({QStringLiteral("lessons"), QStringLiteral("list"), QStringLiteral("--track"), track,
                                            QStringLiteral("--sort"), QStringLiteral("title"), QStringLiteral("--json")}));
        QCOMPARE(listed.exitCode, 0);
        const QJsonArray lessons = QJsonDocument::fromJson(listed.out.toUtf8()).object().value(u"data"_qs).toArray();
        QCOMPARE(lessons.size(), 3);
        QCOMPARE(lessons[0].toObject().value(u"title"_qs).toString(), QStringLiteral("Decimals"));
        const QJsonObject fractions = lessons[1].toObject();
        QCOMPARE(fractions.value(u"title"_qs).toString(), QStringLiteral("Fractions"));
        QCOMPARE(fractions.value(u"status"_qs).toString(), QStringLiteral("published"));
        QCOMPARE(fractions.value(u"difficulty"_qs).toInt(), 2);
        QCOMPARE(lessons[2].toObject().value(u"difficulty"_qs).toInt(), 4);

        QProcess content; // raw bytes, not through run()'s text
        content.start(QStringLiteral(EDGE_ADMIN_CLI),
                      atUrl({QStringLiteral("lessons"), QStringLiteral("content"), QStringLiteral("get"),
                             fractions.value(u"id"_qs).toString()}));
        QVERIFY(content.waitForFinished(120000));
        QCOMPARE(content.exitCode(), 0);
        QCOMPARE(content.readAllStandardOutput(), html);

        const CliResult again = run(atUrl({QStringLiteral("lessons"), QStringLiteral("import"), folder}));
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains(QStringLiteral("0 created, 0 updated, 3 unchanged")), qPrintable(again.out + again.err));

        for (const QJsonValue &lesson : lessons)
            QCOMPARE(run(atUrl({QStringLiteral("lessons"), QStringLiteral("delete"), lesson.toObject().value(u"id"_qs).toString(),
                                QStringLiteral("--yes")}))
                         .exitCode,
                     0);
    }

    // Progress on the Worker, through the CLI: a correction with its version, list, stats,
    // an export and its import back after a reset, and an import the Worker refuses, named by
    // its line.
    void progressCommandsRunAgainstTheWorker()
    {
        QTemporaryDir dir;
        const QString tag = QUuid::createUuid().toString(QUuid::Id128).left(8);
        const QString email = QStringLiteral("progress.%1@example.test").arg(tag);
        QCOMPARE(run(atUrl({QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("--email"), email,
                            QStringLiteral("--username"), QStringLiteral("Learner %1").arg(tag), QStringLiteral("--role"),
                            QStringLiteral("learner")}),
                     "password-123\n")
                     .exitCode,
                 0);
        const CliResult users = run(atUrl({QStringLiteral("users"), QStringLiteral("list"), QStringLiteral("--search"), tag,
                                           QStringLiteral("--json")}));
        const QString user = QJsonDocument::fromJson(users.out.toUtf8()).object().value(u"data"_qs).toArray()[0]
                                 .toObject().value(u"id"_qs).toString();
        QVERIFY(!user.isEmpty());
        const QString track = QStringLiteral("progress %1").arg(tag);
        const CliResult added = run(atUrl({QStringLiteral("lessons"), QStringLiteral("add"), QStringLiteral("--title"),
                                           QStringLiteral("Loops"), QStringLiteral("--track"), track,
                                           QStringLiteral("--status"), QStringLiteral("published"), QStringLiteral("--json")}));
        const QString lesson = QJsonDocument::fromJson(added.out.toUtf8()).object().value(u"data"_qs).toObject()
                                   .value(u"id"_qs).toString();
        QVERIFY2(!lesson.isEmpty(), qPrintable(added.err));
        const QStringList set{QStringLiteral("progress"), QStringLiteral("set"), user, lesson};

        const CliResult created = run(atUrl(set + QStringList{QStringLiteral("--score"), QStringLiteral("70"),
                                                              QStringLiteral("--completed"), QStringLiteral("yes"),
                                                              QStringLiteral("--json")}));
        QCOMPARE(created.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(created.out.toUtf8()).object().value(u"data"_qs).toObject().value(u"version"_qs).toInt(), 1);
        QCOMPARE(run(atUrl(set + QStringList{QStringLiteral("--score"), QStringLiteral("80"), QStringLiteral("--version"),
                                             QStringLiteral("1")}))
                     .exitCode,
                 0);
        const CliResult stale = run(atUrl(set + QStringList{QStringLiteral("--score"), QStringLiteral("90"),
                                                            QStringLiteral("--version"), QStringLiteral("1")}));
        QCOMPARE(stale.exitCode, 4);
        QCOMPARE(run(atUrl(set + QStringList{QStringLiteral("--score"), QStringLiteral("101")})).exitCode, 2);

        const auto listed = [&]() {
            const CliResult list = run(atUrl({QStringLiteral("progress"), QStringLiteral("list"), QStringLiteral("--track"),
                                              track, QStringLiteral("--json")}));
            return QJsonDocument::fromJson(list.out.toUtf8()).object().value(u"data"_qs).toArray();
        };
        QJsonArray rows = listed();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].toObject().value(u"score"_qs).toInt(), 80);
        QCOMPARE(rows[0].toObject().value(u"userEmail"_qs).toString(), email);
        QCOMPARE(rows[0].toObject().value(u"lessonTitle"_qs).toString(), QStringLiteral("Loops"));

        const CliResult stats = run(atUrl({QStringLiteral("progress"), QStringLiteral("stats"), QStringLiteral("--track"),
                                           track, QStringLiteral("--json")}));
        QCOMPARE(stats.exitCode, 0);
        const QJsonArray lessons = QJsonDocument::fromJson(stats.out.toUtf8()).object().value(u"data"_qs).toObject()
                                       .value(u"lessons"_qs).toArray();
        QCOMPARE(lessons.size(), 1);
        QCOMPARE(lessons[0].toObject().value(u"learners"_qs).toInt(), 1);
        QCOMPARE(lessons[0].toObject().value(u"completed"_qs).toInt(), 1);

        const QString csv = dir.filePath(QStringLiteral("progress.csv"));
        QCOMPARE(run(atUrl({QStringLiteral("progress"), QStringLiteral("export"), csv, QStringLiteral("--track"), track}))
                     .exitCode,
                 0);
        QCOMPARE(run(atUrl({QStringLiteral("progress"), QStringLiteral("reset"), user, lesson, QStringLiteral("--yes")})).exitCode, 0);
        QCOMPARE(listed().size(), 0);
        const CliResult imported = run(atUrl({QStringLiteral("progress"), QStringLiteral("import"), csv}));
        QCOMPARE(imported.exitCode, 0);
        QVERIFY2(imported.out.contains(QStringLiteral("1 created, 0 updated")), qPrintable(imported.out + imported.err));
        rows = listed();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].toObject().value(u"score"_qs).toInt(), 80);
        QVERIFY(rows[0].toObject().value(u"completed"_qs).toBool());

        // A lesson the Worker does not have: refused on its line, nothing written.
        const QString unknown = QStringLiteral("0badc0de-0000-4000-8000-%1").arg(tag.left(8).rightJustified(12, u'0'));
        const QString bad = dir.filePath(QStringLiteral("bad.csv"));
        {
            QFile file(bad);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QStringLiteral("userId,lessonId,completed,score\n%1,%2,false,5\n%1,%3,false,6\n")
                           .arg(user, lesson, unknown)
                           .toUtf8());
        }
        const CliResult refused = run(atUrl({QStringLiteral("progress"), QStringLiteral("import"), bad}));
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(bad + QStringLiteral(":3: lessonId")), qPrintable(refused.err));
        QCOMPARE(listed()[0].toObject().value(u"score"_qs).toInt(), 80);

        QCOMPARE(run(atUrl({QStringLiteral("lessons"), QStringLiteral("delete"), lesson, QStringLiteral("--yes")})).exitCode, 0);
        QCOMPARE(run(atUrl({QStringLiteral("users"), QStringLiteral("delete"), user})).exitCode, 0);
    }

    // Uploads on the Worker, through the CLI: a small file in one request and a 20 MiB one in
    // parts, listed by prefix and type, downloaded byte-identical (whole and a range), a taken
    // key refused, deleted.
    void uploadsCommandsRunAgainstTheWorker()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString prefix = QStringLiteral("cli-%1/").arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
        const QString small = dir.filePath(QStringLiteral("notes.txt"));
        const QString large = dir.filePath(QStringLiteral("lecture.mp4"));
        QByteArray smallBytes = QByteArrayLiteral("notes for the lecture\n");
        QByteArray largeBytes(20 * 1024 * 1024 + 5, Qt::Uninitialized);
        for (qsizetype i = 0; i < largeBytes.size(); ++i)
            largeBytes[i] = char((i * 7919) >> 3);
        for (const auto &[path, bytes] : {std::pair{small, smallBytes}, std::pair{large, largeBytes}}) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QCOMPARE(file.write(bytes), bytes.size());
        }
        const CliResult put = run(atUrl({QStringLiteral("uploads"), QStringLiteral("put"), small, large, QStringLiteral("--prefix"), prefix}));
        QVERIFY2(put.exitCode == 0, qPrintable(put.err));
        QCOMPARE(put.out.count(QLatin1String("Uploaded ")), 2);
        QCOMPARE(run(atUrl({QStringLiteral("uploads"), QStringLiteral("put"), small, QStringLiteral("--prefix"), prefix})).exitCode, 4);

        const CliResult listed = run(atUrl({QStringLiteral("uploads"), QStringLiteral("list"), QStringLiteral("--prefix"), prefix,
                                            QStringLiteral("--sort"), QStringLiteral("size"), QStringLiteral("--json")}));
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
        const QJsonArray items = QJsonDocument::fromJson(listed.out.toUtf8()).object().value(u"data"_qs).toArray();
        QCOMPARE(items.size(), 2);
        QCOMPARE(items[0].toObject().value(u"key"_qs).toString(), prefix + QStringLiteral("notes.txt"));
        QCOMPARE(items[1].toObject().value(u"key"_qs).toString(), prefix + QStringLiteral("lecture.mp4"));
        QCOMPARE(items[1].toObject().value(u"contentType"_qs).toString(), QStringLiteral("video/mp4"));
        QCOMPARE(items[1].toObject().value(u"sha256"_qs).toString(),
                 QString::fromLatin1(QCryptographicHash::hash(largeBytes, QCryptographicHash::Sha256).toHex()));
        const CliResult videos = run(atUrl({QStringLiteral("uploads"), QStringLiteral("list"), QStringLiteral("--prefix"), prefix,
                                            QStringLiteral("--type"), QStringLiteral("video/")}));
        QVERIFY2(videos.out.contains(QLatin1String("lecture.mp4")) && !videos.out.contains(QLatin1String("notes.txt")),
                 qPrintable(videos.out));

        const QString copy = dir.filePath(QStringLiteral("copy.mp4"));
        const CliResult got = run(atUrl({QStringLiteral("uploads"), QStringLiteral("get"), prefix + QStringLiteral("lecture.mp4"),
                                         QStringLiteral("--output"), copy}));
        QVERIFY2(got.exitCode == 0, qPrintable(got.err));
        QFile copied(copy);
        QVERIFY(copied.open(QIODevice::ReadOnly));
        QVERIFY(copied.readAll() == largeBytes);
        QProcess range; // raw bytes, not through run()'s text
        range.start(QStringLiteral(EDGE_ADMIN_CLI), atUrl({QStringLiteral("uploads"), QStringLiteral("get"), prefix + QStringLiteral("lecture.mp4"),
                                                           QStringLiteral("--range"), QStringLiteral("8388600-8388699"),
                                                           QStringLiteral("--output"), QStringLiteral("-")}));
        QVERIFY(range.waitForFinished(120000));
        QCOMPARE(range.exitCode(), 0);
        QVERIFY(range.readAllStandardOutput() == largeBytes.mid(8388600, 100));

        const CliResult deleted = run(atUrl({QStringLiteral("uploads"), QStringLiteral("delete"), prefix + QStringLiteral("notes.txt"),
                                             prefix + QStringLiteral("lecture.mp4"), QStringLiteral("--yes")}));
        QVERIFY2(deleted.exitCode == 0, qPrintable(deleted.err));
        const CliResult empty = run(atUrl({QStringLiteral("uploads"), QStringLiteral("list"), QStringLiteral("--prefix"), prefix,
                                           QStringLiteral("--json")}));
        QVERIFY(QJsonDocument::fromJson(empty.out.toUtf8()).object().value(u"data"_qs).toArray().isEmpty());
        QCOMPARE(run(atUrl({QStringLiteral("uploads"), QStringLiteral("get"), prefix + QStringLiteral("notes.txt"),
                            QStringLiteral("--output"), QStringLiteral("-")})).exitCode, 3);
    }

    void profilesScopeTheirTokens()
    {
        const QString name = QStringLiteral("staging");
        QCOMPARE(run({QStringLiteral("profiles"), QStringLiteral("add"), name, QStringLiteral("--url"),
                      m_server.apiUrl().toString(), QStringLiteral("--email"), AdminEmail})
                     .exitCode,
                 0);
        const CliResult listed = run({QStringLiteral("profiles"), QStringLiteral("list")});
        QCOMPARE(listed.exitCode, 0);
        QVERIFY(listed.out.contains(name) && listed.out.contains(m_server.apiUrl().toString()));

        const QStringList viaProfile{QStringLiteral("--profile"), name};
        // The --url sign-in is not this profile's: tokens are per profile and host.
        QCOMPARE(run(viaProfile + QStringList{QStringLiteral("users"), QStringLiteral("list")}).exitCode, 5);
        QCOMPARE(run(viaProfile + QStringList{QStringLiteral("login")}, passwordLine()).exitCode, 0);
        QVERIFY(storedToken(name));
        QCOMPARE(run(viaProfile + QStringList{QStringLiteral("users"), QStringLiteral("list")}).exitCode, 0);

        QCOMPARE(run({QStringLiteral("profiles"), QStringLiteral("remove"), name}).exitCode, 0);
        QVERIFY(!storedToken(name));
        QVERIFY(!run({QStringLiteral("profiles"), QStringLiteral("list")}).out.contains(name));
        QCOMPARE(run(viaProfile + QStringList{QStringLiteral("users"), QStringLiteral("list")}).exitCode, 2);
    }

    void logoutRevokesAndDeletesTheToken()
    {
        const std::optional<QString> token = storedToken(QStringLiteral("url"));
        QVERIFY(token);
        const CliResult result = run(atUrl({QStringLiteral("logout")}));
        QCOMPARE(result.exitCode, 0);
        QVERIFY(!storedToken(QStringLiteral("url")));
        QCOMPARE(run(atUrl({QStringLiteral("users"), QStringLiteral("list")})).exitCode, 5);

        // Revoked on the Worker, not only forgotten here.
        WorkerClient client(m_server.apiUrl());
        client.setToken(*token);
        QVERIFY_THROWS_EXCEPTION(UnauthorizedError, await(client.send(ApiRequest::get(QStringLiteral("/auth/me")))));
    }
};

QTEST_GUILESS_MAIN(TestCliRemote)
#include "tst_cliremote.moc"
