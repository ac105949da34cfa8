#include "UploadBlobFiles.h"

#include "domain/Errors.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QUuid>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>
#endif

namespace edge {

namespace {
Q_LOGGING_CATEGORY(lcUploadFiles, "edge.sqlite.uploads")

const QString FilesFolder = QStringLiteral("files");
const QString TemporaryFolder = QStringLiteral("tmp");
const QString MultipartFolder = QStringLiteral("multipart");
const QString LegacyFolder = QStringLiteral("uploads");

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

bool isUuid(const QString &text)
{
    static const QRegularExpression pattern(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
    return pattern.match(text).hasMatch();
}

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

StoreError writeFailure(const QString &what, const QString &path, const QString &why)
{
    return StoreError(QStringLiteral("Cannot store %1 in %2: %3. Nothing of it was stored.").arg(what, native(path), why));
}

ValidationError sourceFailure(const QString &why)
{
    return ValidationError(QStringLiteral("The file could not be read: %1. Nothing was stored.").arg(why),
                           {{QStringLiteral("body"), why}});
}

void syncFile(QFile &file, const QString &what)
{
#ifdef Q_OS_UNIX
    if (::fsync(file.handle()) != 0)
        throw writeFailure(what, file.fileName(), qt_error_string(errno));
#else
    Q_UNUSED(file)
    Q_UNUSED(what)
#endif
}

void syncFolder(const QString &folder, const QString &what)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        throw writeFailure(what, folder, qt_error_string(errno));
    const int result = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (result != 0 && error != EINVAL) // some file systems cannot sync a folder at all
        throw writeFailure(what, folder, qt_error_string(error));
#else
    Q_UNUSED(folder)
    Q_UNUSED(what)
#endif
}

// rename(2): atomic within one file system, never QFile's copy-and-delete fallback. Replaces
// `to` if it exists (a part sent again).
void renameOver(const QString &from, const QString &to, const QString &what)
{
#ifdef Q_OS_UNIX
    if (::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0)
        throw writeFailure(what, to, qt_error_string(errno));
#else
    QFile::remove(to);
    QFile file(from);
    if (!file.rename(to))
        throw writeFailure(what, to, file.errorString());
#endif
}

// A temporary file that removes itself unless it was renamed into place.
class TemporaryBlob
{
public:
    TemporaryBlob(const QString &folder, const QString &what)
        : m_file(folder + QLatin1Char('/') + newUuid() + QStringLiteral(".partial"))
        , m_what(what)
    {
        if (!m_file.open(QIODevice::WriteOnly | QIODevice::NewOnly | QIODevice::Unbuffered))
            throw writeFailure(m_what, m_file.fileName(), m_file.errorString());
    }
    ~TemporaryBlob()
    {
        if (!m_published) {
            m_file.close();
            QFile::remove(m_file.fileName());
        }
    }

    // A full disk first accepts part of a write and refuses the rest: writing on until every
    // byte is taken or refused is what brings out the reason ("No space left on device").
    void append(const char *data, qint64 size)
    {
        for (qint64 written = 0; written < size;) {
            const qint64 now = m_file.write(data + written, size - written);
            if (now <= 0)
                throw writeFailure(m_what, m_file.fileName(), m_file.errorString());
            written += now;
        }
        m_hash.addData(QByteArrayView(data, size));
        m_size += size;
    }

    qint64 size() const { return m_size; }

