// SqliteProgressRepository, the Scribe for progress, against a real temporary store: every
// filter and sort (both ways) gives the rows, order and totals of the in-memory reference
// (FakeProgressRepository, which orders as the Worker does), keyset pages cover a list without
// overlap or gap, statistics and completions come from the tables the triggers keep, writes
// are compare-and-swaps recorded with their events, and imports are all or nothing.

#include "FakeProgressRepository.h"
#include "TestStore.h"

#include "domain/Errors.h"
#include "infrastructure/sqlite/SqliteProgressRepository.h"

#include <QTest>

using namespace edge;
using namespace edge::test;

namespace {

QString fixedId(int kind, int n)
{
    return QStringLiteral("%1-0000-4000-8000-%2").arg(kind, 8, 10, QLatin1Char('0')).arg(n, 12, 10, QLatin1Char('0'));
}

QString stamp(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QStringList keysOf(const QList<ProgressEntry> &rows)
{
    QStringList keys;
    for (const ProgressEntry &row : rows)
        keys << row.key();
    return keys;
}

template<class Error>
Error thrown(const std::function<void()> &call)
{
    try {
        call();
    } catch (const Error &error) {
        return error;
    }
    throw std::runtime_error("the expected error was not thrown");
}

using Filter = std::function<void(ProgressListQuery &)>;

} // namespace

Q_DECLARE_METATYPE(Filter)

class TestProgressRepository final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EmbeddedBackend> m_store;
    std::unique_ptr<SqliteProgressRepository> m_progress;
    // The same users, lessons and rows, in memory: the reference for orders and numbers.
    std::unique_ptr<FakeProgressRepository> m_reference;
    Actor m_actor{QString(), QStringLiteral("local:tester")};

    QString path() const { return m_dir->filePath(QStringLiteral("store.db")); }

    void addUser(const SqlPeek &peek, int n, const QString &email, const QString &username)
    {
        QVERIFY(peek.scalar(QStringLiteral("INSERT INTO users (id, email, username, password_hash) VALUES (?, ?, ?, 'x') "
                                           "RETURNING 1"),
                            {fixedId(1, n), email, username})
                    .isValid());
        m_reference->addUser(email, username, fixedId(1, n));
    }
    void addLesson(const SqlPeek &peek, int n, const QString &title, const QString &track)
    {
        QVERIFY(peek.scalar(QStringLiteral("INSERT INTO lessons (id, title, track) VALUES (?, ?, ?) RETURNING 1"),
                            {fixedId(2, n), title, track})
                    .isValid());
        m_reference->addLesson(title, track, fixedId(2, n));
    }
    void addRow(const SqlPeek &peek, const ProgressEntry &row)
    {
        const QVariant completedAt = row.completedAt.isValid() ? QVariant(stamp(row.completedAt)) : QVariant();
        QVERIFY(peek.scalar(QStringLiteral("INSERT INTO progress (user_id, lesson_id, completed, score, completed_at, "
                                           "updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING 1"),
                            {row.userId, row.lessonId, row.completed ? 1 : 0, row.score, completedAt,
                             stamp(row.updatedAt), row.version})
                    .isValid());
        m_reference->put(row);
    }

    // 10 learners, 7 lessons on 3 tracks (two lessons share a title), 55 rows with ties in
    // score, update time and completion time, spread over three months.
    void seed()
    {
        const SqlPeek peek(path());
        QVERIFY(peek.exec(QStringLiteral("BEGIN")));
        seedRows(peek);
        QVERIFY(peek.exec(QStringLiteral("COMMIT")));
    }
    void seedRows(const SqlPeek &peek)
    {
        for (int u = 0; u < 10; ++u)
            addUser(peek, u, QStringLiteral("learner%1@example.com").arg(u, 2, 10, QLatin1Char('0')),
                    u % 2 ? QStringLiteral("Ada %1").arg(u) : QStringLiteral("bob%1").arg(u));
        const QStringList tracks{QStringLiteral("cpp"), QStringLiteral("python"), QStringLiteral("web")};
        for (int l = 0; l < 7; ++l)
            addLesson(peek, l, l == 5 ? QStringLiteral("Lesson 2") : QStringLiteral("Lesson %1").arg(l), tracks.at(l % 3));
        const QDateTime start(QDate(2026, 1, 30), QTime(22, 0), Qt::UTC);
        int n = 0;
        for (int u = 0; u < 10; ++u) {
            for (int l = 0; l < 7; ++l) {
                if ((u * 7 + l) % 9 == 4)
                    continue;
                if (++n > 55)
                    return;
                ProgressEntry row;
                row.userId = fixedId(1, u);
                row.lessonId = fixedId(2, l);
                row.score = (u * 3 + l * 5) % 11 * 10;
                row.completed = (u + l) % 3 != 0;
                row.updatedAt = start.addSecs(3600LL * 13 * ((u * 7 + l) % 17));
                if (row.completed)
                    row.completedAt = start.addSecs(3600LL * 7 * ((u + 2 * l) % 23));
                row.version = 1 + l % 2;
                addRow(peek, row);
            }
        }
    }

