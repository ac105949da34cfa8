#pragma once

#include <QDateTime>
#include <QString>
#include <QVariant>

namespace edge {

// The store's timestamp form, shared with the Worker: ISO 8601 UTC with milliseconds and Z
// ("2026-01-31T12:00:00.000Z", JavaScript's toISOString()), so rows sort as text.
inline QString toStoreTimestamp(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

// NULL or unparsable text gives a null QDateTime. The store's own form is read directly
// (every row of every page has two or three, and the general ISO parser costs more than
// the rest of the row); any other ISO 8601 text goes through Qt's parser.
QDateTime fromStoreTimestamp(const QVariant &value);

} // namespace edge
