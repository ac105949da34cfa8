// The embedded upload storage on a real temporary store: what is put comes back byte for
// byte (whole and by range), lists filter and page, deletes leave nothing, multipart parts
// are checked, aborts and failures leave no file and no row, bad names are refused.

#include "TestStore.h"
#include "application/ports/EventPublisher.h"
#include "application/uploads/UploadHandlers.h"
#include "domain/Errors.h"
#include "infrastructure/sqlite/LessonContentFiles.h"
#include "infrastructure/sqlite/SqliteExecutor.h"
#include "infrastructure/sqlite/SqliteUploadStorage.h"
#include "support/TestFiles.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QRandomGenerator>
#include <QtTest>

#include <csignal>
#include <sys/resource.h>
#include <utime.h>

using namespace edge;
using namespace edge::test;

namespace {
constexpr qint64 MiB = 1024 * 1024;

class RecordingPublisher final : public EventPublisher
{
public:
    void publish(const DomainEvent &event) override { events << event; }
    QList<DomainEvent> events;
};

// Delivers `good` bytes of zeros, then fails as a disk or a network share would.
class FailingDevice final : public QIODevice
{
public:
    explicit FailingDevice(qint64 good) : m_good(good) { open(QIODevice::ReadOnly); }
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_good * 4; }

protected:
    qint64 readData(char *data, qint64 max) override
    {
        if (pos() >= m_good) {
            setErrorString(QStringLiteral("Input/output error"));
            return -1;
        }
        const qint64 n = std::min(max, m_good - pos());
        std::fill(data, data + n, 0);
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    qint64 m_good;
};

// Every file under a folder, relative to it.
QStringList filesUnder(const QString &folder)
{
    QStringList files;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << QDir(folder).relativeFilePath(it.next());
    files.sort();
    return files;
}

template<class Error, class Task>
Error expectError(Task &&task)
{
    try {
        await(std::forward<Task>(task));
    } catch (const Error &error) {
        return error;
    }
    throw std::runtime_error("the expected error was not thrown");
}
} // namespace

class UploadStorageTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void putAndGetAreByteIdentical();
    void rangesAreTheBytesAsked();
    void listFiltersSortsAndPages();
    void deleteLeavesNothing();
    void aTakenKeyIsRefusedAndNothingExtraStays();
    void multipartChecksItsParts();
    void abortLeavesNothing();
    void badNamesAreRefusedWithTheField();
    void aFailingSourceLeavesNoFileAndNoRow();
    void aDiskThatRefusesLeavesNoFileAndNoRow();
    void transfersReportProgressAndStopWhenCancelled();
    void sweepRemovesLeftoversAndNothingInUse();

private:
    Upload put(const QString &key, const QByteArray &bytes, const QString &contentType = {});
    QByteArray download(const QString &key, std::optional<ByteRange> range = std::nullopt);
    qint64 rows() const { return SqlPeek(m_storePath).count(QStringLiteral("uploads")); }
    qint64 eventsOf(const QString &type) const
    {
        return SqlPeek(m_storePath).scalar(QStringLiteral("SELECT COUNT(*) FROM events WHERE type = ?"), {type}).toLongLong();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_storePath;
    QString m_content;
    std::unique_ptr<EmbeddedBackend> m_backend;
    std::unique_ptr<SqliteUploadStorage> m_storage;
    RecordingPublisher m_publisher;
    std::unique_ptr<UploadCommandHandler> m_commands;
    std::unique_ptr<UploadQueryHandler> m_queries;
};

void UploadStorageTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_storePath = m_dir->filePath(QStringLiteral("store.db"));
    m_backend = openStore(m_storePath); // applies the migrations
    m_content = LessonContentFiles::folderForStore(m_storePath);
    m_storage = std::make_unique<SqliteUploadStorage>(std::make_shared<SqliteExecutor>(m_storePath), m_content);
    m_publisher.events.clear();
    m_commands = std::make_unique<UploadCommandHandler>(*m_storage, m_publisher, Actor::localUser());
    m_queries = std::make_unique<UploadQueryHandler>(*m_storage);
}

