#pragma once

#include "CliCommon.h"

#include <QCoro/QCoroTask>

namespace edge::cli {

// profiles list | add NAME (--url URL [--email E] | --store PATH) | remove NAME: the
// connection profiles the console keeps in its settings (never a token).
QCoro::Task<int> profilesCommand(Invocation invocation);

} // namespace edge::cli
