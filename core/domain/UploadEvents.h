#pragma once

#include "DomainEvent.h"
#include "Upload.h"

namespace edge {

// The Worker's upload events, subject "upload" <key>: upload.created with {size,
// contentType, originalName}, upload.deleted with {size, originalName}.
DomainEvent uploadCreatedEvent(const Upload &upload, const Actor &actor);
DomainEvent uploadDeletedEvent(const Upload &upload, const Actor &actor);

} // namespace edge