void UploadStorageTest::cleanup()
{
    m_queries.reset();
    m_commands.reset();
    m_storage.reset();
    m_backend.reset();
    m_dir.reset();
}

Upload UploadStorageTest::put(const QString &key, const QByteArray &bytes, const QString &contentType)
{
    return await(m_commands->put({{key, QString(), contentType}, UploadSource::bytes(bytes)}));
}

QByteArray UploadStorageTest::download(const QString &key, std::optional<ByteRange> range)
{
    QBuffer sink;
    sink.open(QIODevice::WriteOnly);
    await(m_queries->download(key, range, &sink));
    return sink.data();
}

void UploadStorageTest::putAndGetAreByteIdentical()
{
    const QByteArray bytes = randomBytes(3 * MiB + 17, 1);
    QTemporaryFile source;
    QVERIFY(source.open());
    source.write(bytes);
    source.close();

    const Upload stored = await(m_commands->put(
        {{QStringLiteral("docs/Guide 1.pdf"), QString(), QStringLiteral("application/pdf")}, UploadSource::file(source.fileName())}));
    QCOMPARE(stored.size, bytes.size());
    QCOMPARE(stored.sha256, sha256Hex(bytes));
    QCOMPARE(stored.originalName, QStringLiteral("Guide 1.pdf"));
    QCOMPARE(stored.contentType, QStringLiteral("application/pdf"));
    QVERIFY(stored.uploadedBy.isEmpty()); // the local user is no platform user

    QCOMPARE(download(QStringLiteral("docs/Guide 1.pdf")), bytes);
    const Upload found = await(m_queries->get(QStringLiteral("docs/Guide 1.pdf")));
    QCOMPARE(found.sha256, stored.sha256);
    QCOMPARE(found.createdAt, stored.createdAt);

    // One row, one upload.created event with the Worker's payload, published once.
    QCOMPARE(rows(), 1);
    QCOMPARE(eventsOf(QStringLiteral("upload.created")), 1);
    QCOMPARE(m_publisher.events.size(), 1);
    QCOMPARE(m_publisher.events[0].subjectId, QStringLiteral("docs/Guide 1.pdf"));
    QCOMPARE(m_publisher.events[0].payload.value(QStringLiteral("size")).toInteger(), bytes.size());
    // The bytes are a blob of their own, not a path made from the key; no temporary is left.
    const QStringList files = filesUnder(m_content);
    QCOMPARE(files.size(), 1);
    QVERIFY2(files[0].startsWith(QStringLiteral("files/")), qPrintable(files[0]));
}

void UploadStorageTest::rangesAreTheBytesAsked()
{
    const QByteArray bytes = randomBytes(2 * MiB + 5, 2);
    put(QStringLiteral("a.bin"), bytes);
    QCOMPARE(download(QStringLiteral("a.bin"), ByteRange{0, 10}), bytes.left(10));
    QCOMPARE(download(QStringLiteral("a.bin"), ByteRange{MiB - 3, MiB}), bytes.mid(MiB - 3, MiB));
    QCOMPARE(download(QStringLiteral("a.bin"), ByteRange{2 * MiB}), bytes.mid(2 * MiB));
    // Longer than the file: up to its end, as HTTP ranges.
    QCOMPARE(download(QStringLiteral("a.bin"), ByteRange{bytes.size() - 2, 100}), bytes.right(2));
    const auto error = expectError<ValidationError>(m_queries->download(QStringLiteral("a.bin"), ByteRange{bytes.size(), 1}, nullptr));
    QVERIFY(error.fieldErrors().contains(QStringLiteral("destination")));
    QBuffer sink;
    sink.open(QIODevice::WriteOnly);
    const auto pastEnd = expectError<ValidationError>(m_queries->download(QStringLiteral("a.bin"), ByteRange{bytes.size(), 1}, &sink));
    QVERIFY(pastEnd.fieldErrors().contains(QStringLiteral("range")));
    QVERIFY(sink.data().isEmpty());
    expectError<NotFoundError>(m_queries->download(QStringLiteral("missing.bin"), std::nullopt, &sink));
}

