// Conformance of the Progress screen's operations (through Services' progress handlers),
// against the store EDGE_CONFORMANCE_STORE names (see support/ConformanceSuite.h): every list
// filter and their counts, every sort both ways in the documented order (ties by userId then
// lessonId in the same direction), keyset paging through everything, statistics per lesson
// and per track and completions over time (the same numbers on both stores, from one set of
// rows of known values), corrections with versions and conflicts, reset, imports (one bad row
// writes nothing, across the Worker's batches too; a good one writes everything) and the
// audit trail of corrections with who made them.

#include "ConformanceSuite.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <functional>

using namespace edge;
using namespace edge::test;

namespace {

QDateTime utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0, int ms = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second, ms), Qt::UTC);
}

QStringList keysOf(const QList<ProgressEntry> &rows)
{
    QStringList keys;
    for (const ProgressEntry &row : rows)
        keys << row.key();
    return keys;
}

// -1, 0, 1 by the sort's value alone (rows not completed sort as the lowest completion time).
int compareBySort(const ProgressEntry &a, const ProgressEntry &b, ProgressSortField sort)
{
    const auto cmp = [](const auto &x, const auto &y) { return x < y ? -1 : (y < x ? 1 : 0); };
    switch (sort) {
    case ProgressSortField::UpdatedAt:
        return cmp(a.updatedAt, b.updatedAt);
    case ProgressSortField::Score:
        return cmp(a.score, b.score);
    case ProgressSortField::CompletedAt: {
        const bool hasA = a.completed && a.completedAt.isValid();
        const bool hasB = b.completed && b.completedAt.isValid();
        if (hasA != hasB)
            return hasA ? 1 : -1;
        return hasA ? cmp(a.completedAt, b.completedAt) : 0;
    }
    case ProgressSortField::Email:
        return cmp(a.userEmail, b.userEmail);
    case ProgressSortField::Title:
        return cmp(a.lessonTitle, b.lessonTitle);
    }
    return 0;
}

// The documented order: the sort's value, then userId, then lessonId, all in one direction.
QStringList expectedOrder(QList<ProgressEntry> rows, ProgressSortField sort, SortOrder order)
{
    std::sort(rows.begin(), rows.end(), [sort](const ProgressEntry &a, const ProgressEntry &b) {
        if (const int bySort = compareBySort(a, b, sort))
            return bySort < 0;
        if (a.userId != b.userId)
            return a.userId < b.userId;
        return a.lessonId < b.lessonId;
    });
    if (order == SortOrder::Descending)
        std::reverse(rows.begin(), rows.end());
    return keysOf(rows);
}

const QList<ProgressSortField> &allSorts()
{
    static const QList<ProgressSortField> sorts{ProgressSortField::UpdatedAt, ProgressSortField::Score,
                                                ProgressSortField::CompletedAt, ProgressSortField::Email,
                                                ProgressSortField::Title};
    return sorts;
}

ProgressImportRow importRow(const QString &userId, const QString &lessonId, bool completed, int score,
                            std::optional<QDateTime> completedAt = std::nullopt)
{
    ProgressImportRow row;
    row.userId = userId;
    row.lessonId = lessonId;
    row.completed = completed;
    row.score = score;
    row.completedAt = completedAt;
    return row;
}

} // namespace

class TestConformanceProgress final : public ConformanceSuite
{
    Q_OBJECT

private:
    // Four learners, two tracks: three lessons (two of them sharing a title) in track A, one
    // in track B, and eleven rows of known values written by one import. The names carry a
    // tag of their own, so other cases' rows never count.
    struct Fixture
    {
        QString tag;
        QString trackA;
        QString trackB;
        QList<User> users;     // emails ...-w, -x, -y, -z; usernames Dora, Carl, Bea, Abe
        QList<Lesson> lessons; // Alpha (A), Beta (A), Beta (A), Gamma (B)
        QList<ProgressEntry> rows; // as the store lists them
    };

    Fixture m_fixture;

    Lesson createLesson(const QString &title, const QString &track)
    {
        return await(services().lessonCommands.create({title, track, 1, QStringLiteral("published")}));
    }

    User createLearner(const QString &tag, const QString &suffix, const QString &name)
    {
        return create(tag + QLatin1Char('-') + suffix + QStringLiteral("@progress.test"), name + QLatin1Char(' ') + tag);
    }

    QList<ProgressEntry> listAll(ProgressListQuery query)
    {
        query.pageSize = ProgressListQuery::MaxPageSize;
        const ProgressPage page = await(services().progressQueries.list(query));
        if (page.total >= 0 && page.total != page.items.size())
            qWarning("list total %lld differs from the %lld rows listed", page.total, qint64(page.items.size()));
        return page.items;
    }

    ProgressListQuery fixtureQuery()
    {
        ProgressListQuery query;
        query.search = fixture().tag;
        return query;
    }

