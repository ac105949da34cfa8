#pragma once

#include "domain/User.h"

#include <QDateTime>
#include <QString>
#include <QVariant>

#include <optional>

namespace edge::ui {

// The User inside a QVariant (ConflictError::current(), the model's UserRole).
// qvariant_cast<User> does not compile because User has no public default constructor.
std::optional<User> userFromVariant(const QVariant &value);

// A stored UTC timestamp in the user's local time, short form ("2024-05-01 14:03").
QString formatTimestamp(const QDateTime &utc);
// With seconds and the time zone, for tooltips and the detail pane.
QString formatTimestampLong(const QDateTime &utc);

// "1,000,000": group separators even in the C locale (Xvfb, CI).
QString formatCount(qint64 count);

// One line naming the user for confirmations and status messages.
QString describeUser(const User &user);

} // namespace edge::ui
