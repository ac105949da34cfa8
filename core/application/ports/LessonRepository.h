#pragma once

#include "application/lessons/LessonQueries.h"
#include "domain/DomainEvent.h"
#include "domain/Lesson.h"

#include <QCoro/QCoroTask>

#include <functional>
#include <optional>

namespace edge {

// A metadata change the handler decided on, for the repository to store.
struct LessonWrite
{
    Lesson lesson;             // the new state (version already advanced, updated now)
    int expectedVersion = 0;   // stored only if the stored version is still this one
    QStringList changedFields; // "title", "track", "difficulty", "status"
    DomainEvent event;         // what the change means, recorded with it
};

// Makes the audit event of a change from the lesson as stored (deleted, or with new content).
using LessonEvent = std::function<DomainEvent(const Lesson &stored)>;

// The Scribe for lessons: stores and loads, decides nothing. Implemented over SQLite (HTML
// files beside the store file) and HTTP (the Worker, HTML in R2). Every call is asynchronous
// and never blocks the calling (UI) thread; failures are DomainError subclasses. Every write
// records the handler's event with the change (embedded: same transaction; Worker: its own).
class LessonRepository
{
public:
    virtual ~LessonRepository() = default;

    virtual QCoro::Task<std::optional<Lesson>> findById(QString id) = 0;
    virtual QCoro::Task<LessonPage> list(LessonListQuery query) = 0;
    // How many lessons match the query's filters (page and sort ignored).
    virtual QCoro::Task<qint64> count(LessonListQuery query) = 0;
    // Learners' progress rows on the lesson (what deleting it takes with it).
    virtual QCoro::Task<qint64> progressCount(QString id) = 0;

    virtual QCoro::Task<Lesson> insert(Lesson lesson, DomainEvent event) = 0;
    // Compare-and-swap: stores write.lesson only if the stored version is still
    // write.expectedVersion. Throws ConflictError carrying the current Lesson (QVariant) when
    // it differs, NotFoundError when the lesson is gone.
    virtual QCoro::Task<Lesson> update(LessonWrite write) = 0;
    // Deletes the lesson, its progress and its content; records describe(deleted) and
    // returns what was deleted. NotFoundError if there is no such lesson.
    virtual QCoro::Task<Lesson> remove(QString id, LessonEvent describe) = 0;

    // The HTML with the version it belongs to. knownVersion is the version whose content the
    // caller may already have seen: a store may answer from what it cached of that version
    // (the Worker's ETag: a 304 costs no body). NotFoundError when the lesson is gone.
    virtual QCoro::Task<LessonContent> content(QString id, int knownVersion) = 0;
    // Replaces the HTML and advances the lesson's version in one step, only if the version
    // is still expectedVersion (ConflictError with the current Lesson otherwise); either the
    // old content and metadata stay, or the new ones are both stored. Records describe(stored).
    virtual QCoro::Task<Lesson> putContent(QString id, QByteArray html, int expectedVersion,
                                           LessonEvent describe) = 0;
};

} // namespace edge
