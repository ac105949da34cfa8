#pragma once

#include <QString>

namespace edge::cli {

// The new user's password, never from the command line (it would sit in shell history and
// in `ps`): one line from stdin when stdin is not a terminal, otherwise asked twice on the
// terminal without echo. Throws UsageError when the two entries differ or input ends.
QString readNewPassword();
// An existing password (sign-in): one line from stdin, or asked once without echo.
QString readPassword(const QString &account);

} // namespace edge::cli
