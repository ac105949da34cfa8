#pragma once

#include "application/ports/ConsolePorts.h"
#include "infrastructure/keychain/TokenStore.h"
#include "infrastructure/local/FileTransferJournal.h"
#include "infrastructure/remote/RemoteSession.h"
#include "infrastructure/settings/SettingsProfileRepository.h"
#include "infrastructure/sqlite/EmbeddedStore.h"

#include <QSettings>

namespace edge::app {

// The desktop console's composition root: the real implementations of the ports the window
// uses. Embedded stores are SQLite files, Workers are signed in to over HTTPS with tokens in
// the OS keychain, profiles live in the application's QSettings, unfinished uploads in a
// journal folder beside them. GUI tests build one too (with their settings, keyring and
// data folders isolated) or pass fakes of their own.
class DesktopPorts
{
public:
    DesktopPorts();

    ConsolePorts ports() { return {m_stores, m_accounts, m_profiles, m_transfers}; }

private:
    QSettings m_settings;
    SqliteStoreOpener m_stores;
    keychain::TokenStore m_tokens;
    remote::RemoteSessionFactory m_accounts;
    SettingsProfileRepository m_profiles;
    FileTransferJournal m_transfers;
};

} // namespace edge::app
