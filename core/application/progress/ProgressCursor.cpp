#include "ProgressCursor.h"

#include "domain/Errors.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace edge::progress_cursor {

namespace {

QString orderName(SortOrder order)
{
    return order == SortOrder::Ascending ? QStringLiteral("asc") : QStringLiteral("desc");
}

ValidationError badCursor(const QString &why)
{
    return ValidationError::field(QStringLiteral("cursor"), why);
}

} // namespace

QString encode(ProgressSortField sort, SortOrder order, const ProgressPosition &position)
{
    QJsonObject object{{QStringLiteral("s"), sortFieldToString(sort)},
                       {QStringLiteral("o"), orderName(order)},
                       {QStringLiteral("u"), position.userId},
                       {QStringLiteral("l"), position.lessonId}};
    if (position.value.typeId() == QMetaType::Int || position.value.typeId() == QMetaType::LongLong)
        object.insert(QStringLiteral("v"), position.value.toLongLong());
    else
        object.insert(QStringLiteral("v"), position.value.toString());
    const QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(json.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

ProgressPosition decode(const QString &cursor, ProgressSortField sort, SortOrder order)
{
    const auto decoded = QByteArray::fromBase64Encoding(cursor.toLatin1(),
                                                        QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    const QJsonDocument document = decoded ? QJsonDocument::fromJson(*decoded) : QJsonDocument();
    const QJsonObject object = document.object();
    if (!decoded || !document.isObject() || !object.value(QStringLiteral("u")).isString()
        || !object.value(QStringLiteral("l")).isString() || !object.contains(QStringLiteral("v")))
        throw badCursor(QStringLiteral("is not a cursor of this list (use nextCursor of the previous page)"));
    if (object.value(QStringLiteral("s")).toString() != sortFieldToString(sort)
        || object.value(QStringLiteral("o")).toString() != orderName(order))
        throw badCursor(QStringLiteral("was made for another sort or order (start again from the first page)"));
    ProgressPosition position;
    position.userId = object.value(QStringLiteral("u")).toString();
    position.lessonId = object.value(QStringLiteral("l")).toString();
    const QJsonValue value = object.value(QStringLiteral("v"));
    if (sort == ProgressSortField::Score) {
        if (!value.isDouble())
            throw badCursor(QStringLiteral("is not a cursor of this list (use nextCursor of the previous page)"));
        position.value = value.toInt();
    } else {
        if (!value.isString())
            throw badCursor(QStringLiteral("is not a cursor of this list (use nextCursor of the previous page)"));
        position.value = value.toString();
    }
    return position;
}

QVariant sortValue(const ProgressEntry &entry, ProgressSortField sort)
{
    const auto stamp = [](const QDateTime &time) {
        return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString(QLatin1String(""));
    };
    switch (sort) {
    case ProgressSortField::UpdatedAt:
        return stamp(entry.updatedAt);
    case ProgressSortField::Score:
        return entry.score;
    case ProgressSortField::CompletedAt:
        return stamp(entry.completedAt);
    case ProgressSortField::Email:
        return entry.userEmail;
    case ProgressSortField::Title:
        return entry.lessonTitle;
    }
    return {};
}

} // namespace edge::progress_cursor
