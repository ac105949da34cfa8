// HttpUploadStorage against the scripted server: what goes on the wire for each call (keys as
// one percent-encoded segment, bodies streamed from the file with their length, multipart
// JSON, Range headers) and what it makes of the Worker's answers (records, parts, ranged
// bodies written into the sink, 409, 413, 416, 404, a body cut short).
#include "FakeHttpServer.h"
#include "TaskWatcher.h"
#include "domain/Errors.h"
#include "infrastructure/remote/HttpUploadStorage.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryFile>
#include <QTest>
#include <QUrlQuery>

using namespace edge;
using namespace edge::remote;
using namespace edge::remote::test;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qint64 MiB = 1024 * 1024;

QByteArray randomBytes(qint64 size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    for (qint64 i = 0; i < size; ++i)
        bytes[i] = char(generator.generate() & 0xff);
    return bytes;
}

QJsonObject uploadJson(const QString &key, qint64 size, const QJsonValue &sha256 = QJsonValue::Null)
{
    return {{u"key"_s, key},
            {u"size"_s, double(size)},
            {u"contentType"_s, u"application/pdf"_s},
            {u"originalName"_s, u"Guide 1.pdf"_s},
            {u"sha256"_s, sha256},
            {u"uploadedBy"_s, u"0b6f3c1e-8f5a-4c1d-9e2b-7a4d5c6e8f90"_s},
            {u"createdAt"_s, u"2026-11-27T10:00:00.000Z"_s}};
}

ScriptedResponse created(const QJsonValue &data)
{
    ScriptedResponse response = ScriptedResponse::success(data);
    response.status = 201;
    response.reason = "Created";
    return response;
}

QMap<QString, QString> queryOf(const RecordedRequest &request)
{
    const QUrl url(QString::fromLatin1(request.target));
    QMap<QString, QString> items;
    for (const auto &[name, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded))
        items.insert(name, value);
    return items;
}

QByteArray pathOf(const RecordedRequest &request)
{
    return request.target.left(request.target.indexOf('?') < 0 ? request.target.size() : request.target.indexOf('?'));
}

template<typename T>
bool finish(TaskWatcher<T> &watcher)
{
    return QTest::qWaitFor([&] { return watcher.isDone(); }, 20000);
}
} // namespace

class HttpUploadStorageTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void putStreamsTheFileUnderItsEncodedKey();
    void takenKeyAndTooLargeAreTheirErrors();
    void multipartSendsPartsAndCompletes();
    void rangedAndWholeDownloadsGoIntoTheSink();
    void downloadFaultsAreErrors();
    void listPassesFiltersSortAndCursor();
    void removeReadsTheRecordThenDeletes();
    void transfersReportProgressAndStopWhenCancelled();
    void closingTheStoreEndsWhatIsInFlight();

private:
    std::unique_ptr<FakeHttpServer> m_server;
    std::unique_ptr<HttpUploadStorage> m_storage;
};

void HttpUploadStorageTest::init()
{
    m_server = std::make_unique<FakeHttpServer>();
    m_storage = std::make_unique<HttpUploadStorage>(m_server->url(u"/api/v1"_s), [] { return u"token-1"_s; },
                                                    HttpUploadStorage::DefaultMaxRequestBytes, std::chrono::seconds(5));
}

void HttpUploadStorageTest::cleanup()
{
    m_storage.reset();
    m_server.reset();
}

