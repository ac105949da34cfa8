#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace edge {

enum class LessonStatus { Draft, Published };

QString lessonStatusToString(LessonStatus status); // "draft", "published" as in the API
// Throws ValidationError naming `field` for anything but "draft" or "published".
LessonStatus parseLessonStatus(const QString &text, const QString &field = QStringLiteral("status"));

// A lesson's metadata as a value (the HTML content is stored apart, under its own key).
// The rules are the Worker's: a trimmed title of 1..200 characters without control or
// invisible format characters, a track of 1..64 letters, digits, '-', '_' and spaces,
// difficulty 1..5.
struct Lesson
{
    static constexpr int TitleMaxLength = 200;
    static constexpr int TrackMaxLength = 64;
    static constexpr int MinDifficulty = 1;
    static constexpr int MaxDifficulty = 5;
    static constexpr qsizetype MaxContentBytes = 2 * 1024 * 1024; // the Worker's limit

    QString id; // lower-case UUID
    QString title;
    QString track;
    int difficulty = 1;
    LessonStatus status = LessonStatus::Draft;
    bool hasContent = false;
    int version = 1;
    QDateTime createdAt;
    QDateTime updatedAt;

    bool isPublished() const { return status == LessonStatus::Published; }
    // The stored result of a change: next version, updated now.
    Lesson bumped() const;

    // Empty when valid, otherwise what is wrong (for inline messages while typing).
    static QString titleProblem(const QString &text);
    static QString trackProblem(const QString &text);
    static QString difficultyProblem(int difficulty);
    // Content must be UTF-8 and at most MaxContentBytes.
    static QString contentProblem(const QByteArray &utf8);

    bool operator==(const Lesson &other) const = default;
};

} // namespace edge

Q_DECLARE_METATYPE(edge::Lesson)
