#include "UserTable.h"

#include "SqlEventLog.h"
#include "SqlStatements.h"
#include "SqlTimestamps.h"
#include "SqlTransaction.h"
#include "UserRowMapper.h"
#include "UserSearchSql.h"
#include "domain/Errors.h"

#include <cmath>

namespace edge {

namespace {
constexpr int DashboardProgressRows = 10;
} // namespace

std::optional<User> UserTable::selectOne(const QString &whereColumn, const QString &value)
{
    // whereColumn is one of our own literals, never caller text.
    QSqlQuery query = prepareSql(m_database, QStringLiteral("SELECT %1 FROM users WHERE %2 = ?")
                                                 .arg(UserColumns, whereColumn));
    query.addBindValue(value);
    execPrepared(query);
    if (!query.next())
        return std::nullopt;
    return rowToUser(query);
}

std::optional<User> UserTable::findById(const QString &id)
{
    return selectOne(QStringLiteral("id"), id);
}

std::optional<User> UserTable::findByEmail(const Email &email)
{
    return selectOne(QStringLiteral("email"), email.value());
}

UserPage UserTable::list(const UserListQuery &query)
{
    query.validate();
    const UserSearchFilter filter = userSearchFilter(query.search);
    OrderedListing listing = userListing(filter, query.sort, query.order);
    // One snapshot for the page and its total, as D1's batch() gives the Worker.
    SqlTransaction read(m_database, SqlTransaction::Kind::Read);

    UserPage page;
    page.page = query.page;
    page.pageSize = query.pageSize;
    // A full-text search picks its plan by how many users match (counted once, remembered).
    if (query.withTotal || filter.fullText)
        page.total = m_pager.count(listing);
    if (filter.fullText)
        chooseUserSearchPlan(listing, filter, query.sort, page.total);
    page.items = m_pager.page<User>(listing, qint64(query.page - 1) * query.pageSize, query.pageSize, rowToUser);
    if (!query.withTotal)
        page.total = -1;
    else
        page.totalPages = int((page.total + query.pageSize - 1) / query.pageSize);
    read.commit();
    return page;
}

qint64 UserTable::count(const QString &search)
{
    const UserSearchFilter filter = userSearchFilter(search);
    return m_pager.count(userListing(filter, UserSortField::CreatedAt, SortOrder::Descending));
}

void UserTable::requireEmailFree(const Email &email, const QString &exceptUserId)
{
    QSqlQuery query = prepareSql(m_database, QStringLiteral("SELECT id FROM users WHERE email = ?"));
    query.addBindValue(email.value());
    execPrepared(query);
    if (query.next() && query.value(0).toString() != exceptUserId) {
        const QString problem = QStringLiteral("Email %1 is already used by another user").arg(email.value());
        throw ConflictError(problem, {{QStringLiteral("email"), problem}});
    }
}

void UserTable::requireAnotherAdmin(const User &admin, const QString &what)
{
    QSqlQuery query = prepareSql(m_database, QStringLiteral("SELECT COUNT(*) FROM users WHERE role = 'admin'"));
    execPrepared(query);
    if (query.next() && query.value(0).toLongLong() > 1)
        return;
    // The Worker's words: whoever pushes this store to D1 must still be able to sign in.
    const QString field = what == QLatin1String("demoted") ? QStringLiteral("role") : QStringLiteral("id");
    throw ConflictError(QStringLiteral("%1 is the only admin and cannot be %2; make another user an admin first")
                            .arg(admin.email().value(), what),
                        {{field, QStringLiteral("the last admin cannot be %1").arg(what)}},
                        QVariant::fromValue(admin));
}

void UserTable::insertRow(const User &user, const QString &passwordHash)
{
    QSqlQuery insert = prepareSql(m_database, QStringLiteral(
        "INSERT INTO users (id, email, username, password_hash, role, version, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(user.id().value());
    insert.addBindValue(user.email().value());
    insert.addBindValue(user.username());
    insert.addBindValue(passwordHash);
    insert.addBindValue(roleToString(user.role()));
    insert.addBindValue(user.version());
    insert.addBindValue(toStoreTimestamp(user.createdAt()));
    insert.addBindValue(toStoreTimestamp(user.updatedAt()));
    execPrepared(insert);
}

User UserTable::insert(const User &user, const QString &passwordHash, const DomainEvent &event)
{
    SqlTransaction write(m_database, SqlTransaction::Kind::Write);
    requireEmailFree(user.email(), QString());
    insertRow(user, passwordHash);
    recordEvent(m_database, event);
    write.commit();
    return user;
}

User UserTable::update(const UserWrite &change, const QString &newPasswordHash)
{
    SqlTransaction write(m_database, SqlTransaction::Kind::Write);
    const QString id = change.user.id().value();
    const std::optional<User> current = findById(id);
    if (!current)
        throw NotFoundError(QStringLiteral("User"), id);
    if (current->version() != change.expectedVersion)
        throw staleUserConflict(*current, change.expectedVersion);
    if (change.user.email() != current->email())
        requireEmailFree(change.user.email(), id);
    if (current->role() == Role::Admin && change.user.role() != Role::Admin)
        requireAnotherAdmin(*current, QStringLiteral("demoted"));

    QSqlQuery update = prepareSql(m_database, QStringLiteral(
        "UPDATE users SET email = ?, username = ?, role = ?, version = ?, updated_at = ?, "
        "password_hash = COALESCE(?, password_hash) WHERE id = ? AND version = ?"));
    update.addBindValue(change.user.email().value());
    update.addBindValue(change.user.username());
    update.addBindValue(roleToString(change.user.role()));
    update.addBindValue(change.user.version());
    update.addBindValue(toStoreTimestamp(change.user.updatedAt()));
    update.addBindValue(nullIfEmpty(newPasswordHash));
    update.addBindValue(id);
    update.addBindValue(change.expectedVersion);
    execPrepared(update);
    recordEvent(m_database, change.event);
    write.commit();
    return change.user;
}

User UserTable::remove(const QString &id, const DeletionEvent &describe)
{
    SqlTransaction write(m_database, SqlTransaction::Kind::Write);
    const std::optional<User> current = findById(id);
    if (!current)
        throw NotFoundError(QStringLiteral("User"), id);
    if (current->role() == Role::Admin)
        requireAnotherAdmin(*current, QStringLiteral("deleted"));
    QSqlQuery remove = prepareSql(m_database, QStringLiteral("DELETE FROM users WHERE id = ?"));
    remove.addBindValue(id);
    execPrepared(remove);
    recordEvent(m_database, describe(*current));
    write.commit();
    return *current;
}

UserDashboard UserTable::dashboard(const QString &id)
{
    SqlTransaction read(m_database, SqlTransaction::Kind::Read);
    const std::optional<User> user = findById(id);
    if (!user)
        throw NotFoundError(QStringLiteral("User"), id);

    UserDashboard dashboard{*user, {}, {}};
    QSqlQuery recent = prepareSql(m_database, QStringLiteral(
        "SELECT p.user_id, p.lesson_id, l.title, p.completed, p.score, p.completed_at, p.updated_at "
        "FROM progress p LEFT JOIN lessons l ON l.id = p.lesson_id "
        "WHERE p.user_id = ? ORDER BY p.updated_at DESC, p.lesson_id LIMIT ?"));
    recent.addBindValue(id);
    recent.addBindValue(DashboardProgressRows);
    execPrepared(recent);
    while (recent.next())
        dashboard.recentProgress.append(rowToProgress(recent));
    recent.finish();

    QSqlQuery totals = prepareSql(m_database, QStringLiteral(
        "SELECT COUNT(*), COALESCE(SUM(completed), 0), COALESCE(AVG(score), 0) "
        "FROM progress WHERE user_id = ?"));
    totals.addBindValue(id);
    execPrepared(totals);
    if (totals.next()) {
        dashboard.totals.lessons = totals.value(0).toInt();
        dashboard.totals.completed = totals.value(1).toInt();
        // Two decimals, as the Worker answers.
        dashboard.totals.averageScore = std::round(totals.value(2).toDouble() * 100.0) / 100.0;
    }
    totals.finish();
    read.commit();
    return dashboard;
}

// The embedded store has no sign-in, so its sessions table stays empty unless the file came
// from D1; what is there is shown and ended the same way.
QList<SignInSession> UserTable::sessions(const QString &userId)
{
    SqlTransaction read(m_database, SqlTransaction::Kind::Read);
    if (!findById(userId))
        throw NotFoundError(QStringLiteral("User"), userId);
    QSqlQuery query = prepareSql(m_database, QStringLiteral(
        "SELECT id, created_at, expires_at FROM sessions WHERE user_id = ? AND revoked_at IS NULL "
        "AND expires_at > ? ORDER BY created_at DESC, id"));
    query.addBindValue(userId);
    query.addBindValue(toStoreTimestamp(QDateTime::currentDateTimeUtc()));
    execPrepared(query);
    QList<SignInSession> found;
    while (query.next())
        found.append({query.value(0).toString(), fromStoreTimestamp(query.value(1)),
                      fromStoreTimestamp(query.value(2)), false});
    query.finish();
    read.commit();
    return found;
}

int UserTable::endSessions(const QString &userId, const SessionsEndedEvent &describe)
{
    SqlTransaction write(m_database, SqlTransaction::Kind::Write);
    if (!findById(userId))
        throw NotFoundError(QStringLiteral("User"), userId);
    QSqlQuery revoke = prepareSql(m_database, QStringLiteral(
        "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL"));
    revoke.addBindValue(toStoreTimestamp(QDateTime::currentDateTimeUtc()));
    revoke.addBindValue(userId);
    execPrepared(revoke);
    const int ended = revoke.numRowsAffected();
    if (ended > 0)
        recordEvent(m_database, describe(ended));
    write.commit();
    return ended;
}

} // namespace edge
