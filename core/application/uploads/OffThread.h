#pragma once

#include <QFuture>
#include <QPromise>
#include <QThreadPool>

#include <exception>
#include <memory>
#include <type_traits>

namespace edge {

// Runs blocking work (disk reads, hashing, fsync) on a pool thread. The QFuture carries the
// result or the exception exactly as thrown (QtConcurrent would wrap a DomainError in
// QUnhandledException), and `co_await` on it (QCoro/QCoroFuture) resumes on the caller's
// thread. The work is copied to the pool thread: capture by value. A pool with one thread
// runs the work in the order it was started.
template<class Work>
auto runOffThread(Work work, QThreadPool *pool = QThreadPool::globalInstance())
    -> QFuture<std::invoke_result_t<Work &>>
{
    using Result = std::invoke_result_t<Work &>;
    auto promise = std::make_shared<QPromise<Result>>();
    QFuture<Result> future = promise->future();
    promise->start();
    pool->start([promise, work = std::move(work)]() mutable {
        try {
            if constexpr (std::is_void_v<Result>) {
                work();
            } else {
                promise->addResult(work());
            }
        } catch (...) {
            promise->setException(std::current_exception());
        }
        promise->finish();
    });
    return future;
}

// A pool for the long work of transfers (hashing a whole file, writing a part or a blob):
// kept apart from the global pool, which has one thread per core, so that a few big uploads
// cannot starve short jobs (a preview, a folder walk, a journal save) for minutes.
QThreadPool *transferPool();

} // namespace edge