    const Fixture &fixture()
    {
        if (!m_fixture.tag.isEmpty())
            return m_fixture;
        Fixture f;
        f.tag = newTag();
        f.trackA = QStringLiteral("pa") + f.tag;
        f.trackB = QStringLiteral("pb") + f.tag;
        const QStringList names{QStringLiteral("Dora"), QStringLiteral("Carl"), QStringLiteral("Bea"), QStringLiteral("Abe")};
        const QStringList suffixes{QStringLiteral("w"), QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("z")};
        for (int i = 0; i < 4; ++i)
            f.users << createLearner(f.tag, suffixes[i], names[i]);
        f.lessons << createLesson(QStringLiteral("Alpha ") + f.tag, f.trackA)
                  << createLesson(QStringLiteral("Beta ") + f.tag, f.trackA)
                  << createLesson(QStringLiteral("Beta ") + f.tag, f.trackA)
                  << createLesson(QStringLiteral("Gamma ") + f.tag, f.trackB);
        const auto u = [&f](int i) { return f.users[i].id().value(); };
        const auto l = [&f](int i) { return f.lessons[i].id; };
        const QList<ProgressImportRow> rows{
            importRow(u(0), l(0), true, 90, utc(2026, 1, 5, 10)),
            importRow(u(0), l(1), true, 90, utc(2026, 1, 5, 10)),
            importRow(u(0), l(2), false, 40),
            importRow(u(1), l(0), true, 70, QDateTime(QDate(2026, 1, 12), QTime(0, 30), Qt::OffsetFromUTC, 3600)),
            importRow(u(1), l(2), true, 90, utc(2026, 2, 1)),
            importRow(u(2), l(1), false, 0),
            importRow(u(2), l(2), true, 100, utc(2026, 2, 3, 8)),
            importRow(u(3), l(0), false, 40),
            importRow(u(3), l(1), true, 55, utc(2025, 12, 31, 23, 59, 59, 999)),
            importRow(u(3), l(3), true, 65, utc(2026, 3, 10, 12)),
            importRow(u(1), l(3), false, 20),
        };
        const ProgressBatchOutcome outcome = await(services().progressCommands.import(rows, false));
        if (outcome.created != rows.size())
            qWarning("the fixture's import created %lld rows, not %lld", outcome.created, qint64(rows.size()));
        m_fixture = f;
        m_fixture.rows = listAll(fixtureQuery());
        return m_fixture;
    }

    // The fixture's rows that match, as keys.
    QSet<QString> fixtureKeys(const std::function<bool(const ProgressEntry &)> &matches)
    {
        QSet<QString> keys;
        for (const ProgressEntry &row : fixture().rows)
            if (matches(row))
                keys.insert(row.key());
        return keys;
    }

    // A learner and a lesson of their own, for cases that write.
    std::pair<User, Lesson> freshPair(const QString &what)
    {
        const QString tag = newTag();
        return {createLearner(tag, QStringLiteral("solo"), what), createLesson(what + QLatin1Char(' ') + tag, QStringLiteral("solo") + tag)};
    }

    SetProgressCommand setCommand(const QString &userId, const QString &lessonId, std::optional<bool> completed,
                                  std::optional<int> score, int baseVersion = 0)
    {
        SetProgressCommand command;
        command.userId = userId;
        command.lessonId = lessonId;
        command.change.completed = completed;
        command.change.score = score;
        command.baseVersion = baseVersion;
        return command;
    }

    qint64 rowsOfLessons(const QList<Lesson> &lessons)
    {
        qint64 total = 0;
        for (const Lesson &lesson : lessons) {
            ProgressListQuery query;
            query.lessonId = lesson.id;
            total += await(services().progressQueries.count(query));
        }
        return total;
    }

private slots:
    // --- reading: rows, names, filters, counts ---------------------------------------------

    void importedRowsReadBackWithNamesAndValues()
    {
        const Fixture &f = fixture();
        QCOMPARE(f.rows.size(), 11);
        const ProgressEntry row = await(services().progressQueries.get(f.users[1].id().value(), f.lessons[0].id));
        QVERIFY(row.completed);
        QCOMPARE(row.score, 70);
        // 00:30 at +01:00 is 23:30 UTC the day before.
        QCOMPARE(row.completedAt, utc(2026, 1, 11, 23, 30));
        QCOMPARE(row.version, 1);
        QCOMPARE(row.userEmail, f.users[1].email().value());
        QCOMPARE(row.username, f.users[1].username());
        QCOMPARE(row.lessonTitle, f.lessons[0].title);
        QCOMPARE(row.track, f.trackA);
        QVERIFY(row.updatedAt.isValid());
        const ProgressEntry open = await(services().progressQueries.get(f.users[0].id().value(), f.lessons[2].id));
        QVERIFY(!open.completed);
        QVERIFY(!open.completedAt.isValid());
        const ProgressEntry precise = await(services().progressQueries.get(f.users[3].id().value(), f.lessons[1].id));
        QCOMPARE(precise.completedAt, utc(2025, 12, 31, 23, 59, 59, 999));
    }

