#include "AccountCommands.h"

#include "CliPorts.h"
#include "Connection.h"
#include "PasswordInput.h"

namespace edge::cli {

using namespace edge::remote;

namespace {
Target remoteTarget(const Invocation &invocation, const QString &command)
{
    const Target target = resolveTarget(invocation);
    if (!target.isRemote())
        throw UsageError{QStringLiteral("%1 needs a Worker: --url URL or a remote --profile").arg(command)};
    if (!invocation.arguments.isEmpty())
        throw UsageError{QStringLiteral("%1 takes options only").arg(command)};
    return target;
}
} // namespace

QCoro::Task<int> loginCommand(Invocation invocation)
{
    const Target target = remoteTarget(invocation, QStringLiteral("login"));
    const QString email = invocation.options.isSet(QStringLiteral("email"))
                              ? invocation.options.value(QStringLiteral("email"))
                              : target.accountEmail;
    if (email.isEmpty())
        throw UsageError{QStringLiteral("login needs --email (or a profile with an account email)")};
    const QString password = readPassword(email);

    const std::unique_ptr<RemoteSession> session = invocation.ports.sessionFor(target.profileName, target.url);
    const SignInResult result = co_await session->login(email, password);
    out() << "Signed in to " << target.url.toDisplayString() << " as " << result.user.email().value() << " ("
          << roleToString(result.user.role()) << "), until "
          << result.expiresAt.toLocalTime().toString(Qt::ISODate) << Qt::endl;
    if (result.persistence == TokenPersistence::Keychain) {
        out() << "The token is kept in the keychain." << Qt::endl;
    } else {
        // A CLI process ends now, so a memory-only token is of no use to later commands.
        err() << "warning: the token could not be saved (" << result.notSavedReason
              << "); later commands cannot use this sign-in." << Qt::endl;
    }
    co_return Success;
}

QCoro::Task<int> logoutCommand(Invocation invocation)
{
    const Target target = remoteTarget(invocation, QStringLiteral("logout"));
    const std::unique_ptr<RemoteSession> session = invocation.ports.sessionFor(target.profileName, target.url);
    const std::optional<User> user = co_await session->resume();
    co_await session->logout(); // deletes the stored token even if nothing was signed in
    if (user)
        out() << "Signed out " << user->email().value() << " from " << target.url.toDisplayString()
              << "; the session is revoked and the token deleted." << Qt::endl;
    else
        out() << "Not signed in to " << target.url.toDisplayString() << "; no token is stored." << Qt::endl;
    co_return Success;
}

} // namespace edge::cli
