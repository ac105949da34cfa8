#pragma once

#include "KeysetPager.h"
#include "UserSearchSql.h"
#include "application/ports/UserRepository.h"

#include <QSqlDatabase>

#include <optional>

namespace edge {

// The users table, synchronously, on one connection: what SqliteUserRepository runs on its
// SQLite thread. Writes open their own BEGIN IMMEDIATE transaction and record their domain
// event in it; password hashes arrive precomputed so the write lock is never held while
// PBKDF2 runs.
class UserTable
{
public:
    // `pager` remembers deep pages' landmarks and counts between calls (the connection's);
    // without one, each call starts afresh.
    UserTable(QSqlDatabase &database, KeysetPager &pager) : m_database(database), m_pager(pager) {}
    explicit UserTable(QSqlDatabase &database) : m_database(database), m_pager(m_ownPager) {}

    std::optional<User> findById(const QString &id);
    std::optional<User> findByEmail(const Email &email);
    UserPage list(const UserListQuery &query);
    qint64 count(const QString &search);

    User insert(const User &user, const QString &passwordHash, const DomainEvent &event);
    // Compare-and-swap on the version (see UserRepository::update).
    User update(const UserWrite &write, const QString &newPasswordHash);
    User remove(const QString &id, const DeletionEvent &describe);
    UserDashboard dashboard(const QString &id);
    QList<SignInSession> sessions(const QString &userId);
    int endSessions(const QString &userId, const SessionsEndedEvent &describe);

    // Without a transaction of its own: for callers that batch many rows in one.
    void insertRow(const User &user, const QString &passwordHash);

private:
    std::optional<User> selectOne(const QString &whereColumn, const QString &value);
    // Throws ConflictError naming "email" when another user holds it (the handler attaches
    // the stored record, which it already has).
    void requireEmailFree(const Email &email, const QString &exceptUserId);
    // Throws ConflictError when `admin` is the only admin left (what: "demoted", "deleted").
    void requireAnotherAdmin(const User &admin, const QString &what);

    QSqlDatabase &m_database;
    KeysetPager m_ownPager{m_database};
    KeysetPager &m_pager;
};

} // namespace edge
