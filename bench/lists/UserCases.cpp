#include "PagedCases.h"
#include "ScreenCases.h"

namespace edge::bench {

namespace {

const QString Columns = QStringLiteral("id, email, username, role, version, created_at, updated_at");

QString likeText(const QString &term)
{
    return sqlText(QLatin1Char('%') + term + QLatin1Char('%')); // the bench's terms hold no % _ or backslash
}

// UsersTableModel's query: newest first, pages of 200, no total (counted apart).
QCoro::Task<PageKeys> usersPage(Services &services, QString search, int page)
{
    UserListQuery query;
    query.search = search;
    query.page = page;
    query.pageSize = PageSize;
    query.withTotal = false;
    const UserPage result = co_await services.listUsers.execute(query);
    co_return keysOf(result.items, [](const User &user) { return user.id().value(); });
}

QCoro::Task<PageKeys> usersCount(Services &services, QString search)
{
    co_return countKeys(co_await services.listUsers.count(search));
}

QString pageSql(const QString &where, int page)
{
    return QStringLiteral("SELECT %1 FROM users %2 ORDER BY created_at DESC, id DESC LIMIT %3 OFFSET %4;")
        .arg(Columns, where)
        .arg(PageSize)
        .arg(qint64(page - 1) * PageSize);
}

} // namespace

QString userSearchWhereSql(const QString &term)
{
    if (term.toUcs4().size() >= 3) {
        return QStringLiteral("WHERE rowid IN (SELECT rowid FROM users_fts WHERE users_fts MATCH %1)")
            .arg(sqlText(QLatin1Char('"') + term + QLatin1Char('"')));
    }
    return QStringLiteral("WHERE email LIKE %1 ESCAPE '\\' OR username LIKE %1 ESCAPE '\\'").arg(likeText(term));
}

QString userSearchCountSql(const QString &term)
{
    if (term.toUcs4().size() >= 3) {
        return QStringLiteral("SELECT COUNT(*) FROM users_fts WHERE users_fts MATCH %1;")
            .arg(sqlText(QLatin1Char('"') + term + QLatin1Char('"')));
    }
    return QStringLiteral("SELECT COUNT(*) FROM users %1;").arg(userSearchWhereSql(term));
}

QCoro::Task<void> benchUsers(Bench &bench)
{
    Services &services = bench.services();
    bench.heading(QStringLiteral("Users (newest first)"));
    NumberedScreen screen;
    screen.name = QStringLiteral("users");
    screen.page = [&services](int page) -> AppCall { return [&services, page] { return usersPage(services, {}, page); }; };
    screen.pageSql = [](int page) { return pageSql(QString(), page); };
    screen.count = [&services] { return usersCount(services, {}); };
    screen.countSql = {QStringLiteral("SELECT COUNT(*) FROM users;")};
    co_await benchNumberedPages(bench, screen);

    struct Term
    {
        const char *term;
        const char *matches;
    };
    for (const Term &term : {Term{"lovelace", "many"}, Term{"gar", "many"}, Term{"fzflmz12345", "few"}, Term{"ad", "many"}}) {
        const QString text = QString::fromLatin1(term.term);
        SearchCase search;
        search.screen = QStringLiteral("users");
        search.term = text;
        search.matches = QString::fromLatin1(term.matches);
        search.page = [&services, text] { return usersPage(services, text, 1); };
        search.pageFloor = {{pageSql(userSearchWhereSql(text), 1)}, {}};
        search.count = [&services, text] { return usersCount(services, text); };
        search.countFloor = {{userSearchCountSql(text)}, {}};
        co_await benchSearch(bench, search);
    }
}

} // namespace edge::bench
