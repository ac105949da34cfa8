#pragma once

#include "application/lessons/LessonHandlers.h"

#include <QByteArray>
#include <QList>

#include <QCoro/QCoroTask>

namespace edge {

// Reads an exporter and an importer share, through the query handler.

// A lesson's metadata and content of one and the same version: if it moves on between the
// two reads, both are read again (a few times, then ConflictError).
struct LessonSnapshot
{
    Lesson lesson;
    QByteArray content;
};
QCoro::Task<LessonSnapshot> readLessonSnapshot(LessonQueryHandler &queries, Lesson lesson);

// Every lesson of a track, oldest first, paging through the list.
QCoro::Task<QList<Lesson>> lessonsOfTrack(LessonQueryHandler &queries, QString track);

} // namespace edge