    void everyFilterSelectsItsRowsAndCountsThem()
    {
        const Fixture &f = fixture();
        struct Case
        {
            const char *name;
            ProgressListQuery query;
            std::function<bool(const ProgressEntry &)> matches;
        };
        const auto base = [this] { return fixtureQuery(); };
        QList<Case> cases;
        {
            ProgressListQuery q;
            q.search = QStringLiteral("carl ") + f.tag.toUpper(); // username, any case
            cases.append({"search by username", q, [&f](const ProgressEntry &r) { return r.userId == f.users[1].id().value(); }});
        }
        {
            ProgressListQuery q;
            q.search = f.tag + QStringLiteral("-z@");
            cases.append({"search by email", q, [&f](const ProgressEntry &r) { return r.userId == f.users[3].id().value(); }});
        }
        {
            ProgressListQuery q;
            q.userId = f.users[2].id().value().toUpper(); // ids in any case
            cases.append({"userId", q, [&f](const ProgressEntry &r) { return r.userId == f.users[2].id().value(); }});
        }
        {
            ProgressListQuery q;
            q.lessonId = f.lessons[1].id;
            cases.append({"lessonId", q, [&f](const ProgressEntry &r) { return r.lessonId == f.lessons[1].id; }});
        }
        {
            ProgressListQuery q;
            q.track = f.trackB;
            cases.append({"track", q, [&f](const ProgressEntry &r) { return r.track == f.trackB; }});
        }
        {
            ProgressListQuery q;
            q.track = f.trackA;
            q.completed = true;
            cases.append({"track and completed", q, [&f](const ProgressEntry &r) { return r.track == f.trackA && r.completed; }});
        }
        {
            ProgressListQuery q = base();
            q.completed = false;
            cases.append({"not completed", q, [](const ProgressEntry &r) { return !r.completed; }});
        }
        {
            ProgressListQuery q = base();
            q.minScore = 55;
            q.maxScore = 90;
            cases.append({"score range", q, [](const ProgressEntry &r) { return r.score >= 55 && r.score <= 90; }});
        }
        {
            ProgressListQuery q = base();
            q.minScore = 100;
            cases.append({"minimum score only", q, [](const ProgressEntry &r) { return r.score == 100; }});
        }
        {
            ProgressListQuery q = base();
            q.maxScore = 0;
            cases.append({"maximum score only", q, [](const ProgressEntry &r) { return r.score == 0; }});
        }
        {
            ProgressListQuery q = base();
            q.completedFrom = utc(2026, 1, 5, 10);
            q.completedTo = utc(2026, 2, 1);
            cases.append({"completion range (from inclusive, to exclusive)", q, [](const ProgressEntry &r) {
                              return r.completed && r.completedAt >= utc(2026, 1, 5, 10) && r.completedAt < utc(2026, 2, 1);
                          }});
        }
        {
            ProgressListQuery q = base();
            q.completedFrom = utc(2026, 2, 1);
            cases.append({"completed from", q, [](const ProgressEntry &r) { return r.completed && r.completedAt >= utc(2026, 2, 1); }});
        }
        {
            ProgressListQuery q = base();
            q.completedTo = utc(2026, 1, 1);
            cases.append({"completed before", q, [](const ProgressEntry &r) { return r.completed && r.completedAt < utc(2026, 1, 1); }});
        }
        {
            ProgressListQuery q = base();
            q.track = f.trackA;
            q.completed = true;
            q.minScore = 90;
            q.completedFrom = utc(2026, 1, 1);
            cases.append({"everything at once", q, [&f](const ProgressEntry &r) {
                              return r.track == f.trackA && r.completed && r.score >= 90 && r.completedAt >= utc(2026, 1, 1);
                          }});
        }
        {
            ProgressListQuery q = base();
            q.search = f.tag + QStringLiteral("-nobody");
            cases.append({"nothing matches", q, [](const ProgressEntry &) { return false; }});
        }

        for (const Case &c : cases) {
            const QSet<QString> expected = fixtureKeys(c.matches);
            const QList<ProgressEntry> rows = listAll(c.query);
            const QStringList got = keysOf(rows);
            QVERIFY2(QSet<QString>(got.begin(), got.end()) == expected && got.size() == expected.size(),
                     qPrintable(QStringLiteral("%1: %2 rows, expected %3").arg(QLatin1String(c.name)).arg(got.size()).arg(expected.size())));
            const qint64 counted = await(services().progressQueries.count(c.query));
            QVERIFY2(counted == expected.size(), qPrintable(QStringLiteral("%1: count %2, expected %3")
                                                                .arg(QLatin1String(c.name)).arg(counted).arg(expected.size())));
            ProgressListQuery firstOfPage = c.query;
            firstOfPage.pageSize = 1;
            QVERIFY2(await(services().progressQueries.list(firstOfPage)).total == expected.size(), c.name);
        }
    }

