#pragma once

// Internals of WorkerClient: the bookkeeping of one send() in flight. Not for other users.

#include "ApiTypes.h"

#include <QNetworkReply>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <coroutine>
#include <exception>
#include <optional>

namespace edge::remote::detail {

using std::chrono::milliseconds;

// A point where a coroutine waits until something wakes it: the backoff timer, a
// cancellation or the deadline. Waking resumes it synchronously, exactly once.
class Wakeup
{
public:
    // What co_await gets. QCoro's await_transform copies awaitables, so the state stays here
    // and the awaiter only points at it.
    struct Awaiter
    {
        Wakeup *wakeup;
        bool await_ready() const noexcept { return wakeup->m_woken; }
        void await_suspend(std::coroutine_handle<> waiting) noexcept { wakeup->m_waiting = waiting; }
        void await_resume() const noexcept {}
    };

    void reset() { m_woken = false; }
    void wake()
    {
        m_woken = true;
        if (auto waiting = std::exchange(m_waiting, {}))
            waiting.resume();
    }

private:
    bool m_woken = false;
    std::coroutine_handle<> m_waiting;
};

// One send() in flight: its current reply or backoff wait, its deadline, and why it was
// stopped. Owned by the send() coroutine; deleted later so that stopping it from one of its
// own timers never frees the timer mid-signal.
class PendingCall final : public QObject
{
public:
    enum class Stop { None, Cancelled, Deadline };

    explicit PendingCall(milliseconds deadline)
    {
        m_deadline.setSingleShot(true);
        m_backoff.setSingleShot(true);
        connect(&m_deadline, &QTimer::timeout, this, [this] { stop(Stop::Deadline); });
        connect(&m_backoff, &QTimer::timeout, this, [this] { m_wakeup.wake(); });
        m_deadline.start(deadline);
    }

    Stop stopReason() const { return m_stop; }
    milliseconds timeLeft() const { return m_deadline.remainingTimeAsDuration(); }
    void setReply(QNetworkReply *reply) { m_reply = reply; }

    // Interrupts whatever the call waits for; its send() then throws. Nothing may touch
    // members after the interruption: the send() may have finished by then.
    void stop(Stop reason)
    {
        if (m_stop != Stop::None)
            return;
        m_stop = reason;
        m_deadline.stop();
        if (QNetworkReply *reply = m_reply)
            reply->abort();
        else
            m_wakeup.wake();
    }

    Wakeup::Awaiter pause(milliseconds delay)
    {
        m_wakeup.reset();
        if (m_stop == Stop::None)
            m_backoff.start(delay);
        else
            m_wakeup.wake();
        return Wakeup::Awaiter{&m_wakeup};
    }

    // The send() is over; a late cancel() finds nothing to interrupt and does no harm.
    void finish()
    {
        m_deadline.stop();
        m_backoff.stop();
    }

private:
    Stop m_stop = Stop::None;
    QPointer<QNetworkReply> m_reply;
    QTimer m_deadline;
    QTimer m_backoff;
    Wakeup m_wakeup;
};

// What one attempt came to: a result, or an error and whether trying again may help.
struct AttemptOutcome
{
    std::optional<ApiResult> result;
    std::exception_ptr error;
    bool retryable = false;
    std::optional<milliseconds> retryAfter;
};

} // namespace edge::remote::detail
