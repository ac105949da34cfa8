#pragma once

#include "application/lessons/LessonCommands.h"
#include "application/lessons/LessonQueries.h"
#include "application/ports/EventPublisher.h"
#include "application/ports/LessonRepository.h"
#include "domain/Errors.h"

#include <QCoro/QCoroTask>

namespace edge {

// The Commanders for lessons: they validate, decide what changed and which event it is,
// have the repository store it (compare-and-swap on the version) and publish what happened.
// Each throws DomainError subclasses; nothing is written when a rule says no.
class LessonCommandHandler
{
public:
    LessonCommandHandler(LessonRepository &lessons, EventPublisher &events, Actor actor)
        : m_lessons(lessons), m_events(events), m_actor(std::move(actor)) {}

    // Reports every bad field at once (ValidationError::fieldErrors).
    QCoro::Task<Lesson> create(CreateLessonCommand command);
    QCoro::Task<Lesson> update(UpdateLessonCommand command);
    // Publishing and unpublishing are updates of the status (event lesson.updated, changes
    // ["status"]); a lesson already in that state is returned unchanged. A lesson saved by
    // someone since `lesson` was read gets the status on its current version (one retry).
    QCoro::Task<Lesson> setStatus(Lesson lesson, LessonStatus status);
    // A draft copy titled "<title> (copy)" with the same HTML. When copying the HTML fails
    // the copy is deleted again, so no half copy is left.
    QCoro::Task<Lesson> duplicate(QString id);
    // Deletes the lesson, its learners' progress and its content.
    QCoro::Task<Lesson> remove(QString id);
    // The HTML must be UTF-8 and at most 2 MiB.
    QCoro::Task<Lesson> putContent(PutLessonContentCommand command);

private:
    QCoro::Task<Lesson> baseOf(const UpdateLessonCommand &command);

    LessonRepository &m_lessons;
    EventPublisher &m_events;
    Actor m_actor;
};

class LessonQueryHandler
{
public:
    explicit LessonQueryHandler(LessonRepository &lessons) : m_lessons(lessons) {}

    QCoro::Task<Lesson> get(QString id); // NotFoundError when missing
    QCoro::Task<LessonPage> list(LessonListQuery query);
    QCoro::Task<qint64> count(LessonListQuery query);
    QCoro::Task<qint64> progressCount(QString id);
    QCoro::Task<LessonContent> content(QString id, int knownVersion = 0);

private:
    LessonRepository &m_lessons;
};

// Validation shared by the handlers and by importers that check a whole batch first:
// every bad field of a lesson's metadata, keyed by its API name (empty when all are good).
QMap<QString, QString> lessonFieldProblems(const QString &title, const QString &track, int difficulty,
                                           const QString &status);
// The id as stored (lower case); ValidationError naming "id" when it is not a UUID.
QString parseLessonId(const QString &text);
// A ConflictError for a stale version, carrying the stored lesson.
ConflictError staleLessonConflict(const Lesson &stored, int baseVersion);

} // namespace edge