    void badQueriesAreRefusedNamingTheField()
    {
        ProgressListQuery scores;
        scores.minScore = 80;
        scores.maxScore = 20;
        const auto minOverMax = failureOf<ValidationError>(services().progressQueries.list(scores));
        QVERIFY(minOverMax);
        QVERIFY2(minOverMax->fieldErrors().contains(QStringLiteral("maxScore")), qPrintable(keysOf(minOverMax->fieldErrors()).join(u',')));

        ProgressListQuery times;
        times.completedFrom = utc(2026, 2, 1);
        times.completedTo = utc(2026, 1, 1);
        const auto backwards = failureOf<ValidationError>(services().progressQueries.count(times));
        QVERIFY(backwards);
        QVERIFY(backwards->fieldErrors().contains(QStringLiteral("completedTo")));

        // A cursor of one sort is refused for another (both stores' cursors are opaque).
        ProgressListQuery first = fixtureQuery();
        first.pageSize = 2;
        first.sort = ProgressSortField::Score;
        const QString cursor = await(services().progressQueries.list(first)).nextCursor;
        QVERIFY(!cursor.isEmpty());
        ProgressListQuery other = first;
        other.cursor = cursor;
        other.sort = ProgressSortField::Email;
        const auto wrongSort = failureOf<ValidationError>(services().progressQueries.list(other));
        QVERIFY(wrongSort);
        QVERIFY2(wrongSort->fieldErrors().contains(QStringLiteral("cursor")), qPrintable(keysOf(wrongSort->fieldErrors()).join(u',')));
        other.sort = ProgressSortField::Score;
        other.cursor = QStringLiteral("not-a-cursor");
        const auto garbage = failureOf<ValidationError>(services().progressQueries.list(other));
        QVERIFY(garbage);
        QVERIFY(garbage->fieldErrors().contains(QStringLiteral("cursor")));
    }

    // The user dashboard (Users page, a progress row's learner) reads the same rows.
    void dashboardShowsTheLearnersRows()
    {
        const Fixture &f = fixture();
        const UserDashboard dashboard = await(services().userDashboard.execute(f.users[3].id().value()));
        QCOMPARE(dashboard.totals.lessons, 3);
        QCOMPARE(dashboard.totals.completed, 2);
        QVERIFY2(qAbs(dashboard.totals.averageScore - 160.0 / 3.0) < 0.005, qPrintable(QString::number(dashboard.totals.averageScore)));
        QCOMPARE(dashboard.recentProgress.size(), 3);
        for (const ProgressEntry &row : dashboard.recentProgress) {
            const auto listed = std::find_if(f.rows.begin(), f.rows.end(), [&row](const ProgressEntry &r) { return r.key() == row.key(); });
            QVERIFY2(listed != f.rows.end(), qPrintable(row.key()));
            QVERIFY2(row.sameValues(*listed), qPrintable(row.key()));
        }
    }

    // --- sorting and paging ---------------------------------------------------------------

    void everySortBothWaysInTheDocumentedOrderByPageAndByCursor()
    {
        const Fixture &f = fixture();
        for (const ProgressSortField sort : allSorts()) {
            for (const SortOrder order : {SortOrder::Ascending, SortOrder::Descending}) {
                const QString what = sortFieldToString(sort) + (order == SortOrder::Ascending ? u" asc"_qs : u" desc"_qs);
                ProgressListQuery query = fixtureQuery();
                query.sort = sort;
                query.order = order;
                const QStringList expected = expectedOrder(f.rows, sort, order);
                const QStringList whole = keysOf(listAll(query));
                QVERIFY2(whole == expected, qPrintable(what + u": "_qs + whole.join(u' ') + u"\nexpected "_qs + expected.join(u' ')));

                // Keyset: pages of 3 by cursor give the whole list, no overlap, no gap.
                QStringList byCursor;
                ProgressListQuery paged = query;
                paged.pageSize = 3;
                paged.withTotal = false;
                int pages = 0;
                do {
                    const ProgressPage page = await(services().progressQueries.list(paged));
                    QVERIFY2(page.items.size() <= 3, qPrintable(what));
                    byCursor += keysOf(page.items);
                    paged.cursor = page.nextCursor;
                    QVERIFY2(++pages <= 10, qPrintable(what + u": paging does not end"_qs));
                } while (!paged.cursor.isEmpty());
                QVERIFY2(byCursor == expected, qPrintable(what + u" by cursor: "_qs + byCursor.join(u' ')));

                // Page numbers agree with the cursor's pages.
                ProgressListQuery second = query;
                second.pageSize = 3;
                second.page = 2;
                const ProgressPage page2 = await(services().progressQueries.list(second));
                QCOMPARE(keysOf(page2.items), expected.mid(3, 3));
                QCOMPARE(page2.total, qint64(expected.size()));
            }
        }
    }

    // --- statistics -------------------------------------------------------------------------

