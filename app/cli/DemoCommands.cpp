#include "DemoCommands.h"

#include "StoreCommands.h"
#include "infrastructure/security/PasswordHasher.h"
#include "infrastructure/sqlite/BulkUserWriter.h"
#include "infrastructure/sqlite/SqliteExecutor.h"

#include <QCoro/QCoroFuture>
#include <QElapsedTimer>
#include <QRandomGenerator>

namespace edge::cli {

namespace {
const QString DemoPassword = QStringLiteral("demo-password");
const QString GeneratedPassword = QStringLiteral("generated-password");
constexpr int GenerateBatchSize = 10000;
constexpr qint64 GenerateMaximum = 10000000;

QString randomTag()
{
    QString tag;
    for (int i = 0; i < 4; ++i)
        tag += QLatin1Char(char('a' + QRandomGenerator::global()->bounded(26)));
    return tag;
}
} // namespace

QCoro::Task<int> seedDemoCommand(Invocation invocation)
{
    if (!invocation.arguments.isEmpty())
        throw UsageError{QStringLiteral("seed-demo takes no arguments")};
    const std::unique_ptr<EmbeddedBackend> store = co_await openStore(invocation);
    auto seed = [actor = Actor::localUser()](SqliteConnection &connection) {
        // Hashed before the transaction begins, one salt per user.
        QList<QString> hashes;
        for (int i = 0; i < demoUserCount(); ++i)
            hashes << PasswordHasher::hash(DemoPassword);
        return seedDemoData(connection.database(), hashes, actor);
    };
    const QStringList emails = co_await store->executor().run(std::move(seed));
    out() << "Seeded " << store->location() << " with " << emails.size()
          << " users, 6 lessons in 3 tracks and their progress:" << Qt::endl;
    for (const QString &email : emails)
        out() << "  " << email << Qt::endl;
    out() << "Every demo user's password is \"" << DemoPassword << "\" (demo data only: change it "
          << "before sharing this store)." << Qt::endl;
    co_return Success;
}

QCoro::Task<int> generateUsersCommand(Invocation invocation)
{
    if (invocation.arguments.size() != 1)
        throw UsageError{QStringLiteral("generate-users needs the number of users, e.g. generate-users 1000000")};
    bool isNumber = false;
    const qint64 total = invocation.arguments.first().toLongLong(&isNumber);
    if (!isNumber || total < 1 || total > GenerateMaximum)
        throw UsageError{QStringLiteral("generate-users needs a number from 1 to %1 (got \"%2\")")
                             .arg(GenerateMaximum)
                             .arg(invocation.arguments.first())};

    const std::unique_ptr<EmbeddedBackend> store = co_await openStore(invocation);
    SqliteExecutor &executor = store->executor();
    const QString tag = randomTag();
    // One hash for every generated user: PBKDF2 per row would take days for a million.
    auto hashOnce = [](SqliteConnection &) { return PasswordHasher::hash(GeneratedPassword); };
    const QString passwordHash = co_await executor.run(std::move(hashOnce));
    const Actor actor = Actor::localUser();

    QElapsedTimer clock;
    clock.start();
    for (qint64 first = 0; first < total; first += GenerateBatchSize) {
        const int count = int(std::min<qint64>(GenerateBatchSize, total - first));
        auto batch = [passwordHash, tag, actor, first, count](SqliteConnection &connection) {
            BulkUserWriter(connection.database(), passwordHash, tag, actor).insertBatch(first, count);
        };
        co_await executor.run(std::move(batch));
        const double seconds = std::max<double>(clock.elapsed(), 1) / 1000.0;
        err() << "  " << first + count << " / " << total << " users ("
              << qRound64((first + count) / seconds) << " users/s)" << Qt::endl;
    }
    const double seconds = std::max<double>(clock.elapsed(), 1) / 1000.0;
    out() << "Generated " << total << " users in " << QString::number(seconds, 'f', 1) << " s ("
          << qRound64(total / seconds) << " users/s); emails *." << tag << "N@example.org, password \""
          << GeneratedPassword << "\"." << Qt::endl;
    co_return Success;
}

} // namespace edge::cli
