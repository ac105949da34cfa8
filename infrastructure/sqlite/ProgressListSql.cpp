#include "ProgressListSql.h"

#include "SqlTimestamps.h"
#include "UserSearchSql.h"

#include <QDate>
#include <QStringList>

namespace edge {

namespace {

const QString ProgressFirst = QStringLiteral(
    "progress p JOIN users u ON u.id = p.user_id JOIN lessons l ON l.id = p.lesson_id");

struct SortSql
{
    QString value; // what rows are ordered by (before user_id, lesson_id)
    QString from;  // the join order that walks an index in that order
};

SortSql sortSql(ProgressSortField sort)
{
    switch (sort) {
    case ProgressSortField::UpdatedAt:
        return {QStringLiteral("p.updated_at"), ProgressFirst};
    case ProgressSortField::Score:
        return {QStringLiteral("p.score"), ProgressFirst};
    case ProgressSortField::CompletedAt:
        // No completion time sorts as '': before every time ascending, after them descending.
        return {QStringLiteral("ifnull(p.completed_at, '')"), ProgressFirst};
    case ProgressSortField::Email:
        return {QStringLiteral("u.email"),
                QStringLiteral("users u CROSS JOIN progress p ON p.user_id = u.id "
                               "CROSS JOIN lessons l ON l.id = p.lesson_id")};
    case ProgressSortField::Title:
        return {QStringLiteral("l.title"),
                QStringLiteral("lessons l INDEXED BY idx_lessons_title CROSS JOIN progress p ON p.lesson_id = l.id "
                               "CROSS JOIN users u ON u.id = p.user_id")};
    }
    return {QStringLiteral("p.updated_at"), ProgressFirst};
}

enum class TrackOn { Progress, Lesson };

struct Terms
{
    QStringList where;
    QVariantList values;

