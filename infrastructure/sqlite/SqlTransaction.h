#pragma once

#include <QSqlDatabase>

namespace edge {

// BEGIN ... COMMIT on one connection, rolled back if the scope is left without commit()
// (an exception, an early return). Writes take the write lock up front (BEGIN IMMEDIATE)
// so a version check and the write it guards cannot interleave with another writer.
class SqlTransaction
{
public:
    enum class Kind { Read, Write };

    SqlTransaction(QSqlDatabase &database, Kind kind);
    ~SqlTransaction();
    SqlTransaction(const SqlTransaction &) = delete;
    SqlTransaction &operator=(const SqlTransaction &) = delete;

    void commit();

private:
    QSqlDatabase &m_database;
    bool m_open = true;
};

} // namespace edge