    void lessonAndTrackStatisticsGiveTheNumbersOfTheRows()
    {
        const Fixture &f = fixture();
        const QList<LessonProgressStats> lessons = await(services().progressQueries.lessonStats(f.trackA));
        QCOMPARE(lessons.size(), 3);
        // Ordered by track, title, then id (the two "Beta" lessons share a title).
        QCOMPARE(lessons[0].lessonId, f.lessons[0].id);
        QCOMPARE(lessons[1].lessonId, std::min(f.lessons[1].id, f.lessons[2].id));
        QCOMPARE(lessons[2].lessonId, std::max(f.lessons[1].id, f.lessons[2].id));
        QCOMPARE(lessons[0].title, f.lessons[0].title);
        QCOMPARE(lessons[0].track, f.trackA);
        QMap<QString, LessonProgressStats> byId;
        for (const LessonProgressStats &s : lessons)
            byId.insert(s.lessonId, s);
        const struct { int lesson; qint64 learners; qint64 completed; double average; } expected[] = {
            {0, 3, 2, 66.67}, {1, 3, 2, 48.33}, {2, 3, 2, 76.67}};
        for (const auto &e : expected) {
            const LessonProgressStats s = byId.value(f.lessons[e.lesson].id);
            QCOMPARE(s.learners, e.learners);
            QCOMPARE(s.completed, e.completed);
            QVERIFY2(qAbs(s.averageScore - e.average) < 1e-9,
                     qPrintable(QStringLiteral("lesson %1: average %2, expected %3").arg(e.lesson).arg(s.averageScore, 0, 'g', 17).arg(e.average)));
            QCOMPARE(s.completionRate(), 2.0 / 3.0);
        }

        // A lesson nobody started is listed with zeros.
        const Lesson unstarted = createLesson(QStringLiteral("Zeta ") + f.tag, f.trackB);
        const QList<LessonProgressStats> trackB = await(services().progressQueries.lessonStats(f.trackB));
        QCOMPARE(trackB.size(), 2);
        QCOMPARE(trackB[0].title, f.lessons[3].title);
        QCOMPARE(trackB[0].learners, qint64(2));
        QCOMPARE(trackB[0].completed, qint64(1));
        QCOMPARE(trackB[0].averageScore, 42.5);
        QCOMPARE(trackB[1].lessonId, unstarted.id);
        QCOMPARE(trackB[1].learners, qint64(0));
        QCOMPARE(trackB[1].averageScore, 0.0);

        QList<LessonProgressStats> everyLesson = await(services().progressQueries.lessonStats(QString()));
        const auto a = std::count_if(everyLesson.begin(), everyLesson.end(), [&f](const LessonProgressStats &s) { return s.track == f.trackA; });
        QCOMPARE(int(a), 3);

        const QList<TrackProgressStats> tracks = await(services().progressQueries.trackStats());
        const auto find = [&tracks](const QString &track) {
            const auto it = std::find_if(tracks.begin(), tracks.end(), [&track](const TrackProgressStats &s) { return s.track == track; });
            return it == tracks.end() ? TrackProgressStats{} : *it;
        };
        const TrackProgressStats statsA = find(f.trackA);
        QCOMPARE(statsA.lessons, qint64(3));
        QCOMPARE(statsA.learners, qint64(9));
        QCOMPARE(statsA.completed, qint64(6));
        QVERIFY2(qAbs(statsA.averageScore - 63.89) < 1e-9, qPrintable(QString::number(statsA.averageScore, 'g', 17)));
        const TrackProgressStats statsB = find(f.trackB);
        QCOMPARE(statsB.lessons, qint64(2));
        QCOMPARE(statsB.learners, qint64(2));
        QCOMPARE(statsB.completed, qint64(1));
        QCOMPARE(statsB.averageScore, 42.5);
        QVERIFY(std::is_sorted(tracks.begin(), tracks.end(),
                               [](const TrackProgressStats &x, const TrackProgressStats &y) { return x.track < y.track; }));
    }

    void completionsOverTimeByDayWeekAndMonth()
    {
        const Fixture &f = fixture();
        const auto periods = [this](CompletionsQuery query) {
            QStringList got;
            for (const CompletionsPeriod &p : await(services().progressQueries.completions(query)))
                got << p.start.toString(Qt::ISODate) + QLatin1Char('=') + QString::number(p.completed);
            return got;
        };
        CompletionsQuery query;
        query.track = f.trackA;
        query.bucket = CompletionBucket::Day;
        QCOMPARE(periods(query), (QStringList{u"2025-12-31=1"_qs, u"2026-01-05=2"_qs, u"2026-01-11=1"_qs,
                                              u"2026-02-01=1"_qs, u"2026-02-03=1"_qs}));
        query.bucket = CompletionBucket::Week;
        QCOMPARE(periods(query), (QStringList{u"2025-12-29=1"_qs, u"2026-01-05=3"_qs, u"2026-01-26=1"_qs, u"2026-02-02=1"_qs}));
        query.bucket = CompletionBucket::Month;
        QCOMPARE(periods(query), (QStringList{u"2025-12-01=1"_qs, u"2026-01-01=3"_qs, u"2026-02-01=2"_qs}));

        // Partial days at both ends: from inclusive, to exclusive.
        query.bucket = CompletionBucket::Day;
        query.from = utc(2026, 1, 5, 10);
        query.to = utc(2026, 2, 1);
        QCOMPARE(periods(query), (QStringList{u"2026-01-05=2"_qs, u"2026-01-11=1"_qs}));
        query.from = utc(2026, 1, 5, 10, 0, 0, 1);
        QCOMPARE(periods(query), (QStringList{u"2026-01-11=1"_qs}));

        CompletionsQuery oneLesson;
        oneLesson.lessonId = f.lessons[2].id;
        oneLesson.bucket = CompletionBucket::Month;
        QCOMPARE(periods(oneLesson), (QStringList{u"2026-02-01=2"_qs}));
    }

