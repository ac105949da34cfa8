#include "Lesson.h"

#include "Errors.h"
#include "Text.h"

#include <QRegularExpression>
#include <QStringDecoder>

namespace edge {

QString lessonStatusToString(LessonStatus status)
{
    return status == LessonStatus::Published ? QStringLiteral("published") : QStringLiteral("draft");
}

LessonStatus parseLessonStatus(const QString &text, const QString &field)
{
    if (text == QLatin1String("draft"))
        return LessonStatus::Draft;
    if (text == QLatin1String("published"))
        return LessonStatus::Published;
    throw ValidationError::field(field, QStringLiteral("Status must be \"draft\" or \"published\" (got \"%1\")")
                                            .arg(withInvisiblesShown(text.left(40))));
}

Lesson Lesson::bumped() const
{
    Lesson next = *this;
    next.version = version + 1;
    next.updatedAt = QDateTime::currentDateTimeUtc();
    return next;
}

QString Lesson::titleProblem(const QString &text)
{
    const QString title = text.trimmed();
    const qsizetype characters = title.toUcs4().size(); // code points, as the Worker counts
    if (characters < 1)
        return QStringLiteral("Title must not be empty");
    if (characters > TitleMaxLength)
        return QStringLiteral("Title must be at most %1 characters (it has %2)").arg(TitleMaxLength).arg(characters);
    if (std::any_of(title.begin(), title.end(), [](QChar c) { return c.category() == QChar::Other_Control; }))
        return QStringLiteral("Title must not contain control characters");
    if (hasFormatCharacters(title))
        return formatCharactersProblem(QStringLiteral("Title"));
    return {};
}

QString Lesson::trackProblem(const QString &text)
{
    static const QRegularExpression allowed(QStringLiteral("^[\\p{L}\\p{N} _-]+$"));
    const QString track = text.trimmed();
    if (track.isEmpty() || track.size() > TrackMaxLength)
        return QStringLiteral("Track must be 1 to %1 characters").arg(TrackMaxLength);
    if (!allowed.match(track).hasMatch())
        return QStringLiteral("Track may contain only letters, digits, \"-\", \"_\" and spaces");
    return {};
}

QString Lesson::difficultyProblem(int difficulty)
{
    if (difficulty < MinDifficulty || difficulty > MaxDifficulty)
        return QStringLiteral("Difficulty must be from %1 to %2 (got %3)").arg(MinDifficulty).arg(MaxDifficulty).arg(difficulty);
    return {};
}

QString Lesson::contentProblem(const QByteArray &utf8)
{
    if (utf8.size() > MaxContentBytes)
        return QStringLiteral("Content is %1 bytes; the limit is %2 bytes (2 MiB)").arg(utf8.size()).arg(MaxContentBytes);
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder(utf8); // decoding is what reveals a bad sequence
    Q_UNUSED(text)
    if (decoder.hasError())
        return QStringLiteral("Content is not valid UTF-8 text");
    return {};
}

} // namespace edge