void UploadStorageTest::listFiltersSortsAndPages()
{
    put(QStringLiteral("docs/a.pdf"), QByteArray(300, 'a'), QStringLiteral("application/pdf"));
    put(QStringLiteral("docs/b.png"), QByteArray(100, 'b'), QStringLiteral("image/png"));
    put(QStringLiteral("Docs/c.txt"), QByteArray(200, 'c'), QStringLiteral("text/plain; charset=utf-8"));
    put(QStringLiteral("images/Holiday.JPG"), QByteArray(400, 'd'), QStringLiteral("image/jpeg"));
    put(QStringLiteral("docs_x/e.txt"), QByteArray(50, 'e'), QStringLiteral("text/plain"));

    auto keysOf = [](const UploadPage &page) {
        QStringList keys;
        for (const Upload &u : page.items)
            keys << u.key;
        return keys;
    };
    UploadListQuery query;
    query.prefix = QStringLiteral("docs/"); // case-sensitive, '_' is no wildcard
    QCOMPARE(keysOf(await(m_queries->list(query))), (QStringList{QStringLiteral("docs/b.png"), QStringLiteral("docs/a.pdf")}));

    query = {};
    query.search = QStringLiteral("holiday");
    QCOMPARE(keysOf(await(m_queries->list(query))), QStringList{QStringLiteral("images/Holiday.JPG")});

    query = {};
    query.contentType = QStringLiteral("image/");
    query.sort = UploadSort::Key;
    query.descending = false;
    QCOMPARE(keysOf(await(m_queries->list(query))), (QStringList{QStringLiteral("docs/b.png"), QStringLiteral("images/Holiday.JPG")}));
    query = {};
    query.contentType = QStringLiteral("text/plain"); // parameters do not hide a type
    QCOMPARE(await(m_queries->list(query)).items.size(), 2);

    // Smallest first, two a page, by cursor: every file once, in order.
    query = {};
    query.sort = UploadSort::Size;
    query.descending = false;
    query.limit = 2;
    QStringList walked;
    for (int pages = 0; pages < 5; ++pages) {
        const UploadPage page = await(m_queries->list(query));
        walked << keysOf(page);
        if (page.nextCursor.isEmpty())
            break;
        query.cursor = page.nextCursor;
    }
    QCOMPARE(walked, (QStringList{QStringLiteral("docs_x/e.txt"), QStringLiteral("docs/b.png"), QStringLiteral("Docs/c.txt"),
                                  QStringLiteral("docs/a.pdf"), QStringLiteral("images/Holiday.JPG")}));

    // A cursor of another filter, sort, or made up, is refused naming the field.
    query.search = QStringLiteral("docs");
    QVERIFY(expectError<ValidationError>(m_queries->list(query)).fieldErrors().contains(QStringLiteral("cursor")));
    query.search.clear();
    query.sort = UploadSort::Name;
    QVERIFY(expectError<ValidationError>(m_queries->list(query)).fieldErrors().contains(QStringLiteral("cursor")));
    query.cursor = QStringLiteral("not-a-cursor!");
    QVERIFY(expectError<ValidationError>(m_queries->list(query)).fieldErrors().contains(QStringLiteral("cursor")));
    query = {};
    query.limit = 0;
    QVERIFY(expectError<ValidationError>(m_queries->list(query)).fieldErrors().contains(QStringLiteral("limit")));
}

