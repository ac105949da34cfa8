#include "Upload.h"

#include "Errors.h"
#include "Text.h"

#include <QRegularExpression>

namespace edge {

namespace {
bool hasControlCharacters(const QString &text)
{
    for (QChar c : text) {
        const ushort u = c.unicode();
        if (u < 0x20 || (u >= 0x7f && u <= 0x9f))
            return true;
    }
    return false;
}

QString keyProblem(const QString &key, bool allowFormatCharacters)
{
    if (key.isEmpty())
        return QStringLiteral("must be a non-empty string");
    if (key.toUtf8().size() > Upload::KeyMaxBytes)
        return QStringLiteral("must be at most %1 bytes").arg(Upload::KeyMaxBytes);
    if (hasControlCharacters(key))
        return QStringLiteral("must not contain control characters");
    if (!allowFormatCharacters && hasFormatCharacters(key))
        return formatCharactersProblem(QStringLiteral("key"));
    if (key.contains(QLatin1Char('\\')))
        return QStringLiteral("must not contain a backslash");
    const QStringList segments = key.split(QLatin1Char('/'));
    for (const QString &segment : segments) {
        if (segment.isEmpty() || segment == QLatin1String(".") || segment == QLatin1String(".."))
            return QStringLiteral("must be a relative path without empty, \".\" or \"..\" segments");
    }
    for (const QString &segment : segments) {
        if (segment != segment.trimmed())
            return QStringLiteral("segments must not start or end with spaces");
    }
    return {};
}
} // namespace

QString Upload::baseNameOf(const QString &key)
{
    return key.mid(key.lastIndexOf(QLatin1Char('/')) + 1);
}

QString uploadKeyProblem(const QString &key)
{
    return keyProblem(key, false);
}

QString existingUploadKeyProblem(const QString &key)
{
    return keyProblem(key, true);
}

QString originalNameProblem(const QString &name)
{
    if (name.trimmed().isEmpty())
        return QStringLiteral("must be a non-empty string");
    if (name.toUcs4().size() > Upload::OriginalNameMaxLength)
        return QStringLiteral("must be at most %1 characters").arg(Upload::OriginalNameMaxLength);
    if (hasFormatCharacters(name))
        return formatCharactersProblem(QStringLiteral("originalName"));
    if (hasControlCharacters(name) || name.contains(QLatin1Char('/')) || name.contains(QLatin1Char('\\')))
        return QStringLiteral("must not contain control characters or path separators");
    return {};
}

QString contentTypeProblem(const QString &contentType)
{
    static const QRegularExpression pattern(
        QStringLiteral("^[A-Za-z0-9_.+-]+/[A-Za-z0-9_.+-]+(\\s*;[\\x20-\\x7e]*)?$"));
    if (contentType.size() > Upload::ContentTypeMaxLength || !pattern.match(contentType).hasMatch())
        return QStringLiteral("must be a media type such as application/pdf");
    return {};
}

bool isSha256Hex(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9a-f]{64}$"));
    return pattern.match(text).hasMatch();
}

UploadNaming parseUploadNaming(const UploadNaming &naming)
{
    QMap<QString, QString> problems;
    UploadNaming parsed = naming;
    if (parsed.contentType.isEmpty())
        parsed.contentType = QStringLiteral("application/octet-stream");
    if (const QString p = uploadKeyProblem(parsed.key); !p.isEmpty())
        problems.insert(QStringLiteral("key"), p);
    if (const QString p = contentTypeProblem(parsed.contentType); !p.isEmpty())
        problems.insert(QStringLiteral("contentType"), p);
    if (parsed.originalName.isEmpty() && !problems.contains(QStringLiteral("key")))
        parsed.originalName = Upload::baseNameOf(parsed.key);
    if (const QString p = originalNameProblem(parsed.originalName); !p.isEmpty()
        && !(naming.originalName.isEmpty() && problems.contains(QStringLiteral("key"))))
        problems.insert(QStringLiteral("originalName"), p);
    if (problems.isEmpty())
        return parsed;
    QStringList lines;
    for (auto it = problems.cbegin(); it != problems.cend(); ++it)
        lines << (it.value().startsWith(it.key()) ? it.value() : it.key() + QLatin1Char(' ') + it.value());
    throw ValidationError(lines.join(QStringLiteral("; ")), problems);
}

QString parseExistingUploadKey(const QString &key)
{
    if (const QString p = existingUploadKeyProblem(key); !p.isEmpty())
        throw ValidationError(QStringLiteral("key %1").arg(p), {{QStringLiteral("key"), p}});
    return key;
}

qint64 parsePartSize(qint64 partSize, qint64 maxPartSize)
{
    if (partSize < Upload::MinPartSize || partSize > maxPartSize) {
        const QString p = QStringLiteral("must be an integer from %1 to %2").arg(Upload::MinPartSize).arg(maxPartSize);
        throw ValidationError(QStringLiteral("partSize %1").arg(p), {{QStringLiteral("partSize"), p}});
    }
    return partSize;
}

int parsePartNumber(int partNumber)
{
    if (partNumber < 1 || partNumber > Upload::MaxParts) {
        const QString p = QStringLiteral("must be an integer from 1 to %1").arg(Upload::MaxParts);
        throw ValidationError(QStringLiteral("partNumber %1").arg(p), {{QStringLiteral("partNumber"), p}});
    }
    return partNumber;
}

ByteRange resolveRange(const ByteRange &range, qint64 size)
{
    if (range.offset < 0 || range.offset >= size || range.length == 0) {
        const QString p = QStringLiteral("is not satisfiable: the file has %1 bytes").arg(size);
        throw ValidationError(QStringLiteral("The range %1").arg(p), {{QStringLiteral("range"), p}});
    }
    const qint64 rest = size - range.offset;
    return {range.offset, range.length < 0 ? rest : std::min(range.length, rest)};
}

} // namespace edge
