// The SQLite thread: results and exceptions come back through the future, in order, and the
// work really runs on the executor's own thread.

#include "TestStore.h"

#include "infrastructure/sqlite/SqlStatements.h"
#include "infrastructure/sqlite/SqliteExecutor.h"

#include <QCoro/QCoroFuture>
#include <QTest>
#include <QThread>

using namespace edge;
using namespace edge::test;

namespace {
QCoro::Task<int> awaitFuture(QFuture<int> future)
{
    co_return co_await future;
}
QCoro::Task<void> awaitVoid(QFuture<void> future)
{
    co_await future;
}
} // namespace

class TestSqliteExecutor final : public QObject
{
    Q_OBJECT

private slots:
    void runsOnItsOwnThreadWithPragmas()
    {
        QTemporaryDir dir;
        SqliteExecutor executor(dir.filePath(QStringLiteral("x.db")));
        QThread *caller = QThread::currentThread();
        auto job = [caller](SqliteConnection &connection) {
            if (QThread::currentThread() == caller)
                return -1;
            QSqlQuery fk = execSql(connection.database(), QStringLiteral("PRAGMA foreign_keys"));
            QSqlQuery wal = execSql(connection.database(), QStringLiteral("PRAGMA journal_mode"));
            QSqlQuery busy = execSql(connection.database(), QStringLiteral("PRAGMA busy_timeout"));
            fk.next();
            wal.next();
            busy.next();
            return fk.value(0).toInt() == 1 && wal.value(0).toString() == QLatin1String("wal")
                           && busy.value(0).toInt() == 5000
                       ? 1
                       : 0;
        };
        QCOMPARE(await(awaitFuture(executor.run(std::move(job)))), 1);
    }

    void exceptionsReachTheAwaiter()
    {
        QTemporaryDir dir;
        SqliteExecutor executor(dir.filePath(QStringLiteral("x.db")));
        auto failing = [](SqliteConnection &) -> int { throw NotFoundError(QStringLiteral("User"), QStringLiteral("x")); };
        QVERIFY_THROWS_EXCEPTION(NotFoundError, await(awaitFuture(executor.run(std::move(failing)))));
        auto failingVoid = [](SqliteConnection &connection) { execSql(connection.database(), QStringLiteral("NOT SQL")); };
        QVERIFY_THROWS_EXCEPTION(StoreError, await(awaitVoid(executor.run(std::move(failingVoid)))));
    }

    void jobsRunInOrder()
    {
        QTemporaryDir dir;
        SqliteExecutor executor(dir.filePath(QStringLiteral("x.db")));
        auto order = std::make_shared<QList<int>>(); // touched only on the executor thread
        QList<QFuture<int>> futures;
        for (int i = 0; i < 20; ++i) {
            auto job = [order, i](SqliteConnection &) {
                order->append(i);
                return int(order->size());
            };
            futures << executor.run(std::move(job));
        }
        QCOMPARE(await(awaitFuture(futures.last())), 20);
        for (int i = 0; i < 20; ++i)
            QCOMPARE(order->at(i), i);
    }
};

QTEST_GUILESS_MAIN(TestSqliteExecutor)
#include "tst_sqliteexecutor.moc"
