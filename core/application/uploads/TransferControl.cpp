#include "TransferControl.h"

namespace edge {

void TransferControl::cancel()
{
    if (!m_cancelled.exchange(true))
        emit cancelled();
}

void TransferControl::report(qint64 done, qint64 total)
{
    emit progressed(done, total);
}

void TransferControl::throwIfCancelled() const
{
    if (isCancelled())
        throw TransferCancelledError();
}

} // namespace edge