void HttpUploadStorageTest::putStreamsTheFileUnderItsEncodedKey()
{
    const QByteArray bytes = randomBytes(3 * MiB + 7, 1);
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write(bytes);
    file.close();
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    m_server->enqueue(created(uploadJson(u"docs/Guide 1.pdf"_s, bytes.size(), sha)));

    TaskWatcher<Upload> put(m_storage->put({u"docs/Guide 1.pdf"_s, u"Guide 1 & more.pdf"_s, u"application/pdf"_s},
                                           UploadSource::file(file.fileName()), {}));
    QVERIFY(finish(put));
    QVERIFY2(put.succeeded(), qPrintable(put.describe()));
    QCOMPARE(put.value().sha256, sha);
    QCOMPARE(put.value().size, bytes.size());
    QCOMPARE(put.value().createdAt, QDateTime(QDate(2026, 11, 27), QTime(10, 0), Qt::UTC));

    const RecordedRequest &request = m_server->requests().at(0);
    QCOMPARE(request.method, QByteArray("PUT"));
    QCOMPARE(pathOf(request), QByteArray("/api/v1/uploads/docs%2FGuide%201.pdf")); // one segment
    QCOMPARE(queryOf(request).value(u"originalName"_s), u"Guide 1 & more.pdf"_s);
    QCOMPARE(request.header("Content-Type"), QByteArray("application/pdf"));
    QCOMPARE(request.header("Content-Length"), QByteArray::number(bytes.size()));
    QCOMPARE(request.header("Authorization"), QByteArray("Bearer token-1"));
    QVERIFY(request.body == bytes);

    // A part of a file goes as exactly that window of it.
    m_server->enqueue(created(uploadJson(u"part.bin"_s, 1000)));
    TaskWatcher<Upload> window(m_storage->put({u"part.bin"_s}, UploadSource::file(file.fileName(), MiB, 1000), {}));
    QVERIFY(finish(window));
    QVERIFY2(window.succeeded(), qPrintable(window.describe()));
    QVERIFY(m_server->requests().at(1).body == bytes.mid(MiB, 1000));
    // An unreadable file is refused before anything is sent.
    TaskWatcher<Upload> unreadable(m_storage->put({u"x.bin"_s}, UploadSource::file(u"/no/such/file"_s, 0, 10), {}));
    QVERIFY(finish(unreadable));
    QVERIFY(unreadable.error<ValidationError>());
    QCOMPARE(m_server->requestCount(), 2);
}

void HttpUploadStorageTest::takenKeyAndTooLargeAreTheirErrors()
{
    m_server->enqueue(ScriptedResponse::failure(409, u"conflict"_s, u"An upload with key a.bin already exists"_s,
                                                {{u"details"_s, QJsonObject{{u"key"_s, u"is already taken"_s}}}}));
    TaskWatcher<Upload> taken(m_storage->put({u"a.bin"_s}, UploadSource::bytes("abc"), {}));
    QVERIFY(finish(taken));
    QVERIFY(taken.error<ConflictError>());
    QVERIFY(taken.error<ConflictError>()->fieldErrors().contains(u"key"_s));

    m_server->enqueue(ScriptedResponse::failure(413, u"payload_too_large"_s, u"Upload is larger than 94371840 bytes"_s));
    TaskWatcher<Upload> large(m_storage->put({u"b.bin"_s}, UploadSource::bytes("abc"), {}));
    QVERIFY(finish(large));
    QVERIFY(large.error());
    QCOMPARE(large.error()->kind(), ErrorKind::PayloadTooLarge);
}

