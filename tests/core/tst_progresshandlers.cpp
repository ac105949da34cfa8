// The progress handlers (the Commander and the queries) over the in-memory store: every rule is
// checked before anything is written, corrections are compare-and-swaps on the version (stale
// ones come back as conflicts carrying the stored row), resets record what was deleted, and
// imports are all or nothing with each bad row named. Also the fake's list paging, which UI
// tests rely on.

#include "Await.h"
#include "FakeProgressRepository.h"

#include "application/progress/ProgressHandlers.h"
#include "domain/Errors.h"

#include <QJsonObject>
#include <QTest>

#include <functional>

using namespace edge;
using namespace edge::test;
using Call = FakeProgressRepository::Call;

namespace {

class RecordingPublisher final : public EventPublisher
{
public:
    void publish(const DomainEvent &event) override { events.append(event); }
    QList<DomainEvent> events;
};

const QString MissingId = QStringLiteral("00000000-0000-4000-8000-000000000000");

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

} // namespace

class TestProgressHandlers final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeProgressRepository> m_store;
    std::unique_ptr<RecordingPublisher> m_bus;
    std::unique_ptr<ProgressCommandHandler> m_commands;
    std::unique_ptr<ProgressQueryHandler> m_queries;
    QString m_user;
    QString m_lesson;

    SetProgressCommand setOf(std::optional<bool> completed, std::optional<int> score, int baseVersion = 0)
    {
        SetProgressCommand command;
        command.userId = m_user;
        command.lessonId = m_lesson;
        command.change.completed = completed;
        command.change.score = score;
        command.baseVersion = baseVersion;
        return command;
    }