void UploadStorageTest::deleteLeavesNothing()
{
    put(QStringLiteral("gone.bin"), randomBytes(MiB, 3));
    m_publisher.events.clear();
    const Upload deleted = await(m_commands->remove(QStringLiteral("gone.bin")));
    QCOMPARE(deleted.size, MiB);
    QCOMPARE(rows(), 0);
    QCOMPARE(filesUnder(m_content), QStringList());
    QCOMPARE(eventsOf(QStringLiteral("upload.deleted")), 1);
    QCOMPARE(m_publisher.events.size(), 1);
    QCOMPARE(m_publisher.events[0].type, QStringLiteral("upload.deleted"));
    expectError<NotFoundError>(m_commands->remove(QStringLiteral("gone.bin")));
    expectError<NotFoundError>(m_queries->get(QStringLiteral("gone.bin")));
}

void UploadStorageTest::aTakenKeyIsRefusedAndNothingExtraStays()
{
    const QByteArray first = randomBytes(1000, 4);
    put(QStringLiteral("same.bin"), first);
    const auto error = expectError<ConflictError>(m_commands->put({{QStringLiteral("same.bin")}, UploadSource::bytes("other")}));
    QVERIFY(error.fieldErrors().contains(QStringLiteral("key")));
    QCOMPARE(download(QStringLiteral("same.bin")), first);
    QCOMPARE(filesUnder(m_content).size(), 1);
    QCOMPARE(rows(), 1);
}

void UploadStorageTest::multipartChecksItsParts()
{
    const qint64 partSize = Upload::MinPartSize;
    const QByteArray bytes = randomBytes(2 * partSize + 123, 5);
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write(bytes);
    file.close();
    const MultipartUpload upload = await(m_commands->createMultipart(
        {{QStringLiteral("big/video.mp4"), QString(), QStringLiteral("video/mp4")}, bytes.size(), partSize}));
    QCOMPARE(upload.partSize, partSize);

    // The key is reserved while the upload is in flight.
    expectError<ConflictError>(m_commands->put({{QStringLiteral("big/video.mp4")}, UploadSource::bytes("x")}));

    auto part = [&](int n, qint64 offset, qint64 length) {
        return await(m_commands->putPart({upload, n, UploadSource::file(file.fileName(), offset, length)}));
    };
    const UploadedPart p1 = part(1, 0, partSize);
    const UploadedPart p3 = part(3, 2 * partSize, 123);
    // A part 2 one byte short: completing with it names the part and nothing is stored.
    const UploadedPart shortPart = part(2, partSize, partSize - 1);
    const auto bad = expectError<ValidationError>(m_commands->completeMultipart(upload, {p1, shortPart, p3}));
    QVERIFY(bad.fieldErrors().contains(QStringLiteral("parts")));
    QVERIFY2(bad.message().contains(QStringLiteral("part 2")), qPrintable(bad.message()));
    QCOMPARE(rows(), 0);
    // A part longer than the part size is refused when sent.
    const auto tooLong = expectError<ValidationError>(m_storage->putPart(upload.uploadId, 2, UploadSource::bytes(QByteArray(partSize + 1, 'x'))));
    QVERIFY(tooLong.fieldErrors().contains(QStringLiteral("body")));
    // A wrong etag is refused too.
    const UploadedPart p2 = part(2, partSize, partSize);
    const auto wrongEtag = expectError<ValidationError>(m_commands->completeMultipart(upload, {p1, {2, shortPart.etag}, p3}));
    QVERIFY(wrongEtag.fieldErrors().contains(QStringLiteral("parts")));
    // Out of order is the handler's to refuse, before the store sees it.
    expectError<ValidationError>(m_commands->completeMultipart(upload, {p2, p1, p3}));

    const Upload stored = await(m_commands->completeMultipart(upload, {p1, p2, p3}));
    QCOMPARE(stored.size, bytes.size());
    QCOMPARE(stored.sha256, sha256Hex(bytes)); // the whole file's, recorded here too
    QCOMPARE(download(QStringLiteral("big/video.mp4")), bytes);
    QCOMPARE(filesUnder(m_content).size(), 1); // parts and temporaries are gone
    QCOMPARE(eventsOf(QStringLiteral("upload.created")), 1);
}

