// The transfer queue over the in-memory store (FakeUploadStorage) with a real journal in a
// temporary folder: what a user of the Transfers list sees. Uploads arrive byte for byte
// (one request or multipart with several parts in flight), pause and resume send no finished
// part again, cancel leaves nothing on the store or in the journal, a file that changes while
// it is sent is not stored, a "crash" (the queue destroyed mid-transfer) resumes in a new
// queue, a store that forgot the upload starts it over, bad files and names fail with words
// for the user, downloads continue from their .part file.

#include "application/EventBus.h"
#include "application/Services.h"
#include "application/uploads/TransferQueue.h"
#include "application/uploads/TransferSpeed.h"
#include "application/uploads/UploadTransfer.h"
#include "infrastructure/local/FileTransferJournal.h"
#include "support/Await.h"
#include "support/FakeUploadStorage.h"
#include "support/TestFiles.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace edge;
using namespace edge::test;
using Call = FakeUploadStorage::Call;

namespace {
constexpr qint64 MiB = 1024 * 1024;
const QString Location = QStringLiteral("fake://uploads");

QString writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write the test file %s", qPrintable(path));
    return path;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Options for small test files: multipart from 1 MiB, parts of the store's minimum (5 MiB).
TransferOptions multipartOptions(int partsInFlight = 3)
{
    TransferOptions options;
    options.singleRequestMax = 1 * MiB;
    options.partSize = Upload::MinPartSize;
    options.partsInFlight = partsInFlight;
    return options;
}
} // namespace

