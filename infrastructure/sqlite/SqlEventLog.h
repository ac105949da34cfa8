#pragma once

#include "domain/DomainEvent.h"

#include <QSqlDatabase>

namespace edge {

// Appends a domain event to the events (audit) table. Called inside the transaction of the
// change it describes, so the trail and the data can never disagree.
void recordEvent(const QSqlDatabase &database, const DomainEvent &event);

} // namespace edge