void HttpUploadStorageTest::multipartSendsPartsAndCompletes()
{
    const QByteArray bytes = randomBytes(5 * MiB + 10, 2);
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write(bytes);
    file.close();
    const QString uploadId = u"up/load+id="_s; // R2's ids are printable tokens: '/' stays in its segment
    m_server->enqueue(created(QJsonObject{{u"uploadId"_s, uploadId}, {u"key"_s, u"big.iso"_s}, {u"partSize"_s, double(5 * MiB)},
                                          {u"minPartSize"_s, double(5 * MiB)}, {u"maxParts"_s, 10000}}));
    TaskWatcher<MultipartUpload> started(m_storage->createMultipart({u"big.iso"_s, {}, u"application/x-iso9660-image"_s}, 5 * MiB));
    QVERIFY(finish(started));
    QVERIFY2(started.succeeded(), qPrintable(started.describe()));
    QCOMPARE(started.value().uploadId, uploadId);
    const QJsonObject createBody = QJsonDocument::fromJson(m_server->requests().at(0).body).object();
    QCOMPARE(createBody.value(u"key"_s).toString(), u"big.iso"_s);
    QCOMPARE(createBody.value(u"partSize"_s).toDouble(), double(5 * MiB));
    QCOMPARE(createBody.value(u"contentType"_s).toString(), u"application/x-iso9660-image"_s);

    m_server->enqueue(ScriptedResponse::success(QJsonObject{{u"partNumber"_s, 2}, {u"etag"_s, u"etag-2"_s}}));
    TaskWatcher<UploadedPart> part(m_storage->putPart(uploadId, 2, UploadSource::file(file.fileName(), 5 * MiB, 10)));
    QVERIFY(finish(part));
    QVERIFY2(part.succeeded(), qPrintable(part.describe()));
    QCOMPARE(part.value().etag, u"etag-2"_s);
    const RecordedRequest &partRequest = m_server->requests().at(1);
    QCOMPARE(partRequest.method, QByteArray("PUT"));
    QCOMPARE(pathOf(partRequest), QByteArray("/api/v1/uploads/multipart/up%2Fload%2Bid%3D/parts/2"));
    QVERIFY(partRequest.body == bytes.mid(5 * MiB));

    // Bad parts come back as the Worker's validation error on "parts".
    m_server->enqueue(ScriptedResponse::failure(400, u"validation"_s, u"The parts do not make up the file"_s,
                                                {{u"details"_s, QJsonObject{{u"parts"_s, u"must list each uploaded part"_s}}}}));
    TaskWatcher<Upload> bad(m_storage->completeMultipart(uploadId, {{1, u"etag-1"_s}, {2, u"wrong"_s}}, {}, {}));
    QVERIFY(finish(bad));
    QVERIFY(bad.error<ValidationError>());
    QVERIFY(bad.error<ValidationError>()->fieldErrors().contains(u"parts"_s));

    // The whole file's sha256 goes with the parts and comes back as the Worker recorded it.
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    m_server->enqueue(created(uploadJson(u"big.iso"_s, bytes.size(), sha)));
    TaskWatcher<Upload> done(m_storage->completeMultipart(uploadId, {{1, u"etag-1"_s}, {2, u"etag-2"_s}}, sha, {}));
    QVERIFY(finish(done));
    QVERIFY2(done.succeeded(), qPrintable(done.describe()));
    QCOMPARE(done.value().sha256, sha);
    QCOMPARE(QJsonDocument::fromJson(m_server->requests().at(3).body).object().value(u"sha256"_s).toString(), sha);
    const QJsonArray parts = QJsonDocument::fromJson(m_server->requests().at(3).body).object().value(u"parts"_s).toArray();
    QCOMPARE(parts.size(), 2);
    QCOMPARE(parts[1].toObject().value(u"partNumber"_s).toInt(), 2);
    QCOMPARE(parts[1].toObject().value(u"etag"_s).toString(), u"etag-2"_s);

    m_server->enqueue(ScriptedResponse::raw(204, "No Content", {}, {}));
    TaskWatcher<void> aborted(m_storage->abortMultipart(uploadId));
    QVERIFY(finish(aborted));
    QVERIFY2(aborted.succeeded(), qPrintable(aborted.describe()));
    QCOMPARE(m_server->requests().at(4).method, QByteArray("DELETE"));
    QCOMPARE(pathOf(m_server->requests().at(4)), QByteArray("/api/v1/uploads/multipart/up%2Fload%2Bid%3D"));
}

