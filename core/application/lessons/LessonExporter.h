#pragma once

#include "application/lessons/LessonArchive.h"

namespace edge {

// Writes lessons from a store to files. Files are written atomically (QSaveFile): a file is
// either complete or not there. Existing files are refused (ConflictError naming them,
// checked before anything is written) unless overwrite is set. A file that cannot be written
// is DomainError(Unavailable); an export of a track that fails midway removes the files it
// had newly made (files it overwrote stay overwritten). Store errors pass through.
class LessonExporter
{
public:
    // `store` is recorded in each file's exportedFrom (the store's location).
    LessonExporter(LessonQueryHandler &queries, QString store) : m_queries(queries), m_store(std::move(store)) {}

    // One lesson to `path` (a file name, or an existing folder to write <slug>.lesson.json
    // in). Returns the path written.
    QCoro::Task<QString> exportLesson(QString id, QString path, bool overwrite);
    // Every lesson of `track` (paging through the list) into `folder` (made if missing), one
    // file per lesson. Returns the paths written, in the order of the lessons' creation.
    // NotFoundError when the track has no lessons.
    QCoro::Task<QStringList> exportTrack(QString track, QString folder, bool overwrite,
                                         ArchiveProgress progress = {});

private:
    LessonQueryHandler &m_queries;
    QString m_store;
};

} // namespace edge