void UploadStorageTest::abortLeavesNothing()
{
    const MultipartUpload upload = await(m_commands->createMultipart(
        {{QStringLiteral("abandoned.iso")}, 3 * Upload::MinPartSize, Upload::MinPartSize}));
    await(m_commands->putPart({upload, 1, UploadSource::bytes(randomBytes(Upload::MinPartSize, 6))}));
    await(m_commands->abortMultipart(upload.uploadId));
    QCOMPARE(filesUnder(m_content), QStringList());
    QCOMPARE(rows(), 0);
    expectError<NotFoundError>(m_commands->abortMultipart(upload.uploadId));
    expectError<NotFoundError>(m_storage->putPart(upload.uploadId, 2, UploadSource::bytes("x")));
    // The key is free again.
    put(QStringLiteral("abandoned.iso"), "small");
    // An id that is not ours never becomes a path.
    expectError<NotFoundError>(m_commands->abortMultipart(QStringLiteral("../../etc")));
}

void UploadStorageTest::badNamesAreRefusedWithTheField()
{
    struct Case { QString key; QString originalName; QString field; QString says; };
    const QList<Case> cases{
        {QStringLiteral("a/../b.txt"), {}, QStringLiteral("key"), QStringLiteral("\"..\"")},
        {QStringLiteral("/etc/passwd"), {}, QStringLiteral("key"), QStringLiteral("relative path")},
        {QStringLiteral("a\\b.txt"), {}, QStringLiteral("key"), QStringLiteral("backslash")},
        {QStringLiteral("bad\x01name.txt"), {}, QStringLiteral("key"), QStringLiteral("control characters")},
        {QStringLiteral("invoice") + QChar(0x202E) + QStringLiteral("fdp.exe"), {}, QStringLiteral("key"), QStringLiteral("U+202E")},
        {QStringLiteral(" lead.txt"), {}, QStringLiteral("key"), QStringLiteral("spaces")},
        {QString(600, QLatin1Char('k')), {}, QStringLiteral("key"), QStringLiteral("512 bytes")},
        {QStringLiteral("ok.txt"), QStringLiteral("dir/name.txt"), QStringLiteral("originalName"), QStringLiteral("path separators")},
        {QStringLiteral("ok.txt"), QStringLiteral("x") + QChar(0x200B), QStringLiteral("originalName"), QStringLiteral("invisible")},
    };
    for (const Case &c : cases) {
        const auto error = expectError<ValidationError>(m_commands->put({{c.key, c.originalName}, UploadSource::bytes("data")}));
        QVERIFY2(error.fieldErrors().contains(c.field), qPrintable(c.key));
        QVERIFY2(error.message().contains(c.says), qPrintable(error.message()));
        QVERIFY2(error.message().contains(c.field), qPrintable(error.message()));
    }
    const auto type = expectError<ValidationError>(
        m_commands->put({{QStringLiteral("ok.txt"), QString(), QStringLiteral("not a type")}, UploadSource::bytes("data")}));
    QVERIFY(type.fieldErrors().contains(QStringLiteral("contentType")));
    const auto empty = expectError<ValidationError>(m_commands->put({{QStringLiteral("empty.txt")}, UploadSource::bytes({})}));
    QVERIFY(empty.fieldErrors().contains(QStringLiteral("body")));
    // Unusual but visible Unicode is a fine key.
    put(QStringLiteral("Résumé/日本語 ファイル.txt"), "hello");
    QCOMPARE(download(QStringLiteral("Résumé/日本語 ファイル.txt")), QByteArray("hello"));
    QCOMPARE(rows(), 1);
    QCOMPARE(filesUnder(m_content).size(), 1);
}

