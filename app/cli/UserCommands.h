#pragma once

#include "CliCommon.h"

#include <QCoro/QCoroTask>

namespace edge::cli {

// users list | add | show | delete, through the application layer's handlers.
QCoro::Task<int> usersCommand(Invocation invocation);

} // namespace edge::cli
