#include "StoreCommands.h"

#include "Connection.h"

#include "infrastructure/sqlite/SqlStatements.h"
#include "infrastructure/sqlite/SqliteExecutor.h"

#include <QCoro/QCoroFuture>
#include <QSqlQuery>

namespace edge::cli {

QCoro::Task<std::unique_ptr<EmbeddedBackend>> openStore(const Invocation &invocation)
{
    const Target target = resolveTarget(invocation);
    if (target.isRemote())
        throw UsageError{QStringLiteral("This command works on an embedded store only, not on a Worker")};
    co_return co_await openEmbeddedBackend(target.storePath, OpenMode::CreateIfMissing);
}

QCoro::Task<int> migrateCommand(Invocation invocation)
{
    if (!invocation.arguments.isEmpty())
        throw UsageError{QStringLiteral("migrate takes no arguments")};
    const std::unique_ptr<EmbeddedBackend> store = co_await openStore(invocation);

    auto readApplied = [](SqliteConnection &connection) {
        QSqlQuery query = execSql(connection.database(),
                                  QStringLiteral("SELECT name, applied_at FROM d1_migrations ORDER BY id"));
        QList<QPair<QString, QString>> rows;
        while (query.next())
            rows.append({query.value(0).toString(), query.value(1).toString()});
        return rows;
    };
    const auto applied = co_await store->executor().run(std::move(readApplied));

    out() << "Store: " << store->location() << Qt::endl;
    out() << (store->migrationsAppliedNow().isEmpty()
                  ? QStringLiteral("Up to date: nothing to apply.")
                  : QStringLiteral("Applied now: %1").arg(store->migrationsAppliedNow().join(QStringLiteral(", "))))
          << Qt::endl;
    out() << "Migrations recorded in d1_migrations:" << Qt::endl;
    for (const auto &[name, appliedAt] : applied)
        out() << "  " << name << "  (applied " << appliedAt << " UTC)" << Qt::endl;
    co_return Success;
}

} // namespace edge::cli
