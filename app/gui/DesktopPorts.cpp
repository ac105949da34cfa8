#include "DesktopPorts.h"

namespace edge::app {

DesktopPorts::DesktopPorts()
    : m_accounts(m_tokens)
    , m_profiles(m_settings)
    , m_transfers(FileTransferJournal::defaultFolder())
{
}

} // namespace edge::app
