#pragma once

#include <QObject>

#include <memory>

namespace edge::remote {

namespace detail {
// The shared state behind CancelToken copies; a QObject so requests can connect to it.
class CancelState final : public QObject
{
    Q_OBJECT
public:
    bool isCancelled() const { return m_cancelled; }
    void cancel();

signals:
    void cancelled();

private:
    bool m_cancelled = false;
};
} // namespace detail

// A handle a caller keeps to abort the requests it started, without touching other callers'
// requests (WorkerClient::abortAll() aborts everything). Copies share one state. Cancelling
// aborts every request carrying the token, pending or started later; each of their send()
// calls then throws RequestCancelledError. Typical use: a window owns a token, passes it with
// each request and calls cancel() when it closes.
class CancelToken
{
public:
    CancelToken() : m_state(std::make_shared<detail::CancelState>()) {}

    void cancel() { m_state->cancel(); }
    bool isCancelled() const { return m_state->isCancelled(); }

    // For WorkerClient: what to connect to.
    detail::CancelState *state() const { return m_state.get(); }

private:
    std::shared_ptr<detail::CancelState> m_state;
};

} // namespace edge::remote
