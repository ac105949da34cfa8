#pragma once

#include "KeysetPager.h"
#include "application/ports/LessonRepository.h"

#include <QSqlDatabase>

#include <optional>

namespace edge {

class LessonContentFiles;

// The lessons table and its content files, synchronously, on one connection: what
// SqliteLessonRepository runs on its SQLite thread. Writes open their own BEGIN IMMEDIATE
// transaction and record their domain event in it. Content is a file per revision
// (LessonContentFiles); a row only ever names a file that is complete on disk.
class LessonTable
{
public:
    LessonTable(QSqlDatabase &database, const LessonContentFiles &files)
        : m_database(database), m_files(files), m_pager(m_ownPager)
    {
    }
    // `pager` remembers deep pages' landmarks and counts between calls (the connection's).
    LessonTable(QSqlDatabase &database, const LessonContentFiles &files, KeysetPager &pager)
        : m_database(database), m_files(files), m_pager(pager)
    {
    }

    std::optional<Lesson> findById(const QString &id);
    LessonPage list(const LessonListQuery &query);
    qint64 count(const LessonListQuery &query);
    // Rows in progress for the lesson (0 when there is no such lesson).
    qint64 progressCount(const QString &id);

    // Stored without content (hasContent false), whatever `lesson` says.
    Lesson insert(const Lesson &lesson, const DomainEvent &event);
    // Compare-and-swap on the version (see LessonRepository::update); the content stays.
    Lesson update(const LessonWrite &write);
    // Deletes the row (progress goes by ON DELETE CASCADE) with its event, then the lesson's
    // content folder lessons/{id} (best effort: a file left behind is only unreferenced).
    Lesson remove(const QString &id, const LessonEvent &describe);

    // The HTML of the current revision ("" without content) and the version it belongs to.
    LessonContent content(const QString &id);
    // Writes a new revision file first, then moves the row to it (version + 1) with the event
    // in one transaction; on any failure the new file is removed and row and old file stay.
    // After the commit the previous revision's file is removed (best effort).
    Lesson putContent(const QString &id, const QByteArray &html, int expectedVersion, const LessonEvent &describe);

private:
    struct StoredLesson
    {
        Lesson lesson;
        QString contentKey; // "" when none
    };
    std::optional<StoredLesson> selectOne(const QString &id);
    // Inside a write transaction: the stored lesson at expectedVersion, or NotFoundError /
    // ConflictError carrying the stored lesson.
    StoredLesson requireVersion(const QString &id, int expectedVersion);

    QSqlDatabase &m_database;
    const LessonContentFiles &m_files;
    KeysetPager m_ownPager{m_database};
    KeysetPager &m_pager;
};

} // namespace edge
