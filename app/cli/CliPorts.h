#pragma once

#include "infrastructure/keychain/TokenStore.h"
#include "infrastructure/remote/RemoteSession.h"
#include "infrastructure/settings/SettingsProfileRepository.h"

#include <QSettings>
#include <QUrl>

#include <memory>

namespace edge::cli {

// edge-admin-cli's composition root: the infrastructure its commands use, made once in
// main() and reached through the Invocation. Profiles live in the console's QSettings (the
// GUI sees the same ones) and tokens in the OS keychain.
class CliPorts
{
public:
    CliPorts();

    ProfileRepository &profiles() { return m_profiles; }
    keychain::TokenStore &tokens() { return m_tokens; }
    // Signing in to the Worker at `url`; its token is kept under the profile's name.
    std::unique_ptr<remote::RemoteSession> sessionFor(const QString &profileName, const QUrl &url);

private:
    QSettings m_settings;
    SettingsProfileRepository m_profiles;
    keychain::TokenStore m_tokens;
};

} // namespace edge::cli
