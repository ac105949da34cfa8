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

// NULL or unparsable text gives a null QDateTime.
inline QDateTime fromStoreTimestamp(const QVariant &value)
{
    if (value.isNull())
        return {};
    QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC() : QDateTime();
}

} // namespace edge
