#include "SqliteConnection.h"

#include "SqlStatements.h"
#include "domain/Errors.h"

#include <QAtomicInteger>
#include <QSqlDriver>
#include <QSqlError>

namespace edge {

namespace {
QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("edge-sqlite-%1").arg(counter.fetchAndAddRelaxed(1));
}
} // namespace

SqliteConnection::SqliteConnection(QString path)
    : m_path(std::move(path))
    , m_connectionName(nextConnectionName())
{
}

SqliteConnection::~SqliteConnection()
{
    close();
}

QSqlDatabase &SqliteConnection::database()
{
    if (isOpen())
        return m_database;

    m_database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_database.setDatabaseName(m_path);
    // Set at open, before the first statement: another connection may be closing the file
    // (checkpointing its WAL) at this very moment, and the pragmas below must wait for it.
    m_database.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!m_database.open()) {
        const QString why = m_database.lastError().text();
        close();
        throw StoreError(QStringLiteral("Cannot open the store %1: %2").arg(m_path, why));
    }
    // Off by default in SQLite, on in D1: without it ON DELETE CASCADE does nothing.
    execSql(m_database, QStringLiteral("PRAGMA foreign_keys = ON"));
    execSql(m_database, QStringLiteral("PRAGMA journal_mode = WAL"));
    // Durable across application crashes; WAL makes NORMAL safe against corruption.
    execSql(m_database, QStringLiteral("PRAGMA synchronous = NORMAL"));
    return m_database;
}

sqlite3 *SqliteConnection::handle()
{
    const QVariant handle = database().driver()->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0)
        throw StoreError(QStringLiteral("The SQLite driver gave no native handle"));
    return *static_cast<sqlite3 *const *>(handle.constData());
}

KeysetPager &SqliteConnection::pager()
{
    if (!m_pager)
        m_pager = std::make_unique<KeysetPager>(database());
    return *m_pager;
}

void SqliteConnection::close()
{
    m_pager.reset();
    if (!m_database.isValid())
        return;
    m_database.close();
    m_database = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

} // namespace edge
