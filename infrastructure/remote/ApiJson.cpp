#include "ApiJson.h"

#include "domain/Errors.h"

namespace edge::remote {

namespace {
[[noreturn]] void malformed(const char *what, const QString &field)
{
    throw DomainError(ErrorKind::Internal,
                      QStringLiteral("The server sent a %1 without a valid \"%2\"").arg(QLatin1String(what), field));
}

QString requiredString(const QJsonObject &json, const char *what, const char *field)
{
    const QJsonValue value = json.value(QLatin1String(field));
    if (!value.isString())
        malformed(what, QLatin1String(field));
    return value.toString();
}
} // namespace

QString toApiTimestamp(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime fromApiTimestamp(const QJsonValue &value)
{
    if (!value.isString())
        return {};
    const QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC() : QDateTime();
}

User userFromJson(const QJsonObject &json)
{
    const std::optional<Role> role = roleFromString(requiredString(json, "user", "role"));
    if (!role)
        malformed("user", QStringLiteral("role"));
    const QJsonValue version = json.value(QLatin1String("version"));
    if (!version.isDouble())
        malformed("user", QStringLiteral("version"));
    const QDateTime createdAt = fromApiTimestamp(json.value(QLatin1String("createdAt")));
    const QDateTime updatedAt = fromApiTimestamp(json.value(QLatin1String("updatedAt")));
    if (!createdAt.isValid())
        malformed("user", QStringLiteral("createdAt"));
    if (!updatedAt.isValid())
        malformed("user", QStringLiteral("updatedAt"));
    return User::reconstitute(UserId::fromString(requiredString(json, "user", "id")),
                              Email::fromTrusted(requiredString(json, "user", "email")),
                              requiredString(json, "user", "username"), *role, version.toInt(), createdAt,
                              updatedAt);
}

ProgressEntry progressFromJson(const QJsonObject &json)
{
    const char *what = "progress row";
    ProgressEntry entry;
    entry.userId = requiredString(json, what, "userId");
    entry.lessonId = requiredString(json, what, "lessonId");
    const QJsonValue completed = json.value(QLatin1String("completed"));
    if (!completed.isBool())
        malformed(what, QStringLiteral("completed"));
    entry.completed = completed.toBool();
    const QJsonValue score = json.value(QLatin1String("score"));
    if (!score.isDouble() || score.toDouble() != double(score.toInt()))
        malformed(what, QStringLiteral("score"));
    entry.score = score.toInt();
    const QJsonValue completedAt = json.value(QLatin1String("completedAt"));
    entry.completedAt = fromApiTimestamp(completedAt);
    if (!completedAt.isNull() && !completedAt.isUndefined() && !entry.completedAt.isValid())
        malformed(what, QStringLiteral("completedAt"));
    entry.updatedAt = fromApiTimestamp(json.value(QLatin1String("updatedAt")));
    if (!entry.updatedAt.isValid())
        malformed(what, QStringLiteral("updatedAt"));
    // Every row the Worker sends has a version (the dashboard's too); 1 is a new row's.
    const QJsonValue version = json.value(QLatin1String("version"));
    if (version.isDouble())
        entry.version = version.toInt();
    else if (!version.isUndefined())
        malformed(what, QStringLiteral("version"));
    // Lists and writes join the names; the dashboard's rows come without them.
    entry.userEmail = json.value(QLatin1String("userEmail")).toString();
    entry.username = json.value(QLatin1String("username")).toString();
    entry.lessonTitle = json.value(QLatin1String("lessonTitle")).toString();
    entry.track = json.value(QLatin1String("track")).toString();
    return entry;
}

ActivityEntry activityFromJson(const QJsonObject &json)
{
    ActivityEntry entry;
    const QJsonValue id = json.value(QLatin1String("id"));
    if (!id.isDouble())
        malformed("event", QStringLiteral("id"));
    entry.id = id.toInteger();
    entry.type = requiredString(json, "event", "type");
    entry.actorId = json.value(QLatin1String("actorId")).toString();       // null: none
    entry.actorLabel = json.value(QLatin1String("actorEmail")).toString(); // null: none
    entry.subjectType = requiredString(json, "event", "subjectType");
    entry.subjectId = requiredString(json, "event", "subjectId");
    entry.payload = json.value(QLatin1String("payload")).toObject();
    entry.occurredAt = fromApiTimestamp(json.value(QLatin1String("createdAt")));
    return entry;
}

Lesson lessonFromJson(const QJsonObject &json)
{
    const auto requiredInt = [&json](const char *field) {
        const QJsonValue value = json.value(QLatin1String(field));
        if (!value.isDouble() || value.toDouble() != double(value.toInt()))
            malformed("lesson", QLatin1String(field));
        return value.toInt();
    };
    Lesson lesson;
    lesson.id = requiredString(json, "lesson", "id");
    lesson.title = requiredString(json, "lesson", "title");
    lesson.track = requiredString(json, "lesson", "track");
    lesson.difficulty = requiredInt("difficulty");
    const QString status = requiredString(json, "lesson", "status");
    if (status == QLatin1String("draft"))
        lesson.status = LessonStatus::Draft;
    else if (status == QLatin1String("published"))
        lesson.status = LessonStatus::Published;
    else
        malformed("lesson", QStringLiteral("status"));
    const QJsonValue hasContent = json.value(QLatin1String("hasContent"));
    if (!hasContent.isBool())
        malformed("lesson", QStringLiteral("hasContent"));
    lesson.hasContent = hasContent.toBool();
    lesson.version = requiredInt("version");
    lesson.createdAt = fromApiTimestamp(json.value(QLatin1String("createdAt")));
    lesson.updatedAt = fromApiTimestamp(json.value(QLatin1String("updatedAt")));
    if (!lesson.createdAt.isValid())
        malformed("lesson", QStringLiteral("createdAt"));
    if (!lesson.updatedAt.isValid())
        malformed("lesson", QStringLiteral("updatedAt"));
    return lesson;
}

} // namespace edge::remote
