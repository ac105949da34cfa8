// Conformance of the Uploads screen's operations (through Services' upload handlers), against
// the store EDGE_CONFORMANCE_STORE names (see support/ConformanceSuite.h): put and find, list
// by prefix, search and content type, every sort both ways (ties by key in the same
// direction) paged by cursor without gaps or repeats, whole and ranged downloads
// byte-identical, delete, taken keys, bad names, a multipart upload over 100 MB streamed from
// disk with its sha256, wrong part etags, abort, the audit trail of uploads, and a transfer
// queue destroyed midway whose upload a new queue finishes from the journal.

#include "ConformanceSuite.h"
#include "application/uploads/TransferQueue.h"
#include "application/uploads/UploadHandlers.h"
#include "infrastructure/local/FileTransferJournal.h"
#include "support/TestFiles.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace edge;
using namespace edge::test;

Q_DECLARE_METATYPE(edge::UploadSort)

namespace {

constexpr qint64 MiB = 1024 * 1024;

QByteArray bytesOf(qsizetype size, quint32 seed)
{
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator random(seed);
    for (char &c : data)
        c = char(random.bounded(256));
    return data;
}

// The finished parts each journal entry in folder holds (one entry per unfinished upload).
QList<int> journaledPartCounts(const QString &folder)
{
    QList<int> counts;
    for (const QFileInfo &entry : QDir(folder).entryInfoList({QStringLiteral("*.json")}, QDir::Files)) {
        QFile file(entry.filePath());
        if (file.open(QIODevice::ReadOnly))
            counts << int(QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("parts")).toArray().size());
    }
    return counts;
}

QStringList keysOf(const QList<Upload> &uploads)
{
    QStringList keys;
    for (const Upload &upload : uploads)
        keys << upload.key;
    return keys;
}

QString sortName(UploadSort sort)
{
    switch (sort) {
    case UploadSort::CreatedAt: return QStringLiteral("createdAt");
    case UploadSort::Key: return QStringLiteral("key");
    case UploadSort::Name: return QStringLiteral("name");
    case UploadSort::Size: return QStringLiteral("size");
    case UploadSort::ContentType: return QStringLiteral("contentType");
    }
    return {};
}

int compareBySort(const Upload &a, const Upload &b, UploadSort sort)
{
    const auto cmp = [](const auto &x, const auto &y) { return x < y ? -1 : (y < x ? 1 : 0); };
    switch (sort) {
    case UploadSort::CreatedAt: return cmp(a.createdAt, b.createdAt);
    case UploadSort::Key: return 0;
    case UploadSort::Name: return cmp(a.originalName, b.originalName);
    case UploadSort::Size: return cmp(a.size, b.size);
    case UploadSort::ContentType: return cmp(a.contentType, b.contentType);
    }
    return 0;
}

// The documented order: the sort's value, then the key, both in one direction.
QStringList expectedOrder(QList<Upload> uploads, UploadSort sort, bool descending)
{
    std::sort(uploads.begin(), uploads.end(), [sort](const Upload &a, const Upload &b) {
        if (const int bySort = compareBySort(a, b, sort))
            return bySort < 0;
        return a.key < b.key;
    });
    if (descending)
        std::reverse(uploads.begin(), uploads.end());
    return keysOf(uploads);
}

} // namespace

class TestConformanceUploads final : public ConformanceSuite
{
    Q_OBJECT

    UploadCommandHandler &commands() { return services().uploadCommands; }
    UploadQueryHandler &queries() { return services().uploadQueries; }

    Upload put(const QString &key, const QByteArray &data, const QString &contentType = {},
               const QString &originalName = {})
    {
        return await(commands().put(PutUploadCommand{UploadNaming(key, originalName, contentType), UploadSource::bytes(data)}));
    }

