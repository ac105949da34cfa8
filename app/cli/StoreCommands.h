#pragma once

#include "CliCommon.h"
#include "infrastructure/sqlite/EmbeddedBackend.h"

#include <QCoro/QCoroTask>

#include <memory>

namespace edge::cli {

// Opens (creating if needed) and migrates the store named by --store or an embedded
// --profile; UsageError for a remote target.
QCoro::Task<std::unique_ptr<EmbeddedBackend>> openStore(const Invocation &invocation);

// migrate: prints what was applied now and every migration the store records.
QCoro::Task<int> migrateCommand(Invocation invocation);

} // namespace edge::cli
