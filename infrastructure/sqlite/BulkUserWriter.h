#pragma once

#include "domain/DomainEvent.h"

#include <QSqlDatabase>
#include <QString>

namespace edge {

// Synthetic users for load checks (edge-admin-cli generate-users): realistic names, unique
// emails, every role, all sharing one precomputed password hash (PBKDF2 per row would take
// days for a million). Runs on the SQLite thread.
class BulkUserWriter
{
public:
    // runTag keeps emails unique across runs (e.g. 4 random letters).
    BulkUserWriter(QSqlDatabase &database, QString passwordHash, QString runTag, Actor actor);

    // Inserts users number first .. first+count-1 in one BEGIN IMMEDIATE transaction with
    // one prepared statement, and one audit row for the batch; the FTS triggers stay active.
    // A kill mid-batch leaves none of the batch behind.
    void insertBatch(qint64 first, int count);

private:
    QSqlDatabase &m_database;
    QString m_passwordHash;
    QString m_runTag;
    Actor m_actor;
};

// A few lessons across tracks, users of every role (one admin) and their progress: one
// transaction. Throws ConflictError if the demo is already there (nothing written).
// Returns the emails created.
QStringList seedDemoData(QSqlDatabase &database, const QList<QString> &passwordHashes, const Actor &actor);

// How many demo users seedDemoData() creates (one password hash each).
int demoUserCount();

} // namespace edge
