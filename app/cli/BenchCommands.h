#pragma once

#include "CliCommon.h"

#include <QCoro/QCoroTask>

namespace edge::cli {

// bench-progress (not in --help; bench/progress.sh runs it): times, in this process, the
// application layer's progress list on the open store: the first page filtered by track and
// completed, and the page --depth rows deep reached by keyset cursor.
QCoro::Task<int> benchProgressCommand(Invocation invocation);

} // namespace edge::cli