void HttpUploadStorageTest::rangedAndWholeDownloadsGoIntoTheSink()
{
    const QByteArray bytes = randomBytes(3 * MiB + 3, 3);
    const QByteArray sha = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
    m_server->enqueue(ScriptedResponse::raw(200, "OK", bytes, "application/pdf")
                          .withHeader("ETag", '"' + sha + '"')
                          .withHeader("Content-Disposition", "attachment; filename=\"R_sum_.pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9.pdf"));
    QBuffer whole;
    whole.open(QIODevice::WriteOnly);
    TaskWatcher<UploadDownload> all(m_storage->get(u"docs/Résumé.pdf"_s, std::nullopt, &whole));
    QVERIFY(finish(all));
    QVERIFY2(all.succeeded(), qPrintable(all.describe()));
    QVERIFY(whole.data() == bytes);
    QCOMPARE(all.value().length, bytes.size());
    QCOMPARE(all.value().upload.sha256, QString::fromLatin1(sha));
    QCOMPARE(all.value().upload.originalName, u"Résumé.pdf"_s);
    QCOMPARE(all.value().upload.contentType, u"application/pdf"_s);
    QCOMPARE(pathOf(m_server->requests().at(0)), QByteArray("/api/v1/uploads/docs%2FR%C3%A9sum%C3%A9.pdf"));
    QVERIFY(!m_server->requests().at(0).hasHeader("Range"));

    m_server->enqueue(ScriptedResponse::raw(206, "Partial Content", bytes.mid(MiB, 10), "application/pdf")
                          .withHeader("Content-Range", "bytes 1048576-1048585/" + QByteArray::number(bytes.size())));
    QBuffer part;
    part.open(QIODevice::WriteOnly);
    TaskWatcher<UploadDownload> ranged(m_storage->get(u"docs/Résumé.pdf"_s, ByteRange{MiB, 10}, &part));
    QVERIFY(finish(ranged));
    QVERIFY2(ranged.succeeded(), qPrintable(ranged.describe()));
    QCOMPARE(m_server->requests().at(1).header("Range"), QByteArray("bytes=1048576-1048585"));
    QVERIFY(part.data() == bytes.mid(MiB, 10));
    QCOMPARE(ranged.value().offset, MiB);
    QCOMPARE(ranged.value().upload.size, bytes.size());
}

void HttpUploadStorageTest::downloadFaultsAreErrors()
{
    QBuffer sink;
    sink.open(QIODevice::WriteOnly);
    m_server->enqueue(ScriptedResponse::failure(416, u"range_not_satisfiable"_s, u"The range is not satisfiable (size 10)"_s));
    TaskWatcher<UploadDownload> past(m_storage->get(u"a.bin"_s, ByteRange{10, 5}, &sink));
    QVERIFY(finish(past));
    QVERIFY2(past.error<ValidationError>(), qPrintable(past.describe()));
    QVERIFY(past.error<ValidationError>()->fieldErrors().contains(u"range"_s));
    QVERIFY(sink.data().isEmpty()); // an error body never lands in the file

    m_server->enqueue(ScriptedResponse::failure(404, u"not_found"_s, u"Upload not found: a.bin"_s));
    TaskWatcher<UploadDownload> missing(m_storage->get(u"a.bin"_s, std::nullopt, &sink));
    QVERIFY(finish(missing));
    QVERIFY(missing.error());
    QCOMPARE(missing.error()->kind(), ErrorKind::NotFound);
    QVERIFY(sink.data().isEmpty());

    // The connection dropped mid-body: an error saying so, never a short file passed as whole.
    m_server->enqueue(ScriptedResponse::resetMidBody(randomBytes(200000, 4)));
    TaskWatcher<UploadDownload> cut(m_storage->get(u"a.bin"_s, std::nullopt, &sink));
    QVERIFY(finish(cut));
    QVERIFY2(cut.error(), qPrintable(cut.describe()));
    QCOMPARE(cut.error()->kind(), ErrorKind::Unavailable);
}

