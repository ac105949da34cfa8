#pragma once

#include "CliCommon.h"

#include <QCoro/QCoroTask>

namespace edge::cli {

// generate --users N --lessons N --progress N [--tracks N] [--seed S]: synthetic data for
// load checks on an embedded store, deterministic for a seed, in large batched transactions
// (Ctrl+C stops between batches; what was committed stays consistent).
QCoro::Task<int> generateCommand(Invocation invocation);

} // namespace edge::cli
