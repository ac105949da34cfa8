#include "FakeUploadStorage.h"

#include <QCoro/QCoroTimer>
#include <QCryptographicHash>
#include <QDateTime>

#include <algorithm>

namespace edge::test {

FakeUploadStorage::FakeUploadStorage(qint64 maxRequestBytes, QObject *parent)
    : QObject(parent), m_maxRequestBytes(maxRequestBytes)
{
}

void FakeUploadStorage::addFile(const Upload &upload, const QByteArray &bytes)
{
    m_files.insert(upload.key, File{upload, bytes});
}

QByteArray FakeUploadStorage::bytesOf(const QString &key) const
{
    return m_files.value(key).bytes;
}

void FakeUploadStorage::failNext(Call call, const DomainError &error)
{
    m_failures.insert(call, std::make_shared<DomainError>(error));
}

void FakeUploadStorage::failPart(int partNumber, const DomainError &error)
{
    m_partFailures.insert(partNumber, std::make_shared<DomainError>(error));
}

void FakeUploadStorage::cutNextGet(qint64 bytes, const DomainError &error)
{
    m_cutBytes = bytes;
    m_cutError = std::make_shared<DomainError>(error);
}

void FakeUploadStorage::hold(Call call)
{
    m_allowance.insert(call, 0);
}

void FakeUploadStorage::release(Call call, int count)
{
    QList<std::shared_ptr<bool>> &blocked = m_blocked[call];
    while (count > 0 && !blocked.isEmpty()) {
        *blocked.takeFirst() = true;
        --count;
    }
    if (m_allowance.contains(call))
        m_allowance[call] += count;
}

void FakeUploadStorage::releaseNewest(Call call)
{
    QList<std::shared_ptr<bool>> &blocked = m_blocked[call];
    if (!blocked.isEmpty())
        *blocked.takeLast() = true;
}

void FakeUploadStorage::unhold(Call call)
{
    m_allowance.remove(call);
    for (const std::shared_ptr<bool> &go : m_blocked.take(call))
        *go = true;
}

QCoro::Task<void> FakeUploadStorage::begin(Call call)
{
    ++m_calls[call];
    co_await QCoro::sleepFor(std::chrono::milliseconds(0)); // never synchronously
    if (m_allowance.contains(call)) {
        if (m_allowance.value(call) > 0) {
            --m_allowance[call];
        } else {
            // Polled rather than signalled: a release never reaches a call that ended.
            auto go = std::make_shared<bool>(false);
            m_blocked[call].append(go);
            while (!*go)
                co_await QCoro::sleepFor(std::chrono::milliseconds(1));
        }
    }
    if (const auto failure = m_failures.take(call))
        throw *failure;
}

QByteArray FakeUploadStorage::readSource(const UploadSource &source)
{
    const std::unique_ptr<QIODevice> device = source.open();
    if (!device || !device->isOpen())
        throw StoreError(QStringLiteral("Could not read the file: %1").arg(device ? device->errorString() : QString()));
    if (!device->seek(source.offset))
        throw StoreError(QStringLiteral("Could not read the file: %1").arg(device->errorString()));
    const QByteArray bytes = device->read(source.length);
    if (bytes.size() != source.length)
        throw StoreError(QStringLiteral("The file ended early"));
    if (source.control) {
        source.control->throwIfCancelled();
        source.control->report(bytes.size(), bytes.size());
    }
    return bytes;
}

Upload FakeUploadStorage::recordFile(const UploadNaming &naming, const QByteArray &bytes, const QString &sha256)
{
    Upload upload;
    upload.key = naming.key;
    upload.size = bytes.size();
    upload.contentType = naming.contentType;
    upload.originalName = naming.originalName;
    upload.sha256 = sha256;
    upload.createdAt = QDateTime::currentDateTimeUtc();
    m_files.insert(upload.key, File{upload, bytes});
    return upload;
}

QCoro::Task<std::optional<Upload>> FakeUploadStorage::find(QString key)
{
    co_await begin(Call::Find);
    if (!m_files.contains(key))
        co_return std::nullopt;
    co_return m_files.value(key).upload;
}

QCoro::Task<UploadPage> FakeUploadStorage::list(UploadListQuery query)
{
    co_await begin(Call::List);
    QList<Upload> matching;
    for (const File &file : std::as_const(m_files)) {
        const Upload &upload = file.upload;
        if (!upload.key.startsWith(query.prefix))
            continue;
        if (!query.search.isEmpty() && !upload.key.contains(query.search, Qt::CaseInsensitive)
            && !upload.originalName.contains(query.search, Qt::CaseInsensitive))
            continue;
        matching.append(upload);
    }
    std::sort(matching.begin(), matching.end(), [](const Upload &a, const Upload &b) {
        return a.createdAt != b.createdAt ? a.createdAt > b.createdAt : a.key > b.key;
    });
    // The cursor is the index of the next row: enough for a fake that nobody writes to meanwhile.
    const int start = query.cursor.isEmpty() ? 0 : query.cursor.toInt();
    UploadPage page;
    page.items = matching.mid(start, query.limit);
    if (start + query.limit < matching.size())
        page.nextCursor = QString::number(start + query.limit);
    co_return page;
}

QCoro::Task<Upload> FakeUploadStorage::put(UploadNaming naming, UploadSource source, UploadEvent describe)
{
    Q_UNUSED(describe)
    co_await begin(Call::Put);
    if (m_files.contains(naming.key))
        throw ConflictError(QStringLiteral("A file named %1 already exists").arg(naming.key));
    const QByteArray bytes = readSource(source);
    co_return recordFile(naming, bytes, QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
}

QCoro::Task<MultipartUpload> FakeUploadStorage::createMultipart(UploadNaming naming, qint64 partSize)
{
    co_await begin(Call::CreateMultipart);
    if (m_files.contains(naming.key))
        throw ConflictError(QStringLiteral("A file named %1 already exists").arg(naming.key));
    const QString uploadId = QStringLiteral("upload-%1").arg(m_calls.value(Call::CreateMultipart));
    m_multipart.insert(uploadId, Multipart{naming, partSize, {}});
    co_return MultipartUpload{uploadId, naming.key, partSize};
}

QCoro::Task<UploadedPart> FakeUploadStorage::putPart(QString uploadId, int partNumber, UploadSource source)
{
    co_await begin(Call::PutPart);
    if (const auto failure = m_partFailures.take(partNumber))
        throw *failure;
    if (!m_multipart.contains(uploadId))
        throw NotFoundError(QStringLiteral("Multipart upload"), uploadId);
    const QByteArray bytes = readSource(source);
    m_multipart[uploadId].parts.insert(partNumber, bytes);
    m_partsStored.append(partNumber);
    co_return UploadedPart{partNumber, QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Md5).toHex())};
}

