#include "LessonFormatting.h"

#include "domain/Text.h"

#include <QCoreApplication>

namespace edge::ui {

QString statusDisplayName(LessonStatus status)
{
    return status == LessonStatus::Published ? QCoreApplication::translate("edge::ui::Lessons", "Published")
                                             : QCoreApplication::translate("edge::ui::Lessons", "Draft");
}

QString difficultyStars(int difficulty)
{
    const int filled = std::clamp(difficulty, 0, Lesson::MaxDifficulty);
    return QString(filled, QChar(0x2605)) + QString(Lesson::MaxDifficulty - filled, QChar(0x2606));
}

QString describeLesson(const Lesson &lesson)
{
    return QCoreApplication::translate("edge::ui::Lessons", "\u201C%1\u201D (%2)")
        .arg(withInvisiblesShown(lesson.title), withInvisiblesShown(lesson.track));
}

} // namespace edge::ui
