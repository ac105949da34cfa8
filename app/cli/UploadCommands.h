#pragma once

#include "CliCommon.h"

#include <QCoro/QCoroTask>

namespace edge::cli {

// uploads list | put | get | delete, on an embedded store or a Worker, through the
// application layer's upload handlers; put goes through the TransferQueue (large files as
// multipart, journaled in the console's transfer journal, so an interrupted put run again
// with the same file and key continues where it stopped).
QCoro::Task<int> uploadsCommand(Invocation invocation);

} // namespace edge::cli
