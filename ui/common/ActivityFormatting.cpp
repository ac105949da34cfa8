#include "ActivityFormatting.h"

#include "domain/Text.h"

#include <QCoreApplication>
#include <QHash>
#include <QDateTime>
#include <QJsonArray>

namespace edge::ui {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("edge::ui::Activity", text);
}
} // namespace

QString activityTypeName(const QString &type)
{
    static const QHash<QString, const char *> names{
        {QStringLiteral("user.created"), QT_TRANSLATE_NOOP("edge::ui::Activity", "Created user")},
        {QStringLiteral("user.updated"), QT_TRANSLATE_NOOP("edge::ui::Activity", "Updated user")},
        {QStringLiteral("user.deleted"), QT_TRANSLATE_NOOP("edge::ui::Activity", "Deleted user")},
        {QStringLiteral("lesson.created"), QT_TRANSLATE_NOOP("edge::ui::Activity", "Created lesson")},
        {QStringLiteral("lesson.updated"), QT_TRANSLATE_NOOP("edge::ui::Activity", "Updated lesson")},
        {QStringLiteral("lesson.deleted"), QT_TRANSLATE_NOOP("edge::ui::Activity", "Deleted lesson")},
        {QStringLiteral("lesson.content_updated"), QT_TRANSLATE_NOOP("edge::ui::Activity", "Updated lesson content")},
        {QStringLiteral("progress.upserted"), QT_TRANSLATE_NOOP("edge::ui::Activity", "Corrected progress")},
        {QStringLiteral("progress.deleted"), QT_TRANSLATE_NOOP("edge::ui::Activity", "Reset progress")},
        {QStringLiteral("user.bulk_created"), QT_TRANSLATE_NOOP("edge::ui::Activity", "Generated users")},
        {QStringLiteral("lesson.bulk_created"), QT_TRANSLATE_NOOP("edge::ui::Activity", "Generated lessons")},
        {QStringLiteral("progress.bulk_created"), QT_TRANSLATE_NOOP("edge::ui::Activity", "Generated progress")},
        {QStringLiteral("upload.created"), QT_TRANSLATE_NOOP("edge::ui::Activity", "Uploaded file")},
        {QStringLiteral("upload.deleted"), QT_TRANSLATE_NOOP("edge::ui::Activity", "Deleted file")},
        {QStringLiteral("auth.login"), QT_TRANSLATE_NOOP("edge::ui::Activity", "Signed in")},
        {QStringLiteral("auth.logout"), QT_TRANSLATE_NOOP("edge::ui::Activity", "Signed out")},
        {QStringLiteral("auth.sessions_revoked"), QT_TRANSLATE_NOOP("edge::ui::Activity", "Ended sign-in sessions")},
    };
    const auto found = names.constFind(type);
    return found == names.cend() ? type : tr(found.value());
}

namespace {
QString progressValue(const QString &field, const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return tr("none");
    if (field == QLatin1String("completed"))
        return value.toBool() ? tr("yes") : tr("no");
    if (field == QLatin1String("completedAt")) {
        const QDateTime when = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
        return when.isValid() ? when.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : value.toString();
    }
    return value.isDouble() ? QString::number(value.toDouble()) : value.toString();
}

QString progressFieldName(const QString &field)
{
    if (field == QLatin1String("completed"))
        return tr("completed");
    if (field == QLatin1String("score"))
        return tr("score");
    if (field == QLatin1String("completedAt"))
        return tr("completed at");
    return field;
}

// "Corrected progress: score 40 → 85, completed no → yes"; "Recorded progress" for a new row.
QString describeProgressChange(const ActivityEntry &entry)
{
    const bool created = entry.payload.value(QLatin1String("created")).toBool();
    const QString name = created ? tr("Recorded progress") : tr("Corrected progress");
    const QJsonValue changes = entry.payload.value(QLatin1String("changes"));
    QStringList parts;
    if (changes.isObject()) { // {field: {old, new}}, as the Worker and the console record it
        const QJsonObject fields = changes.toObject();
        for (const char *field : {"completed", "score", "completedAt"}) {
            const QJsonObject change = fields.value(QLatin1String(field)).toObject();
            if (!fields.contains(QLatin1String(field)))
                continue;
            const QString key = QLatin1String(field);
            parts << (created ? tr("%1 %2").arg(progressFieldName(key), progressValue(key, change.value(QLatin1String("new"))))
                              : tr("%1 %2 → %3")
                                    .arg(progressFieldName(key), progressValue(key, change.value(QLatin1String("old"))),
                                         progressValue(key, change.value(QLatin1String("new")))));
        }
    } else {
        for (const QJsonValue &field : changes.toArray())
            parts << progressFieldName(field.toString());
    }
    return parts.isEmpty() ? name : tr("%1: %2").arg(name, parts.join(QStringLiteral(", ")));
}
} // namespace