    // Every page of the list, by cursor (at most 50 pages).
    QStringList listAll(UploadListQuery query)
    {
        QStringList keys;
        for (int pages = 0; pages < 50; ++pages) {
            const UploadPage page = await(queries().list(query));
            keys << keysOf(page.items);
            if (page.nextCursor.isEmpty())
                return keys;
            query.cursor = page.nextCursor;
        }
        return keys;
    }

    QByteArray download(const QString &key, std::optional<ByteRange> range = std::nullopt)
    {
        QByteArray bytes;
        QBuffer sink(&bytes);
        sink.open(QIODevice::WriteOnly);
        await(queries().download(key, range, &sink));
        sink.close();
        return bytes;
    }

    // Uploads under a fresh prefix whose names, types, sizes and keys each order differently.
    QList<Upload> seed(const QString &prefix)
    {
        struct File
        {
            const char *name;
            const char *type;
            int size;
        };
        const File files[] = {{"Zebra.PNG", "image/png", 30},
                              {"apple.jpg", "image/jpeg", 5},
                              {"notes.txt", "text/plain; charset=utf-8", 12},
                              {"Report-final.pdf", "application/pdf", 30},
                              {"mango.txt", "text/plain", 1},
                              {"imagery.bin", "application/octet-stream", 7}};
        QList<Upload> stored;
        int i = 0;
        for (const File &file : files) {
            const QString key = prefix + QChar(u'f' - i) + QLatin1Char('-') + QString::number(i);
            stored << put(key, bytesOf(file.size, i), QString::fromLatin1(file.type), QString::fromLatin1(file.name));
            ++i;
        }
        return stored;
    }

private slots:
    void putFindAndDownloadAreByteIdentical()
    {
        const QString key = QStringLiteral("conf-%1/docs/report 2026 ü.pdf").arg(newTag());
        const QByteArray data = bytesOf(300 * 1024 + 7, 1);
        const Upload stored = put(key, data, QStringLiteral("application/pdf"));
        QCOMPARE(stored.key, key);
        QCOMPARE(stored.size, data.size());
        QCOMPARE(stored.contentType, QStringLiteral("application/pdf"));
        QCOMPARE(stored.originalName, QStringLiteral("report 2026 ü.pdf"));
        QCOMPARE(stored.sha256, sha256Hex(data));

        const Upload found = await(queries().get(key));
        QCOMPARE(found.key, key);
        QCOMPARE(found.size, data.size());
        QCOMPARE(found.sha256, sha256Hex(data));
        QCOMPARE(found.originalName, stored.originalName);

        QVERIFY(download(key) == data);
        // First byte, the middle, the last, and an open range to the end.
        QVERIFY(download(key, ByteRange{0, 1}) == data.left(1));
        QVERIFY(download(key, ByteRange{1000, 4096}) == data.mid(1000, 4096));
        QVERIFY(download(key, ByteRange{data.size() - 1, 1}) == data.right(1));
        QVERIFY(download(key, ByteRange{data.size() - 10, -1}) == data.right(10));
        // Past the end is refused, naming the range.
        QByteArray nothing;
        QBuffer sink(&nothing);
        sink.open(QIODevice::WriteOnly);
        const auto past = failureOf<ValidationError>(queries().download(key, ByteRange{data.size(), 1}, &sink));
        QVERIFY(past);
        QVERIFY2(past->fieldErrors().contains(QStringLiteral("range")), qPrintable(past->message()));
    }

    void deleteRemovesTheFileAndItsListing()
    {
        const QString prefix = QStringLiteral("conf-%1/").arg(newTag());
        const QString key = prefix + QStringLiteral("gone.txt");
        put(key, "short-lived", QStringLiteral("text/plain"));
        UploadListQuery query;
        query.prefix = prefix;
        QCOMPARE(listAll(query), QStringList{key});

        const Upload deleted = await(commands().remove(key));
        QCOMPARE(deleted.key, key);
        QVERIFY(failureOf<NotFoundError>(queries().get(key)));
        QByteArray nothing;
        QBuffer sink(&nothing);
        sink.open(QIODevice::WriteOnly);
        QVERIFY(failureOf<NotFoundError>(queries().download(key, std::nullopt, &sink)));
        QVERIFY(failureOf<NotFoundError>(commands().remove(key)));
        QVERIFY(listAll(query).isEmpty());
        // The key is free again.
        QCOMPARE(put(key, "again").size, 5);
    }

