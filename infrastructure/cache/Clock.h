#pragma once

#include <chrono>

namespace edge {

// Time for expiring things, injectable so tests can move it by hand instead of sleeping.
class Clock
{
public:
    using TimePoint = std::chrono::steady_clock::time_point;
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
};

class SteadyClock final : public Clock
{
public:
    TimePoint now() const override { return std::chrono::steady_clock::now(); }
};

// A clock that only moves when told to.
class ManualClock final : public Clock
{
public:
    TimePoint now() const override { return m_now; }
    void advance(std::chrono::milliseconds by) { m_now += by; }

private:
    TimePoint m_now{};
};

} // namespace edge
