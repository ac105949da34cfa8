#pragma once

#include "domain/ActivityEntry.h"
#include "domain/Lesson.h"
#include "domain/Progress.h"
#include "domain/User.h"

#include <QJsonObject>
#include <QString>

namespace edge::remote {

// The Worker's JSON (camelCase, openapi.yaml) to the console's domain values. A body that
// does not have the documented shape is the server's fault: DomainError of kind Internal
// naming what is missing, never a half-filled value.
User userFromJson(const QJsonObject &json);
ProgressEntry progressFromJson(const QJsonObject &json);
ActivityEntry activityFromJson(const QJsonObject &json);
// The Worker's Lesson (openapi.yaml#/components/schemas/Lesson); strict like userFromJson.
Lesson lessonFromJson(const QJsonObject &json);

// ISO-8601 UTC with milliseconds, the contract's timestamp form.
QString toApiTimestamp(const QDateTime &time);
QDateTime fromApiTimestamp(const QJsonValue &value); // null for null/missing

} // namespace edge::remote