    void aTakenKeyIsAConflict()
    {
        const QString key = QStringLiteral("conf-%1/taken.bin").arg(newTag());
        put(key, "first");
        const auto conflict = failureOf<ConflictError>(commands().put(PutUploadCommand{UploadNaming(key), UploadSource::bytes("second")}));
        QVERIFY(conflict);
        QVERIFY(download(key) == "first"); // the winner's bytes stay
    }

    void badNamesAreRefusedNamingTheKey_data()
    {
        QTest::addColumn<QString>("key");
        QTest::newRow("control character") << QStringLiteral("docs/new\nline.txt");
        QTest::newRow("tab") << QStringLiteral("docs/tab\tname.txt");
        QTest::newRow("bidi override") << QStringLiteral("docs/invoice\u202Efdp.exe");
        QTest::newRow("dot-dot") << QStringLiteral("docs/../etc/passwd");
        QTest::newRow("leading dot-dot") << QStringLiteral("../x");
        QTest::newRow("backslash") << QStringLiteral("docs\\a.txt");
        QTest::newRow("absolute") << QStringLiteral("/abs.txt");
        QTest::newRow("empty segment") << QStringLiteral("a//b.txt");
    }

    void badNamesAreRefusedNamingTheKey()
    {
        QFETCH(QString, key);
        const auto refused = failureOf<ValidationError>(commands().put(PutUploadCommand{UploadNaming(key), UploadSource::bytes("evil")}));
        QVERIFY(refused);
        QVERIFY2(refused->fieldErrors().contains(QStringLiteral("key")), qPrintable(refused->message()));
        QVERIFY(failureOf<ValidationError>(commands().createMultipart(CreateMultipartCommand{UploadNaming(key), 10 * MiB, 5 * MiB})));
    }

    void listFiltersBySearchAndContentType()
    {
        const QString prefix = QStringLiteral("conf-%1/").arg(newTag());
        const QList<Upload> stored = seed(prefix);
        const auto keysWhere = [&stored](auto predicate) {
            QStringList keys;
            for (const Upload &upload : stored) {
                if (predicate(upload))
                    keys << upload.key;
            }
            std::sort(keys.begin(), keys.end());
            return keys;
        };
        const auto list = [this, &prefix](const QString &search, const QString &contentType) {
            UploadListQuery query;
            query.prefix = prefix;
            query.search = search;
            query.contentType = contentType;
            query.sort = UploadSort::Key;
            query.descending = false;
            query.limit = 200;
            return listAll(query);
        };
        QCOMPARE(list(QStringLiteral("IMAGE"), {}), keysWhere([](const Upload &u) { return u.originalName == u"imagery.bin"; }));
        QCOMPARE(list(QStringLiteral(".TXT"), {}), keysWhere([](const Upload &u) { return u.originalName.endsWith(u".txt"); }));
        QCOMPARE(list(QStringLiteral("e-1"), {}), keysWhere([](const Upload &u) { return u.key.endsWith(u"e-1"); }));
        QVERIFY(list(QStringLiteral("nothing-like-it"), {}).isEmpty());
        QCOMPARE(list({}, QStringLiteral("image/")), keysWhere([](const Upload &u) { return u.contentType.startsWith(u"image/"); }));
        QCOMPARE(list({}, QStringLiteral("text/plain")), keysWhere([](const Upload &u) { return u.contentType.startsWith(u"text/plain"); }));
        QCOMPARE(list({}, QStringLiteral("image/png")), keysWhere([](const Upload &u) { return u.contentType == u"image/png"; }));
        QVERIFY(list({}, QStringLiteral("image")).isEmpty()); // a family needs its slash
        QCOMPARE(list(QStringLiteral("mango"), QStringLiteral("text/")),
                 keysWhere([](const Upload &u) { return u.originalName == u"mango.txt"; }));
        // The prefix is case-sensitive and literal.
        UploadListQuery other;
        other.prefix = prefix.toUpper();
        QVERIFY(listAll(other).isEmpty());
    }