void HttpUploadStorageTest::listPassesFiltersSortAndCursor()
{
    ScriptedResponse page = ScriptedResponse::raw(
        200, "OK",
        QJsonDocument(QJsonObject{{u"success"_s, true},
                                  {u"data"_s, QJsonArray{uploadJson(u"docs/a&b.pdf"_s, 5), uploadJson(u"docs/c.pdf"_s, 6)}},
                                  {u"cursor"_s, u"WyIyMDI2Il0"_s}})
            .toJson(QJsonDocument::Compact));
    m_server->enqueue(page);
    UploadListQuery query;
    query.prefix = u"docs/a&b"_s;
    query.cursor = u"abc+/="_s;
    query.limit = 2;
    TaskWatcher<UploadPage> listed(m_storage->list(query));
    QVERIFY(finish(listed));
    QVERIFY2(listed.succeeded(), qPrintable(listed.describe()));
    QCOMPARE(listed.value().items.size(), 2);
    QCOMPARE(listed.value().items[0].key, u"docs/a&b.pdf"_s);
    QCOMPARE(listed.value().nextCursor, u"WyIyMDI2Il0"_s);
    const QMap<QString, QString> sent = queryOf(m_server->requests().at(0));
    QCOMPARE(sent.value(u"prefix"_s), u"docs/a&b"_s);
    QCOMPARE(sent.value(u"cursor"_s), u"abc+/="_s);
    QCOMPARE(sent.value(u"limit"_s), u"2"_s);

    // The first page of the default list sends no filter, sort or order.
    for (const QString &absent : {u"q"_s, u"contentType"_s, u"sort"_s, u"order"_s})
        QVERIFY2(!sent.contains(absent), qPrintable(absent));

    // Search, type, sort and order travel as the Worker's parameters.
    m_server->enqueue(ScriptedResponse::raw(200, "OK", "{\"success\":true,\"data\":[],\"cursor\":null}"));
    UploadListQuery filtered;
    filtered.search = u"guide & co"_s;
    filtered.contentType = u"image/"_s;
    filtered.sort = UploadSort::Size;
    filtered.descending = false;
    TaskWatcher<UploadPage> second(m_storage->list(filtered));
    QVERIFY(finish(second));
    QVERIFY2(second.succeeded(), qPrintable(second.describe()));
    QVERIFY(second.value().nextCursor.isEmpty());
    const QMap<QString, QString> filters = queryOf(m_server->requests().at(1));
    QCOMPARE(filters.value(u"q"_s), u"guide & co"_s);
    QCOMPARE(filters.value(u"contentType"_s), u"image/"_s);
    QCOMPARE(filters.value(u"sort"_s), u"size"_s);
    QCOMPARE(filters.value(u"order"_s), u"asc"_s);

    // A cursor the Worker refuses comes back as its validation error on "cursor".
    m_server->enqueue(ScriptedResponse::failure(400, u"validation"_s, u"cursor belongs to another sort"_s,
                                                {{u"details"_s, QJsonObject{{u"cursor"_s, u"belongs to another sort"_s}}}}));
    filtered.cursor = u"WyIyMDI2Il0"_s;
    TaskWatcher<UploadPage> refused(m_storage->list(filtered));
    QVERIFY(finish(refused));
    QVERIFY(refused.error<ValidationError>());
    QVERIFY(refused.error<ValidationError>()->fieldErrors().contains(u"cursor"_s));
}

void HttpUploadStorageTest::removeReadsTheRecordThenDeletes()
{
    m_server->enqueue(ScriptedResponse::raw(
        200, "OK",
        QJsonDocument(QJsonObject{{u"success"_s, true},
                                  {u"data"_s, QJsonArray{uploadJson(u"a.pdf.old"_s, 1), uploadJson(u"a.pdf"_s, 42)}},
                                  {u"cursor"_s, QJsonValue::Null}})
            .toJson(QJsonDocument::Compact)));
    m_server->enqueue(ScriptedResponse::raw(204, "No Content", {}, {}));
    TaskWatcher<Upload> removed(m_storage->remove(u"a.pdf"_s, {}));
    QVERIFY(finish(removed));
    QVERIFY2(removed.succeeded(), qPrintable(removed.describe()));
    QCOMPARE(removed.value().size, 42);
    QCOMPARE(m_server->requests().at(1).method, QByteArray("DELETE"));
    QCOMPARE(pathOf(m_server->requests().at(1)), QByteArray("/api/v1/uploads/a.pdf"));

    m_server->enqueue(ScriptedResponse::raw(200, "OK", "{\"success\":true,\"data\":[],\"cursor\":null}"));
    TaskWatcher<Upload> missing(m_storage->remove(u"gone.pdf"_s, {}));
    QVERIFY(finish(missing));
    QVERIFY(missing.error());
    QCOMPARE(missing.error()->kind(), ErrorKind::NotFound);
    QCOMPARE(m_server->requestCount(), 3); // no DELETE for a file that is not there
}

