#pragma once

#include "CliCommon.h"

#include <QCoro/QCoroTask>

namespace edge::cli {

// progress list | stats | set | reset | export | import, on an embedded store or a Worker,
// through the application layer's progress handlers, ProgressExporter and ProgressImporter
// (CSV files).
QCoro::Task<int> progressCommand(Invocation invocation);

} // namespace edge::cli