    void listSortsBothWaysAndPagesWithoutGapsOrRepeats_data()
    {
        QTest::addColumn<UploadSort>("sort");
        for (UploadSort sort : {UploadSort::CreatedAt, UploadSort::Key, UploadSort::Name, UploadSort::Size, UploadSort::ContentType})
            QTest::newRow(qPrintable(sortName(sort))) << sort;
    }

    void listSortsBothWaysAndPagesWithoutGapsOrRepeats()
    {
        QFETCH(UploadSort, sort);
        const QString prefix = QStringLiteral("conf-%1/").arg(newTag());
        const QList<Upload> stored = seed(prefix);
        for (const bool descending : {false, true}) {
            UploadListQuery query;
            query.prefix = prefix;
            query.sort = sort;
            query.descending = descending;
            query.limit = 2;
            QCOMPARE(listAll(query), expectedOrder(stored, sort, descending));
        }
    }

    void aCursorContinuesOnlyItsOwnList()
    {
        const QString prefix = QStringLiteral("conf-%1/").arg(newTag());
        seed(prefix);
        UploadListQuery query;
        query.prefix = prefix;
        query.sort = UploadSort::Name;
        query.descending = false;
        query.limit = 2;
        const UploadPage first = await(queries().list(query));
        QVERIFY(!first.nextCursor.isEmpty());
        const auto refusedWith = [this, &first](UploadListQuery other) {
            other.cursor = first.nextCursor;
            const auto error = failureOf<ValidationError>(queries().list(other));
            return error && error->fieldErrors().contains(QStringLiteral("cursor"));
        };
        UploadListQuery other = query;
        other.sort = UploadSort::Size;
        QVERIFY(refusedWith(other));
        other = query;
        other.descending = true;
        QVERIFY(refusedWith(other));
        other = query;
        other.search = QStringLiteral("a");
        QVERIFY(refusedWith(other));
        other = query;
        other.contentType = QStringLiteral("image/");
        QVERIFY(refusedWith(other));
        other = query;
        other.prefix = prefix + QStringLiteral("f");
        QVERIFY(refusedWith(other));
        other = query;
        other.cursor = QStringLiteral("made-up");
        const auto madeUp = failureOf<ValidationError>(queries().list(other));
        QVERIFY(madeUp && madeUp->fieldErrors().contains(QStringLiteral("cursor")));
        query.cursor = first.nextCursor;
        QCOMPARE(await(queries().list(query)).items.size(), 2);
    }

    void multipartOver100MBIsByteIdenticalWithItsSha256()
    {
        // Streamed from a file on disk, part by part, and downloaded into a file.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("lecture.mp4"));
        const qint64 size = 105 * MiB + 12345;
        QString sha;
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QCryptographicHash hash(QCryptographicHash::Sha256);
            QRandomGenerator random(7);
            QByteArray chunk(MiB, Qt::Uninitialized);
            for (qint64 written = 0; written < size; written += chunk.size()) {
                chunk.resize(qMin<qint64>(MiB, size - written));
                random.fillRange(reinterpret_cast<quint32 *>(chunk.data()), chunk.size() / 4);
                hash.addData(chunk);
                QCOMPARE(file.write(chunk), chunk.size());
            }
            sha = QString::fromLatin1(hash.result().toHex());
        }
        const QString key = QStringLiteral("conf-%1/videos/lecture.mp4").arg(newTag());
        const qint64 partSize = 20 * MiB;
        const MultipartUpload upload = await(commands().createMultipart(
            CreateMultipartCommand{UploadNaming(key, {}, QStringLiteral("video/mp4")), size, partSize}));
        QCOMPARE(upload.key, key);
        QCOMPARE(upload.partSize, partSize);
        // The key is reserved while the upload is in flight.
        QVERIFY(failureOf<ConflictError>(commands().put(PutUploadCommand{UploadNaming(key), UploadSource::bytes("x")})));

