#pragma once

// Bytes and files for the upload and transfer tests: random contents from a seed (the same
// seed, the same bytes) and their sha256, a chunk at a time for big files.

#include <QByteArray>
#include <QCryptographicHash>
#include <QFile>
#include <QRandomGenerator>
#include <QString>

namespace edge::test {

inline void fillRandom(QRandomGenerator &generator, QByteArray &bytes)
{
    const qsizetype words = bytes.size() / 4;
    generator.fillRange(reinterpret_cast<quint32 *>(bytes.data()), words);
    for (qsizetype i = words * 4; i < bytes.size(); ++i)
        bytes[i] = char(generator.generate());
}

inline QByteArray randomBytes(qint64 size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    fillRandom(generator, bytes);
    return bytes;
}

inline QString sha256Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// Empty when the file cannot be read.
inline QString sha256OfFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex());
}

// Writes `size` random bytes a MiB at a time; their sha256, empty when the file cannot be written.
inline QString writeRandomFile(const QString &path, qint64 size, quint32 seed)
{
    constexpr qint64 Chunk = 1024 * 1024;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QRandomGenerator generator(seed);
    QByteArray chunk;
    for (qint64 written = 0; written < size; written += chunk.size()) {
        chunk.resize(qMin(Chunk, size - written));
        fillRandom(generator, chunk);
        hash.addData(chunk);
        if (file.write(chunk) != chunk.size())
            return {};
    }
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace edge::test
