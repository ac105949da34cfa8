#pragma once

#include "CliCommon.h"

#include <QCoro/QCoroTask>

namespace edge::cli {

// login --email E: signs in to the --url/--profile Worker and keeps the token in the
// keychain (TokenStore), or says it could not.
QCoro::Task<int> loginCommand(Invocation invocation);
// logout: revokes the session on the Worker and deletes the stored token.
QCoro::Task<int> logoutCommand(Invocation invocation);

} // namespace edge::cli
