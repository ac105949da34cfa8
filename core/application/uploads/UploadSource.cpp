#include "application/ports/UploadStorage.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>

namespace edge {

UploadSource UploadSource::file(const QString &path, qint64 offset, qint64 length)
{
    UploadSource source;
    source.open = [path]() -> std::unique_ptr<QIODevice> {
        // Returned unopened when it cannot be read: the store reports its errorString().
        auto file = std::make_unique<QFile>(path);
        file->open(QIODevice::ReadOnly);
        return file;
    };
    source.offset = offset;
    source.length = length;
    return source;
}

UploadSource UploadSource::file(const QString &path)
{
    return file(path, 0, QFileInfo(path).size());
}

UploadSource UploadSource::bytes(const QByteArray &data)
{
    UploadSource source;
    source.open = [data]() -> std::unique_ptr<QIODevice> {
        auto buffer = std::make_unique<QBuffer>();
        buffer->setData(data);
        buffer->open(QIODevice::ReadOnly);
        return buffer;
    };
    source.length = data.size();
    return source;
}

} // namespace edge
