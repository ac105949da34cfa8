#include "ProfileCommands.h"

#include "CliPorts.h"

namespace edge::cli {

using namespace edge::keychain;

namespace {
int listProfiles(const ProfileRepository &profiles)
{
    const QList<ConnectionProfile> all = profiles.list();
    if (all.isEmpty())
        out() << "No profiles. Add one with 'profiles add NAME --url URL' or 'profiles add NAME --store PATH'."
              << Qt::endl;
    for (const ConnectionProfile &profile : all) {
        if (profile.kind == ProfileKind::Embedded)
            out() << profile.name << "  embedded  " << profile.storePath << Qt::endl;
        else
            out() << profile.name << "  worker    " << profile.baseUrl.toDisplayString()
                  << (profile.accountEmail.isEmpty() ? QString() : QStringLiteral("  ") + profile.accountEmail)
                  << Qt::endl;
    }
    return Success;
}

int addProfile(ProfileRepository &profiles, const Invocation &invocation)
{
    const QCommandLineParser &options = invocation.options;
    if (invocation.arguments.size() != 1)
        throw UsageError{QStringLiteral("profiles add needs exactly one NAME")};
    const QString name = invocation.arguments.first();
    const bool hasUrl = options.isSet(QStringLiteral("url"));
    const bool hasStore = options.isSet(QStringLiteral("store"));
    if (hasUrl == hasStore)
        throw UsageError{QStringLiteral("profiles add needs either --url URL or --store PATH")};
    const ConnectionProfile profile =
        hasUrl ? ConnectionProfile::remote(name, QUrl(options.value(QStringLiteral("url")), QUrl::StrictMode),
                                           options.value(QStringLiteral("email")))
               : ConnectionProfile::embedded(name, options.value(QStringLiteral("store")));
    profiles.add(profile); // ValidationError / ConflictError are reported by main
    out() << "Added profile " << name << Qt::endl;
    return Success;
}
} // namespace

QCoro::Task<int> profilesCommand(Invocation invocation)
{
    if (invocation.arguments.isEmpty())
        throw UsageError{QStringLiteral("profiles needs a subcommand: list, add or remove")};
    const QString sub = invocation.arguments.takeFirst();
    ProfileRepository &profiles = invocation.ports.profiles();
    if (sub == QLatin1String("list") && invocation.arguments.isEmpty())
        co_return listProfiles(profiles);
    if (sub == QLatin1String("add"))
        co_return addProfile(profiles, invocation);
    if (sub == QLatin1String("remove") && invocation.arguments.size() == 1) {
        const QString name = invocation.arguments.first();
        const std::optional<ConnectionProfile> profile = profiles.find(name);
        profiles.remove(name); // NotFoundError for an unknown name
        // Its token, if any, goes with it: nothing should outlive the profile in the keychain.
        if (profile && profile->kind == ProfileKind::Remote) {
            co_await invocation.ports.tokens().remove(keychain::TokenStore::keyFor(profile->name, profile->baseUrl));
        }
        out() << "Removed profile " << name << Qt::endl;
        co_return Success;
    }
    throw UsageError{QStringLiteral("Use 'profiles list', 'profiles add NAME ...' or 'profiles remove NAME'")};
}

} // namespace edge::cli
