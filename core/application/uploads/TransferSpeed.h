#pragma once

#include <QtGlobal>

#include <deque>

namespace edge {

// How fast one transfer moves and how long it has left, smoothed over the last few seconds
// so a burst (a part landing at once) does not make the figure jump. Times are given by the
// caller (milliseconds of a steady clock), so it is testable without waiting.
class TransferSpeed
{
public:
    static constexpr qint64 WindowMs = 5000;

    // bytesDone of the whole transfer at nowMs. A value lower than before (a part sent again
    // after a pause) starts the measurement over.
    void sample(qint64 nowMs, qint64 bytesDone);
    // Forgets the samples: paused, or starting again.
    void reset();

    // 0 until there is a second's worth of samples.
    double bytesPerSecond(qint64 nowMs) const;
    // -1 when not known (no speed yet).
    qint64 secondsLeft(qint64 nowMs, qint64 totalBytes) const;

private:
    struct Sample
    {
        qint64 ms;
        qint64 bytes;
    };
    std::deque<Sample> m_samples;
};

} // namespace edge
