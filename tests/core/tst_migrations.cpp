// Opening store files: migrations as wrangler records them, and every file we must refuse
// left byte-for-byte untouched.

#include "TestStore.h"

#include "domain/Errors.h"
#include "infrastructure/sqlite/MigrationRunner.h"
#include "infrastructure/sqlite/SqliteConnection.h"

#include <QDir>
#include <QTest>

#include <unistd.h>

using namespace edge;
using namespace edge::test;

class TestMigrations final : public QObject
{
    Q_OBJECT

private:
    QString path(const QString &name = QStringLiteral("store.db")) const { return m_dir->filePath(name); }

    // Opening must fail with a message containing `expected`, leaving the file as it was.
    void expectRefused(const QString &file, const QString &expected, OpenMode mode = OpenMode::CreateIfMissing)
    {
        const QByteArray before = sha256Of(file);
        try {
            openStore(file, mode);
            QFAIL("expected a StoreError");
        } catch (const StoreError &error) {
            QVERIFY2(error.message().contains(expected), qPrintable(error.message()));
            QVERIFY2(error.message().contains(file), qPrintable(error.message()));
        }
        QCOMPARE(sha256Of(file), before);
    }

    void writeFile(const QString &file, const QByteArray &bytes)
    {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes);
    }

    std::unique_ptr<QTemporaryDir> m_dir;

private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void cleanup() { m_dir.reset(); }

    void everyMigrationFileIsEmbedded()
    {
        const QStringList onDisk = QDir(QStringLiteral(EDGE_MIGRATIONS_DIR))
                                       .entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
        QVERIFY(!onDisk.isEmpty());
        QCOMPARE(MigrationRunner().knownNames(), onDisk);
        QVERIFY(QFile::exists(QStringLiteral(":/migrations/0001_initial.sql")));
    }

    void freshStoreGetsEveryMigration()
    {
        const auto store = openStore(path());
        QCOMPARE(store->migrationsAppliedNow(), MigrationRunner().knownNames());
        const SqlPeek peek(path());
        QCOMPARE(peek.column(QStringLiteral("SELECT name FROM d1_migrations ORDER BY id")), MigrationRunner().knownNames());
        // wrangler's applied_at: CURRENT_TIMESTAMP, "YYYY-MM-DD HH:MM:SS"
        QCOMPARE(peek.scalar(QStringLiteral("SELECT applied_at FROM d1_migrations")).toString().size(), 19);
        QCOMPARE(peek.scalar(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        QCOMPARE(peek.count(QStringLiteral("users")), 0);
        QCOMPARE(peek.scalar(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
    }

    void migratedStoreIsLeftAlone()
    {
        openStore(path());
        const QByteArray before = sha256Of(path());
        {
            const auto again = openStore(path(), OpenMode::OpenExisting);
            QVERIFY(again->migrationsAppliedNow().isEmpty());
        }
        QCOMPARE(SqlPeek(path()).count(QStringLiteral("d1_migrations")), MigrationRunner().knownNames().size());
        QCOMPARE(sha256Of(path()), before); // an up-to-date store gets no write at all
    }

    void emptyFileBecomesAStore()
    {
        writeFile(path(), {});
        const auto store = openStore(path(), OpenMode::OpenExisting);
        QCOMPARE(store->migrationsAppliedNow(), MigrationRunner().knownNames());
    }

    void newerStoreIsRefusedUntouched()
    {
        openStore(path());
        QVERIFY(SqlPeek(path()).exec(QStringLiteral("INSERT INTO d1_migrations (name) VALUES ('9999_from_the_future.sql')")));
        expectRefused(path(), QStringLiteral("was created by a newer Edge Admin (unknown migration "
                                             "9999_from_the_future.sql); update the console"));
    }

    void notSqliteIsRefusedUntouched_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("text") << QByteArray("name,email\nada,ada@example.com\n");
        QTest::newRow("short") << QByteArray("SQL");
        QTest::newRow("binary") << QByteArray(4096, '\xff');
        QByteArray fakeHeader("SQLite format 3", 16);
        fakeHeader.append(QByteArray(4080, '\x7f'));
        QTest::newRow("right header, garbage after") << fakeHeader;
    }

    void notSqliteIsRefusedUntouched()
    {
        QFETCH(QByteArray, bytes);
        writeFile(path(), bytes);
        expectRefused(path(), QStringLiteral("is not an Edge Admin store (not an SQLite database)"));
    }

    void otherApplicationsDatabaseIsRefusedUntouched()
    {
        {
            const SqlPeek peek(path());
            QVERIFY(peek.exec(QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")));
            QVERIFY(peek.exec(QStringLiteral("INSERT INTO notes (body) VALUES ('keep me')")));
        }
        expectRefused(path(), QStringLiteral("another application"));
    }

    void folderIsRefused()
    {
        QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("folder.db")));
        expectRefused(path(QStringLiteral("folder.db")), QStringLiteral("is a folder"));
    }

    void missingFileWithOpenExistingIsRefusedAndNotCreated()
    {
        expectRefused(path(), QStringLiteral("does not exist"), OpenMode::OpenExisting);
        QVERIFY(!QFile::exists(path()));
    }

    void missingFolderIsRefused()
    {
        expectRefused(path(QStringLiteral("no/such/folder/store.db")), QStringLiteral("does not exist"));
    }

    void readOnlyFileIsRefusedUntouched()
    {
        if (geteuid() == 0)
            QSKIP("root can write to read-only files; run the suite as a normal user to check this");
        openStore(path());
        QVERIFY(QFile::setPermissions(path(), QFile::ReadOwner | QFile::ReadUser));
        expectRefused(path(), QStringLiteral("read-only"));
    }

    void readOnlyFolderIsRefused()
    {
        if (geteuid() == 0)
            QSKIP("root can write to read-only folders; run the suite as a normal user to check this");
        openStore(path());
        QVERIFY(QFile::setPermissions(m_dir->path(), QFile::ReadOwner | QFile::ExeOwner));
        expectRefused(path(), QStringLiteral("read-only"));
        QFile::setPermissions(m_dir->path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }

    void eachMigrationCommitsWithItsRecord()
    {
        const QList<Migration> migrations{
            {QStringLiteral("0001_a.sql"), QByteArrayLiteral(
                "CREATE TABLE a (x);\nCREATE TRIGGER a_t AFTER INSERT ON a BEGIN\n  SELECT 1;\n  SELECT 2;\nEND;")},
            {QStringLiteral("0002_b.sql"), QByteArrayLiteral("CREATE TABLE b (x);\nTHIS IS NOT SQL;")},
        };
        SqliteConnection connection(path());
        try {
            MigrationRunner(migrations).applyPending(connection);
            QFAIL("expected a StoreError");
        } catch (const StoreError &error) {
            QVERIFY2(error.message().contains(QStringLiteral("0002_b.sql")), qPrintable(error.message()));
        }
        connection.close();
        const SqlPeek peek(path());
        QCOMPARE(peek.column(QStringLiteral("SELECT name FROM d1_migrations")), QStringList{QStringLiteral("0001_a.sql")});
        QCOMPARE(peek.column(QStringLiteral("SELECT name FROM sqlite_master WHERE name IN ('a', 'a_t', 'b') ORDER BY name")),
                 (QStringList{QStringLiteral("a"), QStringLiteral("a_t")}));
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
