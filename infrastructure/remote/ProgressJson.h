#pragma once

#include "application/progress/ProgressQueries.h"
#include "domain/Progress.h"

#include <QByteArray>
#include <QJsonObject>
#include <QUrlQuery>

namespace edge::remote {

// The Worker's progress JSON (openapi.yaml: ProgressRow, ProgressPage, LessonStats,
// TrackStats, CompletionsPeriod, ProgressBatchRow) to and from the console's values. Like
// ApiJson, a body without the documented shape is the server's fault: DomainError of kind
// Internal naming what is missing, never a half-filled value. (progressFromJson itself is in
// ApiJson: the user dashboard reads progress rows too.)

// GET /progress's query for a list: every filter set, the sort and order, and either the
// cursor or the page number.
QUrlQuery progressListParameters(const ProgressListQuery &query);

// A list answer (the whole envelope: rows, pagination.total, and the top-level nextCursor,
// which the envelope reader of WorkerClient does not keep).
ProgressPage progressPageFromEnvelope(const QByteArray &body);

LessonProgressStats lessonStatsFromJson(const QJsonObject &json);
TrackProgressStats trackStatsFromJson(const QJsonObject &json);
CompletionsPeriod completionsPeriodFromJson(const QJsonObject &json);

// PUT /progress/{userId}/{lessonId}: the row's values as the handler decided them, every one
// explicit (completedAt null on a row that is not completed).
QJsonObject progressPutBody(const ProgressEntry &entry);
// One row of POST /progress/batch.
QJsonObject progressBatchRowJson(const ProgressImportRow &row);

} // namespace edge::remote