void UploadStorageTest::aFailingSourceLeavesNoFileAndNoRow()
{
    UploadSource failing;
    failing.open = [] { return std::unique_ptr<QIODevice>(new FailingDevice(2 * MiB)); };
    failing.length = 8 * MiB;
    const auto error = expectError<ValidationError>(m_commands->put({{QStringLiteral("broken.bin")}, failing}));
    QVERIFY2(error.message().contains(QStringLiteral("Input/output error")), qPrintable(error.message()));
    QVERIFY2(error.message().contains(QStringLiteral("Nothing was stored")), qPrintable(error.message()));
    // A source shorter than announced (a file truncated while uploading) is the same.
    UploadSource shorter = UploadSource::bytes(QByteArray(1000, 'x'));
    shorter.length = 2000;
    const auto ended = expectError<ValidationError>(m_commands->put({{QStringLiteral("broken.bin")}, shorter}));
    QVERIFY2(ended.message().contains(QStringLiteral("ended after 1000 of 2000 bytes")), qPrintable(ended.message()));
    // A file that cannot be opened says why.
    const auto unreadable = expectError<ValidationError>(m_commands->put(
        {{QStringLiteral("broken.bin")}, UploadSource::file(m_dir->filePath(QStringLiteral("no-such-file")), 0, 10)}));
    QVERIFY2(unreadable.message().contains(QStringLiteral("No such file")), qPrintable(unreadable.message()));

    QCOMPARE(rows(), 0);
    QCOMPARE(filesUnder(m_content), QStringList());
    QCOMPARE(eventsOf(QStringLiteral("upload.created")), 0);
    QVERIFY(m_publisher.events.isEmpty());
}

void UploadStorageTest::aDiskThatRefusesLeavesNoFileAndNoRow()
{
    // The process may write no file beyond 1 MiB: the disk refuses mid-write, as a full one
    // does (EFBIG here rather than ENOSPC, through the same path).
    const QByteArray bytes = randomBytes(3 * MiB, 7);
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit before{};
    getrlimit(RLIMIT_FSIZE, &before);
    rlimit limited = before;
    limited.rlim_cur = MiB;
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &limited), 0);
    std::optional<StoreError> error;
    try {
        put(QStringLiteral("too-big.bin"), bytes);
    } catch (const StoreError &e) {
        error = e;
    }
    setrlimit(RLIMIT_FSIZE, &before);
    QVERIFY(error);
    QVERIFY2(error->message().contains(QStringLiteral("File too large")), qPrintable(error->message()));
    QVERIFY2(error->message().contains(QStringLiteral("Nothing of it was stored")), qPrintable(error->message()));
    QCOMPARE(rows(), 0);
    QCOMPARE(filesUnder(m_content), QStringList());
    // The store still works once the disk takes writes again.
    put(QStringLiteral("too-big.bin"), bytes);
    QCOMPARE(download(QStringLiteral("too-big.bin")), bytes);
}

void UploadStorageTest::transfersReportProgressAndStopWhenCancelled()
{
    const QByteArray bytes = randomBytes(3 * MiB + 1, 8);
    UploadSource source = UploadSource::bytes(bytes);
    source.control = std::make_shared<TransferControl>();
    QSignalSpy progress(source.control.get(), &TransferControl::progressed);
    await(m_commands->put({{QStringLiteral("watched2.bin")}, source}));
    QTRY_COMPARE(progress.size(), 4); // one report a chunk (1 MiB), delivered on this thread
    QCOMPARE(progress.last().at(0).toLongLong(), bytes.size());
    QCOMPARE(progress.last().at(1).toLongLong(), bytes.size());

    // Cancelled after its first chunk (on the writing thread itself): nothing is stored.
    UploadSource stopped = UploadSource::bytes(bytes);
    stopped.control = std::make_shared<TransferControl>();
    TransferControl *control = stopped.control.get();
    connect(control, &TransferControl::progressed, control, [control] { control->cancel(); }, Qt::DirectConnection);
    expectError<TransferCancelledError>(m_commands->put({{QStringLiteral("stopped.bin")}, stopped}));
    QCOMPARE(rows(), 1);
    QCOMPARE(filesUnder(m_content).size(), 1);
    expectError<NotFoundError>(m_queries->get(QStringLiteral("stopped.bin")));

    // A download stops the same way, after what it wrote so far.
    auto downloadControl = std::make_shared<TransferControl>();
    TransferControl *dc = downloadControl.get();
    connect(dc, &TransferControl::progressed, dc, [dc] { dc->cancel(); }, Qt::DirectConnection);
    QBuffer sink;
    sink.open(QIODevice::WriteOnly);
    expectError<TransferCancelledError>(m_queries->download(QStringLiteral("watched2.bin"), std::nullopt, &sink, downloadControl));
    QCOMPARE(sink.data(), bytes.left(MiB));
}