    // --- corrections ------------------------------------------------------------------------

    void correctionsCreateUpdateAndFollowTheCompletionRules()
    {
        const auto [user, lesson] = freshPair(QStringLiteral("Corr"));
        const QString userId = user.id().value();
        ProgressEntry row = await(services().progressCommands.set(setCommand(userId, lesson.id, true, 50)));
        QCOMPARE(row.version, 1);
        QVERIFY(row.completed);
        QCOMPARE(row.score, 50);
        QVERIFY(row.completedAt.isValid());
        QVERIFY(qAbs(row.completedAt.secsTo(QDateTime::currentDateTimeUtc())) < 300);
        QCOMPARE(row.userEmail, user.email().value());
        QCOMPARE(row.lessonTitle, lesson.title);
        QCOMPARE(row.track, lesson.track);
        QCOMPARE(await(services().progressQueries.get(userId, lesson.id)), row);

        // Based on the version seen: applies, keeps the completion time.
        SetProgressCommand next = setCommand(userId, lesson.id, std::nullopt, 60, row.version);
        next.base = row;
        const ProgressEntry v2 = await(services().progressCommands.set(next));
        QCOMPARE(v2.version, 2);
        QCOMPARE(v2.score, 60);
        QCOMPARE(v2.completedAt, row.completedAt);

        // An admin's completion time, then not completed: the time goes.
        SetProgressCommand when = setCommand(userId, lesson.id, std::nullopt, std::nullopt, 2);
        when.change.completedAt = utc(2026, 3, 1, 9, 15, 0, 250);
        const ProgressEntry v3 = await(services().progressCommands.set(when));
        QCOMPARE(v3.completedAt, utc(2026, 3, 1, 9, 15, 0, 250));
        const ProgressEntry v4 = await(services().progressCommands.set(setCommand(userId, lesson.id, false, std::nullopt, 3)));
        QVERIFY(!v4.completed);
        QVERIFY(!v4.completedAt.isValid());
        QCOMPARE(v4.score, 60);
        QCOMPARE(v4.version, 4);

        // Bad values: every field named, nothing written.
        SetProgressCommand bad = setCommand(userId, lesson.id, true, 101);
        bad.change.completedAt = QDateTime::currentDateTimeUtc().addDays(2);
        const auto refused = failureOf<ValidationError>(services().progressCommands.set(bad));
        QVERIFY(refused);
        QCOMPARE(keysOf(refused->fieldErrors()), (QStringList{u"completedAt"_qs, u"score"_qs}));
        QCOMPARE(await(services().progressQueries.get(userId, lesson.id)).version, 4);

        // Unknown learner or lesson.
        QVERIFY(failureOf<NotFoundError>(services().progressCommands.set(setCommand(someUnknownId(), lesson.id, true, 1))));
        QVERIFY(failureOf<NotFoundError>(services().progressCommands.set(setCommand(userId, someUnknownId(), true, 1))));
    }

    void staleCorrectionIsAConflictCarryingTheCurrentRow()
    {
        const auto [user, lesson] = freshPair(QStringLiteral("Stale"));
        const QString userId = user.id().value();
        const ProgressEntry v1 = await(services().progressCommands.set(setCommand(userId, lesson.id, false, 10)));
        SetProgressCommand mine = setCommand(userId, lesson.id, std::nullopt, 20, 1);
        mine.base = v1;
        const ProgressEntry v2 = await(services().progressCommands.set(mine));

        // Someone corrects from version 1 again: refused, with the row as it is now.
        SetProgressCommand theirs = setCommand(userId, lesson.id, true, 99, 1);
        theirs.base = v1;
        const auto conflict = failureOf<ConflictError>(services().progressCommands.set(theirs));
        QVERIFY(conflict);
        QVERIFY(conflict->fieldErrors().contains(QStringLiteral("version")));
        QVERIFY(conflict->current().canConvert<ProgressEntry>());
        const ProgressEntry current = conflict->current().value<ProgressEntry>();
        QCOMPARE(current.version, 2);
        QCOMPARE(current.score, 20);
        QCOMPARE(current.lessonTitle, lesson.title);
        QCOMPARE(await(services().progressQueries.get(userId, lesson.id)), v2);

        // The same without a base row (the handler reads it): the same answer.
        const auto unread = failureOf<ConflictError>(services().progressCommands.set(setCommand(userId, lesson.id, true, 99, 1)));
        QVERIFY(unread);
        QCOMPARE(unread->current().value<ProgressEntry>().version, 2);

        // A version on a row that does not exist: conflict without a current row.
        const auto [other, otherLesson] = freshPair(QStringLiteral("Gone"));
        const auto gone = failureOf<ConflictError>(
            services().progressCommands.set(setCommand(other.id().value(), otherLesson.id, true, 5, 3)));
        QVERIFY(gone);
        QVERIFY(!gone->current().isValid());
        ProgressListQuery none;
        none.userId = other.id().value();
        QCOMPARE(await(services().progressQueries.count(none)), qint64(0));
    }

