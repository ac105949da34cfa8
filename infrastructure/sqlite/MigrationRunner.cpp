#include "MigrationRunner.h"

#include "SqliteConnection.h"
#include "domain/Errors.h"

#include <QDir>
#include <QFile>

#include <sqlite3.h>

#include <memory>

namespace edge {

namespace {

// wrangler's own definition, so `wrangler d1 migrations list` reads our rows as its own.
constexpr auto CreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS d1_migrations("
    "id INTEGER PRIMARY KEY AUTOINCREMENT, "
    "name TEXT UNIQUE, "
    "applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)";

QString lastError(sqlite3 *db)
{
    return QString::fromUtf8(sqlite3_errmsg(db));
}

struct CloseDatabase
{
    void operator()(sqlite3 *db) const { sqlite3_close_v2(db); }
};
using DatabaseHandle = std::unique_ptr<sqlite3, CloseDatabase>;

struct FinalizeStatement
{
    void operator()(sqlite3_stmt *statement) const { sqlite3_finalize(statement); }
};
using StatementHandle = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

StatementHandle prepare(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK)
        return nullptr;
    return StatementHandle(statement);
}

QStringList readColumn(sqlite3 *db, const char *sql, const QString &path)
{
    StatementHandle statement = prepare(db, sql);
    if (!statement) {
        const int code = sqlite3_errcode(db);
        if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
            throw StoreError(QStringLiteral("%1 is not an Edge Admin store (not an SQLite database)").arg(path));
        throw StoreError(QStringLiteral("Cannot read %1: %2").arg(path, lastError(db)));
    }
    QStringList values;
    int step;
    while ((step = sqlite3_step(statement.get())) == SQLITE_ROW)
        values << QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(statement.get(), 0)));
    if (step != SQLITE_DONE)
        throw StoreError(QStringLiteral("Cannot read %1: %2").arg(path, lastError(db)));
    return values;
}

void execScript(sqlite3 *db, const char *sql)
{
    char *message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const QString text = QString::fromUtf8(message ? message : sqlite3_errmsg(db));
        sqlite3_free(message);
        throw StoreError(text);
    }
}

void recordApplied(sqlite3 *db, const QString &name)
{
    StatementHandle insert = prepare(db, "INSERT INTO d1_migrations (name) VALUES (?)");
    if (!insert)
        throw StoreError(lastError(db));
    const QByteArray utf8 = name.toUtf8();
    sqlite3_bind_text(insert.get(), 1, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(insert.get()) != SQLITE_DONE)
        throw StoreError(lastError(db));
}

} // namespace

QList<Migration> MigrationRunner::embeddedMigrations()
{
    QList<Migration> migrations;
    const QDir folder(QStringLiteral(":/migrations"));
    const QStringList names = folder.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        QFile file(folder.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            throw StoreError(QStringLiteral("Cannot read the embedded migration %1").arg(name));
        migrations.append({name, file.readAll()});
    }
    return migrations;
}

MigrationRunner::MigrationRunner(QList<Migration> known)
    : m_known(std::move(known))
{
    std::sort(m_known.begin(), m_known.end(),
              [](const Migration &a, const Migration &b) { return a.name < b.name; });
}

QStringList MigrationRunner::knownNames() const
{
    QStringList names;
    for (const Migration &migration : m_known)
        names << migration.name;
    return names;
}

StoreInspection MigrationRunner::inspect(const QString &path) const
{
    sqlite3 *raw = nullptr;
    const int opened = sqlite3_open_v2(path.toUtf8().constData(), &raw, SQLITE_OPEN_READONLY, nullptr);
    DatabaseHandle db(raw);
    if (opened != SQLITE_OK)
        throw StoreError(QStringLiteral("Cannot open %1: %2").arg(path, raw ? lastError(raw) : QString()));
    // Another connection may be closing the file (checkpointing its WAL) right now.
    sqlite3_busy_timeout(db.get(), 5000);

    const QStringList tables =
        readColumn(db.get(), "SELECT name FROM sqlite_master WHERE type = 'table'", path);
    StoreInspection inspection;
    inspection.isNew = tables.isEmpty();
    if (inspection.isNew)
        return inspection;
    if (!tables.contains(QLatin1String("d1_migrations")))
        throw StoreError(QStringLiteral("%1 is an SQLite database of another application (it has no "
                                        "d1_migrations table); Edge Admin will not write to it")
                             .arg(path));

    inspection.appliedNames = readColumn(db.get(), "SELECT name FROM d1_migrations ORDER BY id", path);
    const QStringList known = knownNames();
    for (const QString &name : std::as_const(inspection.appliedNames)) {
        if (!known.contains(name))
            throw StoreError(QStringLiteral("%1 was created by a newer Edge Admin (unknown migration %2); "
                                            "update the console")
                                 .arg(path, name));
    }
    return inspection;
}

QStringList MigrationRunner::applyPending(SqliteConnection &connection) const
{
    sqlite3 *db = connection.handle();
    execScript(db, CreateMigrationsTable);
    QStringList appliedNow;
    for (const Migration &migration : m_known) {
        try {
            // The file and its record commit together: a crash leaves it applied or not at all.
            // Checked inside the write lock, so two consoles opening a new store at once do not
            // both apply the same file.
            execScript(db, "BEGIN IMMEDIATE");
            const QStringList applied =
                readColumn(db, "SELECT name FROM d1_migrations", connection.path());
            if (applied.contains(migration.name)) {
                execScript(db, "COMMIT");
                continue;
            }
            execScript(db, migration.sql.constData());
            recordApplied(db, migration.name);
            execScript(db, "COMMIT");
        } catch (const StoreError &error) {
            if (!sqlite3_get_autocommit(db))
                sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
            throw StoreError(QStringLiteral("Migration %1 failed on %2: %3")
                                 .arg(migration.name, connection.path(), error.message()));
        }
        appliedNow << migration.name;
    }
    return appliedNow;
}

} // namespace edge
