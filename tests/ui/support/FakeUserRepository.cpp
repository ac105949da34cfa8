#include "FakeUserRepository.h"

#include "domain/Errors.h"

#include <QCoro/QCoroSignal>
#include <QCoro/QCoroTimer>

#include <algorithm>

using namespace edge;

FakeUserRepository::FakeUserRepository(int userCount)
{
    const QDateTime start = QDateTime(QDate(2024, 1, 1), QTime(8, 0), Qt::UTC);
    const QList<Role> roles = allRoles();
    for (int i = 0; i < userCount; ++i) {
        const QString number = QStringLiteral("%1").arg(i, 5, 10, QLatin1Char('0'));
        m_users.append(User::reconstitute(
            UserId::fromString(QStringLiteral("id-") + number),
            Email::fromTrusted(QStringLiteral("user%1@example.com").arg(number)),
            QStringLiteral("name%1").arg(number), roles.at(i % roles.size()), 1,
            start.addSecs(60 * i), start.addSecs(60 * i)));
    }
}

void FakeUserRepository::holdLists(bool hold)
{
    m_holdLists = hold;
}

void FakeUserRepository::holdListsFor(const QString &search)
{
    m_heldSearch = search;
}

void FakeUserRepository::holdCounts(bool hold)
{
    m_holdCounts = hold;
}

void FakeUserRepository::holdCountsFor(const QString &search)
{
    m_heldCountSearch = search;
}

void FakeUserRepository::failLists(bool fail)
{
    m_failLists = fail;
}

void FakeUserRepository::release()
{
    m_holdLists = m_holdCounts = false;
    m_heldSearch.reset();
    m_heldCountSearch.reset();
    emit released();
}

QCoro::Task<> FakeUserRepository::answerLater(const std::function<bool()> &held)
{
    co_await QCoro::sleepFor(std::chrono::milliseconds(1)); // never synchronously
    while (held())
        co_await qCoro(this, &FakeUserRepository::released);
}

namespace {
// Nothing held: still answers from the event loop, never synchronously.
const std::function<bool()> &answerAtOnce()
{
    static const std::function<bool()> never = [] { return false; };
    return never;
}
} // namespace

QList<User> FakeUserRepository::matching(const QString &search) const
{
    QList<User> result;
    for (const User &user : m_users) {
        if (search.isEmpty() || user.email().value().contains(search, Qt::CaseInsensitive)
            || user.username().contains(search, Qt::CaseInsensitive))
            result.append(user);
    }
    return result;
}

QCoro::Task<std::optional<User>> FakeUserRepository::findById(QString id)
{
    co_await answerLater(answerAtOnce());
    for (const User &user : std::as_const(m_users)) {
        if (user.id().value() == id)
            co_return user;
    }
    co_return std::nullopt;
}

QCoro::Task<std::optional<User>> FakeUserRepository::findByEmail(Email email)
{
    co_await answerLater(answerAtOnce());
    for (const User &user : std::as_const(m_users)) {
        if (user.email() == email)
            co_return user;
    }
    co_return std::nullopt;
}

QCoro::Task<UserPage> FakeUserRepository::list(UserListQuery query)
{
    m_listQueries.append(query);
    // Named, not a temporary inside co_await: GCC 12 destroys those twice.
    std::function<bool()> held = [this, search = query.search] {
        return m_holdLists || (m_heldSearch && *m_heldSearch == search);
    };
    co_await answerLater(std::move(held));
    ++m_listAnswers;
    if (m_failLists)
        throw StoreError(QStringLiteral("The store is unavailable (test)"));

    QList<User> rows = matching(query.search);
    auto key = [&query](const User &user) -> QString {
        switch (query.sort) {
        case UserSortField::Email: return user.email().value();
        case UserSortField::Username: return user.username();
        case UserSortField::Role: return roleToString(user.role());
        case UserSortField::CreatedAt: return user.createdAt().toString(Qt::ISODateWithMs);
        }
        return {};
    };
    std::stable_sort(rows.begin(), rows.end(), [&](const User &a, const User &b) {
        const QString ka = key(a), kb = key(b);
        if (ka != kb)
            return query.order == SortOrder::Ascending ? ka < kb : ka > kb;
        return a.id().value() < b.id().value();
    });

    UserPage page;
    page.page = query.page;
    page.pageSize = query.pageSize;
    page.items = rows.mid((query.page - 1) * query.pageSize, query.pageSize);
    if (query.withTotal) {
        page.total = rows.size();
        page.totalPages = int((rows.size() + query.pageSize - 1) / query.pageSize);
    }
    co_return page;
}

QCoro::Task<qint64> FakeUserRepository::count(QString search)
{
    m_countSearches.append(search);
    std::function<bool()> held = [this, search] {
        return m_holdCounts || (m_heldCountSearch && *m_heldCountSearch == search);
    };
    co_await answerLater(std::move(held));
    ++m_countAnswers;
    co_return matching(search).size();
}

QCoro::Task<User> FakeUserRepository::insert(User user, QString, DomainEvent)
{
    co_await answerLater(answerAtOnce());
    for (const User &existing : std::as_const(m_users)) {
        if (existing.email() == user.email())
            throw ConflictError(QStringLiteral("Email is already taken"),
                                {{QStringLiteral("email"), QStringLiteral("Email is already taken")}});
    }
    m_users.append(user);
    co_return user;
}

QCoro::Task<User> FakeUserRepository::update(UserWrite write)
{
    co_await answerLater(answerAtOnce());
    for (User &user : m_users) {
        if (user.id() != write.user.id())
            continue;
        if (user.version() != write.expectedVersion)
            throw ConflictError(QStringLiteral("Changed by someone else"), {}, QVariant::fromValue(user));
        user = write.user;
        co_return user;
    }
    throw NotFoundError(QStringLiteral("User"), write.user.id().value());
}

QCoro::Task<User> FakeUserRepository::remove(QString id, DeletionEvent)
{
    co_await answerLater(answerAtOnce());
    for (qsizetype i = 0; i < m_users.size(); ++i) {
        if (m_users.at(i).id().value() == id)
            co_return m_users.takeAt(i);
    }
    throw NotFoundError(QStringLiteral("User"), id);
}

QCoro::Task<UserDashboard> FakeUserRepository::dashboard(QString id)
{
    const std::optional<User> user = co_await findById(id);
    if (!user)
        throw NotFoundError(QStringLiteral("User"), id);
    co_return UserDashboard{*user, {}, {}};
}
