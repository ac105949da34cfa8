#include "Connection.h"

#include "CliPorts.h"
#include "StoreCommands.h"

namespace edge::cli {

using namespace edge::remote;

QString Target::tokenKey() const
{
    return keychain::TokenStore::keyFor(profileName, url);
}

Target resolveTarget(const Invocation &invocation)
{
    const QCommandLineParser &options = invocation.options;
    const bool hasUrl = options.isSet(QStringLiteral("url"));
    const bool hasProfile = options.isSet(QStringLiteral("profile"));
    if (int(hasUrl) + int(hasProfile) + int(options.isSet(QStringLiteral("store"))) > 1)
        throw UsageError{QStringLiteral("Use one of --store, --profile and --url")};

    Target target;
    target.storePath = invocation.storePath;
    if (hasUrl) {
        target.url = QUrl(options.value(QStringLiteral("url")), QUrl::StrictMode);
        if (const QString problem = baseUrlProblem(target.url); !problem.isEmpty())
            throw UsageError{QStringLiteral("--url: %1").arg(problem)};
        target.profileName = QStringLiteral("url");
        return target;
    }
    if (hasProfile) {
        const std::optional<ConnectionProfile> profile =
            invocation.ports.profiles().find(options.value(QStringLiteral("profile")));
        if (!profile)
            throw UsageError{QStringLiteral("No profile called \"%1\" (see 'profiles list')")
                                 .arg(options.value(QStringLiteral("profile")))};
        if (profile->kind == ProfileKind::Embedded) {
            target.storePath = profile->storePath;
        } else {
            target.url = profile->baseUrl;
            target.profileName = profile->name;
            target.accountEmail = profile->accountEmail;
        }
    }
    return target;
}

namespace {
QString loginCommandFor(const Invocation &invocation, const Target &target)
{
    return QStringLiteral("edge-admin-cli %1 login --email EMAIL")
        .arg(invocation.options.isSet(QStringLiteral("profile"))
                 ? QStringLiteral("--profile ") + target.profileName
                 : QStringLiteral("--url ") + target.url.toDisplayString());
}
} // namespace

QCoro::Task<std::unique_ptr<Services>> openServices(const Invocation &invocation, EventBus &events)
{
    const Target target = resolveTarget(invocation);
    if (!target.isRemote()) {
        std::unique_ptr<EmbeddedBackend> store = co_await openStore(invocation);
        co_return std::make_unique<Services>(std::move(store), events, Actor::localUser());
    }
    const std::unique_ptr<RemoteSession> session = invocation.ports.sessionFor(target.profileName, target.url);
    // Unchecked: asking the Worker first (GET /auth/me) would cost every command one more
    // round trip; the command's own request is refused just the same if the token is.
    const std::optional<Actor> actor = co_await session->resumeUnchecked();
    if (!actor) {
        throw NotSignedInError(QStringLiteral("Not signed in to %1 (or the sign-in expired): run '%2'")
                                    .arg(target.url.toDisplayString(), loginCommandFor(invocation, target)));
    }
    // The backend shares the session's client; the session itself is not needed.
    co_return std::make_unique<Services>(session->makeBackend(), events, *actor);
}

QCoro::Task<QString> forgetRefusedToken(const Invocation &invocation)
{
    const Target target = resolveTarget(invocation);
    if (!target.isRemote())
        co_return QString();
    co_await invocation.ports.tokens().remove(target.tokenKey());
    co_return loginCommandFor(invocation, target);
}

} // namespace edge::cli
