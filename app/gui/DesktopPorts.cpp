#include "DesktopPorts.h"

namespace edge::app {

DesktopPorts::DesktopPorts()
    : m_accounts(m_tokens)
    , m_profiles(m_settings)
{
}

} // namespace edge::app
