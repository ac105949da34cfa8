#include "CancelToken.h"

namespace edge::remote::detail {

void CancelState::cancel()
{
    if (m_cancelled)
        return;
    m_cancelled = true;
    emit cancelled();
}

} // namespace edge::remote::detail