    void resetDeletesTheRowAndAnswersWhatWasDeleted()
    {
        const auto [user, lesson] = freshPair(QStringLiteral("Reset"));
        const QString userId = user.id().value();
        await(services().progressCommands.set(setCommand(userId, lesson.id, true, 77)));
        const ProgressEntry before = await(services().progressQueries.get(userId, lesson.id));
        const ProgressEntry deleted = await(services().progressCommands.reset({userId, lesson.id}));
        QCOMPARE(deleted.version, before.version);
        QCOMPARE(deleted.score, 77);
        QCOMPARE(deleted.completedAt, before.completedAt);
        QVERIFY(failureOf<NotFoundError>(services().progressQueries.get(userId, lesson.id)));
        QVERIFY(failureOf<NotFoundError>(services().progressCommands.reset({userId, lesson.id})));
        ProgressListQuery query;
        query.userId = userId;
        QCOMPARE(await(services().progressQueries.count(query)), qint64(0));
        // Started afresh: version 1 again.
        QCOMPARE(await(services().progressCommands.set(setCommand(userId, lesson.id, false, 1))).version, 1);
    }

    void correctionsAreInTheAuditTrailWithWhoMadeThem()
    {
        const auto [user, lesson] = freshPair(QStringLiteral("Audit"));
        const QString userId = user.id().value();
        const ProgressEntry v1 = await(services().progressCommands.set(setCommand(userId, lesson.id, false, 50)));
        await(services().progressCommands.set(setCommand(userId, lesson.id, true, 60, v1.version)));
        await(services().progressCommands.reset({userId, lesson.id}));

        const QList<ActivityEntry> events = eventsAbout(userId + u':' + lesson.id);
        QStringList types;
        for (const ActivityEntry &e : events)
            types << e.type;
        QCOMPARE(types, (QStringList{u"progress.deleted"_qs, u"progress.upserted"_qs, u"progress.upserted"_qs}));
        const Actor &actor = services().actor();
        for (const ActivityEntry &e : events) {
            QCOMPARE(e.subjectType, u"progress"_qs);
            QCOMPARE(e.actorId, actor.id);
            QCOMPARE(e.actorLabel, actor.label);
        }
        const QJsonObject correction = events[1].payload;
        QCOMPARE(correction.value(u"version"_qs).toInt(), 2);
        QCOMPARE(correction.value(u"created"_qs).toBool(), false);
        const QJsonObject changes = correction.value(u"changes"_qs).toObject();
        QCOMPARE(changes.value(u"score"_qs).toObject(), (QJsonObject{{u"old"_qs, 50}, {u"new"_qs, 60}}));
        QCOMPARE(changes.value(u"completed"_qs).toObject(), (QJsonObject{{u"old"_qs, false}, {u"new"_qs, true}}));
        QVERIFY(changes.value(u"completedAt"_qs).toObject().value(u"old"_qs).isNull());
        QVERIFY(changes.value(u"completedAt"_qs).toObject().value(u"new"_qs).isString());
        // The correction and the reset name the learner and the lesson for people reading the trail.
        for (const int i : {0, 1}) {
            QCOMPARE(events[i].payload.value(u"userEmail"_qs).toString(), user.email().value());
            QCOMPARE(events[i].payload.value(u"lessonTitle"_qs).toString(), lesson.title);
        }
        QCOMPARE(events[2].payload.value(u"created"_qs).toBool(), true);
        QCOMPARE(events[0].payload.value(u"score"_qs).toInt(), 60);
        QCOMPARE(events[0].payload.value(u"version"_qs).toInt(), 2);
    }

    // --- imports ------------------------------------------------------------------------------

    void importWithABadRowWritesNothingAndNamesIt()
    {
        const auto [user, lesson] = freshPair(QStringLiteral("ImpBad"));
        const QString userId = user.id().value();
        const QList<ProgressImportRow> unknownAndRepeated{
            importRow(userId, lesson.id, true, 10),
            importRow(someUnknownId(), lesson.id, true, 20),
            importRow(userId.toUpper(), lesson.id, false, 30),
        };
        const auto refused = failureOf<ValidationError>(services().progressCommands.import(unknownAndRepeated, false));
        QVERIFY(refused);
        QCOMPARE(keysOf(refused->fieldErrors()), (QStringList{u"rows[1].userId"_qs, u"rows[2]"_qs}));
        QCOMPARE(refused->fieldErrors().value(u"rows[1].userId"_qs), u"is not the id of a user"_qs);
        QCOMPARE(refused->fieldErrors().value(u"rows[2]"_qs), u"repeats rows[0] (the same userId and lessonId)"_qs);
        QCOMPARE(refused->message(), u"2 of 3 rows have problems; nothing was written"_qs);

        const QList<ProgressImportRow> badValue{
            importRow(userId, lesson.id, true, 10),
            importRow(userId, someUnknownId(), true, 101),
        };
        const auto value = failureOf<ValidationError>(services().progressCommands.import(badValue, false));
        QVERIFY(value);
        QVERIFY2(value->fieldErrors().contains(u"rows[1].score"_qs), qPrintable(keysOf(value->fieldErrors()).join(u',')));
        QCOMPARE(rowsOfLessons({lesson}), qint64(0));
    }

