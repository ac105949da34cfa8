// The transfer journal as a folder of JSON files: what is saved loads back whole, per store
// and oldest first; a save replaces its entry; removed entries are gone; damaged or foreign
// files are skipped, not fatal; ids never name a path outside the folder.

#include "infrastructure/local/FileTransferJournal.h"
#include "domain/Errors.h"
#include "support/Await.h"

#include <QDir>
#include <QFile>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <vector>

using namespace edge;
using namespace edge::test;

namespace {
const QString Store = QStringLiteral("/stores/main.sqlite");

PendingUpload entry(const QString &key, const QDateTime &createdAt, const QString &store = Store)
{
    PendingUpload upload;
    upload.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    upload.storeLocation = store;
    upload.localPath = QStringLiteral("/home/ada/") + key;
    upload.naming = UploadNaming(key, QStringLiteral("Ä name.bin"), QStringLiteral("application/octet-stream"));
    upload.fileSize = 40 * 1024 * 1024;
    upload.fileModified = QDateTime(QDate(2026, 11, 27), QTime(10, 11, 12, 345), Qt::UTC);
    upload.partSize = 8 * 1024 * 1024;
    upload.createdAt = createdAt;
    return upload;
}

// The folder's files but the entries' lock files (held while this process has them).
QStringList filesIn(const QString &folder)
{
    QStringList files = QDir(folder).entryList(QDir::Files | QDir::Hidden, QDir::Name);
    files.removeIf([](const QString &name) { return name.endsWith(QStringLiteral(".lock")); });
    return files;
}
} // namespace