QCoro::Task<Upload> FakeUploadStorage::completeMultipart(QString uploadId, QList<UploadedPart> parts, QString sha256,
                                                     UploadEvent describe)
{
    Q_UNUSED(describe)
    co_await begin(Call::Complete);
    if (!m_multipart.contains(uploadId))
        throw NotFoundError(QStringLiteral("Multipart upload"), uploadId);
    const Multipart &upload = m_multipart[uploadId];
    QByteArray whole;
    for (const UploadedPart &part : parts) {
        const QByteArray bytes = upload.parts.value(part.partNumber);
        if (bytes.isEmpty() || QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Md5).toHex()) != part.etag)
            throw ValidationError::field(QStringLiteral("parts"), QStringLiteral("part %1 was not uploaded as named").arg(part.partNumber));
        whole += bytes;
    }
    const QString assembled = QString::fromLatin1(QCryptographicHash::hash(whole, QCryptographicHash::Sha256).toHex());
    if (!sha256.isEmpty() && sha256 != assembled)
        throw ValidationError::field(QStringLiteral("sha256"), QStringLiteral("does not match the parts sent"));
    const Upload stored = recordFile(upload.naming, whole, assembled);
    m_multipart.remove(uploadId);
    co_return stored;
}

QCoro::Task<void> FakeUploadStorage::abortMultipart(QString uploadId)
{
    co_await begin(Call::Abort);
    if (!m_multipart.remove(uploadId))
        throw NotFoundError(QStringLiteral("Multipart upload"), uploadId);
}