    void goodImportWritesEveryRowAndCheckOnlyWritesNone()
    {
        const auto [user, lesson] = freshPair(QStringLiteral("ImpGood"));
        const QString userId = user.id().value();
        const Lesson second = createLesson(QStringLiteral("ImpGood second ") + newTag(), lesson.track);
        const ProgressEntry existing = await(services().progressCommands.set(setCommand(userId, second.id, true, 5)));
        const QList<ProgressImportRow> rows{
            importRow(userId, lesson.id, true, 88, utc(2026, 4, 1, 12)),
            importRow(userId, second.id, false, 33),
        };
        const ProgressBatchOutcome checked = await(services().progressCommands.import(rows, true));
        QCOMPARE(checked.created, qint64(1));
        QCOMPARE(checked.updated, qint64(1));
        QCOMPARE(rowsOfLessons({lesson}), qint64(0));
        QCOMPARE(await(services().progressQueries.get(userId, second.id)), existing);

        const ProgressBatchOutcome written = await(services().progressCommands.import(rows, false));
        QCOMPARE(written.created, qint64(1));
        QCOMPARE(written.updated, qint64(1));
        const ProgressEntry created = await(services().progressQueries.get(userId, lesson.id));
        QCOMPARE(created.score, 88);
        QCOMPARE(created.completedAt, utc(2026, 4, 1, 12));
        QCOMPARE(created.version, 1);
        const ProgressEntry updated = await(services().progressQueries.get(userId, second.id));
        QVERIFY(!updated.completed);
        QCOMPARE(updated.score, 33);
        QVERIFY(!updated.completedAt.isValid());
        QCOMPARE(updated.version, 2);
    }

    // More rows than one Worker batch (1000): a bad row in the last batch leaves nothing
    // written, so does a stop; then the good rows are all written.
    void longImportIsAllOrNothing()
    {
        const QString tag = newTag();
        const QString track = QStringLiteral("long") + tag;
        QList<QString> users;
        QList<Lesson> lessons;
        for (int i = 0; i < 21; ++i)
            users << createLearner(tag, QString::number(i), QStringLiteral("Long")).id().value();
        for (int i = 0; i < 50; ++i)
            lessons << createLesson(QStringLiteral("Long %1 ").arg(i, 2, 10, QLatin1Char('0')) + tag, track);
        QList<ProgressImportRow> rows;
        for (int u = 0; u < users.size(); ++u)
            for (int l = 0; l < lessons.size(); ++l)
                rows << importRow(users[u], lessons[l].id, (u + l) % 2 == 0, (u * 7 + l) % 101);
        QCOMPARE(rows.size(), 1050);

        QList<ProgressImportRow> bad = rows;
        bad[1040].lessonId = someUnknownId();
        const auto refused = failureOf<ValidationError>(services().progressCommands.import(bad, false));
        QVERIFY(refused);
        QCOMPARE(keysOf(refused->fieldErrors()), (QStringList{u"rows[1040].lessonId"_qs}));
        QCOMPARE(refused->message(), u"1 of 1050 rows has a problem; nothing was written"_qs);
        ProgressListQuery inTrack;
        inTrack.track = track;
        QCOMPARE(await(services().progressQueries.count(inTrack)), qint64(0));

        // Stopped by its progress callback: nothing written, on either store.
        const ImportProgress stop = [](qint64, qint64) { return false; };
        QVERIFY(failureOf<ImportStoppedError>(services().progressCommands.import(rows, false, stop)));
        QCOMPARE(await(services().progressQueries.count(inTrack)), qint64(0));

        qint64 lastDone = -1;
        qint64 lastTotal = -1;
        const ImportProgress progress = [&lastDone, &lastTotal](qint64 done, qint64 total) {
            lastDone = done;
            lastTotal = total;
            return true;
        };
        QElapsedTimer clock;
        clock.start();
        const ProgressBatchOutcome outcome = await(services().progressCommands.import(rows, false, progress));
        qInfo("import of %lld rows: %lld ms", qint64(rows.size()), clock.elapsed());
        QCOMPARE(outcome.created, qint64(1050));
        QCOMPARE(outcome.updated, qint64(0));
        QCOMPARE(await(services().progressQueries.count(inTrack)), qint64(1050));
        QCOMPARE(lastTotal, qint64(1050));
        QCOMPARE(lastDone, qint64(1050));
        const QList<TrackProgressStats> tracks = await(services().progressQueries.trackStats());
        const auto it = std::find_if(tracks.begin(), tracks.end(), [&track](const TrackProgressStats &s) { return s.track == track; });
        QVERIFY(it != tracks.end());
        QCOMPARE(it->learners, qint64(1050));
        QCOMPARE(it->completed, qint64(525));
    }
};

QTEST_GUILESS_MAIN(TestConformanceProgress)
#include "tst_conformance_progress.moc"
