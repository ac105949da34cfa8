#pragma once

// Test support: waiting for an application-layer task from a test body (a test may wait;
// library code may not). Needs nothing but QCoro, so tests of any layer can use it.

#include <QCoro/QCoroTask>

#include <exception>
#include <optional>

namespace edge::test {

namespace detail {
// QCoro::waitFor loses a task's exception (and never returns); this keeps it.
template<class T>
QCoro::Task<std::optional<T>> capture(QCoro::Task<T> task, std::exception_ptr &error)
{
    try {
        co_return co_await std::move(task);
    } catch (...) {
        error = std::current_exception();
        co_return std::nullopt;
    }
}

inline QCoro::Task<bool> captureVoid(QCoro::Task<void> task, std::exception_ptr &error)
{
    try {
        co_await std::move(task);
    } catch (...) {
        error = std::current_exception();
    }
    co_return true;
}
} // namespace detail

// Drives a coroutine to completion from a test body (a test may wait; library code may not)
// and rethrows what it threw.
template<class T>
T await(QCoro::Task<T> &&task)
{
    std::exception_ptr error;
    std::optional<T> result = QCoro::waitFor(detail::capture(std::move(task), error));
    if (error)
        std::rethrow_exception(error);
    return std::move(*result);
}

inline void await(QCoro::Task<void> &&task)
{
    std::exception_ptr error;
    QCoro::waitFor(detail::captureVoid(std::move(task), error));
    if (error)
        std::rethrow_exception(error);
}

} // namespace edge::test