class TestTransferQueue : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_journal = std::make_unique<FileTransferJournal>(m_dir->filePath(QStringLiteral("journal")));
        auto backend = std::make_unique<FakeUploadBackend>(Location);
        m_store = &backend->storage();
        m_services = std::make_shared<Services>(std::move(backend), m_bus, Actor::localUser());
    }

    void cleanup()
    {
        m_services.reset();
        m_journal.reset();
        m_dir.reset();
    }

    void smallFileGoesInOneRequestByteIdentical()
    {
        TransferQueue queue(*m_journal);
        queue.attach(m_services);
        QSignalSpy finished(&queue, &TransferQueue::uploadFinished);
        const QByteArray bytes = randomBytes(300 * 1024 + 7, 1);
        const QString path = writeFile(m_dir->filePath(QStringLiteral("notes.bin")), bytes);
        const QString id = queue.addUpload(path, UploadNaming(QStringLiteral("docs/notes.bin")));

        QTRY_COMPARE(stateOf(queue, id), TransferState::Completed);
        QCOMPARE(m_store->bytesOf(QStringLiteral("docs/notes.bin")), bytes);
        QCOMPARE(m_store->calls(Call::Put), 1);
        QCOMPARE(m_store->calls(Call::CreateMultipart), 0);
        QCOMPARE(finished.size(), 1);
        const Upload stored = finished.first().first().value<Upload>();
        QCOMPARE(stored.key, QStringLiteral("docs/notes.bin"));
        QCOMPARE(stored.originalName, QStringLiteral("notes.bin"));
        const TransferStatus status = queue.status(queue.rowOf(id));
        QCOMPARE(status.bytesDone, bytes.size());
        QCOMPARE(status.totalBytes, bytes.size());
        QVERIFY(!queue.hasUnfinished());
        QVERIFY(journalEntries().isEmpty());
    }

    void largeFileGoesInPartsByteIdentical()
    {
        TransferQueue queue(*m_journal, multipartOptions());
        queue.attach(m_services);
        const QByteArray bytes = randomBytes(12 * MiB + 123, 2);
        const QString path = writeFile(m_dir->filePath(QStringLiteral("video.mp4")), bytes);
        const QString id = queue.addUpload(path, UploadNaming(QStringLiteral("videos/video.mp4")));

        QTRY_COMPARE(stateOf(queue, id), TransferState::Completed);
        QCOMPARE(m_store->bytesOf(QStringLiteral("videos/video.mp4")), bytes);
        QCOMPARE(m_store->calls(Call::Put), 0);
        QCOMPARE(m_store->calls(Call::CreateMultipart), 1);
        QCOMPARE(m_store->calls(Call::PutPart), 3);
        QCOMPARE(m_store->calls(Call::Complete), 1);
        QCOMPARE(m_store->openMultipartCount(), 0);
        QVERIFY(journalEntries().isEmpty());
    }

    void partsGoSeveralAtOnce()
    {
        TransferQueue queue(*m_journal, multipartOptions(3));
        queue.attach(m_services);
        m_store->hold(Call::PutPart);
        const QByteArray bytes = randomBytes(5 * Upload::MinPartSize - 10, 3);
        const QString path = writeFile(m_dir->filePath(QStringLiteral("big.bin")), bytes);
        const QString id = queue.addUpload(path, UploadNaming(QStringLiteral("big.bin")));

        QTRY_COMPARE(m_store->waiting(Call::PutPart), 3);
        QCOMPARE(m_store->calls(Call::PutPart), 3); // no more than partsInFlight
        QCOMPARE(stateOf(queue, id), TransferState::Running);
        m_store->unhold(Call::PutPart);
        QTRY_COMPARE(stateOf(queue, id), TransferState::Completed);
        QCOMPARE(m_store->bytesOf(QStringLiteral("big.bin")), bytes);
        QCOMPARE(m_store->calls(Call::PutPart), 5);
    }

    void theSameFileAddedAgainKeepsItsRow()
    {
        TransferQueue queue(*m_journal, multipartOptions(1));
        queue.attach(m_services);
        m_store->hold(Call::PutPart);
        const QByteArray bytes = randomBytes(Upload::MinPartSize + 10, 41);
        const QString path = writeFile(m_dir->filePath(QStringLiteral("twice.bin")), bytes);
        const QString id = queue.addUpload(path, UploadNaming(QStringLiteral("twice.bin")));
        QTRY_COMPARE(m_store->waiting(Call::PutPart), 1);
        queue.pause(id);
        QCOMPARE(queue.addUpload(path, UploadNaming(QStringLiteral("twice.bin"))), id); // dropped again
        QCOMPARE(queue.count(), 1);
        m_store->unhold(Call::PutPart);
        QTRY_COMPARE(stateOf(queue, id), TransferState::Completed); // and resumed
        QCOMPARE(m_store->bytesOf(QStringLiteral("twice.bin")), bytes);
        // Once stored, adding it again is a new upload (which the store refuses as taken).
        const QString again = queue.addUpload(path, UploadNaming(QStringLiteral("twice.bin")));
        QVERIFY(again != id);
        QTRY_COMPARE(stateOf(queue, again), TransferState::Failed);
        QVERIFY2(errorOf(queue, again).contains(QStringLiteral("already taken")), qPrintable(errorOf(queue, again)));
    }

    void partsFinishingOutOfOrderCompleteInPartOrder()
    {
        TransferQueue queue(*m_journal, multipartOptions(3));
        queue.attach(m_services);
        m_store->hold(Call::PutPart);
        const QByteArray bytes = randomBytes(3 * Upload::MinPartSize - 1, 40);
        const QString path = writeFile(m_dir->filePath(QStringLiteral("order.bin")), bytes);
        const QString id = queue.addUpload(path, UploadNaming(QStringLiteral("order.bin")));
        QTRY_COMPARE(m_store->waiting(Call::PutPart), 3);
        for (int left = 3; left > 0; --left) {
            m_store->releaseNewest(Call::PutPart);
            QTRY_COMPARE(m_store->partsStored().size(), 4 - left);
        }
        QCOMPARE(m_store->partsStored(), (QList<int>{3, 2, 1}));
        QTRY_COMPARE(stateOf(queue, id), TransferState::Completed);
        QCOMPARE(m_store->bytesOf(QStringLiteral("order.bin")), bytes);
    }

    void pauseAndResumeSendNoFinishedPartAgain()
    {
        TransferQueue queue(*m_journal, multipartOptions(1));
        queue.attach(m_services);
        m_store->hold(Call::PutPart);
        const QByteArray bytes = randomBytes(3 * Upload::MinPartSize + 5, 4);
        const QString path = writeFile(m_dir->filePath(QStringLiteral("paused.bin")), bytes);
        const QString id = queue.addUpload(path, UploadNaming(QStringLiteral("paused.bin")));

        QTRY_COMPARE(m_store->waiting(Call::PutPart), 1);
        m_store->release(Call::PutPart); // part 1 lands
        QTRY_COMPARE(m_store->waiting(Call::PutPart), 1); // part 2 is on its way
        QTRY_COMPARE(journalParts(), 1);
        queue.pause(id);
        QCOMPARE(stateOf(queue, id), TransferState::Paused);
        m_store->unhold(Call::PutPart); // part 2 was cancelled: not stored
        QTRY_VERIFY(journalEntries().value(0).paused);
        QCOMPARE(m_store->partsStored(), QList<int>{1});
        QCOMPARE(queue.status(queue.rowOf(id)).bytesDone, Upload::MinPartSize);

        queue.resume(id);
        QTRY_COMPARE(stateOf(queue, id), TransferState::Completed);
        QCOMPARE(m_store->partsStored(), (QList<int>{1, 2, 3, 4}));
        QCOMPARE(m_store->bytesOf(QStringLiteral("paused.bin")), bytes);
        QVERIFY(journalEntries().isEmpty());
    }

    void cancelAbortsOnTheStoreAndForgetsTheTransfer()
    {
        TransferQueue queue(*m_journal, multipartOptions(2));
        queue.attach(m_services);
        m_store->hold(Call::PutPart);
        const QString path = writeFile(m_dir->filePath(QStringLiteral("cancel.bin")), randomBytes(11 * MiB, 5));
        const QString id = queue.addUpload(path, UploadNaming(QStringLiteral("cancel.bin")));
        QTRY_COMPARE(m_store->waiting(Call::PutPart), 2);
        QCOMPARE(journalEntries().size(), 1);

        queue.cancel(id);
        QCOMPARE(stateOf(queue, id), TransferState::Cancelled);
        m_store->unhold(Call::PutPart);
        QTRY_COMPARE(m_store->calls(Call::Abort), 1);
        QTRY_COMPARE(m_store->openMultipartCount(), 0);
        QTRY_VERIFY(journalEntries().isEmpty());
        QCOMPARE(m_store->fileCount(), 0);
        QCOMPARE(m_store->calls(Call::Complete), 0);
        QCOMPARE(stateOf(queue, id), TransferState::Cancelled);
        QVERIFY(!queue.hasUnfinished());
    }

    void fileChangedWhileSentIsNotStored()
    {
        TransferQueue queue(*m_journal, multipartOptions(1));
        queue.attach(m_services);
        m_store->hold(Call::PutPart);
        const QString path = writeFile(m_dir->filePath(QStringLiteral("moving.log")), randomBytes(7 * MiB, 6));
        const QString id = queue.addUpload(path, UploadNaming(QStringLiteral("logs/moving.log")));
        QTRY_COMPARE(m_store->waiting(Call::PutPart), 1);
        m_store->release(Call::PutPart);
        QTRY_COMPARE(m_store->partsStored().size(), 1);
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::Append));
            file.write("one more line\n");
        }
        m_store->unhold(Call::PutPart);

        QTRY_COMPARE(stateOf(queue, id), TransferState::Failed);
        QCOMPARE(queue.status(queue.rowOf(id)).error,
                 QStringLiteral("The file changed on disk while it was being uploaded; nothing was stored"));
        QCOMPARE(m_store->fileCount(), 0);
        QTRY_COMPARE(m_store->openMultipartCount(), 0);
        QTRY_VERIFY(journalEntries().isEmpty());
    }

    void aCrashedQueueResumesInTheNextOne()
    {
        const QByteArray bytes = randomBytes(4 * Upload::MinPartSize - 1, 7);
        const QString path = writeFile(m_dir->filePath(QStringLiteral("crash.bin")), bytes);
        {
            auto queue = std::make_unique<TransferQueue>(*m_journal, multipartOptions(1));
            queue->attach(m_services);
            m_store->hold(Call::PutPart);
            queue->addUpload(path, UploadNaming(QStringLiteral("crash.bin")));
            QTRY_COMPARE(m_store->waiting(Call::PutPart), 1);
            m_store->release(Call::PutPart, 2);
            QTRY_COMPARE(journalParts(), 2);
            QTRY_COMPARE(m_store->waiting(Call::PutPart), 1); // part 3 in flight
        } // the console goes away mid-part
        m_store->unhold(Call::PutPart);
        QCOMPARE(journalEntries().size(), 1);

        TransferQueue queue(*m_journal, multipartOptions(1));
        QSignalSpy added(&queue, &TransferQueue::rowAdded);
        queue.attach(m_services);
        QTRY_COMPARE(queue.count(), 1);
        const TransferStatus restored = queue.status(0);
        QVERIFY(restored.resumed);
        QCOMPARE(restored.key, QStringLiteral("crash.bin"));
        QTRY_COMPARE(queue.status(0).state, TransferState::Completed);
        QCOMPARE(m_store->bytesOf(QStringLiteral("crash.bin")), bytes);
        QCOMPARE(m_store->partsStored().count(1), 1);
        QCOMPARE(m_store->partsStored().count(2), 1);
        QCOMPARE(m_store->calls(Call::CreateMultipart), 1);
        QVERIFY(journalEntries().isEmpty());
    }

    void anUploadTheStoreForgotStartsOver()
    {
        TransferQueue queue(*m_journal, multipartOptions(1));
        queue.attach(m_services);
        m_store->hold(Call::PutPart);
        const QByteArray bytes = randomBytes(2 * Upload::MinPartSize + 99, 8);
        const QString path = writeFile(m_dir->filePath(QStringLiteral("swept.bin")), bytes);
        const QString id = queue.addUpload(path, UploadNaming(QStringLiteral("swept.bin")));
        QTRY_COMPARE(m_store->waiting(Call::PutPart), 1);
        m_store->release(Call::PutPart);
        QTRY_COMPARE(m_store->waiting(Call::PutPart), 1);
        m_store->forgetMultipartUploads(); // swept while part 2 was on its way
        m_store->unhold(Call::PutPart);

        QTRY_COMPARE(stateOf(queue, id), TransferState::Completed);
        QCOMPARE(m_store->calls(Call::CreateMultipart), 2);
        QCOMPARE(m_store->bytesOf(QStringLiteral("swept.bin")), bytes);
    }

    void badFilesAndNamesFailWithWords()
    {
        TransferQueue queue(*m_journal);
        queue.attach(m_services);
        const QString empty = writeFile(m_dir->filePath(QStringLiteral("empty.txt")), {});
        const QString good = writeFile(m_dir->filePath(QStringLiteral("good.txt")), "hello");
        const QString emptyId = queue.addUpload(empty, UploadNaming(QStringLiteral("empty.txt")));
        const QString missingId = queue.addUpload(m_dir->filePath(QStringLiteral("nowhere.txt")), UploadNaming(QStringLiteral("nowhere.txt")));
        const QString folderId = queue.addUpload(m_dir->path(), UploadNaming(QStringLiteral("folder")));
        const QString dotsId = queue.addUpload(good, UploadNaming(QStringLiteral("a/../b.txt")));
        const QString bidiId = queue.addUpload(good, UploadNaming(QStringLiteral("evil\u202Etxt.exe")));

        QCOMPARE(stateOf(queue, dotsId), TransferState::Failed); // names are refused at once
        QVERIFY2(errorOf(queue, dotsId).contains(QStringLiteral("key")), qPrintable(errorOf(queue, dotsId)));
        QCOMPARE(stateOf(queue, bidiId), TransferState::Failed);
        QTRY_COMPARE(stateOf(queue, emptyId), TransferState::Failed);
        QCOMPARE(errorOf(queue, emptyId), QDir::toNativeSeparators(empty) + QStringLiteral(" is empty: there is nothing to upload"));
        QTRY_COMPARE(stateOf(queue, missingId), TransferState::Failed);
        QVERIFY2(errorOf(queue, missingId).contains(QStringLiteral("does not exist")), qPrintable(errorOf(queue, missingId)));
        QTRY_COMPARE(stateOf(queue, folderId), TransferState::Failed);
        QVERIFY2(errorOf(queue, folderId).contains(QStringLiteral("not a regular file")), qPrintable(errorOf(queue, folderId)));
        QCOMPARE(m_store->calls(Call::Put), 0);
        QCOMPARE(m_store->fileCount(), 0);
    }

    void downloadWritesTheFileUnderItsNameWhenComplete()
    {
        const QByteArray bytes = randomBytes(3 * MiB + 1, 9);
        Upload upload;
        upload.key = QStringLiteral("docs/manual.pdf");
        upload.size = bytes.size();
        upload.sha256 = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
        m_store->addFile(upload, bytes);
        TransferQueue queue(*m_journal);
        queue.attach(m_services);
        QSignalSpy finished(&queue, &TransferQueue::downloadFinished);
        const QString destination = m_dir->filePath(QStringLiteral("manual.pdf"));
        const QString id = queue.addDownload(upload.key, destination);

        QTRY_COMPARE(stateOf(queue, id), TransferState::Completed);
        QCOMPARE(readFile(destination), bytes);
        QVERIFY(!QFile::exists(destination + QStringLiteral(".part")));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(m_store->lastGetRange().has_value(), false);
    }

    void downloadContinuesFromItsPartFile()
    {
        const QByteArray bytes = randomBytes(2 * MiB + 5, 10);
        Upload upload;
        upload.key = QStringLiteral("big.iso");
        upload.size = bytes.size();
        upload.sha256 = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
        m_store->addFile(upload, bytes);
        const QString destination = m_dir->filePath(QStringLiteral("big.iso"));
        writeFile(destination + QStringLiteral(".part"), bytes.left(MiB + 3)); // an earlier run's
        TransferQueue queue(*m_journal);
        queue.attach(m_services);
        const QString id = queue.addDownload(upload.key, destination);

        QTRY_COMPARE(stateOf(queue, id), TransferState::Completed);
        QCOMPARE(readFile(destination), bytes);
        QVERIFY(m_store->lastGetRange().has_value());
        QCOMPARE(m_store->lastGetRange()->offset, MiB + 3);
        QVERIFY(!QFile::exists(destination + QStringLiteral(".part")));
    }

    void aPartThatFailsOnTheNetworkIsSentAgain()
    {
        TransferOptions options = multipartOptions(2);
        options.retryDelayMs = 10;
        TransferQueue queue(*m_journal, options);
        queue.attach(m_services);
        m_store->failPart(2, DomainError(ErrorKind::Unavailable, QStringLiteral("Connection reset by peer")));
        m_store->failNext(Call::Put, DomainError(ErrorKind::RateLimited, QStringLiteral("Too many requests")));
        const QByteArray bytes = randomBytes(3 * Upload::MinPartSize - 3, 18);
        const QString big = writeFile(m_dir->filePath(QStringLiteral("flaky.bin")), bytes);
        const QString small = writeFile(m_dir->filePath(QStringLiteral("busy.txt")), "busy");
        const QString bigId = queue.addUpload(big, UploadNaming(QStringLiteral("flaky.bin")));
        const QString smallId = queue.addUpload(small, UploadNaming(QStringLiteral("busy.txt")));

        QTRY_COMPARE(stateOf(queue, bigId), TransferState::Completed);
        QTRY_COMPARE(stateOf(queue, smallId), TransferState::Completed);
        QCOMPARE(m_store->calls(Call::PutPart), 4); // part 2 twice
        QCOMPARE(m_store->calls(Call::Put), 2);
        QCOMPARE(m_store->bytesOf(QStringLiteral("flaky.bin")), bytes);

        // A refusal is not sent again.
        m_store->failNext(Call::Put, DomainError(ErrorKind::Forbidden, QStringLiteral("Your role does not allow this")));
        const QString refused = queue.addUpload(small, UploadNaming(QStringLiteral("refused.txt")));
        QTRY_COMPARE(stateOf(queue, refused), TransferState::Failed);
        QCOMPARE(m_store->calls(Call::Put), 3);
    }

    void aLostConnectionResumesFromThePartItReached()
    {
        TransferOptions options = multipartOptions(1);
        options.retries = 0;
        TransferQueue queue(*m_journal, options);
        queue.attach(m_services);
        m_store->failPart(3, DomainError(ErrorKind::Unavailable, QStringLiteral("Connection refused")));
        const QByteArray bytes = randomBytes(4 * Upload::MinPartSize - 3, 11);
        const QString path = writeFile(m_dir->filePath(QStringLiteral("lost.bin")), bytes);
        const QString id = queue.addUpload(path, UploadNaming(QStringLiteral("lost.bin")));

        QTRY_COMPARE(stateOf(queue, id), TransferState::Failed);
        QCOMPARE(errorOf(queue, id), QStringLiteral("Lost the connection to fake://uploads; resume to continue from part 3 of 4"));
        QCOMPARE(journalParts(), 2);
        QVERIFY(queue.hasUnfinished() == false);
        queue.resume(id);
        QTRY_COMPARE(stateOf(queue, id), TransferState::Completed);
        QCOMPARE(m_store->partsStored(), (QList<int>{1, 2, 3, 4}));
        QCOMPARE(m_store->bytesOf(QStringLiteral("lost.bin")), bytes);
        QCOMPARE(m_store->calls(Call::CreateMultipart), 1);
    }

    void storeRefusalsAreToldInWords()
    {
        TransferQueue queue(*m_journal);
        queue.attach(m_services);
        const QString path = writeFile(m_dir->filePath(QStringLiteral("photo.jpg")), randomBytes(2 * MiB, 12));
        m_store->failNext(Call::Put, DomainError(ErrorKind::PayloadTooLarge, QStringLiteral("at most 100 MiB in one request")));
        const QString tooLarge = queue.addUpload(path, UploadNaming(QStringLiteral("a/photo.jpg")));
        QTRY_COMPARE(stateOf(queue, tooLarge), TransferState::Failed);
        QCOMPARE(errorOf(queue, tooLarge), QStringLiteral("The store refused a/photo.jpg as too large (413): at most 100 MiB in one request"));

        m_store->failNext(Call::Put, StoreError(QStringLiteral("Cannot store b/photo.jpg in /data: No space left on device. Nothing of it was stored.")));
        const QString full = queue.addUpload(path, UploadNaming(QStringLiteral("b/photo.jpg")));
        QTRY_COMPARE(stateOf(queue, full), TransferState::Failed);
        QCOMPARE(errorOf(queue, full), QStringLiteral("The store could not keep b/photo.jpg: Cannot store b/photo.jpg in /data: "
                                                      "No space left on device. Nothing of it was stored."));
        QCOMPARE(m_store->fileCount(), 0);
        // Kept for a retry, but restored as paused: the user decides, not the next start.
        QTRY_VERIFY(journalEntries().size() == 2 && journalEntries()[0].paused && journalEntries()[1].paused);
        queue.resume(full);
        QTRY_COMPARE(stateOf(queue, full), TransferState::Completed);
        QCOMPARE(m_store->fileCount(), 1);
        QCOMPARE(journalEntries().size(), 1);
    }

    void clearFinishedAbandonsFailedUploads()
    {
        TransferQueue queue(*m_journal, multipartOptions(1));
        queue.attach(m_services);
        QSignalSpy aboutToReset(&queue, &TransferQueue::aboutToReset);
        QSignalSpy reset(&queue, &TransferQueue::reset);
        const QString small = writeFile(m_dir->filePath(QStringLiteral("small.txt")), "small");
        const QString done = queue.addUpload(small, UploadNaming(QStringLiteral("small.txt")));
        QTRY_COMPARE(stateOf(queue, done), TransferState::Completed);
        m_store->failPart(2, DomainError(ErrorKind::Validation, QStringLiteral("part 2 is damaged")));
        const QString big = writeFile(m_dir->filePath(QStringLiteral("big.bin")), randomBytes(2 * Upload::MinPartSize, 13));
        const QString failed = queue.addUpload(big, UploadNaming(QStringLiteral("big.bin")));
        QTRY_COMPARE(stateOf(queue, failed), TransferState::Failed);
        QCOMPARE(m_store->openMultipartCount(), 1);
        QCOMPARE(journalEntries().size(), 1);

        queue.clearFinished();
        QCOMPARE(aboutToReset.size(), 1);
        QCOMPARE(reset.size(), 1);
        QCOMPARE(queue.count(), 0);
        QTRY_COMPARE(m_store->openMultipartCount(), 0);
        QTRY_VERIFY(journalEntries().isEmpty());
        QCOMPARE(m_store->bytesOf(QStringLiteral("small.txt")), QByteArray("small"));
    }

    void addUploadContinuesWhatAnEarlierRunLeft()
    {
        TransferOptions options = multipartOptions(1);
        options.resumeOnAttach = false; // as the CLI runs
        const QByteArray bytes = randomBytes(3 * Upload::MinPartSize + 1, 14);
        const QString path = writeFile(m_dir->filePath(QStringLiteral("again.bin")), bytes);
        {
            TransferQueue first(*m_journal, options);
            first.attach(m_services);
            m_store->hold(Call::PutPart);
            first.addUpload(path, UploadNaming(QStringLiteral("again.bin")));
            QTRY_COMPARE(m_store->waiting(Call::PutPart), 1);
            m_store->release(Call::PutPart);
            QTRY_COMPARE(journalParts(), 1);
        } // interrupted
        m_store->unhold(Call::PutPart);

        TransferQueue second(*m_journal, options);
        second.attach(m_services);
        QCOMPARE(second.count(), 0); // nothing runs unasked
        const QString id = second.addUpload(path, UploadNaming(QStringLiteral("again.bin")));
        QTRY_COMPARE(stateOf(second, id), TransferState::Completed);
        QCOMPARE(m_store->bytesOf(QStringLiteral("again.bin")), bytes);
        QCOMPARE(m_store->partsStored().count(1), 1);
        QCOMPARE(m_store->calls(Call::CreateMultipart), 1);
        QVERIFY(journalEntries().isEmpty());
    }

    void aFolderIsQueuedFileByFileUnderItsName()
    {
        TransferQueue queue(*m_journal);
        queue.attach(m_services);
        const QString folder = m_dir->filePath(QStringLiteral("photos"));
        QByteArray jpeg("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", 11);
        jpeg += randomBytes(2000, 15);
        writeFile(folder + QStringLiteral("/2024/beach.jpg"), jpeg);
        writeFile(folder + QStringLiteral("/notes.txt"), "plain words\n");
        queue.addFolder(folder, QStringLiteral("team/"));

        QTRY_COMPARE(queue.count(), 2);
        QTRY_COMPARE(m_store->fileCount(), 2);
        QTRY_VERIFY(!queue.hasUnfinished());
        QCOMPARE(m_store->bytesOf(QStringLiteral("team/photos/2024/beach.jpg")), jpeg);
        const std::optional<Upload> photo = await(m_store->find(QStringLiteral("team/photos/2024/beach.jpg")));
        QVERIFY(photo);
        QCOMPARE(photo->contentType, QStringLiteral("image/jpeg"));
        QCOMPARE(photo->originalName, QStringLiteral("beach.jpg"));
        const std::optional<Upload> notes = await(m_store->find(QStringLiteral("team/photos/notes.txt")));
        QVERIFY(notes);
        QCOMPARE(notes->contentType, QStringLiteral("text/plain"));
    }

    void aLargeFolderArrivesWhole()
    {
        TransferQueue queue(*m_journal);
        queue.attach(m_services);
        const QString folder = m_dir->filePath(QStringLiteral("archive"));
        const int files = 450; // more than one batch of the walk
        for (int i = 0; i < files; ++i)
            writeFile(folder + QStringLiteral("/%1/file-%2.txt").arg(i % 7).arg(i), QByteArray::number(i));
        m_store->hold(Call::Put);
        queue.addFolder(folder, {});
        QTRY_COMPARE(queue.count(), files);
        // Waiting rows show their size already.
        const TransferStatus last = queue.status(files - 1);
        QCOMPARE(last.state, TransferState::Waiting);
        QCOMPARE(last.totalBytes, qint64(QFileInfo(last.localPath).size()));
        m_store->unhold(Call::Put);
        QTRY_COMPARE_WITH_TIMEOUT(m_store->fileCount(), files, 60000);
        QTRY_VERIFY(!queue.hasUnfinished());
        QCOMPARE(queue.count(), files);
        QCOMPARE(m_store->bytesOf(QStringLiteral("archive/3/file-444.txt")), QByteArray("444"));
    }

    void onlyFilesAtOnceRunTogether()
    {
        TransferOptions options;
        options.filesAtOnce = 2;
        TransferQueue queue(*m_journal, options);
        queue.attach(m_services);
        m_store->hold(Call::Put);
        QStringList ids;
        for (int i = 0; i < 3; ++i) {
            const QString path = writeFile(m_dir->filePath(QStringLiteral("f%1.txt").arg(i)), randomBytes(100, 20 + i));
            ids << queue.addUpload(path, UploadNaming(QStringLiteral("f%1.txt").arg(i)));
        }
        QTRY_COMPARE(m_store->waiting(Call::Put), 2);
        QCOMPARE(stateOf(queue, ids[2]), TransferState::Waiting);
        QTRY_COMPARE(queue.status(queue.rowOf(ids[2])).totalBytes, qint64(100)); // its size shows while it waits
        m_store->unhold(Call::Put);
        QTRY_COMPARE(stateOf(queue, ids[2]), TransferState::Completed);
        QCOMPARE(m_store->fileCount(), 3);
    }

    void detachingLeavesUploadsToResumeWithTheirStore()
    {
        TransferQueue queue(*m_journal, multipartOptions(1));
        queue.attach(m_services);
        m_store->hold(Call::PutPart);
        const QByteArray bytes = randomBytes(2 * Upload::MinPartSize + 7, 16);
        const QString path = writeFile(m_dir->filePath(QStringLiteral("signout.bin")), bytes);
        const QString id = queue.addUpload(path, UploadNaming(QStringLiteral("signout.bin")));
        QTRY_COMPARE(m_store->waiting(Call::PutPart), 1);
        m_store->release(Call::PutPart);
        QTRY_COMPARE(journalParts(), 1);

        queue.detach(); // signed out mid-part
        QCOMPARE(stateOf(queue, id), TransferState::Waiting);
        m_store->unhold(Call::PutPart);
        QTRY_COMPARE(m_store->calls(Call::PutPart), 2);
        QCOMPARE(journalEntries().value(0).paused, false);
        queue.attach(m_services);
        QTRY_COMPARE(stateOf(queue, id), TransferState::Completed);
        QCOMPARE(queue.count(), 1); // the journal entry did not come back as a second row
        QCOMPARE(m_store->bytesOf(QStringLiteral("signout.bin")), bytes);
        QCOMPARE(m_store->partsStored().count(1), 1);
    }

    void aDownloadCutByTheNetworkGoesOnFromWhatArrived()
    {
        const QByteArray bytes = randomBytes(3 * MiB, 19);
        Upload upload;
        upload.key = QStringLiteral("cut.bin");
        upload.size = bytes.size();
        upload.sha256 = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
        m_store->addFile(upload, bytes);
        m_store->cutNextGet(MiB + 17, DomainError(ErrorKind::Unavailable, QStringLiteral("The download stopped")));
        TransferOptions options;
        options.retryDelayMs = 10;
        TransferQueue queue(*m_journal, options);
        queue.attach(m_services);
        const QString destination = m_dir->filePath(QStringLiteral("cut.bin"));
        const QString id = queue.addDownload(upload.key, destination);

        QTRY_COMPARE(stateOf(queue, id), TransferState::Completed);
        QCOMPARE(m_store->calls(Call::Get), 2);
        QVERIFY(m_store->lastGetRange().has_value());
        QCOMPARE(m_store->lastGetRange()->offset, MiB + 17);
        QCOMPARE(readFile(destination), bytes);
    }

    void cancelledDownloadLeavesNoFile()
    {
        Upload upload;
        upload.key = QStringLiteral("movie.mkv");
        upload.size = 1000;
        m_store->addFile(upload, randomBytes(1000, 17));
        TransferQueue queue(*m_journal);
        queue.attach(m_services);
        m_store->hold(Call::Get);
        const QString destination = m_dir->filePath(QStringLiteral("movie.mkv"));
        const QString id = queue.addDownload(upload.key, destination);
        QTRY_COMPARE(m_store->waiting(Call::Get), 1);
        QTRY_VERIFY(QFile::exists(destination + QStringLiteral(".part")));
        queue.cancel(id);
        m_store->unhold(Call::Get);
        QTRY_VERIFY(!QFile::exists(destination + QStringLiteral(".part")));
        QVERIFY(!QFile::exists(destination));
        QCOMPARE(stateOf(queue, id), TransferState::Cancelled);

        const QString missing = queue.addDownload(QStringLiteral("gone.txt"), m_dir->filePath(QStringLiteral("gone.txt")));
        QTRY_COMPARE(stateOf(queue, missing), TransferState::Failed);
        QCOMPARE(errorOf(queue, missing), QStringLiteral("gone.txt is not in the store (deleted?)"));
    }

    void aFileChangedDuringASingleRequestIsRemovedAgain()
    {
        TransferQueue queue(*m_journal);
        queue.attach(m_services);
        m_store->hold(Call::Put);
        const QString path = writeFile(m_dir->filePath(QStringLiteral("growing.csv")), randomBytes(64 * 1024, 31));
        const QString id = queue.addUpload(path, UploadNaming(QStringLiteral("growing.csv")));
        QTRY_COMPARE(m_store->waiting(Call::Put), 1);
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::Append));
            file.write("a row written meanwhile\n");
        }
        m_store->unhold(Call::Put);
        QTRY_COMPARE(stateOf(queue, id), TransferState::Failed);
        QCOMPARE(errorOf(queue, id), QStringLiteral("The file changed on disk while it was being uploaded; nothing was stored"));
        QCOMPARE(m_store->calls(Call::Remove), 1);
        QCOMPARE(m_store->fileCount(), 0);
        QTRY_VERIFY(journalEntries().isEmpty());
    }

    void aFileChangedBetweenRunsIsNotResumed()
    {
        const QString path = writeFile(m_dir->filePath(QStringLiteral("edited.bin")), randomBytes(2 * Upload::MinPartSize + 1, 32));
        {
            TransferQueue first(*m_journal, multipartOptions(1));
            first.attach(m_services);
            m_store->hold(Call::PutPart);
            first.addUpload(path, UploadNaming(QStringLiteral("edited.bin")));
            QTRY_COMPARE(m_store->waiting(Call::PutPart), 1);
            m_store->release(Call::PutPart);
            QTRY_COMPARE(journalParts(), 1);
        }
        m_store->unhold(Call::PutPart);
        writeFile(path, randomBytes(2 * Upload::MinPartSize + 100, 33)); // edited before the next start

        TransferQueue second(*m_journal, multipartOptions(1));
        second.attach(m_services);
        QTRY_COMPARE(second.count(), 1);
        QTRY_COMPARE(second.status(0).state, TransferState::Failed);
        QCOMPARE(second.status(0).error, QStringLiteral("The file changed on disk while it was being uploaded; nothing was stored"));
        QTRY_COMPARE(m_store->openMultipartCount(), 0); // the old parts are aborted
        QTRY_VERIFY(journalEntries().isEmpty());
        // Retrying sends the file as it is now, from the start.
        second.resume(second.status(0).id);
        QTRY_COMPARE(second.status(0).state, TransferState::Completed);
        QCOMPARE(m_store->bytesOf(QStringLiteral("edited.bin")), readFile(path));
    }

    void aFileMissingOnRestartIsKeptUntilItIsBack()
    {
        const QByteArray bytes = randomBytes(2 * Upload::MinPartSize + 3, 35);
        const QString path = writeFile(m_dir->filePath(QStringLiteral("usb/clip.mov")), bytes);
        {
            TransferQueue first(*m_journal, multipartOptions(1));
            first.attach(m_services);
            m_store->hold(Call::PutPart);
            first.addUpload(path, UploadNaming(QStringLiteral("clip.mov")));
            QTRY_COMPARE(m_store->waiting(Call::PutPart), 1);
            m_store->release(Call::PutPart);
            QTRY_COMPARE(journalParts(), 1);
        }
        m_store->unhold(Call::PutPart);
        const QString away = m_dir->filePath(QStringLiteral("clip.mov.away"));
        QVERIFY(QFile::rename(path, away)); // the drive is not mounted

        TransferQueue second(*m_journal, multipartOptions(1));
        second.attach(m_services);
        QTRY_COMPARE(second.count(), 1);
        QTRY_COMPARE(second.status(0).state, TransferState::Failed);
        QVERIFY2(second.status(0).error.contains(QStringLiteral("does not exist")), qPrintable(second.status(0).error));
        QTRY_VERIFY(!journalEntries().isEmpty() && journalEntries().first().paused);
        QCOMPARE(m_store->openMultipartCount(), 1); // not abandoned

        QVERIFY(QFile::rename(away, path)); // back
        second.resume(second.status(0).id);
        QTRY_COMPARE(second.status(0).state, TransferState::Completed);
        QCOMPARE(m_store->bytesOf(QStringLiteral("clip.mov")), bytes);
        QCOMPARE(m_store->partsStored().count(1), 1);
        QVERIFY(journalEntries().isEmpty());
    }

    void pausedUploadsComeBackPaused()
    {
        const QByteArray bytes = randomBytes(2 * Upload::MinPartSize + 2, 34);
        const QString path = writeFile(m_dir->filePath(QStringLiteral("later.bin")), bytes);
        {
            TransferQueue first(*m_journal, multipartOptions(1));
            first.attach(m_services);
            m_store->hold(Call::PutPart);
            const QString id = first.addUpload(path, UploadNaming(QStringLiteral("later.bin")));
            QTRY_COMPARE(m_store->waiting(Call::PutPart), 1);
            m_store->release(Call::PutPart);
            QTRY_COMPARE(m_store->waiting(Call::PutPart), 1);
            first.pause(id);
            m_store->unhold(Call::PutPart);
            QTRY_VERIFY(!journalEntries().isEmpty() && journalEntries().first().paused);
        }
        TransferQueue second(*m_journal, multipartOptions(1));
        second.attach(m_services);
        QTRY_COMPARE(second.count(), 1);
        QCOMPARE(second.status(0).state, TransferState::Paused);
        // Another upload runs to its end meanwhile: time enough for the paused one to start if it would.
        const QString other = second.addUpload(writeFile(m_dir->filePath(QStringLiteral("other.txt")), "other"),
                                               UploadNaming(QStringLiteral("other.txt")));
        QTRY_COMPARE(stateOf(second, other), TransferState::Completed);
        QCOMPARE(second.status(0).state, TransferState::Paused);
        QCOMPARE(m_store->calls(Call::PutPart), 2); // nothing more was sent
        second.resume(second.status(0).id);
        QTRY_COMPARE(second.status(0).state, TransferState::Completed);
        QCOMPARE(m_store->partsStored(), (QList<int>{1, 2, 3}));
        QCOMPARE(m_store->bytesOf(QStringLiteral("later.bin")), bytes);
    }

    void unreadableFileFailsWithoutSending()
    {
        if (::geteuid() == 0)
            QSKIP("root reads every file: no unreadable file to try");
        TransferQueue queue(*m_journal);
        queue.attach(m_services);
        const QString path = writeFile(m_dir->filePath(QStringLiteral("secret.txt")), "secret");
        QVERIFY(QFile::setPermissions(path, QFileDevice::WriteOwner));
        const QString id = queue.addUpload(path, UploadNaming(QStringLiteral("secret.txt")));
        QTRY_COMPARE(stateOf(queue, id), TransferState::Failed);
        QVERIFY2(errorOf(queue, id).startsWith(QStringLiteral("Cannot read ")), qPrintable(errorOf(queue, id)));
        QCOMPARE(m_store->calls(Call::Put), 0);
    }

    void aJournalThatCannotBeWrittenStopsTheUploadWithWords()
    {
        const QString blocker = writeFile(m_dir->filePath(QStringLiteral("plain-file")), "x");
        FileTransferJournal broken(blocker + QStringLiteral("/transfers")); // a folder under a file
        TransferQueue queue(broken);
        queue.attach(m_services);
        // Above the size from which single requests are journaled.
        const QString path = writeFile(m_dir->filePath(QStringLiteral("report.pdf")), randomBytes(2 * MiB, 30));
        const QString id = queue.addUpload(path, UploadNaming(QStringLiteral("report.pdf")));
        QTRY_COMPARE(stateOf(queue, id), TransferState::Failed);
        QVERIFY2(errorOf(queue, id).startsWith(QStringLiteral("Cannot record the progress of ")), qPrintable(errorOf(queue, id)));
        QCOMPARE(m_store->fileCount(), 0);
    }

    void speedIsSmoothedAndTimeLeftFollowsIt()
    {
        TransferSpeed speed;
        speed.sample(0, 0);
        QCOMPARE(speed.bytesPerSecond(500), 0.0); // half a second says nothing yet
        QCOMPARE(speed.secondsLeft(500, 1000), qint64(-1));
        speed.sample(1000, 10 * MiB);
        speed.sample(2000, 20 * MiB);
        QCOMPARE(speed.bytesPerSecond(2000), double(10 * MiB));
        QCOMPARE(speed.secondsLeft(2000, 100 * MiB), qint64(8));
        // A part landing at once is averaged over the window, not shown as a spike.
        speed.sample(2100, 28 * MiB);
        QVERIFY(speed.bytesPerSecond(2100) < 15.0 * MiB);
        // A stall slows the figure down.
        QVERIFY(speed.bytesPerSecond(6000) < speed.bytesPerSecond(2100));
        // Fewer bytes than before (sent again after a pause) starts over.
        speed.sample(7000, 5 * MiB);
        QCOMPARE(speed.bytesPerSecond(7000), 0.0);
    }

    void partsGrowForHugeFilesWithinTheStoreLimit()
    {
        QCOMPARE(choosePartSize(40 * MiB, 8 * MiB, 100 * MiB), 8 * MiB);
        QCOMPARE(choosePartSize(40 * MiB, 1 * MiB, 100 * MiB), Upload::MinPartSize);
        const qint64 tebibyte = 1024 * 1024 * MiB;
        const qint64 grown = choosePartSize(tebibyte, 8 * MiB, 1024 * MiB);
        QVERIFY(partCountOf(tebibyte, grown) <= Upload::MaxParts);
        QCOMPARE(grown % MiB, qint64(0));
        QVERIFY_THROWS_EXCEPTION(DomainError, choosePartSize(tebibyte, 8 * MiB, 100 * MiB));
    }

private:
    TransferState stateOf(const TransferQueue &queue, const QString &id) const
    {
        return queue.status(queue.rowOf(id)).state;
    }
    QString errorOf(const TransferQueue &queue, const QString &id) const
    {
        return queue.status(queue.rowOf(id)).error;
    }
    QList<PendingUpload> journalEntries()
    {
        return await(m_journal->load(Location));
    }
    int journalParts()
    {
        const QList<PendingUpload> entries = journalEntries();
        return entries.isEmpty() ? 0 : int(entries.first().parts.size());
    }

    EventBus m_bus;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FileTransferJournal> m_journal;
    FakeUploadStorage *m_store = nullptr;
    std::shared_ptr<Services> m_services;
};

QTEST_GUILESS_MAIN(TestTransferQueue)
#include "tst_transferqueue.moc"