QString describeActivity(const ActivityEntry &entry)
{
    if (entry.type == QLatin1String("progress.upserted"))
        return describeProgressChange(entry);
    if (entry.type == QLatin1String("progress.deleted")) {
        const QJsonObject &was = entry.payload;
        if (!was.contains(QLatin1String("score")))
            return tr("Reset progress");
        return tr("Reset progress (was %1, score %2)")
            .arg(was.value(QLatin1String("completed")).toBool() ? tr("completed") : tr("not completed"))
            .arg(was.value(QLatin1String("score")).toInt());
    }
    QStringList changes;
    for (const QJsonValue &change : entry.payload.value(QLatin1String("changes")).toArray())
        changes.append(change.toString());
    // Publishing is an update of the status alone; say which way it went.
    if (entry.type == QLatin1String("lesson.updated") && changes == QStringList{QStringLiteral("status")}) {
        return entry.payload.value(QLatin1String("status")).toString() == QLatin1String("published")
            ? tr("Published lesson")
            : tr("Unpublished lesson");
    }
    const QString name = activityTypeName(entry.type);
    return changes.isEmpty() ? name : tr("%1: %2").arg(name, changes.join(QStringLiteral(", ")));
}

QString describeSubject(const ActivityEntry &entry)
{
    if (entry.subjectType == QLatin1String("progress")) {
        // The learner and the lesson by name when the event names them, else by id.
        const QString learner = entry.payload.value(QLatin1String("userEmail")).toString();
        const QString lesson = entry.payload.value(QLatin1String("lessonTitle")).toString();
        if (!learner.isEmpty() || !lesson.isEmpty()) {
            const QString ids = entry.subjectId;
            return tr("progress of %1 on “%2”")
                .arg(learner.isEmpty() ? ids.section(u':', 0, 0) : learner,
                     lesson.isEmpty() ? ids.section(u':', 1) : withInvisiblesShown(lesson));
        }
    }
    if (!entry.actorId.isEmpty() && entry.subjectId == entry.actorId && !entry.actorLabel.isEmpty())
        return QStringLiteral("%1 %2").arg(entry.subjectType, entry.actorLabel); // e.g. a sign-in
    for (const char *key : {"email", "title", "originalName", "key"}) {
        const QString value = entry.payload.value(QLatin1String(key)).toString();
        if (!value.isEmpty())
            return QStringLiteral("%1 %2").arg(entry.subjectType, withInvisiblesShown(value));
    }
    return QStringLiteral("%1 %2").arg(entry.subjectType, entry.subjectId).trimmed();
}

QString describeActor(const ActivityEntry &entry)
{
    const QString label = entry.actorLabel;
    if (label.startsWith(QLatin1String("local:")))
        return tr("this computer (%1)").arg(label.mid(6));
    if (!label.isEmpty())
        return label;
    return entry.actorId.isEmpty() ? tr("system") : entry.actorId;
}

} // namespace edge::ui
