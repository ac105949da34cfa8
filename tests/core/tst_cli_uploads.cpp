// edge-admin-cli uploads: the real executable on a temporary embedded store, with its own
// transfer journal folder (XDG_DATA_HOME in a temporary folder): put, list, get
// byte-identical, delete, bad names, and a put killed (or interrupted) midway that a second
// run finishes.

#include "TestStore.h"
#include "support/TestFiles.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFileSystemWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

#include <csignal>
#include <sys/types.h>

using namespace edge;
using namespace edge::test;

namespace {
struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

constexpr qint64 MiB = 1024 * 1024;

} // namespace

class TestCliUploads final : public QObject
{
    Q_OBJECT

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    QString store() const { return path(QStringLiteral("uploads.db")); }
    QString journalRoot() const { return path(QStringLiteral("data")); }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), journalRoot());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("config")));
        return env;
    }

    void start(QProcess &process, QStringList arguments)
    {
        arguments.prepend(store());
        arguments.prepend(QStringLiteral("--store"));
        process.setProcessEnvironment(environment());
        process.setWorkingDirectory(m_dir->path());
        process.start(QStringLiteral(EDGE_ADMIN_CLI), arguments);
    }

    CliResult run(const QStringList &arguments)
    {
        QProcess process;
        start(process, arguments);
        if (!process.waitForStarted())
            return {};
        process.closeWriteChannel();
        process.waitForFinished(240000);
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
    }

    // The journal entries on disk (each an unfinished upload).
    QList<QJsonObject> journalEntries() const
    {
        QList<QJsonObject> entries;
        QDirIterator it(journalRoot(), {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (file.open(QIODevice::ReadOnly))
                entries << QJsonDocument::fromJson(file.readAll()).object();
        }
        return entries;
    }

    bool journalHasAFinishedPart() const
    {
        for (const QJsonObject &entry : journalEntries()) {
            if (!entry.value(QStringLiteral("parts")).toArray().isEmpty())
                return true;
        }
        return false;
    }

    std::unique_ptr<QTemporaryDir> m_dir;

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(run({QStringLiteral("migrate")}).exitCode == 0);
    }
    void cleanup() { m_dir.reset(); }

    void helpListsTheUploadCommands()
    {
        const CliResult help = run({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        for (const char *line : {"uploads list [--prefix P] [--search S] [--type T]", "uploads put FILE...",
                                 "uploads get KEY [--output PATH|-] [--range FIRST-LAST]", "uploads delete KEY... [--yes]",
                                 "--content-type", "--range"})
            QVERIFY2(help.out.contains(QLatin1String(line)), line);
    }

    void putListGetDelete()
    {
        QVERIFY(!writeRandomFile(path(QStringLiteral("report.pdf")), 300 * 1024 + 7, 1).isEmpty());
        QVERIFY(!writeRandomFile(path(QStringLiteral("photo.png")), 20 * MiB + 3, 2).isEmpty()); // multipart
        CliResult put = run({QStringLiteral("uploads"), QStringLiteral("put"), path(QStringLiteral("report.pdf")),
                             path(QStringLiteral("photo.png")), QStringLiteral("--prefix"), QStringLiteral("docs/")});
        QVERIFY2(put.exitCode == 0, qPrintable(put.err));
        QVERIFY2(put.out.contains(QLatin1String("Uploaded docs/report.pdf")), qPrintable(put.out));
        QVERIFY2(put.out.contains(QLatin1String("Uploaded docs/photo.png")), qPrintable(put.out));
        QVERIFY(journalEntries().isEmpty()); // nothing left to resume

        CliResult list = run({QStringLiteral("uploads"), QStringLiteral("list"), QStringLiteral("--prefix"),
                              QStringLiteral("docs/"), QStringLiteral("--sort"), QStringLiteral("size"), QStringLiteral("--json")});
        QVERIFY2(list.exitCode == 0, qPrintable(list.err));
        const QJsonArray items = QJsonDocument::fromJson(list.out.toUtf8()).object().value(QStringLiteral("data")).toArray();
        QCOMPARE(items.size(), 2);
        QCOMPARE(items[0].toObject().value(QStringLiteral("key")).toString(), QStringLiteral("docs/report.pdf"));
        QCOMPARE(items[1].toObject().value(QStringLiteral("key")).toString(), QStringLiteral("docs/photo.png"));
        QCOMPARE(items[1].toObject().value(QStringLiteral("size")).toInteger(), 20 * MiB + 3);
        QCOMPARE(items[1].toObject().value(QStringLiteral("contentType")).toString(), QStringLiteral("image/png"));
        QCOMPARE(items[1].toObject().value(QStringLiteral("sha256")).toString(), sha256OfFile(path(QStringLiteral("photo.png"))));
        CliResult images = run({QStringLiteral("uploads"), QStringLiteral("list"), QStringLiteral("--type"), QStringLiteral("image/")});
        QVERIFY2(images.out.contains(QLatin1String("docs/photo.png")) && !images.out.contains(QLatin1String("report")),
                 qPrintable(images.out));

        CliResult get = run({QStringLiteral("uploads"), QStringLiteral("get"), QStringLiteral("docs/photo.png"),
                             QStringLiteral("--output"), path(QStringLiteral("copy.png"))});
        QVERIFY2(get.exitCode == 0, qPrintable(get.err));
        QCOMPARE(sha256OfFile(path(QStringLiteral("copy.png"))), sha256OfFile(path(QStringLiteral("photo.png"))));
        // Not over an existing file without --overwrite.
        QCOMPARE(run({QStringLiteral("uploads"), QStringLiteral("get"), QStringLiteral("docs/photo.png"),
                      QStringLiteral("--output"), path(QStringLiteral("copy.png"))}).exitCode, 4);
        // A range to standard output.
        QFile original(path(QStringLiteral("report.pdf")));
        QVERIFY(original.open(QIODevice::ReadOnly));
        QVERIFY(original.seek(100));
        QProcess raw;
        start(raw, {QStringLiteral("uploads"), QStringLiteral("get"), QStringLiteral("docs/report.pdf"), QStringLiteral("--range"),
                    QStringLiteral("100-199"), QStringLiteral("--output"), QStringLiteral("-")});
        QVERIFY(raw.waitForFinished(60000));
        QCOMPARE(raw.exitCode(), 0);
        QCOMPARE(raw.readAllStandardOutput(), original.read(100));
        // Past the end is refused naming the range.
        CliResult past = run({QStringLiteral("uploads"), QStringLiteral("get"), QStringLiteral("docs/report.pdf"),
                              QStringLiteral("--range"), QStringLiteral("900000-"), QStringLiteral("--output"), QStringLiteral("-")});
        QCOMPARE(past.exitCode, 2);
        QVERIFY2(past.err.contains(QLatin1String("range")), qPrintable(past.err));

        // Deleting without a terminal needs --yes.
        CliResult refused = run({QStringLiteral("uploads"), QStringLiteral("delete"), QStringLiteral("docs/report.pdf")});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(QLatin1String("--yes")), qPrintable(refused.err));
        CliResult deleted = run({QStringLiteral("uploads"), QStringLiteral("delete"), QStringLiteral("docs/report.pdf"),
                                 QStringLiteral("docs/photo.png"), QStringLiteral("--yes")});
        QVERIFY2(deleted.exitCode == 0, qPrintable(deleted.err));
        QCOMPARE(deleted.out.count(QLatin1String("Deleted ")), 2);
        CliResult empty = run({QStringLiteral("uploads"), QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY(QJsonDocument::fromJson(empty.out.toUtf8()).object().value(QStringLiteral("data")).toArray().isEmpty());
        QCOMPARE(run({QStringLiteral("uploads"), QStringLiteral("delete"), QStringLiteral("docs/report.pdf"), QStringLiteral("--yes")}).exitCode,
                 3);
    }

    void badNamesAndTakenKeysSendNothing()
    {
        QVERIFY(!writeRandomFile(path(QStringLiteral("a.txt")), 100, 3).isEmpty());
        for (const QString &key : {QStringLiteral("../escape.txt"), QStringLiteral("docs\\a.txt"), QStringLiteral("bidi\u202Etxt.exe"),
                                   QStringLiteral("new\nline")}) {
            const CliResult bad = run({QStringLiteral("uploads"), QStringLiteral("put"), path(QStringLiteral("a.txt")),
                                       QStringLiteral("--key"), key});
            QCOMPARE(bad.exitCode, 2);
            QVERIFY2(bad.err.contains(QLatin1String("key")), qPrintable(bad.err));
        }
        CliResult missing = run({QStringLiteral("uploads"), QStringLiteral("put"), path(QStringLiteral("nope.txt"))});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains(QLatin1String("no such file")), qPrintable(missing.err));
        QCOMPARE(SqlPeek(store()).count(QStringLiteral("uploads")), 0);

        QVERIFY(run({QStringLiteral("uploads"), QStringLiteral("put"), path(QStringLiteral("a.txt"))}).exitCode == 0);
        CliResult taken = run({QStringLiteral("uploads"), QStringLiteral("put"), path(QStringLiteral("a.txt"))});
        QCOMPARE(taken.exitCode, 4);
        QVERIFY2(taken.err.contains(QLatin1String("already")), qPrintable(taken.err));
    }

    void aKilledPutFinishesWhenRunAgain_data()
    {
        QTest::addColumn<bool>("interrupt");
        QTest::newRow("killed") << false;   // no chance to clean up
        QTest::newRow("Ctrl+C") << true;    // stops, keeps what was sent and says so
    }

    void aKilledPutFinishesWhenRunAgain()
    {
        QFETCH(bool, interrupt);
        const QString file = path(QStringLiteral("lecture.bin"));
        QVERIFY(!writeRandomFile(file, 60 * MiB, 4).isEmpty());
        const QStringList put{QStringLiteral("uploads"), QStringLiteral("put"), file, QStringLiteral("--key"),
                              QStringLiteral("videos/lecture.bin")};

        // Killed (no chance to clean up) as soon as the journal holds a finished part.
        QDir().mkpath(journalRoot());
        QFileSystemWatcher watcher;
        QProcess first;
        bool killed = false;
        const auto watchFolders = [&watcher, this] {
            QDirIterator it(journalRoot(), QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
            QStringList folders{journalRoot()};
            while (it.hasNext())
                folders << it.next();
            for (const QString &folder : folders) {
                if (!watcher.directories().contains(folder))
                    watcher.addPath(folder);
            }
        };
        watchFolders();
        connect(&watcher, &QFileSystemWatcher::directoryChanged, this, [&] {
            watchFolders();
            if (!killed && journalHasAFinishedPart()) {
                if (interrupt)
                    ::kill(pid_t(first.processId()), SIGINT);
                else
                    first.kill();
                killed = true;
            }
        });
        start(first, put);
        QVERIFY(first.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(first.state() == QProcess::NotRunning, 120000);
        QVERIFY2(killed, "the put finished before a part was journaled");
        if (interrupt) {
            QCOMPARE(first.exitStatus(), QProcess::NormalExit);
            QCOMPARE(first.exitCode(), 1);
            const QString said = QString::fromUtf8(first.readAllStandardError());
            QVERIFY2(said.contains(QLatin1String("run the same put again")), qPrintable(said));
        } else {
            QCOMPARE(first.exitStatus(), QProcess::CrashExit);
        }
        QCOMPARE(SqlPeek(store()).count(QStringLiteral("uploads")), 0); // nothing half stored
        QCOMPARE(journalEntries().size(), 1);

        const CliResult again = run(put);
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY2(again.out.contains(QLatin1String("resumed")), qPrintable(again.out));
        QVERIFY(journalEntries().isEmpty());
        CliResult get = run({QStringLiteral("uploads"), QStringLiteral("get"), QStringLiteral("videos/lecture.bin"),
                             QStringLiteral("--output"), path(QStringLiteral("copy.bin"))});
        QVERIFY2(get.exitCode == 0, qPrintable(get.err));
        QCOMPARE(sha256OfFile(path(QStringLiteral("copy.bin"))), sha256OfFile(file));
    }
};

QTEST_GUILESS_MAIN(TestCliUploads)
#include "tst_cli_uploads.moc"
