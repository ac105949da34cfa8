#pragma once

#include "application/Backend.h"
#include "application/ports/UploadStorage.h"
#include "FakeLessonRepository.h"
#include "FakeProgressRepository.h"
#include "domain/Errors.h"

#include <QHash>
#include <QMap>
#include <QObject>

#include <optional>

namespace edge::test {

// An in-memory UploadStorage, for testing what sits above the port (the upload handlers, the
// transfer queue, the Uploads page's model); the real stores have their own tests. Calls read
// and write at once; answers arrive from the event loop, as from a store's thread or the
// network. Lists are by key prefix and search, newest first (ties by key). Tests can count
// calls of each kind and make the next call of a kind fail with a given DomainError.
class FakeUploadStorage final : public QObject, public UploadStorage
{
    Q_OBJECT

public:
    enum class Call { Find, List, Put, CreateMultipart, PutPart, Complete, Abort, Get, Remove };
    Q_ENUM(Call)

    explicit FakeUploadStorage(qint64 maxRequestBytes = 90 * 1024 * 1024, QObject *parent = nullptr);

    // --- Seeding and looking (not counted)
    void addFile(const Upload &upload, const QByteArray &bytes);
    QByteArray bytesOf(const QString &key) const;
    int fileCount() const { return int(m_files.size()); }
    int openMultipartCount() const { return int(m_multipart.size()); }
    int calls(Call call) const { return m_calls.value(call); }
    // The next call of this kind throws `error` before it reads or writes.
    void failNext(Call call, const DomainError &error);
    // The next putPart of this part number throws `error` (once).
    void failPart(int partNumber, const DomainError &error);
    // Calls of this kind wait (counted, before they read or write) until release() lets
    // `count` of them through (the oldest first; the rest of count lets later calls pass) or
    // unhold() lets all through. waiting() is how many wait now: a released call no longer
    // counts, even before it runs.
    void hold(Call call);
    void release(Call call, int count = 1);
    // Lets the most recent waiting call through first (answers out of order).
    void releaseNewest(Call call);
    void unhold(Call call);
    int waiting(Call call) const { return int(m_blocked.value(call).size()); }
    // Part numbers stored by putPart, in the order they were stored (a part sent again shows twice).
    const QList<int> &partsStored() const { return m_partsStored; }
    // Forgets every multipart upload in flight, as a store's sweep does.
    void forgetMultipartUploads() { m_multipart.clear(); }
    // The next get writes `bytes` bytes into the sink and then throws `error` (a cut download).
    void cutNextGet(qint64 bytes, const DomainError &error);
    // The range of the last get (std::nullopt: the whole file).
    std::optional<ByteRange> lastGetRange() const { return m_lastGetRange; }

    qint64 maxRequestBytes() const override { return m_maxRequestBytes; }
    QCoro::Task<std::optional<Upload>> find(QString key) override;
    QCoro::Task<UploadPage> list(UploadListQuery query) override;
    QCoro::Task<Upload> put(UploadNaming naming, UploadSource source, UploadEvent describe) override;
    QCoro::Task<MultipartUpload> createMultipart(UploadNaming naming, qint64 partSize) override;
    QCoro::Task<UploadedPart> putPart(QString uploadId, int partNumber, UploadSource source) override;
    QCoro::Task<Upload> completeMultipart(QString uploadId, QList<UploadedPart> parts, QString sha256,
                                          UploadEvent describe) override;
    QCoro::Task<void> abortMultipart(QString uploadId) override;
    QCoro::Task<UploadDownload> get(QString key, std::optional<ByteRange> range, QIODevice *sink,
                                    std::shared_ptr<TransferControl> control = {}) override;
    QCoro::Task<Upload> remove(QString key, UploadEvent describe) override;

private:
    struct File
    {
        Upload upload;
        QByteArray bytes;
    };
    struct Multipart
    {
        UploadNaming naming;
        qint64 partSize = 0;
        QMap<int, QByteArray> parts;
    };

    // Counts the call, lets a turn of the event loop pass, and throws a planned failure.
    QCoro::Task<void> begin(Call call);
    static QByteArray readSource(const UploadSource &source);
    Upload recordFile(const UploadNaming &naming, const QByteArray &bytes, const QString &sha256);

    qint64 m_maxRequestBytes;
    QMap<QString, File> m_files;
    QHash<QString, Multipart> m_multipart;
    QHash<Call, int> m_calls;
    QHash<Call, std::shared_ptr<DomainError>> m_failures;
    QHash<int, std::shared_ptr<DomainError>> m_partFailures;
    QHash<Call, int> m_allowance; // held calls that may pass
    QHash<Call, QList<std::shared_ptr<bool>>> m_blocked; // each waiting call's "go"
    QList<int> m_partsStored;
    std::optional<ByteRange> m_lastGetRange;
    qint64 m_cutBytes = -1;
    std::shared_ptr<DomainError> m_cutError;
};

// A Backend whose only working port is a FakeUploadStorage (users and the audit trail refuse
// every call): for Services in tests of the transfer queue and the Uploads page.
class FakeUploadBackend final : public Backend
{
public:
    explicit FakeUploadBackend(QString location = QStringLiteral("fake://uploads"), qint64 maxRequestBytes = 90 * 1024 * 1024);
    ~FakeUploadBackend() override;

    FakeUploadStorage &storage() { return m_uploads; }

    QString location() const override { return m_location; }
    QString kindName() const override { return QStringLiteral("Fake store"); }
    UserRepository &users() override;
    LessonRepository &lessons() override { return m_lessons; }
    ProgressRepository &progress() override { return m_progress; }
    UploadStorage &uploads() override { return m_uploads; }
    EventLog &events() override;

private:
    QString m_location;
    FakeUploadStorage m_uploads;
    FakeLessonRepository m_lessons;
    FakeProgressRepository m_progress;
    struct Refusing;
    std::unique_ptr<Refusing> m_refusing;
};

} // namespace edge::test
