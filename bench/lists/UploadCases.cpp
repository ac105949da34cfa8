#include "PagedCases.h"
#include "ScreenCases.h"

#include "infrastructure/sqlite/SqlTimestamps.h"

#include <memory>

namespace edge::bench {

namespace {

const QString Columns = QStringLiteral("key, size, content_type, original_name, sha256, uploaded_by, created_at, object_key");
const QString Order = QStringLiteral("ORDER BY created_at DESC, key DESC");

// UploadsTableModel's query with its filters clear: newest first, pages of 200 by cursor
// (UploadRowSource: no count; page p + 1 only after page p, as the view scrolls).
QCoro::Task<PageKeys> uploadsPage(Services &services, QString search, QString cursor)
{
    UploadListQuery query;
    query.search = search;
    query.cursor = cursor;
    query.limit = PageSize;
    const UploadPage result = co_await services.uploadQueries.list(query);
    PageKeys keys = keysOf(result.items, [](const Upload &upload) { return upload.key; });
    keys.nextCursor = result.nextCursor;
    if (!result.items.isEmpty())
        keys.lastSortValue = toStoreTimestamp(result.items.last().createdAt);
    co_return keys;
}

// Where each page starts: the cursor it is read by, and the row before it (empty: the top).
struct PageStart
{
    QString cursor;
    QString afterCreatedAt;
    QString afterKey;
};

// Every page in order, as scrolling to the end reads them; where each page started, when
// `starts` is given.
QCoro::Task<PageKeys> uploadsToTheEnd(Services &services, QList<PageStart> *starts)
{
    PageKeys all;
    PageStart start;
    do {
        if (starts)
            starts->append(start);
        const PageKeys page = co_await uploadsPage(services, {}, start.cursor);
        if (all.rows == 0)
            all.first = page.first;
        if (page.rows > 0)
            all.last = page.last;
        all.rows += page.rows;
        start = {page.nextCursor, page.lastSortValue, page.last};
    } while (!start.cursor.isEmpty());
    co_return all;
}

QString pageSql(const QString &where, qint64 offset)
{
    return QStringLiteral("SELECT %1, created_at FROM uploads %2 %3 LIMIT %4%5;")
        .arg(Columns, where, Order)
        .arg(PageSize + 1)
        .arg(offset > 0 ? QStringLiteral(" OFFSET %1").arg(offset) : QString());
}

// The keyset condition with the values written in: sqlite3 then seeks straight to the row.
QString afterSql(const QString &createdAt, const QString &key)
{
    return QStringLiteral("WHERE (created_at < %1 OR (created_at = %1 AND key < %2))").arg(sqlText(createdAt), sqlText(key));
}

QString searchWhere(const QString &term)
{
    return QStringLiteral("WHERE (instr(lower(key), lower(%1)) > 0 OR instr(lower(original_name), lower(%1)) > 0)")
        .arg(sqlText(term));
}

} // namespace

QCoro::Task<void> benchUploads(Bench &bench)
{
    Services &services = bench.services();
    bench.heading(QStringLiteral("Uploads (filters clear, newest first; no count: pages by cursor, in order)"));
    const QString firstLabel = QStringLiteral("app first page");

    const Case firstCase{QStringLiteral("uploads: first page"), [&services] { return uploadsPage(services, {}, {}); },
                         {{pageSql(QString(), 0)}, QStringLiteral("plain SQL")}};
    const AppTiming first = co_await bench.against(firstCase);

    const QString cursor = first.keys.nextCursor;
    const QString after = afterSql(first.keys.lastSortValue, first.keys.last);
    const Case secondCase{QStringLiteral("uploads: page 2 by cursor (scrolling on)"),
                          [&services, cursor] { return uploadsPage(services, {}, cursor); },
                          {{pageSql(after, 0)}, QStringLiteral("keyset SQL")}};
    const AppTiming second = co_await bench.against(secondCase);
    bench.versus(QStringLiteral("uploads: page 2 / first page"), second, first.medianMs, firstLabel, DeepTarget);

    // The model cannot jump (it does not know how many rows there are): Ctrl+End reads on
    // page after page. The whole walk once (the cursors it meets kept), then single deep
    // pages by those cursors.
    auto starts = std::make_shared<QList<PageStart>>();
    const Case walk{QStringLiteral("uploads: every page in turn by cursor (Ctrl+End)"),
                    [&services, starts] { return uploadsToTheEnd(services, starts.get()); },
                    {{QStringLiteral("SELECT %1, created_at FROM uploads %2;").arg(Columns, Order)},
                     QStringLiteral("whole list")},
                    QStringLiteral("-"),
                    true};
    co_await bench.against(walk);
    const int pages = int(starts->size());

    struct Jump
    {
        int page; // 1-based
        QString what;
    };
    const QList<Jump> jumps{{pages, QStringLiteral("last page %1 by cursor").arg(pages)},
                            {pages / 2 + 1, QStringLiteral("middle page %1 by cursor").arg(pages / 2 + 1)}};
    for (const Jump &jump : jumps) {
        const PageStart start = starts->value(jump.page - 1);
        const QString from = start.cursor;
        const Case deep{QStringLiteral("uploads: ") + jump.what,
                        [&services, from] { return uploadsPage(services, {}, from); },
                        {{pageSql(QString(), qint64(jump.page - 1) * PageSize)}, QStringLiteral("naive OFFSET")}};
        const AppTiming timing = co_await bench.against(deep);
        // The same page by sqlite3 seeking from the row before it, the values written in.
        bench.againstFloor(QStringLiteral("uploads: ") + jump.what, timing,
                           {{pageSql(afterSql(start.afterCreatedAt, start.afterKey), 0)}, QStringLiteral("keyset SQL")},
                           QStringLiteral("-"));
        bench.versus(QStringLiteral("uploads: %1 / first page").arg(jump.what.section(QLatin1Char(' '), 0, 1)),
                     timing, first.medianMs, firstLabel, DeepTarget);
    }

    struct Term
    {
        const char *term;
        const char *matches;
    };
    for (const Term &term : {Term{"png", "many"}, Term{"0123456", "few"}, Term{"77", "many"}}) {
        const QString text = QString::fromLatin1(term.term);
        SearchCase search;
        search.screen = QStringLiteral("uploads");
        search.term = text;
        search.matches = QString::fromLatin1(term.matches);
        search.page = [&services, text] { return uploadsPage(services, text, {}); };
        search.pageFloor = {{pageSql(searchWhere(text), 0)}, {}};
        co_await benchSearch(bench, search);
    }
}

} // namespace edge::bench