void UploadStorageTest::sweepRemovesLeftoversAndNothingInUse()
{
    const QByteArray kept = randomBytes(1000, 9);
    put(QStringLiteral("kept.bin"), kept);
    const MultipartUpload fresh = await(m_commands->createMultipart({{QStringLiteral("fresh.iso")}, 2 * Upload::MinPartSize, Upload::MinPartSize}));
    const MultipartUpload abandoned = await(m_commands->createMultipart({{QStringLiteral("old.iso")}, 2 * Upload::MinPartSize, Upload::MinPartSize}));
    // What a crash leaves: a half temporary file and a blob whose row never committed.
    auto leave = [this](const QString &relative) {
        QDir().mkpath(QFileInfo(m_content + QLatin1Char('/') + relative).absolutePath());
        QFile file(m_content + QLatin1Char('/') + relative);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("left behind");
    };
    leave(QStringLiteral("tmp/0a1b2c3d-0000-4000-8000-000000000001.partial"));
    leave(QStringLiteral("files/0a1b2c3d-0000-4000-8000-000000000002"));
    leave(QStringLiteral("files/0a1b2c3d-0000-4000-8000-000000000003")); // recent: maybe a put about to commit
    // Age everything two days but the recent blob and the fresh multipart upload.
    const QDateTime twoDaysAgo = QDateTime::currentDateTimeUtc().addDays(-2);
    QDirIterator it(m_content, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.contains(QStringLiteral("000000000003")) || path.contains(fresh.uploadId))
            continue;
        QFile file(path);
        if (QFileInfo(path).isFile() && file.open(QIODevice::ReadWrite))
            file.setFileTime(twoDaysAgo, QFileDevice::FileModificationTime);
    }
    const QString abandonedFolder = m_content + QStringLiteral("/multipart/") + abandoned.uploadId;
    QVERIFY(QFileInfo::exists(abandonedFolder));
    utimbuf times{twoDaysAgo.toSecsSinceEpoch(), twoDaysAgo.toSecsSinceEpoch()};
    QCOMPARE(utime(QFile::encodeName(abandonedFolder).constData(), &times), 0);

    const SqliteUploadStorage::Sweep swept = await(m_storage->sweep(std::chrono::hours(24)));
    QCOMPARE(swept.temporaries, 1);
    QCOMPARE(swept.blobs, 1);
    QCOMPARE(swept.multipartUploads, 1);
    QCOMPARE(download(QStringLiteral("kept.bin")), kept); // old, but its row names it
    QVERIFY(QFileInfo::exists(m_content + QStringLiteral("/files/0a1b2c3d-0000-4000-8000-000000000003")));
    QVERIFY(!QFileInfo::exists(abandonedFolder));
    expectError<NotFoundError>(m_commands->abortMultipart(abandoned.uploadId));
    await(m_commands->abortMultipart(fresh.uploadId)); // still in flight
}

QTEST_GUILESS_MAIN(UploadStorageTest)
#include "tst_uploadstorage.moc"
