#pragma once

#include <QCoro/QCoroTask>

#include <QDebug>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <exception>
#include <type_traits>
#include <utility>

namespace edge::ui {

// Starts an application-layer task from UI code without waiting for it: onResult or onError
// runs later, from the event loop, and only while `context` still exists (a dialog or page
// closed meanwhile is never touched). Errors arrive as std::exception; see ErrorText.h.
//
// The UI thread never blocks here: no waitFor, no nested event loop.
template<typename T, typename OnResult, typename OnError>
void runTask(QCoro::Task<T> &&task, QObject *context, OnResult onResult, OnError onError)
{
    QPointer<QObject> guard(context);
    auto fail = [guard, onError](const std::exception &error) mutable {
        if (!guard)
            return;
        Q_ASSERT_X(QThread::currentThread() == guard->thread(), "runTask",
                   "a handler resumed off the context's thread");
        onError(error);
    };
    // A throwing result callback is a UI bug, but still reported like a failed task rather
    // than vanishing into the discarded continuation.
    auto deliver = [fail](auto &&callback) mutable {
        try {
            callback();
        } catch (const std::exception &error) {
            qWarning() << "runTask: result handler threw:" << error.what();
            fail(error);
        }
    };

    if constexpr (std::is_void_v<T>) {
        task.then(
            [guard, onResult, deliver]() mutable {
                if (guard)
                    deliver([&] { onResult(); });
            },
            fail);
    } else {
        task.then(
            [guard, onResult, deliver](T value) mutable {
                if (guard)
                    deliver([&] { onResult(std::move(value)); });
            },
            fail);
    }
}

} // namespace edge::ui
