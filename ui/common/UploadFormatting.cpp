#include "UploadFormatting.h"

#include <QCoreApplication>
#include <QLocale>
#include <QMimeDatabase>

namespace edge::ui {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("edge::ui::Uploads", text);
}

// Types a browser shows as text although their family is not text/.
bool isTextual(const QString &type)
{
    static const QStringList textual{
        QStringLiteral("application/json"), QStringLiteral("application/xml"),
        QStringLiteral("application/javascript"), QStringLiteral("application/x-yaml"),
        QStringLiteral("application/yaml"), QStringLiteral("application/x-sh"),
        QStringLiteral("application/sql"), QStringLiteral("image/svg+xml"),
    };
    return type.startsWith(QLatin1String("text/")) || textual.contains(type);
}
} // namespace

QString formatBytes(qint64 bytes)
{
    if (bytes < 1024)
        return bytes == 1 ? tr("1 byte") : tr("%1 bytes").arg(bytes);
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
    double value = double(bytes);
    int unit = -1;
    while (value >= 1024 && unit < 3) {
        value /= 1024;
        ++unit;
    }
    const int decimals = value < 10 ? 2 : (value < 100 ? 1 : 0);
    return QStringLiteral("%1 %2").arg(QString::number(value, 'f', decimals), QLatin1String(units[unit]));
}

QString formatSpeed(double bytesPerSecond)
{
    if (bytesPerSecond <= 0)
        return {};
    return tr("%1/s").arg(formatBytes(qint64(bytesPerSecond)));
}

QString formatDuration(qint64 seconds)
{
    if (seconds < 0)
        return QStringLiteral("–");
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
}

QString shortSha256(const QString &sha256)
{
    return sha256.left(12);
}

QList<ContentTypeFamily> contentTypeFamilies()
{
    return {
        {tr("All types"), QString()},
        {tr("Images"), QStringLiteral("image/")},
        {tr("Text"), QStringLiteral("text/")},
        {tr("PDF"), QStringLiteral("application/pdf")},
        {tr("Video"), QStringLiteral("video/")},
        {tr("Audio"), QStringLiteral("audio/")},
        {tr("Other documents"), QStringLiteral("application/")},
    };
}

QString contentTypeForFile(const QString &fileName)
{
    static const QMimeDatabase mimes;
    const QList<QMimeType> matches = mimes.mimeTypesForFileName(fileName);
    if (matches.isEmpty())
        return QStringLiteral("application/octet-stream");
    const QString name = matches.first().name();
    // Text types are sent with their charset, so a browser shows non-ASCII text right.
    return name.startsWith(QLatin1String("text/")) ? name + QStringLiteral("; charset=utf-8") : name;
}

PreviewKind previewKindOf(const Upload &upload)
{
    const QString type = upload.contentType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    if (type.startsWith(QLatin1String("image/")) && type != QLatin1String("image/svg+xml"))
        return PreviewKind::Image;
    if (isTextual(type))
        return PreviewKind::Text;
    return PreviewKind::None;
}

QString folderOfKey(const QString &key)
{
    const qsizetype slash = key.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : key.left(slash + 1);
}

QString parentFolder(const QString &prefix)
{
    QString folder = prefix;
    if (folder.endsWith(QLatin1Char('/')))
        folder.chop(1);
    return folderOfKey(folder);
}

QString normalizedFolder(const QString &text)
{
    QString folder = text.trimmed();
    while (folder.startsWith(QLatin1Char('/')))
        folder.remove(0, 1);
    if (!folder.isEmpty() && !folder.endsWith(QLatin1Char('/')))
        folder += QLatin1Char('/');
    return folder;
}

} // namespace edge::ui