    void add(const QString &term, const QVariantList &bound = {})
    {
        where << term;
        values << bound;
    }
    QString clause() const { return where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND ")); }
};

bool hasTimeRange(const ProgressListQuery &query)
{
    return query.completedFrom.isValid() || query.completedTo.isValid();
}

// The users search as a condition on users' rows (trigram FTS from 3 characters, else LIKE).
void addSearch(Terms &terms, const QString &search)
{
    const UserSearchFilter filter = userSearchFilter(search);
    if (filter.where.isEmpty())
        return;
    terms.add(QStringLiteral("p.user_id IN (SELECT id FROM users %1)").arg(filter.where), filter.values);
}

Terms filterTerms(const ProgressListQuery &query, TrackOn trackOn, bool withTrack = true)
{
    Terms terms;
    if (!query.userId.isEmpty())
        terms.add(QStringLiteral("p.user_id = ?"), {query.userId});
    if (!query.lessonId.isEmpty())
        terms.add(QStringLiteral("p.lesson_id = ?"), {query.lessonId});
    if (withTrack && !query.track.isEmpty())
        terms.add(trackOn == TrackOn::Progress ? QStringLiteral("p.track = ?") : QStringLiteral("l.track = ?"), {query.track});
    if (query.completed)
        terms.add(QStringLiteral("p.completed = ?"), {*query.completed ? 1 : 0});
    addSearch(terms, query.search);
    if (query.minScore)
        terms.add(QStringLiteral("p.score >= ?"), {*query.minScore});
    if (query.maxScore)
        terms.add(QStringLiteral("p.score <= ?"), {*query.maxScore});
    if (query.completedFrom.isValid())
        terms.add(QStringLiteral("p.completed_at >= ?"), {toStoreTimestamp(query.completedFrom)});
    if (query.completedTo.isValid())
        terms.add(QStringLiteral("p.completed_at < ?"), {toStoreTimestamp(query.completedTo)});
    return terms;
}

// "p.lesson_id IN (the track's lessons)": one index range per lesson.
void prependLessonsOfTrack(Terms &terms, const QString &track)
{
    terms.where.prepend(QStringLiteral("p.lesson_id IN (SELECT id FROM lessons%1)")
                            .arg(track.isEmpty() ? QString() : QStringLiteral(" WHERE track = ?")));
    if (!track.isEmpty())
        terms.values.prepend(track);
}

} // namespace

bool progressQueryNarrowed(const ProgressListQuery &query)
{
    return !query.userId.isEmpty() || !query.lessonId.isEmpty() || !query.search.trimmed().isEmpty();
}

bool progressSortUnindexed(const ProgressListQuery &query)
{
    return (query.sort == ProgressSortField::Score || query.sort == ProgressSortField::CompletedAt) && query.userId.isEmpty();
}

ProgressSql progressPageSql(const ProgressListQuery &query, const std::optional<ProgressPosition> &after,
                            bool byCompletion)
{
    const SortSql sort = sortSql(query.sort);
    const bool completion = byCompletion && sort.from == ProgressFirst && hasTimeRange(query);
    const TrackOn trackOn = query.sort == ProgressSortField::Title || query.sort == ProgressSortField::Email
                                    || progressQueryNarrowed(query)
                                ? TrackOn::Lesson
                                : TrackOn::Progress;
    Terms terms = filterTerms(query, trackOn, !completion);
    if (completion)
        prependLessonsOfTrack(terms, query.track);
    const QString dir = query.order == SortOrder::Ascending ? QStringLiteral("ASC") : QStringLiteral("DESC");
    if (after) {
        terms.add(QStringLiteral("(%1, p.user_id, p.lesson_id) %2 (?, ?, ?)")
                      .arg(sort.value, query.order == SortOrder::Ascending ? QStringLiteral(">") : QStringLiteral("<")),
                  {after->value, after->userId, after->lessonId});
    }
    QString from = sort.from;
    if (completion)
        from.replace(QStringLiteral("progress p"), QStringLiteral("progress p INDEXED BY idx_progress_completions"));
    const QString columns = QStringLiteral("p.user_id, p.lesson_id, p.completed, p.score, p.completed_at, "
                                           "p.updated_at, p.version, u.email, u.username, l.title, l.track");
    const QString order = QStringLiteral("ORDER BY %1 %2, p.user_id %2, p.lesson_id %2").arg(sort.value, dir);
    const QString limit = QStringLiteral("LIMIT %1").arg(query.pageSize + 1);
    const qint64 offset = after ? 0 : qint64(query.page - 1) * query.pageSize;
    const bool onlyProgressTerms = sort.from == ProgressFirst && !completion
                                   && (trackOn == TrackOn::Progress || query.track.isEmpty());
    if (offset > 0 && onlyProgressTerms) {
        // A jump deep into the list (a page with no cursor before it): skip the rows in the
        // index alone and join names only onto the page, instead of joining every skipped row
        // (3,000,000 of them in the middle of ten million).
        const QString sql = QStringLiteral("SELECT %1 FROM (SELECT p.user_id, p.lesson_id FROM progress p %2 %3 %4 OFFSET %5) AS page "
                                           "CROSS JOIN progress p ON p.user_id = page.user_id AND p.lesson_id = page.lesson_id "
                                           "JOIN users u ON u.id = p.user_id JOIN lessons l ON l.id = p.lesson_id %3")
                                .arg(columns, terms.clause(), order, limit)
                                .arg(offset);
        return {sql, terms.values};
    }
    QString sql = QStringLiteral("SELECT %1 FROM %2 %3 %4 %5").arg(columns, from, terms.clause(), order, limit);
    if (offset > 0)
        sql += QStringLiteral(" OFFSET %1").arg(offset);
    return {sql, terms.values};
}

ProgressSql progressCountSql(const ProgressListQuery &query)
{
    const bool perLesson = query.userId.isEmpty() && query.search.trimmed().isEmpty() && !query.minScore
                           && !query.maxScore && !hasTimeRange(query);
    if (perLesson) {
        const QString column = !query.completed ? QStringLiteral("t.learners")
                               : *query.completed ? QStringLiteral("t.completed")
                                                  : QStringLiteral("t.learners - t.completed");
        Terms terms;
        if (!query.lessonId.isEmpty())
            terms.add(QStringLiteral("t.lesson_id = ?"), {query.lessonId});
        if (!query.track.isEmpty())
            terms.add(QStringLiteral("l.track = ?"), {query.track});
        return {QStringLiteral("SELECT COALESCE(SUM(%1), 0) FROM progress_lesson_totals t %2 %3")
                    .arg(column, query.track.isEmpty() ? QString() : QStringLiteral("JOIN lessons l ON l.id = t.lesson_id"),
                         terms.clause()),
                terms.values};
    }
    if (hasTimeRange(query) && query.userId.isEmpty() && query.lessonId.isEmpty()) {
        // One idx_progress_completions range per lesson (of the track, or of every lesson).
        Terms terms = filterTerms(query, TrackOn::Progress, false);
        prependLessonsOfTrack(terms, query.track);
        return {QStringLiteral("SELECT COUNT(*) FROM progress p ") + terms.clause(), terms.values};
    }
    const TrackOn trackOn = progressQueryNarrowed(query) ? TrackOn::Lesson : TrackOn::Progress;
    const Terms terms = filterTerms(query, trackOn);
    const QString join = !query.track.isEmpty() && trackOn == TrackOn::Lesson
                             ? QStringLiteral(" JOIN lessons l ON l.id = p.lesson_id")
                             : QString();
    return {QStringLiteral("SELECT COUNT(*) FROM progress p%1 %2").arg(join, terms.clause()), terms.values};
}

ProgressSql lessonStatsSql(const QString &track)
{
    return {QStringLiteral("SELECT l.id, l.title, l.track, COALESCE(t.learners, 0), COALESCE(t.completed, 0), "
                           "COALESCE(t.score_sum, 0) FROM lessons l LEFT JOIN progress_lesson_totals t ON t.lesson_id = l.id "
                           "%1 ORDER BY l.track, l.title, l.id")
                .arg(track.isEmpty() ? QString() : QStringLiteral("WHERE l.track = ?")),
            track.isEmpty() ? QVariantList() : QVariantList{track}};
}

ProgressSql trackStatsSql()
{
    return {QStringLiteral("SELECT l.track, COUNT(*), COALESCE(SUM(t.learners), 0), COALESCE(SUM(t.completed), 0), "
                           "COALESCE(SUM(t.score_sum), 0) FROM lessons l LEFT JOIN progress_lesson_totals t "
                           "ON t.lesson_id = l.id GROUP BY l.track ORDER BY l.track"),
            {}};
}

ProgressSql completionsSql(const CompletionsQuery &query)
{
    QVariantList values;
    const auto lessons = [&](const QString &column) {
        QStringList where;
        if (!query.lessonId.isEmpty()) {
            where << column + QStringLiteral(" = ?");
            values << query.lessonId;
        }
        if (!query.track.isEmpty()) {
            where << column + QStringLiteral(" IN (SELECT id FROM lessons WHERE track = ?)");
            values << query.track;
        }
        if (where.isEmpty())
            where << column + QStringLiteral(" IN (SELECT id FROM lessons)"); // one index range per lesson
        return where;
    };
    const auto midnight = [](const QString &day) { return day + QStringLiteral("T00:00:00.000Z"); };
    const auto nextDay = [](const QString &day) {
        return QDate::fromString(day, Qt::ISODate).addDays(1).toString(Qt::ISODate);
    };
    const QString from = query.from.isValid() ? toStoreTimestamp(query.from) : QString();
    const QString to = query.to.isValid() ? toStoreTimestamp(query.to) : QString();

    QList<QPair<QString, QString>> partial; // ranges of completed_at counted row by row
    QString firstDay = from.left(10);
    const QString lastDay = to.left(10); // exclusive
    bool whole = true;
    if (!from.isEmpty() && !to.isEmpty() && firstDay == lastDay) {
        partial.append({from, to}); // within one day
        whole = false;
    } else {
        if (!from.isEmpty() && from != midnight(firstDay)) {
            firstDay = nextDay(firstDay);
            partial.append({from, midnight(firstDay)});
        }
        if (!to.isEmpty() && to != midnight(lastDay))
            partial.append({midnight(lastDay), to});
    }
    QStringList parts;
    if (whole) {
        QStringList where = lessons(QStringLiteral("c.lesson_id"));
        if (!firstDay.isEmpty()) {
            where << QStringLiteral("c.day >= ?");
            values << firstDay;
        }
        if (!lastDay.isEmpty()) {
            where << QStringLiteral("c.day < ?");
            values << lastDay;
        }
        parts << QStringLiteral("SELECT c.day AS day, c.completed AS n FROM progress_daily_completions c WHERE ")
                     + where.join(QStringLiteral(" AND "));
    }
    for (const auto &[start, end] : std::as_const(partial)) {
        QStringList where = lessons(QStringLiteral("p.lesson_id"));
        where << QStringLiteral("p.completed_at >= ?") << QStringLiteral("p.completed_at < ?");
        values << start << end;
        parts << QStringLiteral("SELECT substr(p.completed_at, 1, 10) AS day, COUNT(*) AS n FROM progress p WHERE %1 "
                                "GROUP BY day")
                     .arg(where.join(QStringLiteral(" AND ")));
    }
    QString period = QStringLiteral("day");
    if (query.bucket == CompletionBucket::Week)
        period = QStringLiteral("date(day, '-6 days', 'weekday 1')");
    else if (query.bucket == CompletionBucket::Month)
        period = QStringLiteral("substr(day, 1, 7) || '-01'");
    return {QStringLiteral("SELECT %1 AS period, SUM(n) FROM (%2) GROUP BY period HAVING SUM(n) > 0 ORDER BY period")
                .arg(period, parts.join(QStringLiteral(" UNION ALL "))),
            values};
}

} // namespace edge
