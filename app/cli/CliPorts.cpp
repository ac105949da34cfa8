#include "CliPorts.h"

namespace edge::cli {

CliPorts::CliPorts()
    : m_profiles(m_settings)
{
}

std::unique_ptr<remote::RemoteSession> CliPorts::sessionFor(const QString &profileName, const QUrl &url)
{
    return std::make_unique<remote::RemoteSession>(profileName, url, &m_tokens);
}

} // namespace edge::cli
