#pragma once

#include "SqliteConnection.h"
#include "domain/Errors.h"

#include <QFuture>
#include <QPromise>
#include <QThread>

#include <exception>
#include <functional>
#include <memory>
#include <type_traits>

namespace edge {

// Runs SQLite work on a thread of its own, against the one connection that thread owns.
// run() returns at once with a QFuture that carries the result or the exception thrown;
// `co_await` on it (QCoro) resumes on the caller's thread and rethrows. Jobs run one at a
// time, in the order they were posted.
class SqliteExecutor
{
public:
    explicit SqliteExecutor(QString databasePath);
    // Finishes the jobs already posted, closes the connection on its own thread, joins.
    ~SqliteExecutor();
    SqliteExecutor(const SqliteExecutor &) = delete;
    SqliteExecutor &operator=(const SqliteExecutor &) = delete;

    const QString &databasePath() const { return m_databasePath; }

    // `work(SqliteConnection &)` runs on the SQLite thread.
    template<class Work>
    auto run(Work &&work) -> QFuture<std::invoke_result_t<std::decay_t<Work> &, SqliteConnection &>>
    {
        using Result = std::invoke_result_t<std::decay_t<Work> &, SqliteConnection &>;
        auto pending = std::make_shared<PendingResult<Result>>();
        auto job = std::make_shared<std::decay_t<Work>>(std::forward<Work>(work));
        QFuture<Result> future = pending->promise.future();
        pending->promise.start();
        post([pending, job, connection = m_connection.get()]() {
            try {
                if constexpr (std::is_void_v<Result>) {
                    (*job)(*connection);
                } else {
                    pending->promise.addResult((*job)(*connection));
                }
            } catch (...) {
                pending->promise.setException(std::current_exception());
            }
            pending->promise.finish();
        });
        return future;
    }

private:
    // A promise that cannot be dropped silently: if the job never runs (executor gone), the
    // awaiting side gets a StoreError instead of a cancelled future with no result.
    template<class Result>
    struct PendingResult
    {
        QPromise<Result> promise;
        ~PendingResult()
        {
            if (!promise.future().isFinished()) {
                promise.setException(std::make_exception_ptr(
                    StoreError(QStringLiteral("The store was closed before the request ran"))));
                promise.finish();
            }
        }
    };

    void post(std::function<void()> job);

    QString m_databasePath;
    std::unique_ptr<SqliteConnection> m_connection; // used only on m_thread
    QThread m_thread;
    QObject *m_context = nullptr; // lives on m_thread; queued jobs are delivered to it
};

} // namespace edge