QCoro::Task<UploadDownload> FakeUploadStorage::get(QString key, std::optional<ByteRange> range, QIODevice *sink,
                                                   std::shared_ptr<TransferControl> control)
{
    m_lastGetRange = range;
    co_await begin(Call::Get);
    if (!m_files.contains(key))
        throw NotFoundError(QStringLiteral("Upload"), key);
    const File &file = m_files[key];
    const ByteRange resolved = range ? resolveRange(*range, file.upload.size) : ByteRange{0, file.upload.size};
    if (control)
        control->throwIfCancelled();
    if (m_cutError) {
        const std::shared_ptr<DomainError> cut = std::move(m_cutError);
        sink->write(file.bytes.mid(resolved.offset, qMin(m_cutBytes, resolved.length)));
        throw *cut;
    }
    sink->write(file.bytes.mid(resolved.offset, resolved.length));
    if (control)
        control->report(resolved.length, resolved.length);
    co_return UploadDownload{file.upload, resolved.offset, resolved.length};
}

QCoro::Task<Upload> FakeUploadStorage::remove(QString key, UploadEvent describe)
{
    Q_UNUSED(describe)
    co_await begin(Call::Remove);
    if (!m_files.contains(key))
        throw NotFoundError(QStringLiteral("Upload"), key);
    co_return m_files.take(key).upload;
}

} // namespace edge::test

namespace edge::test {

namespace {
DomainError notInThisFake()
{
    return DomainError(ErrorKind::Internal, QStringLiteral("FakeUploadBackend keeps files only"));
}

class RefusingUsers final : public UserRepository
{
public:
    QCoro::Task<std::optional<User>> findById(QString) override { throw notInThisFake(); }
    QCoro::Task<std::optional<User>> findByEmail(Email) override { throw notInThisFake(); }
    QCoro::Task<UserPage> list(UserListQuery) override { throw notInThisFake(); }
    QCoro::Task<qint64> count(QString) override { throw notInThisFake(); }
    QCoro::Task<User> insert(User, QString, DomainEvent) override { throw notInThisFake(); }
    QCoro::Task<User> update(UserWrite) override { throw notInThisFake(); }
    QCoro::Task<User> remove(QString, DeletionEvent) override { throw notInThisFake(); }
    QCoro::Task<UserDashboard> dashboard(QString) override { throw notInThisFake(); }
    QCoro::Task<QList<SignInSession>> sessions(QString) override { throw notInThisFake(); }
    QCoro::Task<int> endSessions(QString, SessionsEndedEvent) override { throw notInThisFake(); }
};

class RefusingEvents final : public EventLog
{
public:
    QCoro::Task<EventPage> list(EventQuery) override { throw notInThisFake(); }
};
} // namespace

struct FakeUploadBackend::Refusing
{
    RefusingUsers users;
    RefusingEvents events;
};

FakeUploadBackend::FakeUploadBackend(QString location, qint64 maxRequestBytes)
    : m_location(std::move(location))
    , m_uploads(maxRequestBytes)
    , m_refusing(std::make_unique<Refusing>())
{
}

FakeUploadBackend::~FakeUploadBackend() = default;

UserRepository &FakeUploadBackend::users()
{
    return m_refusing->users;
}

EventLog &FakeUploadBackend::events()
{
    return m_refusing->events;
}

} // namespace edge::test
