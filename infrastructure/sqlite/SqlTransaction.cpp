#include "SqlTransaction.h"

#include "SqlStatements.h"

#include <QSqlQuery>

namespace edge {

SqlTransaction::SqlTransaction(QSqlDatabase &database, Kind kind)
    : m_database(database)
{
    execSql(m_database, kind == Kind::Write ? QStringLiteral("BEGIN IMMEDIATE")
                                            : QStringLiteral("BEGIN"));
}

SqlTransaction::~SqlTransaction()
{
    if (m_open) {
        // Never throws from a destructor: a failed rollback leaves SQLite to undo the
        // transaction when the connection closes.
        QSqlQuery rollback(m_database);
        rollback.exec(QStringLiteral("ROLLBACK"));
    }
}

void SqlTransaction::commit()
{
    execSql(m_database, QStringLiteral("COMMIT"));
    m_open = false;
}

} // namespace edge