private slots:
    void init()
    {
        m_store = std::make_unique<FakeProgressRepository>();
        m_bus = std::make_unique<RecordingPublisher>();
        m_commands = std::make_unique<ProgressCommandHandler>(*m_store, *m_bus, Actor{QString(), QStringLiteral("local:admin")});
        m_queries = std::make_unique<ProgressQueryHandler>(*m_store);
        m_user = m_store->addUser(QStringLiteral("ada@example.com"), QStringLiteral("ada"));
        m_lesson = m_store->addLesson(QStringLiteral("Pointers"), QStringLiteral("cpp"));
    }

    void settingCreatesARowWithNamesAndAnEvent()
    {
        const ProgressEntry row = await(m_commands->set(setOf(true, 80)));
        QCOMPARE(row.version, 1);
        QVERIFY(row.completedAt.isValid());
        QCOMPARE(row.userEmail, QStringLiteral("ada@example.com"));
        QCOMPARE(row.lessonTitle, QStringLiteral("Pointers"));
        QCOMPARE(row.track, QStringLiteral("cpp"));
        QCOMPARE(m_store->calls(Call::Upsert), 1);
        QCOMPARE(m_store->upserts().constFirst().expectedVersion, 0);
        QCOMPARE(m_bus->events.size(), 1);
        QCOMPARE(m_bus->events.constFirst().type, QStringLiteral("progress.upserted"));
        QCOMPARE(m_bus->events.constFirst().payload.value(QStringLiteral("created")).toBool(), true);
        QCOMPARE(m_store->recordedEvents().size(), 1);
        QCOMPARE(m_store->recordedEvents().constFirst().actor.label, QStringLiteral("local:admin"));
    }

    void correctingAtTheSeenVersionAdvancesIt()
    {
        await(m_commands->set(setOf(false, 30)));
        const ProgressEntry row = await(m_commands->set(setOf(std::nullopt, 65, 1)));
        QCOMPARE(row.version, 2);
        QCOMPARE(row.score, 65);
        QCOMPARE(m_store->upserts().constLast().expectedVersion, 1);
        const QJsonObject changes = m_bus->events.constLast().payload.value(QStringLiteral("changes")).toObject();
        QCOMPARE(changes.keys(), QStringList{QStringLiteral("score")});
    }

    void aStaleVersionIsAConflictCarryingTheCurrentRow()
    {
        await(m_commands->set(setOf(false, 30)));
        await(m_commands->set(setOf(false, 40))); // version 2 now
        m_bus->events.clear();
        const auto conflict = thrown<ConflictError>([&] { await(m_commands->set(setOf(true, 90, 1))); });
        QVERIFY(conflict.current().canConvert<ProgressEntry>());
        QCOMPARE(conflict.current().value<ProgressEntry>().version, 2);
        QCOMPARE(conflict.current().value<ProgressEntry>().score, 40);
        QCOMPARE(conflict.fieldErrors().keys(), QStringList{QStringLiteral("version")});
        QCOMPARE(m_store->entry(m_user, m_lesson)->score, 40); // nothing written
        QVERIFY(m_bus->events.isEmpty());
    }

    void aBaseRowSavesTheRead()
    {
        const ProgressEntry seen = await(m_commands->set(setOf(false, 30)));
        m_store->resetCalls();
        SetProgressCommand command = setOf(true, std::nullopt, seen.version);
        command.base = seen;
        const ProgressEntry row = await(m_commands->set(command));
        QCOMPARE(row.version, 2);
        QCOMPARE(m_store->calls(Call::Find), 0);
    }

    void aBaseRowThatIsStaleAtTheStoreIsAConflict()
    {
        const ProgressEntry seen = await(m_commands->set(setOf(false, 30)));
        await(m_commands->set(setOf(false, 50)));
        SetProgressCommand command = setOf(true, std::nullopt, seen.version);
        command.base = seen;
        const auto conflict = thrown<ConflictError>([&] { await(m_commands->set(command)); });
        QCOMPARE(conflict.current().value<ProgressEntry>().version, 2);
    }

    void withoutAVersionAConcurrentChangeIsRetriedOnce()
    {
        await(m_commands->set(setOf(false, 30)));
        // The first write meets a row someone else changed; the handler reads it again.
        m_store->failNext(Call::Upsert, ConflictError(QStringLiteral("changed meanwhile")));
        const ProgressEntry row = await(m_commands->set(setOf(std::nullopt, 70)));
        QCOMPARE(row.score, 70);
        QCOMPARE(m_store->calls(Call::Upsert), 3);
        QCOMPARE(m_store->calls(Call::Find), 3);
    }

    void everyBadFieldIsRefusedBeforeAnythingIsRead()
    {
        SetProgressCommand command = setOf(false, 101);
        command.userId = QStringLiteral("not-a-uuid");
        command.change.completedAt = QDateTime::currentDateTimeUtc().addDays(3);
        const auto error = thrown<ValidationError>([&] { await(m_commands->set(command)); });
        QCOMPARE(error.fieldErrors().keys(), (QStringList{QStringLiteral("completedAt"), QStringLiteral("score"),
                                                          QStringLiteral("userId")}));
        QCOMPARE(m_store->totalCalls(), 0);
    }

    void aCompletionTimeOnARowThatStaysIncompleteIsRefused()
    {
        await(m_commands->set(setOf(false, 30)));
        m_store->resetCalls();
        SetProgressCommand command = setOf(std::nullopt, std::nullopt);
        command.change.completedAt = QDateTime::currentDateTimeUtc().addDays(-1);
        const auto error = thrown<ValidationError>([&] { await(m_commands->set(command)); });
        QCOMPARE(error.fieldErrors().keys(), QStringList{QStringLiteral("completedAt")});
        QCOMPARE(m_store->calls(Call::Upsert), 0);
    }

    void anUnknownLessonIsNotFound()
    {
        SetProgressCommand command = setOf(true, 10);
        command.lessonId = MissingId;
        thrown<NotFoundError>([&] { await(m_commands->set(command)); });
        QVERIFY(m_bus->events.isEmpty());
    }

    void resetDeletesAndRecordsTheDeletedRow()
    {
        await(m_commands->set(setOf(true, 88)));
        const ProgressEntry deleted = await(m_commands->reset({m_user.toUpper(), m_lesson}));
        QCOMPARE(deleted.score, 88);
        QVERIFY(!m_store->entry(m_user, m_lesson));
        QCOMPARE(m_bus->events.constLast().type, QStringLiteral("progress.deleted"));
        QCOMPARE(m_store->recordedEvents().constLast().payload.value(QStringLiteral("score")).toInt(), 88);
        thrown<NotFoundError>([&] { await(m_commands->reset({m_user, m_lesson})); });
    }

    void importNamesEveryBadRowAndWritesNothing()
    {
        QList<ProgressImportRow> rows(4);
        for (ProgressImportRow &row : rows) {
            row.userId = m_user;
            row.lessonId = m_lesson;
            row.score = 50;
        }
        rows[0].score = 120;
        rows[2].lessonId = MissingId;
        // Field problems are found before the store is asked.
        auto error = thrown<ValidationError>([&] { await(m_commands->import(rows, false)); });
        QCOMPARE(error.fieldErrors().keys(), QStringList{QStringLiteral("rows[0].score")});
        QCOMPARE(m_store->calls(Call::ImportRows), 0);
        rows[0].score = 20;
        error = thrown<ValidationError>([&] { await(m_commands->import(rows, false)); });
        QCOMPARE(error.fieldErrors().keys(),
                 (QStringList{QStringLiteral("rows[1]"), QStringLiteral("rows[2].lessonId"), QStringLiteral("rows[3]")}));
        QCOMPARE(error.message(), QStringLiteral("3 of 4 rows have problems; nothing was written"));
        QVERIFY(m_store->entries().isEmpty());
    }

    void importWritesAllRowsAndPublishesSmallOnes()
    {
        const QString other = m_store->addLesson(QStringLiteral("Templates"), QStringLiteral("cpp"));
        await(m_commands->set(setOf(false, 10)));
        m_bus->events.clear();
        QList<ProgressImportRow> rows(2);
        rows[0] = {m_user, m_lesson, true, 90, std::nullopt};
        rows[1] = {m_user, other, false, 35, std::nullopt};
        const ProgressBatchOutcome checked = await(m_commands->import(rows, true));
        QCOMPARE(checked.created, 1);
        QCOMPARE(checked.updated, 1);
        QCOMPARE(m_store->entry(m_user, m_lesson)->score, 10); // a check writes nothing
        QVERIFY(m_bus->events.isEmpty());

        const ProgressBatchOutcome outcome = await(m_commands->import(rows, false));
        QCOMPARE(outcome.created, 1);
        QCOMPARE(outcome.updated, 1);
        QCOMPARE(m_store->entry(m_user, m_lesson)->version, 2);
        QCOMPARE(m_store->entry(m_user, other)->score, 35);
        QCOMPARE(m_bus->events.size(), 2);
    }

    void aLargeImportIsRecordedButNotPublishedRowByRow()
    {
        QList<ProgressImportRow> rows;
        for (int i = 0; i < 101; ++i)
            rows.append({m_store->addUser(QStringLiteral("u%1@example.com").arg(i)), m_lesson, i % 2 == 0, i % 100,
                         std::nullopt});
        const ProgressBatchOutcome outcome = await(m_commands->import(rows, false));
        QCOMPARE(outcome.created, 101);
        QCOMPARE(m_store->recordedEvents().size(), 101); // the audit trail has every row
        QVERIFY(m_bus->events.isEmpty());                 // pages refresh instead
    }

    void aStoppedImportWritesNothing()
    {
        m_store->setImportProgressStep(1);
        QList<ProgressImportRow> rows;
        for (int i = 0; i < 5; ++i)
            rows.append({m_user, m_store->addLesson(QStringLiteral("L%1").arg(i)), true, i, std::nullopt});
        int reports = 0;
        thrown<ImportStoppedError>([&] {
            await(m_commands->import(rows, false, [&](qint64 done, qint64 total) {
                ++reports;
                return done < 3 && total == 5;
            }));
        });
        QCOMPARE(reports, 3);
        QVERIFY(m_store->entries().isEmpty());
        QVERIFY(m_bus->events.isEmpty());
    }

    void listPagesByCursorWithoutOverlapOrGap()
    {
        m_store->seed(7, 6); // 42 rows
        for (const ProgressSortField sort : {ProgressSortField::UpdatedAt, ProgressSortField::Score, ProgressSortField::Email,
                                             ProgressSortField::Title, ProgressSortField::CompletedAt}) {
            for (const SortOrder order : {SortOrder::Ascending, SortOrder::Descending}) {
                ProgressListQuery query;
                query.sort = sort;
                query.order = order;
                query.pageSize = 5;
                query.track = QStringLiteral("cpp");
                const qint64 total = await(m_queries->count(query));
                QCOMPARE(total, 14);
                QStringList seen;
                QList<ProgressEntry> all;
                for (;;) {
                    const ProgressPage page = await(m_queries->list(query));
                    for (const ProgressEntry &row : page.items) {
                        seen << row.key();
                        all << row;
                    }
                    if (page.nextCursor.isEmpty())
                        break;
                    query.cursor = page.nextCursor;
                }
                QCOMPARE(seen.size(), 14);
                QCOMPARE(QSet<QString>(seen.cbegin(), seen.cend()).size(), 14);
                if (sort == ProgressSortField::Score) {
                    for (qsizetype i = 1; i < all.size(); ++i)
                        QVERIFY(order == SortOrder::Ascending ? all[i - 1].score <= all[i].score
                                                              : all[i - 1].score >= all[i].score);
                }
            }
        }
    }

    void listFiltersAndStats()
    {
        const QList<ProgressEntry> rows = m_store->seed(6, 3); // 18 rows
        ProgressListQuery query;
        query.completed = true;
        query.minScore = 20;
        query.maxScore = 80;
        qint64 expected = 0;
        for (const ProgressEntry &row : rows)
            expected += row.completed && row.score >= 20 && row.score <= 80;
        QCOMPARE(await(m_queries->count(query)), expected);

        query = {};
        query.search = QStringLiteral("LEARNER001");
        QCOMPARE(await(m_queries->count(query)), 3);

        const QList<TrackProgressStats> tracks = await(m_queries->trackStats());
        QCOMPARE(tracks.size(), 3); // cpp (with "Pointers"), python, web
        QCOMPARE(tracks.constFirst().track, QStringLiteral("cpp"));
        QCOMPARE(tracks.constFirst().lessons, 2);
        QCOMPARE(tracks.constFirst().learners, 6);
        const QList<LessonProgressStats> lessons = await(m_queries->lessonStats(QStringLiteral("cpp")));
        QCOMPARE(lessons.size(), 2);
        QCOMPARE(lessons.constFirst().title, QStringLiteral("Lesson 000"));
        QCOMPARE(lessons.constLast().learners, 0); // "Pointers": nobody started

        CompletionsQuery completions;
        completions.bucket = CompletionBucket::Month;
        const QList<CompletionsPeriod> periods = await(m_queries->completions(completions));
        QCOMPARE(periods.size(), 1);
        QCOMPARE(periods.constFirst().start, QDate(2025, 1, 1));
        qint64 completed = 0;
        for (const ProgressEntry &row : rows)
            completed += row.completed;
        QCOMPARE(periods.constFirst().completed, completed);
    }

    void aCursorOfAnotherSortIsRefused()
    {
        m_store->seed(3, 3);
        ProgressListQuery query;
        query.pageSize = 2;
        const ProgressPage first = await(m_queries->list(query));
        query.cursor = first.nextCursor;
        query.sort = ProgressSortField::Score;
        const auto error = thrown<ValidationError>([&] { await(m_queries->list(query)); });
        QCOMPARE(error.fieldErrors().keys(), QStringList{QStringLiteral("cursor")});
    }
};

QTEST_GUILESS_MAIN(TestProgressHandlers)
#include "tst_progresshandlers.moc"
