#include "TransferSpeed.h"

#include <cmath>

namespace edge {

namespace {
constexpr qint64 MinSpanMs = 1000; // less than this says little about the speed
}

void TransferSpeed::sample(qint64 nowMs, qint64 bytesDone)
{
    if (!m_samples.empty() && bytesDone < m_samples.back().bytes)
        m_samples.clear();
    m_samples.push_back({nowMs, bytesDone});
    // Keep one sample older than the window, so the window is always covered.
    while (m_samples.size() > 2 && nowMs - m_samples[1].ms >= WindowMs)
        m_samples.pop_front();
}

void TransferSpeed::reset()
{
    m_samples.clear();
}

double TransferSpeed::bytesPerSecond(qint64 nowMs) const
{
    if (m_samples.empty())
        return 0;
    const Sample &first = m_samples.front();
    const qint64 span = nowMs - first.ms;
    if (span < MinSpanMs)
        return 0;
    // Up to now, not to the last sample: a stalled transfer slows down in the figure too.
    return double(m_samples.back().bytes - first.bytes) * 1000.0 / double(span);
}

qint64 TransferSpeed::secondsLeft(qint64 nowMs, qint64 totalBytes) const
{
    const double speed = bytesPerSecond(nowMs);
    if (speed <= 0 || m_samples.empty())
        return -1;
    const qint64 left = qMax<qint64>(0, totalBytes - m_samples.back().bytes);
    return qint64(std::ceil(double(left) / speed));
}

} // namespace edge
