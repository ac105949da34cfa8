#pragma once

#include "application/ports/TransferJournal.h"

#include <QByteArray>
#include <optional>

namespace edge {

// One journal entry as JSON (the file format of FileTransferJournal, version 1).
QByteArray pendingUploadToJson(const PendingUpload &upload);
// std::nullopt when the text is not an entry of this version or misses what a resume needs.
std::optional<PendingUpload> pendingUploadFromJson(const QByteArray &json);

} // namespace edge