class TestFileTransferJournal : public QObject
{
    Q_OBJECT

private slots:
    void savedEntryLoadsBackWhole()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("not/yet/there"));
        FileTransferJournal journal(folder);
        PendingUpload upload = entry(QStringLiteral("videos/big.mp4"), QDateTime::currentDateTimeUtc());
        upload.fileSize = (qint64(1) << 53) + 1; // beyond what a JSON number holds exactly
        upload.uploadId = QStringLiteral("abc/def+==");
        upload.parts = {{3, QStringLiteral("\"etag-3\"")}, {1, QStringLiteral("etag-1")}};
        upload.paused = true;
        await(journal.save(upload));

        QCOMPARE(filesIn(folder), QStringList{upload.id + QStringLiteral(".json")});
        const QList<PendingUpload> loaded = await(journal.load(Store));
        QCOMPARE(loaded.size(), 1);
        const PendingUpload &back = loaded.first();
        QCOMPARE(back.id, upload.id);
        QCOMPARE(back.storeLocation, upload.storeLocation);
        QCOMPARE(back.localPath, upload.localPath);
        QCOMPARE(back.naming.key, upload.naming.key);
        QCOMPARE(back.naming.originalName, upload.naming.originalName);
        QCOMPARE(back.naming.contentType, upload.naming.contentType);
        QCOMPARE(back.fileSize, upload.fileSize);
        QCOMPARE(back.fileModified, upload.fileModified);
        QCOMPARE(back.partSize, upload.partSize);
        QCOMPARE(back.uploadId, upload.uploadId);
        QCOMPARE(back.parts.size(), 2);
        QCOMPARE(back.parts[0].partNumber, 3);
        QCOMPARE(back.parts[0].etag, QStringLiteral("\"etag-3\""));
        QCOMPARE(back.parts[1].partNumber, 1);
        QCOMPARE(back.paused, true);
        QCOMPARE(back.createdAt, upload.createdAt);
    }

    void loadsOneStoreOldestFirst()
    {
        QTemporaryDir dir;
        FileTransferJournal journal(dir.path());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        await(journal.save(entry(QStringLiteral("c"), now)));
        await(journal.save(entry(QStringLiteral("a"), now.addSecs(-60))));
        await(journal.save(entry(QStringLiteral("other"), now.addSecs(-120), QStringLiteral("https://worker.example"))));
        await(journal.save(entry(QStringLiteral("b"), now.addSecs(-30))));

        QStringList keys;
        for (const PendingUpload &upload : await(journal.load(Store)))
            keys << upload.naming.key;
        QCOMPARE(keys, (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
        QCOMPARE(await(journal.load(QStringLiteral("https://worker.example"))).size(), 1);
        QVERIFY(await(journal.load(QStringLiteral("/elsewhere"))).isEmpty());
    }

    void saveReplacesTheEntryAndLeavesNoTemporaryFile()
    {
        QTemporaryDir dir;
        FileTransferJournal journal(dir.path());
        PendingUpload upload = entry(QStringLiteral("k"), QDateTime::currentDateTimeUtc());
        await(journal.save(upload));
        // Saves asked one after another without waiting land in order: the last one wins.
        std::vector<QCoro::Task<void>> saves;
        for (int part = 1; part <= 20; ++part) {
            upload.parts.append(UploadedPart{part, QStringLiteral("etag-%1").arg(part)});
            saves.push_back(journal.save(upload));
        }
        for (QCoro::Task<void> &save : saves)
            await(std::move(save));

        const QList<PendingUpload> loaded = await(journal.load(Store));
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(loaded.first().parts.size(), 20);
        QCOMPARE(filesIn(dir.path()), QStringList{upload.id + QStringLiteral(".json")});
    }

    void removeForgetsTheEntryAndIgnoresUnknownIds()
    {
        QTemporaryDir dir;
        FileTransferJournal journal(dir.path());
        const PendingUpload kept = entry(QStringLiteral("kept"), QDateTime::currentDateTimeUtc());
        const PendingUpload gone = entry(QStringLiteral("gone"), QDateTime::currentDateTimeUtc());
        await(journal.save(kept));
        await(journal.save(gone));
        await(journal.remove(gone.id));
        await(journal.remove(QUuid::createUuid().toString(QUuid::WithoutBraces)));

        const QList<PendingUpload> loaded = await(journal.load(Store));
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(loaded.first().id, kept.id);
        QCOMPARE(filesIn(dir.path()), QStringList{kept.id + QStringLiteral(".json")});
    }

    void damagedAndForeignFilesAreSkipped()
    {
        QTemporaryDir dir;
        FileTransferJournal journal(dir.path());
        const PendingUpload good = entry(QStringLiteral("good"), QDateTime::currentDateTimeUtc());
        await(journal.save(good));
        auto write = [&](const QString &name, const QByteArray &bytes) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(bytes);
        };
        write(QStringLiteral("torn.json"), "{\"version\": 1, \"id\": \"torn\", \"storeLoc");
        write(QStringLiteral("future.json"), "{\"version\": 2, \"id\": \"future\"}");
        write(QStringLiteral("list.json"), "[1, 2, 3]");
        write(QStringLiteral("notes.txt"), "not an entry");
        // A copy of a good entry under another name is not a second transfer.
        QVERIFY(QFile::copy(dir.filePath(good.id + QStringLiteral(".json")), dir.filePath(QStringLiteral("copy.json"))));

        const QList<PendingUpload> loaded = await(journal.load(Store));
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(loaded.first().id, good.id);
    }

    void idsThatAreNotUuidsAreRefused()
    {
        QTemporaryDir dir;
        FileTransferJournal journal(dir.filePath(QStringLiteral("journal")));
        PendingUpload upload = entry(QStringLiteral("k"), QDateTime::currentDateTimeUtc());
        upload.id = QStringLiteral("../escape");
        QVERIFY_THROWS_EXCEPTION(ValidationError, await(journal.save(upload)));
        QVERIFY_THROWS_EXCEPTION(ValidationError, await(journal.remove(QStringLiteral("../../etc/passwd"))));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("escape.json"))));
    }

    void aFolderThatCannotBeWrittenIsAStoreError()
    {
        QTemporaryDir dir;
        QFile blocker(dir.filePath(QStringLiteral("file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        // The folder would have to be created under a plain file.
        FileTransferJournal journal(dir.filePath(QStringLiteral("file/transfers")));
        QVERIFY_THROWS_EXCEPTION(StoreError, await(journal.save(entry(QStringLiteral("k"), QDateTime::currentDateTimeUtc()))));
        QVERIFY(await(journal.load(Store)).isEmpty());
    }

    void entriesAnotherLiveJournalSavedAreNotLoaded()
    {
        QTemporaryDir dir;
        const PendingUpload upload = entry(QStringLiteral("busy"), QDateTime::currentDateTimeUtc());
        auto console = std::make_unique<FileTransferJournal>(dir.path());
        await(console->save(upload));
        QCOMPARE(await(console->load(Store)).size(), 1); // its own entries it sees

        FileTransferJournal command(dir.path()); // as another process would
        QVERIFY(await(command.load(Store)).isEmpty());
        PendingUpload stolen = upload;
        stolen.parts.append(UploadedPart{1, QStringLiteral("e1")});
        QVERIFY_THROWS_EXCEPTION(StoreError, await(command.save(stolen)));

        console.reset(); // closed (or crashed): the entry is free
        const QList<PendingUpload> loaded = await(command.load(Store));
        QCOMPARE(loaded.size(), 1);
        QVERIFY(loaded.first().parts.isEmpty());
        await(command.save(stolen));
        await(command.remove(stolen.id));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList()); // lock included
    }

    void aLockLeftByADeadProcessIsIgnored()
    {
        QTemporaryDir dir;
        const PendingUpload upload = entry(QStringLiteral("orphan"), QDateTime::currentDateTimeUtc());
        {
            FileTransferJournal crashed(dir.path());
            await(crashed.save(upload));
        }
        // What a process killed mid-upload leaves: its lock file, naming a process that is gone.
        QFile lock(dir.filePath(upload.id + QStringLiteral(".lock")));
        QVERIFY(lock.open(QIODevice::WriteOnly));
        lock.write("4194301\nedge-admin\n" + QSysInfo::machineHostName().toUtf8() + "\n");
        lock.close();

        FileTransferJournal next(dir.path());
        QCOMPARE(await(next.load(Store)).size(), 1);
        await(next.save(upload));
    }

    void defaultFolderIsInTheApplicationData()
    {
        QVERIFY(FileTransferJournal::defaultFolder().endsWith(QStringLiteral("/transfers")));
    }
};

QTEST_GUILESS_MAIN(TestFileTransferJournal)
#include "tst_filetransferjournal.moc"
