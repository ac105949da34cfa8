#include "ProgressFormatting.h"

#include "domain/Text.h"

#include <QCoreApplication>
#include <QLocale>

namespace edge::ui {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("edge::ui::Progress", text);
}
} // namespace

QString learnerName(const ProgressEntry &entry)
{
    return entry.userEmail.isEmpty() ? entry.userId : entry.userEmail;
}

QString lessonName(const ProgressEntry &entry)
{
    return entry.lessonTitle.isEmpty() ? entry.lessonId : withInvisiblesShown(entry.lessonTitle);
}

QString describeProgress(const ProgressEntry &entry)
{
    return tr("%1 on “%2”").arg(learnerName(entry), lessonName(entry));
}

QString completionText(bool completed)
{
    return completed ? tr("Completed") : tr("Not completed");
}

QString formatRate(double rate)
{
    return QStringLiteral("%1 %").arg(QLocale().toString(rate * 100.0, 'f', 1));
}

QString formatAverage(double average)
{
    return QLocale().toString(average, 'f', 1);
}

QString completionInputFormat()
{
    return QStringLiteral("yyyy-MM-dd HH:mm");
}

QDateTime parseCompletionInput(const QString &text)
{
    const QString trimmed = text.trimmed();
    for (const QString &format : {completionInputFormat(), QStringLiteral("yyyy-MM-dd HH:mm:ss"),
                                  QStringLiteral("yyyy-MM-dd")}) {
        QDateTime local = QDateTime::fromString(trimmed, format);
        if (local.isValid()) {
            local.setTimeSpec(Qt::LocalTime);
            return local.toUTC();
        }
    }
    return {};
}

QString formatCompletionInput(const QDateTime &utc)
{
    return utc.isValid() ? utc.toLocalTime().toString(completionInputFormat()) : QString();
}

} // namespace edge::ui