    QStringList eventTypes() const
    {
        return SqlPeek(path()).column(QStringLiteral("SELECT type FROM events ORDER BY id"));
    }

    ProgressWrite writeOf(int user, int lesson, bool completed, int score, int expectedVersion)
    {
        const std::optional<ProgressEntry> before = m_reference->entry(fixedId(1, user), fixedId(2, lesson));
        ProgressChange change;
        change.completed = completed;
        change.score = score;
        ProgressWrite write;
        write.entry = applyProgressChange(expectedVersion ? before : std::nullopt, fixedId(1, user), fixedId(2, lesson),
                                          change, QDateTime::currentDateTimeUtc());
        write.entry.version = expectedVersion + 1;
        write.expectedVersion = expectedVersion;
        write.event = DomainEvent::progressUpserted(write.entry, std::nullopt, m_actor);
        return write;
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_store = openStore(path());
        const std::shared_ptr<SqliteExecutor> executor(std::shared_ptr<void>(), &m_store->executor());
        m_progress = std::make_unique<SqliteProgressRepository>(executor);
        m_reference = std::make_unique<FakeProgressRepository>();
        seed();
    }

    void cleanup()
    {
        m_progress.reset();
        m_store.reset();
        m_reference.reset();
        m_dir.reset();
    }

    void findCarriesNamesAndTrack()
    {
        const std::optional<ProgressEntry> row = await(m_progress->find(fixedId(1, 1), fixedId(2, 2)));
        QVERIFY(row);
        QCOMPARE(row->userEmail, QStringLiteral("learner01@example.com"));
        QCOMPARE(row->username, QStringLiteral("Ada 1"));
        QCOMPARE(row->lessonTitle, QStringLiteral("Lesson 2"));
        QCOMPARE(row->track, QStringLiteral("web"));
        QVERIFY(row->sameValues(*m_reference->entry(fixedId(1, 1), fixedId(2, 2))));
        QVERIFY(!await(m_progress->find(fixedId(1, 99), fixedId(2, 2))));
    }

