#pragma once

#include "CliCommon.h"

#include <QCoro/QCoroTask>

namespace edge::cli {

// generate --users N --lessons N --progress N [--tracks N] [--seed S]: synthetic data for
// load checks on an embedded store, deterministic for a seed, one transaction per phase
// (Ctrl+C stops after the current batch and rolls the unfinished phase back whole; the
// finished phases stay, consistent).
QCoro::Task<int> generateCommand(Invocation invocation);

} // namespace edge::cli
