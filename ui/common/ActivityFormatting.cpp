#include "ActivityFormatting.h"

#include "domain/Text.h"

#include <QCoreApplication>
#include <QHash>
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
        {QStringLiteral("progress.upserted"), QT_TRANSLATE_NOOP("edge::ui::Activity", "Recorded progress")},
        {QStringLiteral("progress.deleted"), QT_TRANSLATE_NOOP("edge::ui::Activity", "Deleted progress")},
        {QStringLiteral("upload.created"), QT_TRANSLATE_NOOP("edge::ui::Activity", "Uploaded file")},
        {QStringLiteral("upload.deleted"), QT_TRANSLATE_NOOP("edge::ui::Activity", "Deleted file")},
        {QStringLiteral("auth.login"), QT_TRANSLATE_NOOP("edge::ui::Activity", "Signed in")},
        {QStringLiteral("auth.logout"), QT_TRANSLATE_NOOP("edge::ui::Activity", "Signed out")},
        {QStringLiteral("auth.sessions_revoked"), QT_TRANSLATE_NOOP("edge::ui::Activity", "Ended sign-in sessions")},
    };
    const auto found = names.constFind(type);
    return found == names.cend() ? type : tr(found.value());
}

QString describeActivity(const ActivityEntry &entry)
{
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