    void listsAsTheReferenceEverySortBothWays_data()
    {
        QTest::addColumn<Filter>("filter");
        QTest::newRow("everything") << Filter([](ProgressListQuery &) {});
        QTest::newRow("track") << Filter([](ProgressListQuery &q) { q.track = QStringLiteral("cpp"); });
        QTest::newRow("track and completed") << Filter([](ProgressListQuery &q) {
            q.track = QStringLiteral("python");
            q.completed = true;
        });
        QTest::newRow("not completed") << Filter([](ProgressListQuery &q) { q.completed = false; });
        QTest::newRow("score range") << Filter([](ProgressListQuery &q) {
            q.minScore = 20;
            q.maxScore = 70;
        });
        QTest::newRow("search 3+ characters") << Filter([](ProgressListQuery &q) { q.search = QStringLiteral("ADA"); });
        QTest::newRow("search 2 characters") << Filter([](ProgressListQuery &q) { q.search = QStringLiteral("b0"); });
        QTest::newRow("lesson") << Filter([](ProgressListQuery &q) { q.lessonId = fixedId(2, 3); });
        QTest::newRow("user and track") << Filter([](ProgressListQuery &q) {
            q.userId = fixedId(1, 4);
            q.track = QStringLiteral("cpp");
        });
        QTest::newRow("completed in February") << Filter([](ProgressListQuery &q) {
            q.completedFrom = QDateTime(QDate(2026, 2, 1), QTime(0, 0), Qt::UTC);
            q.completedTo = QDateTime(QDate(2026, 3, 1), QTime(0, 0), Qt::UTC);
        });
        QTest::newRow("track, completed since") << Filter([](ProgressListQuery &q) {
            q.track = QStringLiteral("web");
            q.completedFrom = QDateTime(QDate(2026, 2, 3), QTime(5, 30), Qt::UTC);
        });
    }
    void listsAsTheReferenceEverySortBothWays()
    {
        QFETCH(Filter, filter);
        for (const ProgressSortField sort : {ProgressSortField::UpdatedAt, ProgressSortField::Score,
                                             ProgressSortField::CompletedAt, ProgressSortField::Email,
                                             ProgressSortField::Title}) {
            for (const SortOrder order : {SortOrder::Ascending, SortOrder::Descending}) {
                const QString what = sortFieldToString(sort) + (order == SortOrder::Ascending ? QStringLiteral(" asc")
                                                                                              : QStringLiteral(" desc"));
                ProgressListQuery query;
                filter(query);
                query.sort = sort;
                query.order = order;
                query.pageSize = 200;
                const ProgressPage all = await(m_reference->list(query));
                const QStringList expected = keysOf(all.items);
                QVERIFY2(!expected.isEmpty(), qPrintable(what));

                // Keyset pages of 4: every row once, in the reference's order.
                query.pageSize = 4;
                QStringList paged;
                qint64 total = -1;
                for (int pages = 0; pages < 100; ++pages) {
                    const ProgressPage page = await(m_progress->list(query));
                    if (total < 0)
                        total = page.total;
                    paged << keysOf(page.items);
                    if (page.nextCursor.isEmpty())
                        break;
                    query.cursor = page.nextCursor;
                }
                QVERIFY2(paged == expected, qPrintable(what + QStringLiteral(": ") + paged.join(QLatin1Char(' ')).left(300)));
                QVERIFY2(total == expected.size(), qPrintable(what + QStringLiteral(" total %1").arg(total)));

                // Page 2 by number is the same rows.
                query.cursor.clear();
                query.page = 2;
                QCOMPARE(keysOf(await(m_progress->list(query)).items), expected.mid(4, 4));
                QCOMPARE(await(m_progress->count(query)), qint64(expected.size()));
            }
        }
    }

    void aCursorOfAnotherSortIsRefused()
    {
        ProgressListQuery query;
        query.pageSize = 5;
        const ProgressPage first = await(m_progress->list(query));
        QVERIFY(!first.nextCursor.isEmpty());
        query.cursor = first.nextCursor;
        query.order = SortOrder::Ascending;
        const auto error = thrown<ValidationError>([&] { await(m_progress->list(query)); });
        QCOMPARE(error.fieldErrors().keys(), QStringList{QStringLiteral("cursor")});
    }

    void statisticsAsTheReference()
    {
        const QList<LessonProgressStats> lessons = await(m_progress->lessonStats(QString()));
        const QList<LessonProgressStats> expected = await(m_reference->lessonStats(QString()));
        QCOMPARE(lessons.size(), 7);
        for (qsizetype i = 0; i < lessons.size(); ++i) {
            QCOMPARE(lessons[i].lessonId, expected[i].lessonId);
            QCOMPARE(lessons[i].learners, expected[i].learners);
            QCOMPARE(lessons[i].completed, expected[i].completed);
            QCOMPARE(lessons[i].averageScore, expected[i].averageScore);
        }
        QCOMPARE(await(m_progress->lessonStats(QStringLiteral("web"))).size(), 2);
        const QList<TrackProgressStats> tracks = await(m_progress->trackStats());
        const QList<TrackProgressStats> expectedTracks = await(m_reference->trackStats());
        QCOMPARE(tracks.size(), 3);
        for (qsizetype i = 0; i < tracks.size(); ++i) {
            QCOMPARE(tracks[i].track, expectedTracks[i].track);
            QCOMPARE(tracks[i].lessons, expectedTracks[i].lessons);
            QCOMPARE(tracks[i].learners, expectedTracks[i].learners);
            QCOMPARE(tracks[i].completed, expectedTracks[i].completed);
            QCOMPARE(tracks[i].averageScore, expectedTracks[i].averageScore);
        }
    }

