#include "PagedCases.h"
#include "ScreenCases.h"

#include "infrastructure/sqlite/SqlTimestamps.h"

namespace edge::bench {

namespace {

const QString Columns = QStringLiteral("p.user_id, p.lesson_id, p.completed, p.score, p.completed_at, p.updated_at, "
                                       "p.version, u.email, u.username, l.title, l.track");
const QString Joined = QStringLiteral("progress p JOIN users u ON u.id = p.user_id JOIN lessons l ON l.id = p.lesson_id");
const QString Order = QStringLiteral("ORDER BY p.updated_at DESC, p.user_id DESC, p.lesson_id DESC");

// ProgressTableModel's query with its filters clear: every row, last updated first, pages
// of 200, counted apart. ProgressRowSource reads page p + 1 by the cursor page p ended
// with, and a page with no cursor known before it by its number.
ProgressListQuery progressQuery(const QString &search)
{
    ProgressListQuery query;
    query.search = search;
    query.pageSize = PageSize;
    query.withTotal = false;
    return query;
}

QCoro::Task<PageKeys> progressPage(Services &services, QString search, int page, QString cursor)
{
    ProgressListQuery query = progressQuery(search);
    query.cursor = cursor;
    query.page = cursor.isEmpty() ? page : 1;
    const ProgressPage result = co_await services.progressQueries.list(query);
    PageKeys keys = keysOf(result.items, [](const ProgressEntry &entry) { return entry.userId + QLatin1Char('|') + entry.lessonId; });
    keys.nextCursor = result.nextCursor;
    if (!result.items.isEmpty())
        keys.lastSortValue = toStoreTimestamp(result.items.last().updatedAt);
    co_return keys;
}

QCoro::Task<PageKeys> progressCount(Services &services, QString search)
{
    const ProgressListQuery query = progressQuery(search);
    co_return countKeys(co_await services.progressQueries.count(query));
}

// The store asks for one row more than a page, to know whether another follows.
QString pageSql(const QString &where, qint64 offset)
{
    return QStringLiteral("SELECT %1 FROM %2 %3 %4 LIMIT %5%6;")
        .arg(Columns, Joined, where, Order)
        .arg(PageSize + 1)
        .arg(offset > 0 ? QStringLiteral(" OFFSET %1").arg(offset) : QString());
}

// A deep page by OFFSET as the store reads one: the rows skipped along the sort's index by
// their keys alone, the names joined onto the page only (the plain join of every skipped
// row takes sqlite3 some 40 s in the middle of two million rows: no use as a floor).
QString deepPageSql(qint64 offset)
{
    return QStringLiteral("SELECT %1 FROM (SELECT p.user_id, p.lesson_id FROM progress p %2 LIMIT %3 OFFSET %4) AS page "
                          "CROSS JOIN progress p ON p.user_id = page.user_id AND p.lesson_id = page.lesson_id "
                          "JOIN users u ON u.id = p.user_id JOIN lessons l ON l.id = p.lesson_id %2;")
        .arg(Columns, Order)
        .arg(PageSize + 1)
        .arg(offset);
}

QString searchWhere(const QString &term)
{
    return QStringLiteral("WHERE p.user_id IN (SELECT id FROM users %1)").arg(userSearchWhereSql(term));
}

} // namespace

QCoro::Task<void> benchProgress(Bench &bench)
{
    Services &services = bench.services();
    bench.heading(QStringLiteral("Progress (filters clear, last updated first)"));
    const QString same = QStringLiteral("plain SQL");
    const QString firstLabel = QStringLiteral("app first page");

    const Case countCase{QStringLiteral("progress: count"), [&services] { return progressCount(services, {}); },
                         {{QStringLiteral("SELECT COALESCE(SUM(t.learners), 0) FROM progress_lesson_totals t;")}, same}};
    const AppTiming counted = co_await bench.against(countCase);

    const Case firstCase{QStringLiteral("progress: first page"), [&services] { return progressPage(services, {}, 1, {}); },
                         {{pageSql(QString(), 0)}, same}};
    const AppTiming first = co_await bench.against(firstCase);

    // Page 2 as the model reads it once page 1 is in: by the cursor page 1 ended with.
    const PageKeys &top = first.keys;
    const QString cursor = top.nextCursor;
    const QStringList lastOfTop = top.last.split(QLatin1Char('|'));
    const QString after = QStringLiteral("WHERE (p.updated_at, p.user_id, p.lesson_id) < (%1, %2, %3)")
                              .arg(sqlText(top.lastSortValue), sqlText(lastOfTop.value(0)), sqlText(lastOfTop.value(1)));
    const Case secondCase{QStringLiteral("progress: page 2 by cursor (scrolling on)"),
                          [&services, cursor] { return progressPage(services, {}, 2, cursor); },
                          {{pageSql(after, 0)}, QStringLiteral("keyset SQL")}};
    const AppTiming second = co_await bench.against(secondCase);
    bench.versus(QStringLiteral("progress: page 2 / first page"), second, first.medianMs, firstLabel, DeepTarget);

    // A jump with no cursor known before the page: by its number.
    const int last = lastPageOf(counted.keys.total);
    struct Jump
    {
        int page;
        QString what;
    };
    const QList<Jump> jumps{{last, QStringLiteral("last page %1 (Ctrl+End)").arg(last)},
                            {last / 2 + 1, QStringLiteral("middle page %1 (drag to 50%)").arg(last / 2 + 1)}};
    for (const Jump &jump : jumps) {
        const int number = jump.page;
        const Case deep{QStringLiteral("progress: ") + jump.what,
                        [&services, number] { return progressPage(services, {}, number, {}); },
                        {{deepPageSql(qint64(number - 1) * PageSize)}, QStringLiteral("OFFSET by keys")}};
        const AppTiming timing = co_await bench.against(deep);
        bench.versus(QStringLiteral("progress: %1 / first page").arg(jump.what.section(QLatin1Char(' '), 0, 1)),
                     timing, first.medianMs, firstLabel, DeepTarget);
    }

    struct Term
    {
        const char *term;
        const char *matches;
    };
    for (const Term &term : {Term{"lovelace", "many"}, Term{"fzflmz12345", "few"}, Term{"ad", "many"}}) {
        const QString text = QString::fromLatin1(term.term);
        SearchCase search;
        search.screen = QStringLiteral("progress");
        search.term = text;
        search.matches = QString::fromLatin1(term.matches);
        search.page = [&services, text] { return progressPage(services, text, 1, {}); };
        search.pageFloor = {{pageSql(searchWhere(text), 0)}, {}};
        search.count = [&services, text] { return progressCount(services, text); };
        search.countFloor = {{QStringLiteral("SELECT COUNT(*) FROM progress p %1;").arg(searchWhere(text))}, {}};
        co_await benchSearch(bench, search);
    }
}

} // namespace edge::bench
