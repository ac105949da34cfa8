#include "PagedCases.h"
#include "ScreenCases.h"

namespace edge::bench {

namespace {

const QString Columns = QStringLiteral("id, title, track, difficulty, status, content_key, version, created_at, updated_at");

// LessonsTableModel's query: every lesson, newest first, pages of 200, counted apart.
LessonListQuery lessonsQuery(const QString &search)
{
    LessonListQuery query;
    query.search = search;
    query.pageSize = PageSize;
    query.withTotal = false;
    return query;
}

QCoro::Task<PageKeys> lessonsPage(Services &services, QString search, int page)
{
    LessonListQuery query = lessonsQuery(search);
    query.page = page;
    const LessonPage result = co_await services.lessonQueries.list(query);
    co_return keysOf(result.items, [](const Lesson &lesson) { return lesson.id; });
}

QCoro::Task<PageKeys> lessonsCount(Services &services, QString search)
{
    const LessonListQuery query = lessonsQuery(search);
    co_return countKeys(co_await services.lessonQueries.count(query));
}

QString whereTitle(const QString &term)
{
    return term.isEmpty() ? QString()
                          : QStringLiteral("WHERE title LIKE %1 ESCAPE '\\'").arg(sqlText(QLatin1Char('%') + term + QLatin1Char('%')));
}

QString pageSql(const QString &term, int page)
{
    return QStringLiteral("SELECT %1 FROM lessons %2 ORDER BY created_at DESC, id DESC LIMIT %3 OFFSET %4;")
        .arg(Columns, whereTitle(term))
        .arg(PageSize)
        .arg(qint64(page - 1) * PageSize);
}

QString countSql(const QString &term)
{
    return QStringLiteral("SELECT COUNT(*) FROM lessons %1;").arg(whereTitle(term));
}

} // namespace

QCoro::Task<void> benchLessons(Bench &bench)
{
    Services &services = bench.services();
    bench.heading(QStringLiteral("Lessons (newest first)"));
    NumberedScreen screen;
    screen.name = QStringLiteral("lessons");
    screen.page = [&services](int page) -> AppCall { return [&services, page] { return lessonsPage(services, {}, page); }; };
    screen.pageSql = [](int page) { return pageSql(QString(), page); };
    screen.count = [&services] { return lessonsCount(services, {}); };
    screen.countSql = {countSql(QString())};
    co_await benchNumberedPages(bench, screen);

    struct Term
    {
        const char *term;
        const char *matches;
    };
    for (const Term &term : {Term{"join", "many"}, Term{"mistakes, part 39", "few"}, Term{"ng", "many"}}) {
        const QString text = QString::fromLatin1(term.term);
        SearchCase search;
        search.screen = QStringLiteral("lessons");
        search.term = text;
        search.matches = QString::fromLatin1(term.matches);
        search.page = [&services, text] { return lessonsPage(services, text, 1); };
        search.pageFloor = {{pageSql(text, 1)}, {}};
        search.count = [&services, text] { return lessonsCount(services, text); };
        search.countFloor = {{countSql(text)}, {}};
        co_await benchSearch(bench, search);
    }
}

} // namespace edge::bench
