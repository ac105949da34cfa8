#include "PendingUploadJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace edge {

namespace {
constexpr int FormatVersion = 1;

QString timeText(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime timeFrom(const QJsonValue &value)
{
    QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC() : QDateTime();
}
} // namespace

QByteArray pendingUploadToJson(const PendingUpload &upload)
{
    QJsonArray parts;
    for (const UploadedPart &part : upload.parts)
        parts.append(QJsonObject{{QStringLiteral("partNumber"), part.partNumber}, {QStringLiteral("etag"), part.etag}});
    const QJsonObject object{
        {QStringLiteral("version"), FormatVersion},
        {QStringLiteral("id"), upload.id},
        {QStringLiteral("storeLocation"), upload.storeLocation},
        {QStringLiteral("localPath"), upload.localPath},
        {QStringLiteral("key"), upload.naming.key},
        {QStringLiteral("originalName"), upload.naming.originalName},
        {QStringLiteral("contentType"), upload.naming.contentType},
        // Sizes as strings: a JSON number is a double, exact only to 2^53.
        {QStringLiteral("fileSize"), QString::number(upload.fileSize)},
        {QStringLiteral("fileModified"), timeText(upload.fileModified)},
        {QStringLiteral("partSize"), QString::number(upload.partSize)},
        {QStringLiteral("uploadId"), upload.uploadId},
        {QStringLiteral("parts"), parts},
        {QStringLiteral("paused"), upload.paused},
        {QStringLiteral("createdAt"), timeText(upload.createdAt)},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

std::optional<PendingUpload> pendingUploadFromJson(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject o = document.object();
    if (o.value(QStringLiteral("version")).toInt() != FormatVersion)
        return std::nullopt;

    PendingUpload upload;
    upload.id = o.value(QStringLiteral("id")).toString();
    upload.storeLocation = o.value(QStringLiteral("storeLocation")).toString();
    upload.localPath = o.value(QStringLiteral("localPath")).toString();
    upload.naming = UploadNaming(o.value(QStringLiteral("key")).toString(),
                                 o.value(QStringLiteral("originalName")).toString(),
                                 o.value(QStringLiteral("contentType")).toString());
    bool sizeOk = false;
    bool partSizeOk = false;
    upload.fileSize = o.value(QStringLiteral("fileSize")).toString().toLongLong(&sizeOk);
    upload.fileModified = timeFrom(o.value(QStringLiteral("fileModified")));
    upload.partSize = o.value(QStringLiteral("partSize")).toString().toLongLong(&partSizeOk);
    upload.uploadId = o.value(QStringLiteral("uploadId")).toString();
    upload.paused = o.value(QStringLiteral("paused")).toBool();
    upload.createdAt = timeFrom(o.value(QStringLiteral("createdAt")));
    for (const QJsonValue &value : o.value(QStringLiteral("parts")).toArray()) {
        const QJsonObject part = value.toObject();
        const int number = part.value(QStringLiteral("partNumber")).toInt();
        const QString etag = part.value(QStringLiteral("etag")).toString();
        if (number < 1 || etag.isEmpty())
            return std::nullopt;
        upload.parts.append(UploadedPart{number, etag});
    }
    if (upload.id.isEmpty() || upload.storeLocation.isEmpty() || upload.localPath.isEmpty()
        || upload.naming.key.isEmpty() || !sizeOk || !partSizeOk || upload.fileSize < 0 || upload.partSize < 0)
        return std::nullopt;
    return upload;
}

} // namespace edge