    void completionsAsTheReference_data()
    {
        QTest::addColumn<int>("bucket");
        QTest::addColumn<QDateTime>("from");
        QTest::addColumn<QDateTime>("to");
        QTest::addColumn<QString>("track");
        const QDateTime midFeb3(QDate(2026, 2, 3), QTime(9, 0), Qt::UTC);
        const QDateTime midFeb9(QDate(2026, 2, 9), QTime(20, 0), Qt::UTC);
        for (const int bucket : {0, 1, 2}) {
            QTest::addRow("open %d", bucket) << bucket << QDateTime() << QDateTime() << QString();
            QTest::addRow("partial edges %d", bucket) << bucket << midFeb3 << midFeb9 << QString();
            QTest::addRow("midnights %d", bucket) << bucket << QDateTime(QDate(2026, 2, 1), QTime(0, 0), Qt::UTC)
                                                  << QDateTime(QDate(2026, 2, 8), QTime(0, 0), Qt::UTC) << QStringLiteral("cpp");
            QTest::addRow("within a day %d", bucket) << bucket << midFeb3 << midFeb3.addSecs(6 * 3600) << QString();
        }
    }
    void completionsAsTheReference()
    {
        QFETCH(int, bucket);
        QFETCH(QDateTime, from);
        QFETCH(QDateTime, to);
        QFETCH(QString, track);
        CompletionsQuery query;
        query.bucket = CompletionBucket(bucket);
        query.from = from;
        query.to = to;
        query.track = track;
        const QList<CompletionsPeriod> periods = await(m_progress->completions(query));
        const QList<CompletionsPeriod> expected = await(m_reference->completions(query));
        QStringList got, want;
        for (const CompletionsPeriod &p : periods)
            got << QStringLiteral("%1=%2").arg(p.start.toString(Qt::ISODate)).arg(p.completed);
        for (const CompletionsPeriod &p : expected)
            want << QStringLiteral("%1=%2").arg(p.start.toString(Qt::ISODate)).arg(p.completed);
        QCOMPARE(got, want);
        if (!from.isValid())
            QVERIFY(!got.isEmpty());
    }

    void upsertIsACompareAndSwapRecordedWithItsEvent()
    {
        // A new row: only if there is none.
        ProgressWrite create = writeOf(9, 6, true, 55, 0);
        if (m_reference->entry(fixedId(1, 9), fixedId(2, 6)))
            QSKIP("the seed has this row");
        const ProgressEntry created = await(m_progress->upsert(create));
        QCOMPARE(created.version, 1);
        QCOMPARE(created.track, QStringLiteral("cpp"));
        QCOMPARE(created.userEmail, QStringLiteral("learner09@example.com"));
        QCOMPARE(SqlPeek(path()).scalar(QStringLiteral("SELECT track FROM progress WHERE user_id = ? AND lesson_id = ?"),
                                        {fixedId(1, 9), fixedId(2, 6)}).toString(), QStringLiteral("cpp"));
        QCOMPARE(eventTypes(), QStringList{QStringLiteral("progress.upserted")});

        // Creating it again, or writing from a version it no longer has: a conflict carrying it.
        auto conflict = thrown<ConflictError>([&] { await(m_progress->upsert(create)); });
        QCOMPARE(conflict.current().value<ProgressEntry>().version, 1);
        ProgressWrite stale = create;
        stale.expectedVersion = 3;
        stale.entry.version = 4;
        conflict = thrown<ConflictError>([&] { await(m_progress->upsert(stale)); });
        QCOMPARE(conflict.current().value<ProgressEntry>().score, 55);

        ProgressWrite next = create;
        next.entry.score = 60;
        next.entry.version = 2;
        next.expectedVersion = 1;
        QCOMPARE(await(m_progress->upsert(next)).score, 60);
        QCOMPARE(eventTypes().size(), 2);

        // The per-lesson totals follow (the statistics read them).
        const QList<LessonProgressStats> stats = await(m_progress->lessonStats(QStringLiteral("cpp")));
        const auto lesson6 = std::find_if(stats.cbegin(), stats.cend(),
                                          [](const LessonProgressStats &s) { return s.lessonId == fixedId(2, 6); });
        m_reference->put(next.entry);
        const QList<LessonProgressStats> expected = await(m_reference->lessonStats(QStringLiteral("cpp")));
        const auto expected6 = std::find_if(expected.cbegin(), expected.cend(),
                                            [](const LessonProgressStats &s) { return s.lessonId == fixedId(2, 6); });
        QCOMPARE(lesson6->learners, expected6->learners);
        QCOMPARE(lesson6->averageScore, expected6->averageScore);
    }

