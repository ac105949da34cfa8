#pragma once

#include "domain/Lesson.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace edge {

struct CreateLessonCommand
{
    QString title;
    QString track;
    int difficulty = 1;
    QString status = QStringLiteral("draft");
};

// Only the fields that are set change. baseVersion is the version the caller saw; if the
// store holds another, nothing changes and ConflictError carries the stored lesson. `base`
// is the lesson as the caller saw it at baseVersion: with it, nothing is read before the write.
struct UpdateLessonCommand
{
    QString id;
    int baseVersion = 0;
    std::optional<QString> title = std::nullopt;
    std::optional<QString> track = std::nullopt;
    std::optional<int> difficulty = std::nullopt;
    std::optional<QString> status = std::nullopt;
    std::optional<Lesson> base = std::nullopt;
};

// Replaces the HTML; baseVersion is the lesson version the text was edited from (If-Match).
struct PutLessonContentCommand
{
    QString id;
    QByteArray html; // UTF-8
    int baseVersion = 0;
};

} // namespace edge
