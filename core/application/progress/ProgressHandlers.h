#pragma once

#include "application/ports/EventPublisher.h"
#include "application/ports/ProgressRepository.h"
#include "application/progress/ProgressCommands.h"
#include "application/progress/ProgressQueries.h"
#include "domain/Errors.h"

#include <QCoro/QCoroTask>

namespace edge {

// The Commander for progress corrections: validates (score 0..100, completion time not in the
// future and only on a completed row, ids are UUIDs), computes the new row and its event
// (progress.upserted with the old and new value of each changed field, progress.deleted),
// has the repository store it and publishes what happened. Nothing is written when a rule
// says no (ValidationError naming every bad field).
class ProgressCommandHandler
{
public:
    ProgressCommandHandler(ProgressRepository &progress, EventPublisher &events, Actor actor)
        : m_progress(progress), m_events(events), m_actor(std::move(actor)) {}

    QCoro::Task<ProgressEntry> set(SetProgressCommand command);
    QCoro::Task<ProgressEntry> reset(ResetProgressCommand command);
    // Checks and writes an import (see ProgressRepository::importRows); publishes one event
    // per written row only when few rows were written (an import of a million rows publishes
    // none, pages refresh instead).
    QCoro::Task<ProgressBatchOutcome> import(QList<ProgressImportRow> rows, bool checkOnly,
                                             ImportProgress progress = {});

private:
    ProgressRepository &m_progress;
    EventPublisher &m_events;
    Actor m_actor;
};

class ProgressQueryHandler
{
public:
    explicit ProgressQueryHandler(ProgressRepository &progress) : m_progress(progress) {}

    QCoro::Task<ProgressEntry> get(QString userId, QString lessonId); // NotFoundError when missing
    QCoro::Task<ProgressPage> list(ProgressListQuery query);
    QCoro::Task<qint64> count(ProgressListQuery query);
    QCoro::Task<QList<LessonProgressStats>> lessonStats(QString track = {});
    QCoro::Task<QList<TrackProgressStats>> trackStats();
    QCoro::Task<QList<CompletionsPeriod>> completions(CompletionsQuery query);

private:
    ProgressRepository &m_progress;
};

// Every bad field of one row (import or correction), keyed by its API name ("score",
// "completedAt", "userId", "lessonId"); empty when all are good.
QMap<QString, QString> progressFieldProblems(const QString &userId, const QString &lessonId,
                                             const ProgressChange &change, bool completedAfter,
                                             const QDateTime &now);

} // namespace edge