    void upsertNamesAMissingUserOrLesson()
    {
        ProgressWrite write = writeOf(0, 0, true, 10, 0);
        write.entry.userId = fixedId(1, 77);
        auto error = thrown<NotFoundError>([&] { await(m_progress->upsert(write)); });
        QVERIFY2(error.message().contains(QStringLiteral("User")), qPrintable(error.message()));
        write.entry.userId = fixedId(1, 0);
        write.entry.lessonId = fixedId(2, 77);
        error = thrown<NotFoundError>([&] { await(m_progress->upsert(write)); });
        QVERIFY2(error.message().contains(QStringLiteral("Lesson")), qPrintable(error.message()));
        QVERIFY(eventTypes().isEmpty());
    }

    void removeRecordsTheDeletedRow()
    {
        const ProgressEntry row = *m_reference->entry(fixedId(1, 0), fixedId(2, 0));
        const ProgressEvent describe = [this](const std::optional<ProgressEntry> &, const ProgressEntry &deleted) {
            return DomainEvent::progressDeleted(deleted, m_actor);
        };
        const ProgressEntry deleted = await(m_progress->remove(row.userId, row.lessonId, describe));
        QCOMPARE(deleted.score, row.score);
        QVERIFY(!await(m_progress->find(row.userId, row.lessonId)));
        QCOMPARE(eventTypes(), QStringList{QStringLiteral("progress.deleted")});
        thrown<NotFoundError>([&] { await(m_progress->remove(row.userId, row.lessonId, describe)); });
    }

    void importIsAllOrNothing()
    {
        const qint64 rowsBefore = SqlPeek(path()).count(QStringLiteral("progress"));
        QList<ProgressImportRow> rows;
        for (int u = 0; u < 10; ++u)
            rows.append({fixedId(1, u), fixedId(2, 6), true, 40 + u, std::nullopt});
        rows[3].userId = fixedId(1, 50);
        rows[7].lessonId = fixedId(2, 50);
        rows.append(rows[1]);
        const ProgressEvent describe = [this](const std::optional<ProgressEntry> &before, const ProgressEntry &after) {
            return DomainEvent::progressUpserted(after, before, m_actor);
        };
        const auto error = thrown<ValidationError>([&] { await(m_progress->importRows(rows, false, describe, {})); });
        QCOMPARE(error.fieldErrors().value(QStringLiteral("rows[3].userId")), QStringLiteral("is not the id of a user"));
        QCOMPARE(error.fieldErrors().value(QStringLiteral("rows[7].lessonId")), QStringLiteral("is not the id of a lesson"));
        QCOMPARE(error.fieldErrors().value(QStringLiteral("rows[10]")),
                 QStringLiteral("repeats rows[1] (the same userId and lessonId)"));
        QCOMPARE(SqlPeek(path()).count(QStringLiteral("progress")), rowsBefore);
        QVERIFY(eventTypes().isEmpty());

        rows.removeLast();
        rows[3].userId = fixedId(1, 3);
        rows[7].lessonId = fixedId(2, 6);
        qint64 existing = 0;
        for (const ProgressImportRow &row : rows)
            existing += m_reference->entry(row.userId, row.lessonId).has_value();
        const ProgressBatchOutcome checked = await(m_progress->importRows(rows, true, describe, {}));
        QCOMPARE(checked.updated, existing);
        QCOMPARE(checked.created, rows.size() - existing);
        QCOMPARE(SqlPeek(path()).count(QStringLiteral("progress")), rowsBefore);

        // Stopped at the end (after every row was written in the transaction): nothing stays.
        QList<QPair<qint64, qint64>> reports;
        const ImportProgress stop = [&reports](qint64 done, qint64 total) {
            reports.append({done, total});
            return false;
        };
        thrown<ImportStoppedError>([&] { await(m_progress->importRows(rows, false, describe, stop)); });
        QCOMPARE(reports.constLast(), (QPair<qint64, qint64>(10, 10)));
        QCOMPARE(SqlPeek(path()).count(QStringLiteral("progress")), rowsBefore);
        QVERIFY(eventTypes().isEmpty());

        const ProgressBatchOutcome outcome = await(m_progress->importRows(rows, false, describe, {}));
        QCOMPARE(outcome.created, rows.size() - existing);
        QCOMPARE(SqlPeek(path()).count(QStringLiteral("progress")), rowsBefore + outcome.created);
        QCOMPARE(eventTypes().size(), 10);
        const std::optional<ProgressEntry> row = await(m_progress->find(fixedId(1, 9), fixedId(2, 6)));
        QCOMPARE(row->score, 49);
        QVERIFY(row->completedAt.isValid());
    }
};

QTEST_GUILESS_MAIN(TestProgressRepository)
#include "tst_progressrepository.moc"
