#include "ProgressJson.h"

#include "ApiJson.h"
#include "domain/Errors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QUrl>

namespace edge::remote {

namespace {

[[noreturn]] void malformed(const char *what, const QString &field)
{
    throw DomainError(ErrorKind::Internal,
                      QStringLiteral("The server sent %1 without a valid \"%2\"").arg(QLatin1String(what), field));
}

QString requiredString(const QJsonObject &json, const char *what, const char *field)
{
    const QJsonValue value = json.value(QLatin1String(field));
    if (!value.isString())
        malformed(what, QLatin1String(field));
    return value.toString();
}

qint64 requiredCount(const QJsonObject &json, const char *what, const char *field)
{
    const QJsonValue value = json.value(QLatin1String(field));
    if (!value.isDouble() || value.toDouble() < 0 || value.toDouble() != double(value.toInteger()))
        malformed(what, QLatin1String(field));
    return value.toInteger();
}

double requiredNumber(const QJsonObject &json, const char *what, const char *field)
{
    const QJsonValue value = json.value(QLatin1String(field));
    if (!value.isDouble())
        malformed(what, QLatin1String(field));
    return value.toDouble();
}

// Text goes percent-encoded ('+' and '&' included), as the other repositories send it:
// QUrlQuery leaves '+' alone, which the Worker would read as a space.
void addText(QUrlQuery &parameters, const char *name, const QString &value)
{
    parameters.addQueryItem(QLatin1String(name), QString::fromLatin1(QUrl::toPercentEncoding(value)));
}

} // namespace

QUrlQuery progressListParameters(const ProgressListQuery &query)
{
    QUrlQuery parameters;
    if (!query.cursor.isEmpty())
        addText(parameters, "cursor", query.cursor);
    else
        addText(parameters, "page", QString::number(query.page));
    addText(parameters, "pageSize", QString::number(query.pageSize));
    if (!query.withTotal)
        addText(parameters, "withTotal", QStringLiteral("false"));
    if (!query.search.trimmed().isEmpty()) // the Worker trims too: blank is no filter
        addText(parameters, "q", query.search);
    if (!query.userId.isEmpty())
        addText(parameters, "userId", query.userId);
    if (!query.lessonId.isEmpty())
        addText(parameters, "lessonId", query.lessonId);
    if (!query.track.isEmpty())
        addText(parameters, "track", query.track);
    if (query.completed)
        addText(parameters, "completed", *query.completed ? QStringLiteral("true") : QStringLiteral("false"));
    if (query.minScore)
        addText(parameters, "minScore", QString::number(*query.minScore));
    if (query.maxScore)
        addText(parameters, "maxScore", QString::number(*query.maxScore));
    if (query.completedFrom.isValid())
        addText(parameters, "completedFrom", toApiTimestamp(query.completedFrom));
    if (query.completedTo.isValid())
        addText(parameters, "completedTo", toApiTimestamp(query.completedTo));
    // With a cursor the Worker takes its own sort and order; repeating them is allowed.
    addText(parameters, "sort", sortFieldToString(query.sort));
    addText(parameters, "order", query.order == SortOrder::Ascending ? QStringLiteral("asc") : QStringLiteral("desc"));
    return parameters;
}

ProgressPage progressPageFromEnvelope(const QByteArray &body)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        throw DomainError(ErrorKind::Internal,
                          QStringLiteral("The server sent a progress list that is not JSON (%1)").arg(error.errorString()));
    const QJsonObject envelope = document.object();
    const QJsonValue data = envelope.value(QLatin1String("data"));
    if (envelope.value(QLatin1String("success")) != QJsonValue(true) || !data.isArray())
        malformed("a progress list", QStringLiteral("data"));

    ProgressPage page;
    for (const QJsonValue &item : data.toArray()) {
        if (!item.isObject())
            malformed("a progress list", QStringLiteral("data"));
        page.items.append(progressFromJson(item.toObject()));
    }
    const QJsonValue next = envelope.value(QLatin1String("nextCursor"));
    if (next.isString())
        page.nextCursor = next.toString();
    else if (!next.isNull())
        malformed("a progress list", QStringLiteral("nextCursor"));
    const QJsonValue total = envelope.value(QLatin1String("pagination")).toObject().value(QLatin1String("total"));
    if (total.isDouble() && total.toDouble() >= 0)
        page.total = total.toInteger();
    else if (!total.isNull())
        malformed("a progress list", QStringLiteral("pagination.total"));
    return page;
}

LessonProgressStats lessonStatsFromJson(const QJsonObject &json)
{
    LessonProgressStats stats;
    stats.lessonId = requiredString(json, "lesson statistics", "lessonId");
    stats.title = requiredString(json, "lesson statistics", "title");
    stats.track = requiredString(json, "lesson statistics", "track");
    stats.learners = requiredCount(json, "lesson statistics", "learners");
    stats.completed = requiredCount(json, "lesson statistics", "completed");
    stats.averageScore = requiredNumber(json, "lesson statistics", "averageScore");
    return stats;
}

TrackProgressStats trackStatsFromJson(const QJsonObject &json)
{
    TrackProgressStats stats;
    stats.track = requiredString(json, "track statistics", "track");
    stats.lessons = requiredCount(json, "track statistics", "lessons");
    stats.learners = requiredCount(json, "track statistics", "learners");
    stats.completed = requiredCount(json, "track statistics", "completed");
    stats.averageScore = requiredNumber(json, "track statistics", "averageScore");
    return stats;
}

CompletionsPeriod completionsPeriodFromJson(const QJsonObject &json)
{
    CompletionsPeriod period;
    period.start = QDate::fromString(requiredString(json, "a completions period", "period"), Qt::ISODate);
    if (!period.start.isValid())
        malformed("a completions period", QStringLiteral("period"));
    period.completed = requiredCount(json, "a completions period", "completed");
    return period;
}

QJsonObject progressPutBody(const ProgressEntry &entry)
{
    QJsonObject body{{QStringLiteral("completed"), entry.completed}, {QStringLiteral("score"), entry.score}};
    if (!entry.completed)
        body.insert(QStringLiteral("completedAt"), QJsonValue(QJsonValue::Null));
    else if (entry.completedAt.isValid())
        body.insert(QStringLiteral("completedAt"), toApiTimestamp(entry.completedAt));
    // (completed without a time: omitted, the Worker keeps the stored one or sets now)
    return body;
}

QJsonObject progressBatchRowJson(const ProgressImportRow &row)
{
    QJsonObject json{{QStringLiteral("userId"), row.userId},
                     {QStringLiteral("lessonId"), row.lessonId},
                     {QStringLiteral("completed"), row.completed},
                     {QStringLiteral("score"), row.score}};
    if (row.completedAt)
        json.insert(QStringLiteral("completedAt"), row.completedAt->isValid() ? QJsonValue(toApiTimestamp(*row.completedAt))
                                                                              : QJsonValue(QJsonValue::Null));
    return json;
}

} // namespace edge::remote
