// The transfer queue against the real embedded store (SQLite file, blobs beside it): a
// multipart upload of 40 MiB arrives byte for byte (read back with a download through the
// queue) and leaves no part or temporary file behind; a queue destroyed mid-upload (a crash)
// is resumed by the next one without sending its finished parts again.

#include "TestStore.h"
#include "application/EventBus.h"
#include "application/Services.h"
#include "application/uploads/TransferQueue.h"
#include "infrastructure/local/FileTransferJournal.h"
#include "support/TestFiles.h"

#include <QCoro/QCoroTimer>
#include <QCryptographicHash>
#include <QDirIterator>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

using namespace edge;
using namespace edge::test;

namespace {
constexpr qint64 MiB = 1024 * 1024;

QString writeFile(const QString &path, const QByteArray &bytes)
{
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

// The embedded store's upload storage with a gate on parts: parts numbered above open()
// wait for it. Everything else goes straight through.
class GatedUploadStorage final : public UploadStorage
{
public:
    explicit GatedUploadStorage(UploadStorage &inner) : m_inner(inner) {}

    void open(int throughPart) { m_open = throughPart; }
    int waiting() const { return m_waiting; }
    // Part numbers that went through to the store, in order.
    const QList<int> &partsSent() const { return m_sent; }

    qint64 maxRequestBytes() const override { return m_inner.maxRequestBytes(); }
    QCoro::Task<std::optional<Upload>> find(QString key) override { return m_inner.find(key); }
    QCoro::Task<UploadPage> list(UploadListQuery query) override { return m_inner.list(query); }
    QCoro::Task<Upload> put(UploadNaming naming, UploadSource source, UploadEvent describe) override
    {
        return m_inner.put(naming, source, describe);
    }
    QCoro::Task<MultipartUpload> createMultipart(UploadNaming naming, qint64 partSize) override
    {
        return m_inner.createMultipart(naming, partSize);
    }
    QCoro::Task<UploadedPart> putPart(QString uploadId, int partNumber, UploadSource source) override
    {
        if (partNumber > m_open) {
            ++m_waiting;
            while (partNumber > m_open)
                co_await QCoro::sleepFor(std::chrono::milliseconds(2));
            --m_waiting;
        }
        m_sent.append(partNumber);
        co_return co_await m_inner.putPart(uploadId, partNumber, source);
    }
    QCoro::Task<Upload> completeMultipart(QString uploadId, QList<UploadedPart> parts, QString sha256,
                                          UploadEvent describe) override
    {
        return m_inner.completeMultipart(uploadId, parts, sha256, describe);
    }
    QCoro::Task<void> abortMultipart(QString uploadId) override { return m_inner.abortMultipart(uploadId); }
    QCoro::Task<UploadDownload> get(QString key, std::optional<ByteRange> range, QIODevice *sink,
                                    std::shared_ptr<TransferControl> control) override
    {
        return m_inner.get(key, range, sink, control);
    }
    QCoro::Task<Upload> remove(QString key, UploadEvent describe) override { return m_inner.remove(key, describe); }

private:
    UploadStorage &m_inner;
    int m_open = Upload::MaxParts;
    int m_waiting = 0;
    QList<int> m_sent;
};

// The embedded store with its uploads behind the gate.
class GatedBackend final : public Backend
{
public:
    explicit GatedBackend(std::unique_ptr<EmbeddedBackend> inner) : m_inner(std::move(inner)), m_gate(m_inner->uploads()) {}

    GatedUploadStorage &gate() { return m_gate; }
    QString location() const override { return m_inner->location(); }
    QString kindName() const override { return m_inner->kindName(); }
    UserRepository &users() override { return m_inner->users(); }
    LessonRepository &lessons() override { return m_inner->lessons(); }
    ProgressRepository &progress() override { return m_inner->progress(); }
    UploadStorage &uploads() override { return m_gate; }
    EventLog &events() override { return m_inner->events(); }

private:
    std::unique_ptr<EmbeddedBackend> m_inner;
    GatedUploadStorage m_gate;
};

// Files under the store's content folder that are not finished blobs: temporary files and
// multipart parts.
QStringList leftovers(const QString &contentFolder)
{
    QStringList found;
    const QDir root(contentFolder);
    QDirIterator it(contentFolder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString relative = root.relativeFilePath(it.next());
        if (!relative.startsWith(QStringLiteral("files/")))
            found << relative;
    }
    return found;
}
} // namespace

class TestTransferQueueSqlite : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_storePath = m_dir->filePath(QStringLiteral("store.sqlite"));
        std::unique_ptr<EmbeddedBackend> embedded = openStore(m_storePath);
        m_contentFolder = embedded->lessonContentFolder();
        auto backend = std::make_unique<GatedBackend>(std::move(embedded));
        m_gate = &backend->gate();
        m_services = std::make_shared<Services>(std::move(backend), m_bus, Actor::localUser());
        m_journal = std::make_unique<FileTransferJournal>(m_dir->filePath(QStringLiteral("journal")));
    }

    void cleanup()
    {
        m_services.reset();
        m_journal.reset();
        m_dir.reset();
    }

    void multipartUploadIsByteIdenticalAndLeavesNothingBehind()
    {
        const QByteArray bytes = randomBytes(40 * MiB, 1);
        const QString path = writeFile(m_dir->filePath(QStringLiteral("lecture.mp4")), bytes);
        TransferQueue queue(*m_journal); // defaults: 8 MiB parts above 16 MiB, 3 in flight
        queue.attach(m_services);
        QSignalSpy uploaded(&queue, &TransferQueue::uploadFinished);
        const QString up = queue.addUpload(path, UploadNaming(QStringLiteral("courses/lecture.mp4")));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(queue, up), TransferState::Completed, 60000);
        QCOMPARE(m_gate->partsSent().size(), 5);
        const Upload stored = uploaded.first().first().value<Upload>();
        QCOMPARE(stored.size, bytes.size());
        QCOMPARE(stored.sha256, QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
        QCOMPARE(stored.contentType, QStringLiteral("video/mp4"));

        const QString destination = m_dir->filePath(QStringLiteral("copy.mp4"));
        const QString down = queue.addDownload(stored.key, destination);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(queue, down), TransferState::Completed, 60000);
        QVERIFY(readFile(destination) == bytes);
        QCOMPARE(leftovers(m_contentFolder), QStringList());
        QVERIFY(await(m_journal->load(m_services->backend().location())).isEmpty());
    }

    void anUploadInterruptedByACrashResumesInTheNextQueue()
    {
        const QByteArray bytes = randomBytes(40 * MiB + 12345, 2);
        const QString path = writeFile(m_dir->filePath(QStringLiteral("dataset.bin")), bytes);
        TransferOptions options;
        options.partSize = Upload::MinPartSize; // 9 parts
        options.partsInFlight = 2;
        const QString location = m_services->backend().location();
        m_gate->open(3);
        {
            TransferQueue queue(*m_journal, options);
            queue.attach(m_services);
            queue.addUpload(path, UploadNaming(QStringLiteral("data/dataset.bin")));
            QTRY_COMPARE_WITH_TIMEOUT(journalParts(location), 3, 60000);
            QTRY_COMPARE(m_gate->waiting(), 2); // parts 4 and 5 on their way
        } // the console goes away
        QCOMPARE(m_gate->partsSent(), (QList<int>{1, 2, 3}));

        TransferQueue queue(*m_journal, options);
        queue.attach(m_services);
        QTRY_COMPARE(queue.count(), 1);
        QVERIFY(queue.status(0).resumed);
        QTRY_COMPARE(m_gate->waiting(), 4); // the crashed run's two parts and the new run's two
        QCOMPARE(queue.status(0).bytesDone, 3 * Upload::MinPartSize); // from where it stopped
        m_gate->open(Upload::MaxParts);
        QTRY_COMPARE_WITH_TIMEOUT(queue.status(0).state, TransferState::Completed, 60000);
        // Parts 1 to 3 went once; 4 and 5 may have gone twice (the crashed run's calls went on).
        for (int part = 1; part <= 3; ++part)
            QCOMPARE(m_gate->partsSent().count(part), 1);

        const QString destination = m_dir->filePath(QStringLiteral("dataset.copy"));
        const QString down = queue.addDownload(QStringLiteral("data/dataset.bin"), destination);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(queue, down), TransferState::Completed, 60000);
        QVERIFY(readFile(destination) == bytes);
        QCOMPARE(leftovers(m_contentFolder), QStringList());
        QVERIFY(await(m_journal->load(location)).isEmpty());
        SqlPeek peek(m_storePath);
        QCOMPARE(peek.count(QStringLiteral("uploads")), 1);
    }

private:
    TransferState stateOf(const TransferQueue &queue, const QString &id) const
    {
        return queue.status(queue.rowOf(id)).state;
    }
    int journalParts(const QString &location)
    {
        const QList<PendingUpload> entries = await(m_journal->load(location));
        return entries.isEmpty() ? 0 : int(entries.first().parts.size());
    }

    EventBus m_bus;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_storePath;
    QString m_contentFolder;
    GatedUploadStorage *m_gate = nullptr;
    std::shared_ptr<Services> m_services;
    std::unique_ptr<FileTransferJournal> m_journal;
};

QTEST_GUILESS_MAIN(TestTransferQueueSqlite)
#include "tst_transferqueue_sqlite.moc"
