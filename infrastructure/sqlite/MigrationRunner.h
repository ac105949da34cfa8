#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace edge {

class SqliteConnection;

// One migration file: "0001_initial.sql" and its SQL.
struct Migration
{
    QString name;
    QByteArray sql;
};

// What a store file holds before we open it for writing.
struct StoreInspection
{
    bool isNew = true;         // no tables at all: ours to initialise
    QStringList appliedNames;  // from d1_migrations, in order applied
};

// Applies the shared migrations and records them in d1_migrations exactly as wrangler does,
// so one file can be managed by `wrangler d1 migrations` and by the console alike.
class MigrationRunner
{
public:
    // Embedded in the binary as Qt resources (":/migrations/NNNN_name.sql"), by name.
    static QList<Migration> embeddedMigrations();

    explicit MigrationRunner(QList<Migration> known = embeddedMigrations());

    // Reads the file through a read-only connection and refuses (StoreError) what is not
    // ours to write: not a database, another application's database, or a store migrated
    // by a newer console (a migration name this build does not know). Writes nothing.
    StoreInspection inspect(const QString &path) const;

    // Applies every pending migration, each with its d1_migrations row in one transaction.
    // Returns the names applied now (empty: the store was up to date).
    QStringList applyPending(SqliteConnection &connection) const;

    QStringList knownNames() const;

private:
    QList<Migration> m_known;
};

} // namespace edge
