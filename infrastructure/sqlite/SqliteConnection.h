#pragma once

#include "KeysetPager.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

struct sqlite3;

namespace edge {

// The store's one read-write connection. Lives on (and must only be used from) the
// SqliteExecutor's thread: Qt's rule is that a connection belongs to the thread that
// opened it. Opened lazily, so file checks can run on that thread before anything writes.
class SqliteConnection
{
public:
    explicit SqliteConnection(QString path);
    ~SqliteConnection();
    SqliteConnection(const SqliteConnection &) = delete;
    SqliteConnection &operator=(const SqliteConnection &) = delete;

    const QString &path() const { return m_path; }
    bool isOpen() const { return m_database.isValid() && m_database.isOpen(); }

    // Opens on first use: foreign keys on, WAL, 5 s busy timeout, synchronous NORMAL.
    // Throws StoreError naming the file when it cannot be opened.
    QSqlDatabase &database();
    // The raw handle of the same connection, for running whole migration scripts.
    sqlite3 *handle();
    // What the lists remember on this connection (landmarks of deep pages, counts).
    KeysetPager &pager();

    void close();

private:
    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_database;
    std::unique_ptr<KeysetPager> m_pager;
};

} // namespace edge