    // fsync, close and rename to `path`, then fsync its folder: durable under its name.
    QString publish(const QString &path)
    {
        syncFile(m_file, m_what);
        m_file.close();
        if (m_file.error() != QFileDevice::NoError)
            throw writeFailure(m_what, m_file.fileName(), m_file.errorString());
        renameOver(m_file.fileName(), path, m_what);
        m_published = true;
        try {
            syncFolder(QFileInfo(path).absolutePath(), m_what);
        } catch (...) {
            QFile::remove(path);
            throw;
        }
        return QString::fromLatin1(m_hash.result().toHex());
    }

private:
    QFile m_file;
    QString m_what;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    qint64 m_size = 0;
    bool m_published = false;
};

// Streams exactly source.length bytes of the source into `into`.
void copySource(const UploadSource &source, TemporaryBlob &into)
{
    if (!source.open)
        throw sourceFailure(QStringLiteral("there is no source"));
    std::unique_ptr<QIODevice> device = source.open();
    if (!device || !device->isOpen())
        throw sourceFailure(device ? device->errorString() : QStringLiteral("it cannot be opened"));
    if (source.offset > 0 && !device->seek(source.offset))
        throw sourceFailure(QStringLiteral("cannot go to byte %1 (%2)").arg(source.offset).arg(device->errorString()));
    QByteArray chunk(int(std::min<qint64>(UploadBlobFiles::ChunkBytes, std::max<qint64>(source.length, 1))), Qt::Uninitialized);
    for (qint64 remaining = source.length; remaining > 0;) {
        if (source.control)
            source.control->throwIfCancelled();
        const qint64 got = device->read(chunk.data(), std::min<qint64>(chunk.size(), remaining));
        if (got < 0)
            throw sourceFailure(device->errorString());
        if (got == 0)
            throw sourceFailure(QStringLiteral("it ended after %1 of %2 bytes (changed while being uploaded?)")
                                    .arg(source.length - remaining).arg(source.length));
        into.append(chunk.constData(), got);
        remaining -= got;
        if (source.control)
            source.control->report(source.length - remaining, source.length);
    }
}

ValidationError partsError(const QString &problem)
{
    return ValidationError(
        QStringLiteral("The parts do not make up the file: %1").arg(problem),
        {{QStringLiteral("parts"), problem}});
}

QString partPrefix(int partNumber)
{
    return QString::number(partNumber) + QLatin1Char('-');
}
} // namespace

QString UploadBlobFiles::newObjectKey()
{
    return FilesFolder + QLatin1Char('/') + newUuid();
}

QString UploadBlobFiles::pathOf(const QString &objectKey) const
{
    if (!objectKey.startsWith(FilesFolder + QLatin1Char('/')) || !isUuid(objectKey.mid(FilesFolder.size() + 1)))
        throw StoreError(QStringLiteral("The store names an uploaded file's blob \"%1\", which is not a blob name of the form "
                                        "files/<uuid>").arg(objectKey.left(120)));
    return m_folder + QLatin1Char('/') + objectKey;
}

QString UploadBlobFiles::pathOfLegacyKey(const QString &key) const
{
    const QStringList segments = key.split(QLatin1Char('/'));
    const bool safe = !key.isEmpty() && !key.contains(QLatin1Char('\\'))
        && std::none_of(segments.cbegin(), segments.cend(), [](const QString &s) {
               return s.isEmpty() || s == QLatin1String(".") || s == QLatin1String("..");
           });
    if (!safe)
        throw StoreError(QStringLiteral("The upload key \"%1\" cannot name a file in the store's folder").arg(key.left(120)));
    return m_folder + QLatin1Char('/') + LegacyFolder + QLatin1Char('/') + key;
}

QString UploadBlobFiles::ensureFolder(const QString &relative) const
{
    const QString path = m_folder + QLatin1Char('/') + relative;
    if (!QFileInfo(path).isDir()) {
        if (!QDir().mkpath(path) || !QFileInfo(path).isDir())
            throw StoreError(QStringLiteral("Cannot create the folder %1 for uploaded files").arg(native(path)));
        syncFolder(QFileInfo(path).absolutePath(), QStringLiteral("the folder"));
    }
    return path;
}

UploadBlobFiles::Written UploadBlobFiles::write(const UploadSource &source, const QString &what) const
{
    const QString temporaryFolder = ensureFolder(TemporaryFolder);
    ensureFolder(FilesFolder);
    TemporaryBlob blob(temporaryFolder, what);
    copySource(source, blob);
    Written written;
    written.objectKey = newObjectKey();
    written.size = blob.size();
    written.sha256 = blob.publish(pathOf(written.objectKey));
    return written;
}

void UploadBlobFiles::copyTo(const QString &path, qint64 offset, qint64 length, QIODevice *sink, TransferControl *control) const
{
    QFile file(path);
    if (!file.exists())
        throw NotFoundError(QStringLiteral("Upload content"), native(path));
    if (!file.open(QIODevice::ReadOnly) || (offset > 0 && !file.seek(offset)))
        throw StoreError(QStringLiteral("Cannot read the uploaded file %1: %2").arg(native(path), file.errorString()));
    QByteArray chunk(int(std::min<qint64>(ChunkBytes, std::max<qint64>(length, 1))), Qt::Uninitialized);
    for (qint64 remaining = length; remaining > 0;) {
        if (control)
            control->throwIfCancelled();
        const qint64 got = file.read(chunk.data(), std::min<qint64>(chunk.size(), remaining));
        if (got <= 0)
            throw StoreError(QStringLiteral("Cannot read the uploaded file %1: %2")
                                 .arg(native(path), got < 0 ? file.errorString() : QStringLiteral("it is shorter than recorded")));
        for (qint64 put = 0; put < got;) {
            const qint64 now = sink->write(chunk.constData() + put, got - put);
            if (now <= 0)
                throw StoreError(QStringLiteral("Cannot write the download: %1").arg(sink->errorString()));
            put += now;
        }
        remaining -= got;
        if (control)
            control->report(length - remaining, length);
    }
}

bool UploadBlobFiles::remove(const QString &objectKey) const noexcept
{
    try {
        const QString path = pathOf(objectKey);
        if (QFile::remove(path) || !QFileInfo::exists(path))
            return true;
        qCWarning(lcUploadFiles) << "Could not remove the unreferenced upload blob" << native(path);
        return false;
    } catch (...) {
        return false;
    }
}

QString UploadBlobFiles::multipartFolder(const QString &uploadId) const
{
    if (!isUuid(uploadId))
        throw NotFoundError(QStringLiteral("Multipart upload"), uploadId.left(120));
    return m_folder + QLatin1Char('/') + MultipartFolder + QLatin1Char('/') + uploadId;
}

UploadBlobFiles::Multipart UploadBlobFiles::createMultipart(const UploadNaming &naming, qint64 partSize) const
{
    Multipart upload{newUuid(), naming, partSize};
    const QString folder = ensureFolder(MultipartFolder + QLatin1Char('/') + upload.uploadId);
    const QJsonObject description{{QStringLiteral("key"), naming.key},
                                  {QStringLiteral("originalName"), naming.originalName},
                                  {QStringLiteral("contentType"), naming.contentType},
                                  {QStringLiteral("partSize"), double(partSize)}};
    const QString what = QStringLiteral("the multipart upload of %1").arg(naming.key);
    try {
        TemporaryBlob file(ensureFolder(TemporaryFolder), what);
        const QByteArray json = QJsonDocument(description).toJson(QJsonDocument::Compact);
        file.append(json.constData(), json.size());
        file.publish(folder + QStringLiteral("/upload.json"));
    } catch (...) {
        QDir(folder).removeRecursively();
        throw;
    }
    return upload;
}

UploadBlobFiles::Multipart UploadBlobFiles::multipart(const QString &uploadId) const
{
    const QString folder = multipartFolder(uploadId);
    QFile file(folder + QStringLiteral("/upload.json"));
    if (!file.open(QIODevice::ReadOnly))
        throw NotFoundError(QStringLiteral("Multipart upload"), uploadId);
    const QJsonObject description = QJsonDocument::fromJson(file.read(64 * 1024)).object();
    Multipart upload;
    upload.uploadId = uploadId;
    upload.naming.key = description.value(QStringLiteral("key")).toString();
    upload.naming.originalName = description.value(QStringLiteral("originalName")).toString();
    upload.naming.contentType = description.value(QStringLiteral("contentType")).toString();
    upload.partSize = qint64(description.value(QStringLiteral("partSize")).toDouble());
    if (upload.naming.key.isEmpty() || upload.partSize <= 0)
        throw StoreError(QStringLiteral("The multipart upload %1 is damaged (%2)").arg(uploadId, native(file.fileName())));
    return upload;
}

std::optional<QString> UploadBlobFiles::multipartFor(const QString &key) const
{
    const QDir folder(m_folder + QLatin1Char('/') + MultipartFolder);
    for (const QString &uploadId : folder.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        try {
            if (multipart(uploadId).naming.key == key)
                return uploadId;
        } catch (const DomainError &) {
            // a folder being created or removed right now, or not ours: no reservation
        }
    }
    return std::nullopt;
}

UploadedPart UploadBlobFiles::writePart(const Multipart &upload, int partNumber, const UploadSource &source) const
{
    if (source.length < 1 || source.length > upload.partSize) {
        const QString p = QStringLiteral("part must be 1 to %1 bytes (the partSize of this upload)").arg(upload.partSize);
        throw ValidationError(p, {{QStringLiteral("body"), p}});
    }
    const QString folder = multipartFolder(upload.uploadId);
    const QString what = QStringLiteral("part %1 of %2").arg(partNumber).arg(upload.naming.key);
    TemporaryBlob blob(ensureFolder(TemporaryFolder), what);
    copySource(source, blob);
    // Named by its hash (the etag), so completion finds exactly the bytes the etag names.
    QString etag;
    {
        // The hash is only known at publish time: publish under a provisional name first.
        const QString provisional = folder + QLatin1Char('/') + partPrefix(partNumber) + newUuid() + QStringLiteral(".sending");
        etag = blob.publish(provisional);
        const QString path = folder + QLatin1Char('/') + partPrefix(partNumber) + etag + QStringLiteral(".part");
        try {
            renameOver(provisional, path, what);
        } catch (...) {
            QFile::remove(provisional);
            throw;
        }
    }
    // An earlier try of the same part is replaced.
    const QDir parts(folder);
    for (const QString &old : parts.entryList({partPrefix(partNumber) + QLatin1Char('*')}, QDir::Files)) {
        if (old != partPrefix(partNumber) + etag + QStringLiteral(".part"))
            QFile::remove(parts.filePath(old));
    }
    return {partNumber, etag};
}

UploadBlobFiles::Written UploadBlobFiles::assemble(const Multipart &upload, const QList<UploadedPart> &parts) const
{
    const QString folder = multipartFolder(upload.uploadId);
    QStringList paths;
    for (int i = 0; i < parts.size(); ++i) {
        const UploadedPart &part = parts[i];
        static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
        const QString path = folder + QLatin1Char('/') + partPrefix(part.partNumber) + part.etag + QStringLiteral(".part");
        if (part.partNumber != i + 1 || !hex.match(part.etag).hasMatch() || !QFileInfo::exists(path))
            throw partsError(QStringLiteral("part %1 was not uploaded with etag %2").arg(part.partNumber).arg(part.etag.left(80)));
        const qint64 size = QFileInfo(path).size();
        const bool last = i == parts.size() - 1;
        if ((!last && size != upload.partSize) || size < 1 || size > upload.partSize)
            throw partsError(QStringLiteral("part %1 has %2 bytes; every part but the last must be exactly %3 bytes")
                                 .arg(part.partNumber).arg(size).arg(upload.partSize));
        paths << path;
    }
    ensureFolder(FilesFolder);
    const QString what = QStringLiteral("the file %1").arg(upload.naming.key);
    TemporaryBlob blob(ensureFolder(TemporaryFolder), what);
    for (const QString &path : std::as_const(paths)) {
        UploadSource source = UploadSource::file(path);
        copySource(source, blob);
    }
    Written written;
    written.objectKey = newObjectKey();
    written.size = blob.size();
    written.sha256 = blob.publish(pathOf(written.objectKey));
    return written;
}

void UploadBlobFiles::abortMultipart(const QString &uploadId) const
{
    multipart(uploadId); // NotFoundError when not in flight
    QDir folder(multipartFolder(uploadId));
    if (!folder.removeRecursively())
        throw StoreError(QStringLiteral("Cannot remove the parts of the multipart upload in %1").arg(native(folder.absolutePath())));
}

UploadBlobFiles::Leftovers UploadBlobFiles::sweep(qint64 minAgeSeconds) const
{
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-minAgeSeconds);
    auto old = [&before](const QFileInfo &info) { return info.lastModified().toUTC() < before; };
    Leftovers found;
    const QDir temporary(m_folder + QLatin1Char('/') + TemporaryFolder);
    for (const QFileInfo &info : temporary.entryInfoList(QDir::Files | QDir::Hidden)) {
        if (old(info) && QFile::remove(info.absoluteFilePath()))
            ++found.temporariesRemoved;
    }
    const QDir multipart(m_folder + QLatin1Char('/') + MultipartFolder);
    for (const QFileInfo &upload : multipart.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        // The newest file of the upload says when it was last used.
        bool recent = !old(upload);
        for (const QFileInfo &file : QDir(upload.absoluteFilePath()).entryInfoList(QDir::Files))
            recent = recent || !old(file);
        if (!recent && isUuid(upload.fileName()) && QDir(upload.absoluteFilePath()).removeRecursively())
            ++found.multipartRemoved;
    }
    const QDir files(m_folder + QLatin1Char('/') + FilesFolder);
    for (const QFileInfo &info : files.entryInfoList(QDir::Files)) {
        if (old(info) && isUuid(info.fileName()))
            found.unreferencedCandidates << FilesFolder + QLatin1Char('/') + info.fileName();
    }
    return found;
}

bool UploadBlobFiles::removeMultipart(const QString &uploadId) const noexcept
{
    try {
        QDir folder(multipartFolder(uploadId));
        if (!folder.exists() || folder.removeRecursively())
            return true;
        qCWarning(lcUploadFiles) << "Could not remove the parts of a completed upload" << native(folder.absolutePath());
        return false;
    } catch (...) {
        return false;
    }
}

} // namespace edge
