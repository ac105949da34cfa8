#pragma once

#include "CliCommon.h"

#include <QCoro/QCoroTask>

namespace edge::cli {

// seed-demo: a small realistic data set, in one transaction.
QCoro::Task<int> seedDemoCommand(Invocation invocation);
// generate-users N: bulk synthetic users for load checks, 10,000 per transaction.
QCoro::Task<int> generateUsersCommand(Invocation invocation);

} // namespace edge::cli