        QList<UploadedPart> parts;
        for (int number = 1; qint64(number - 1) * partSize < size; ++number) {
            const qint64 offset = (number - 1) * partSize;
            parts << await(commands().putPart(PutPartCommand{upload, number, UploadSource::file(path, offset, qMin(partSize, size - offset))}));
            QCOMPARE(parts.back().partNumber, number);
        }
        QCOMPARE(parts.size(), 6);
        const Upload stored = await(commands().completeMultipart(upload, parts, sha));
        QCOMPARE(stored.size, size);
        QCOMPARE(stored.sha256, sha);
        QCOMPARE(stored.contentType, QStringLiteral("video/mp4"));
        QCOMPARE(stored.originalName, QStringLiteral("lecture.mp4"));
        QCOMPARE(await(queries().get(key)).sha256, sha);

        const QString copy = dir.filePath(QStringLiteral("copy.mp4"));
        {
            QFile sink(copy);
            QVERIFY(sink.open(QIODevice::WriteOnly));
            const UploadDownload got = await(queries().download(key, std::nullopt, &sink));
            QCOMPARE(got.length, size);
        }
        QCOMPARE(QFileInfo(copy).size(), size);
        QCOMPARE(sha256OfFile(copy), sha);
        // A range across the boundary of parts 5 and 6.
        QFile original(path);
        QVERIFY(original.open(QIODevice::ReadOnly));
        QVERIFY(original.seek(5 * partSize - 50));
        QVERIFY(download(key, ByteRange{5 * partSize - 50, 100}) == original.read(100));
        await(commands().remove(key));
    }

    void wrongPartsAreRefusedAndAbortFreesTheKey()
    {
        const QString key = QStringLiteral("conf-%1/parts.bin").arg(newTag());
        const QByteArray data = bytesOf(5 * MiB + 100, 3);
        const MultipartUpload upload = await(commands().createMultipart(CreateMultipartCommand{UploadNaming(key), data.size(), 5 * MiB}));
        const UploadedPart first = await(commands().putPart(PutPartCommand{upload, 1, UploadSource::bytes(data.left(5 * MiB))}));
        const UploadedPart second = await(commands().putPart(PutPartCommand{upload, 2, UploadSource::bytes(data.mid(5 * MiB))}));
        const auto wrongEtag = failureOf<ValidationError>(
            commands().completeMultipart(upload, {first, UploadedPart{2, QStringLiteral("0123456789abcdef0123456789abcdef")}}));
        QVERIFY(wrongEtag);
        QVERIFY2(wrongEtag->fieldErrors().contains(QStringLiteral("parts")), qPrintable(wrongEtag->message()));
        // A part too large for the upload's part size is refused before it is sent.
        const auto tooLarge = failureOf<DomainError>(commands().putPart(PutPartCommand{upload, 1, UploadSource::bytes(bytesOf(5 * MiB + 1, 4))}));
        QVERIFY(tooLarge);
        QCOMPARE(tooLarge->kind(), ErrorKind::PayloadTooLarge);
        QVERIFY(failureOf<NotFoundError>(queries().get(key)));

        await(commands().abortMultipart(upload.uploadId));
        QVERIFY(failureOf<NotFoundError>(commands().abortMultipart(upload.uploadId)));
        QVERIFY(failureOf<NotFoundError>(queries().get(key)));
        // The key is free again.
        QCOMPARE(put(key, "now single").size, 10);
        Q_UNUSED(second);
    }

    void uploadsAppearInTheAuditTrail()
    {
        const QString key = QStringLiteral("conf-%1/audited.txt").arg(newTag());
        put(key, "audited bytes", QStringLiteral("text/plain"));
        await(commands().remove(key));
        const QList<ActivityEntry> events = eventsAbout(key);
        QStringList types;
        for (const ActivityEntry &event : events) {
            QCOMPARE(event.subjectType, QStringLiteral("upload"));
            types << event.type;
        }
        QCOMPARE(types, (QStringList{QStringLiteral("upload.deleted"), QStringLiteral("upload.created")}));
        QCOMPARE(events.back().payload.value(QStringLiteral("size")).toInteger(), 13);
        QCOMPARE(events.back().payload.value(QStringLiteral("originalName")).toString(), QStringLiteral("audited.txt"));
    }

    void aQueueStoppedMidwayIsFinishedByTheNextFromTheJournal()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("recording.bin"));
        const qint64 size = 100 * MiB + 77;
        const QString sha = writeRandomFile(path, size, 11);
        QVERIFY(!sha.isEmpty());
        const QString key = QStringLiteral("conf-%1/recording.bin").arg(newTag());
        const QString journalFolder = dir.filePath(QStringLiteral("journal"));
        QVERIFY(QDir().mkpath(journalFolder));
        FileTransferJournal journal(journalFolder);
        TransferOptions options;
        options.partSize = 5 * MiB; // 21 parts
        options.singleRequestMax = 5 * MiB;
        options.partsInFlight = 1;
        // The queue shares the suite's Services without owning them.
        const std::shared_ptr<Services> shared(&services(), [](Services *) {});

        // The first queue is destroyed (the console closed) once two parts are journaled.
        auto first = std::make_unique<TransferQueue>(journal, options);
        QFileSystemWatcher watcher({journalFolder});
        int stoppedWith = 0;
        connect(&watcher, &QFileSystemWatcher::directoryChanged, this, [&] {
            const QList<int> counts = journaledPartCounts(journalFolder);
            if (first && counts.size() == 1 && counts.first() >= 2) {
                first.reset();
                stoppedWith = journaledPartCounts(journalFolder).value(0);
            }
        });
        first->attach(shared);
        first->addUpload(path, UploadNaming(key));
        QTRY_VERIFY_WITH_TIMEOUT(!first, 300000);
        QVERIFY2(stoppedWith >= 2 && stoppedWith < 21, qPrintable(QString::number(stoppedWith)));
        QVERIFY(failureOf<NotFoundError>(queries().get(key))); // nothing listed half stored

        // The next queue restores the upload from the journal and finishes it.
        TransferQueue second(journal, options);
        qint64 firstBytesReported = -1;
        connect(&second, &TransferQueue::rowChanged, this, [&](int row) {
            const TransferStatus status = second.status(row);
            if (firstBytesReported < 0 && status.bytesDone > 0)
                firstBytesReported = status.bytesDone;
        });
        second.attach(shared);
        QTRY_VERIFY_WITH_TIMEOUT(second.count() == 1, 60000);
        QVERIFY(second.status(0).resumed);
        QTRY_VERIFY_WITH_TIMEOUT(second.status(0).state == TransferState::Completed
                                     || second.status(0).state == TransferState::Failed,
                                 300000);
        QVERIFY2(second.status(0).state == TransferState::Completed, qPrintable(second.status(0).error));
        // It went on from the journaled parts rather than from zero.
        QVERIFY2(firstBytesReported >= stoppedWith * 5 * MiB, qPrintable(QString::number(firstBytesReported)));
        QVERIFY(journaledPartCounts(journalFolder).isEmpty());

        const Upload stored = await(queries().get(key));
        QCOMPARE(stored.size, size);
        QCOMPARE(stored.sha256, sha);
        const QString copy = dir.filePath(QStringLiteral("copy.bin"));
        {
            QFile sink(copy);
            QVERIFY(sink.open(QIODevice::WriteOnly));
            await(queries().download(key, std::nullopt, &sink));
        }
        QCOMPARE(sha256OfFile(copy), sha);
        await(commands().remove(key));
    }
};

QTEST_GUILESS_MAIN(TestConformanceUploads)
#include "tst_conformance_uploads.moc"