void HttpUploadStorageTest::transfersReportProgressAndStopWhenCancelled()
{
    const QByteArray bytes = randomBytes(2 * MiB, 5);
    m_server->enqueue(created(uploadJson(u"watched.bin"_s, bytes.size())));
    UploadSource source = UploadSource::bytes(bytes);
    source.control = std::make_shared<TransferControl>();
    QSignalSpy progress(source.control.get(), &TransferControl::progressed);
    TaskWatcher<Upload> put(m_storage->put({u"watched.bin"_s}, source, {}));
    QVERIFY(finish(put));
    QVERIFY2(put.succeeded(), qPrintable(put.describe()));
    QTRY_VERIFY(!progress.isEmpty() && progress.last().at(0).toLongLong() == bytes.size());

    // Cancelled before it starts: nothing is sent.
    UploadSource cancelled = UploadSource::bytes(bytes);
    cancelled.control = std::make_shared<TransferControl>();
    cancelled.control->cancel();
    TaskWatcher<Upload> never(m_storage->put({u"never.bin"_s}, cancelled, {}));
    QVERIFY(finish(never));
    QVERIFY(never.error<TransferCancelledError>());
    QCOMPARE(m_server->requestCount(), 1);

    // Cancelled the moment it was sent, before the network opened the body: it ends as
    // cancelled, and the network opening the body afterwards finds it still there.
    UploadSource sent = UploadSource::bytes(bytes);
    sent.control = std::make_shared<TransferControl>();
    TaskWatcher<Upload> early(m_storage->put({u"early.bin"_s}, sent, {}));
    sent.control->cancel();
    QVERIFY(finish(early));
    QVERIFY(early.error<TransferCancelledError>());
    QCoreApplication::processEvents(); // the network's posted start of the request (it crashed here)

    // A download trickling in stops at the first bytes when cancelled.
    m_server->enqueue(ScriptedResponse::trickle(QByteArray(1000, 'x'), std::chrono::milliseconds(50)));
    auto control = std::make_shared<TransferControl>();
    TransferControl *c = control.get();
    connect(c, &TransferControl::progressed, c, [c](qint64 done) { if (done > 0) c->cancel(); });
    QBuffer sink;
    sink.open(QIODevice::WriteOnly);
    TaskWatcher<UploadDownload> stopped(m_storage->get(u"slow.bin"_s, std::nullopt, &sink, control));
    QVERIFY(finish(stopped));
    QVERIFY2(stopped.error<TransferCancelledError>(), qPrintable(stopped.describe()));
    QVERIFY(sink.data().size() < 1000);
}

void HttpUploadStorageTest::closingTheStoreEndsWhatIsInFlight()
{
    m_server->enqueue(ScriptedResponse::hang());
    QBuffer sink;
    sink.open(QIODevice::WriteOnly);
    TaskWatcher<UploadDownload> pending(m_storage->get(u"slow.bin"_s, std::nullopt, &sink));
    QTRY_COMPARE(m_server->requestCount(), 1);
    m_storage.reset();
    QVERIFY(finish(pending));
    QVERIFY2(pending.error(), qPrintable(pending.describe()));
    QCOMPARE(pending.error()->kind(), ErrorKind::Unavailable);
}

QTEST_GUILESS_MAIN(HttpUploadStorageTest)
#include "tst_httpuploadstorage.moc"
