#pragma once

#include "domain/Errors.h"

#include <QCoro/QCoroTask>

#include <exception>
#include <memory>
#include <optional>
#include <type_traits>
#include <variant>

namespace edge::remote::test {

// Runs a task to its end in the background and keeps what it came to, so a test can wait
// with QTRY_VERIFY(watcher.isDone()) instead of a nested loop or a sleep.
template<typename T>
class TaskWatcher
{
    using Value = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

public:
    explicit TaskWatcher(QCoro::Task<T> task) : m_state(std::make_shared<State>())
    {
        run(std::move(task), m_state);
    }

    bool isDone() const { return m_state->done; }
    bool succeeded() const { return m_state->done && !m_state->error; }
    const Value &value() const { return *m_state->value; }

    // The thrown error as E, or nullopt when the task succeeded or threw something else.
    template<typename E = DomainError>
    std::optional<E> error() const
    {
        if (!m_state->error)
            return std::nullopt;
        try {
            std::rethrow_exception(m_state->error);
        } catch (const E &error) {
            return error;
        } catch (...) {
            return std::nullopt;
        }
    }

    // For failure messages: what the task came to, in words.
    QString describe() const
    {
        if (!m_state->done)
            return QStringLiteral("still running");
        if (!m_state->error)
            return QStringLiteral("succeeded");
        if (const auto domain = error<DomainError>())
            return QStringLiteral("threw %1: %2").arg(domain->code(), domain->message());
        return QStringLiteral("threw a non-domain exception");
    }

private:
    struct State
    {
        bool done = false;
        std::optional<Value> value;
        std::exception_ptr error;
    };

    static QCoro::Task<> run(QCoro::Task<T> task, std::shared_ptr<State> state)
    {
        try {
            if constexpr (std::is_void_v<T>) {
                co_await std::move(task);
                state->value.emplace();
            } else {
                state->value.emplace(co_await std::move(task));
            }
        } catch (...) {
            state->error = std::current_exception();
        }
        state->done = true;
    }

    std::shared_ptr<State> m_state;
};

template<typename T>
TaskWatcher<T> watch(QCoro::Task<T> task)
{
    return TaskWatcher<T>(std::move(task));
}

} // namespace edge::remote::test
