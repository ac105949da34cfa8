// Progress rules without a store: what a change does to a row (the Worker's completion-time
// rules, versions), which values are refused and how, the events a change produces, the
// list query's checks and the keyset cursor.

#include "application/progress/ProgressCursor.h"
#include "application/progress/ProgressHandlers.h"
#include "application/progress/ProgressQueries.h"
#include "domain/DomainEvent.h"
#include "domain/Errors.h"
#include "domain/Progress.h"

#include <QJsonObject>
#include <QTest>

#include <functional>

using namespace edge;

using SpoilQuery = std::function<void(edge::ProgressListQuery &)>;
Q_DECLARE_METATYPE(SpoilQuery)

namespace {

const QString UserA = QStringLiteral("11111111-1111-4111-8111-111111111111");
const QString LessonA = QStringLiteral("22222222-2222-4222-8222-222222222222");
const QDateTime Now(QDate(2026, 3, 10), QTime(12, 0), Qt::UTC);

ProgressChange changeOf(std::optional<bool> completed, std::optional<int> score = std::nullopt,
                        std::optional<QDateTime> completedAt = std::nullopt)
{
    ProgressChange change;
    change.completed = completed;
    change.score = score;
    change.completedAt = completedAt;
    return change;
}

// The field a ValidationError names, and nothing else thrown.
QString invalidField(const std::function<void()> &call)
{
    try {
        call();
    } catch (const ValidationError &error) {
        return error.fieldErrors().isEmpty() ? QStringLiteral("<no field>") : error.fieldErrors().firstKey();
    }
    return {};
}

} // namespace

class TestProgressDomain final : public QObject
{
    Q_OBJECT

private slots:
    void newRowStartsAtVersionOneWithDefaults()
    {
        const ProgressEntry row = applyProgressChange(std::nullopt, UserA, LessonA, changeOf(std::nullopt, 40), Now);
        QCOMPARE(row.version, 1);
        QCOMPARE(row.completed, false);
        QCOMPARE(row.score, 40);
        QVERIFY(row.completedAt.isNull());
        QCOMPARE(row.updatedAt, Now);
        QCOMPARE(row.key(), UserA + QLatin1Char(':') + LessonA);
    }

    void completingSetsTheCompletionTimeToNow()
    {
        const ProgressEntry row = applyProgressChange(std::nullopt, UserA, LessonA, changeOf(true, 90), Now);
        QCOMPARE(row.completedAt, Now);
    }

    void stayingCompletedKeepsTheCompletionTime()
    {
        ProgressEntry before = applyProgressChange(std::nullopt, UserA, LessonA, changeOf(true, 90), Now.addDays(-5));
        const ProgressEntry after = applyProgressChange(before, UserA, LessonA, changeOf(std::nullopt, 95), Now);
        QCOMPARE(after.completedAt, Now.addDays(-5));
        QCOMPARE(after.version, 2);
        QCOMPARE(after.updatedAt, Now);
    }

    void uncompletingClearsTheCompletionTime()
    {
        const ProgressEntry before = applyProgressChange(std::nullopt, UserA, LessonA, changeOf(true, 90), Now.addDays(-5));
        const ProgressEntry after = applyProgressChange(before, UserA, LessonA, changeOf(false), Now);
        QVERIFY(after.completedAt.isNull());
        QCOMPARE(after.score, 90); // unset fields keep their value
    }

    void anExplicitCompletionTimeWins()
    {
        const QDateTime when = Now.addDays(-30);
        const ProgressEntry before = applyProgressChange(std::nullopt, UserA, LessonA, changeOf(true, 90), Now.addDays(-5));
        const ProgressEntry after = applyProgressChange(before, UserA, LessonA, changeOf(std::nullopt, std::nullopt, when), Now);
        QCOMPARE(after.completedAt, when);
    }

    void scoreOutsideTheRangeIsRefused_data()
    {
        QTest::addColumn<int>("score");
        QTest::addColumn<bool>("valid");
        QTest::newRow("-1") << -1 << false;
        QTest::newRow("0") << 0 << true;
        QTest::newRow("100") << 100 << true;
        QTest::newRow("101") << 101 << false;
    }
    void scoreOutsideTheRangeIsRefused()
    {
        QFETCH(int, score);
        QFETCH(bool, valid);
        QCOMPARE(ProgressEntry::scoreProblem(score).isEmpty(), valid);
    }

    void completionTimeRules()
    {
        QVERIFY(ProgressEntry::completedAtProblem(Now.addSecs(-3600), true, Now).isEmpty());
        QVERIFY(ProgressEntry::completedAtProblem(Now.addSecs(30), true, Now).isEmpty()); // clock skew
        QCOMPARE(ProgressEntry::completedAtProblem(Now.addSecs(3600), true, Now), QStringLiteral("is in the future"));
        QCOMPARE(ProgressEntry::completedAtProblem(Now.addSecs(-3600), false, Now),
                 QStringLiteral("can only be set on a completed row"));
        QVERIFY(!ProgressEntry::completedAtProblem(QDateTime(), true, Now).isEmpty());
    }

    void everyBadFieldIsNamedAtOnce()
    {
        const QMap<QString, QString> problems = progressFieldProblems(
            QStringLiteral("nope"), QStringLiteral("x"), changeOf(true, 150, Now.addDays(2)), true, Now);
        QCOMPARE(problems.keys(), (QStringList{QStringLiteral("completedAt"), QStringLiteral("lessonId"),
                                               QStringLiteral("score"), QStringLiteral("userId")}));
        QVERIFY(progressFieldProblems(UserA, LessonA, changeOf(true, 100, Now), true, Now).isEmpty());
    }

    void upsertedEventCarriesOldAndNewOfChangedFields()
    {
        const ProgressEntry before = applyProgressChange(std::nullopt, UserA, LessonA, changeOf(false, 40), Now.addDays(-1));
        const ProgressEntry after = applyProgressChange(before, UserA, LessonA, changeOf(true, 40), Now);
        const DomainEvent event = DomainEvent::progressUpserted(after, before, Actor{QString(), QStringLiteral("local:me")});
        QCOMPARE(event.type, QStringLiteral("progress.upserted"));
        QCOMPARE(event.subjectType, QStringLiteral("progress"));
        QCOMPARE(event.subjectId, UserA + QLatin1Char(':') + LessonA);
        QCOMPARE(event.payload.value(QStringLiteral("created")).toBool(), false);
        QCOMPARE(event.payload.value(QStringLiteral("version")).toInt(), 2);
        QCOMPARE(event.payload.value(QStringLiteral("completedAt")).toString(), QStringLiteral("2026-03-10T12:00:00.000Z"));
        const QJsonObject changes = event.payload.value(QStringLiteral("changes")).toObject();
        QCOMPARE(changes.keys(), (QStringList{QStringLiteral("completed"), QStringLiteral("completedAt")}));
        QCOMPARE(changes.value(QStringLiteral("completed")).toObject().value(QStringLiteral("old")).toBool(), false);
        QCOMPARE(changes.value(QStringLiteral("completed")).toObject().value(QStringLiteral("new")).toBool(), true);
        QVERIFY(changes.value(QStringLiteral("completedAt")).toObject().value(QStringLiteral("old")).isNull());
    }

    void createdEventHasNullOldValues()
    {
        const ProgressEntry after = applyProgressChange(std::nullopt, UserA, LessonA, changeOf(false, 10), Now);
        const DomainEvent event = DomainEvent::progressUpserted(after, std::nullopt, Actor{});
        QCOMPARE(event.payload.value(QStringLiteral("created")).toBool(), true);
        const QJsonObject changes = event.payload.value(QStringLiteral("changes")).toObject();
        // completed false -> old null, new false: a change; completedAt null -> null: none.
        QCOMPARE(changes.keys(), (QStringList{QStringLiteral("completed"), QStringLiteral("score")}));
        QVERIFY(changes.value(QStringLiteral("score")).toObject().value(QStringLiteral("old")).isNull());
    }

    void deletedEventCarriesTheDeletedRow()
    {
        const ProgressEntry row = applyProgressChange(std::nullopt, UserA, LessonA, changeOf(true, 77), Now);
        const DomainEvent event = DomainEvent::progressDeleted(row, Actor{});
        QCOMPARE(event.type, QStringLiteral("progress.deleted"));
        QCOMPARE(event.payload.value(QStringLiteral("score")).toInt(), 77);
        QCOMPARE(event.payload.value(QStringLiteral("completed")).toBool(), true);
    }

    void listQueryChecksName_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<SpoilQuery>("spoil");
        using Spoil = SpoilQuery;
        QTest::newRow("page size 0") << QStringLiteral("pageSize") << Spoil([](ProgressListQuery &q) { q.pageSize = 0; });
        QTest::newRow("page size 201") << QStringLiteral("pageSize") << Spoil([](ProgressListQuery &q) { q.pageSize = 201; });
        QTest::newRow("long search") << QStringLiteral("q") << Spoil([](ProgressListQuery &q) { q.search = QString(255, u'a'); });
        QTest::newRow("control in search") << QStringLiteral("q") << Spoil([](ProgressListQuery &q) { q.search = QStringLiteral("a\tb"); });
        QTest::newRow("min score -1") << QStringLiteral("minScore") << Spoil([](ProgressListQuery &q) { q.minScore = -1; });
        QTest::newRow("max score 101") << QStringLiteral("maxScore") << Spoil([](ProgressListQuery &q) { q.maxScore = 101; });
        QTest::newRow("max below min") << QStringLiteral("maxScore") << Spoil([](ProgressListQuery &q) {
            q.minScore = 50;
            q.maxScore = 40;
        });
        QTest::newRow("to before from") << QStringLiteral("completedTo") << Spoil([](ProgressListQuery &q) {
            q.completedFrom = Now;
            q.completedTo = Now.addDays(-1);
        });
        QTest::newRow("user id") << QStringLiteral("userId") << Spoil([](ProgressListQuery &q) { q.userId = QStringLiteral("bob"); });
        QTest::newRow("lesson id") << QStringLiteral("lessonId") << Spoil([](ProgressListQuery &q) { q.lessonId = QStringLiteral("1"); });
    }
    void listQueryChecksName()
    {
        QFETCH(QString, field);
        QFETCH(SpoilQuery, spoil);
        ProgressListQuery query;
        QCOMPARE(invalidField([&] { query.validate(); }), QString());
        spoil(query);
        QCOMPARE(invalidField([&] { query.validate(); }), field);
    }

    void sameFiltersIgnoresPaging()
    {
        ProgressListQuery a;
        a.track = QStringLiteral("cpp");
        ProgressListQuery b = a;
        b.page = 3;
        b.cursor = QStringLiteral("abc");
        b.pageSize = 10;
        QVERIFY(a.sameFilters(b));
        b.completed = true;
        QVERIFY(!a.sameFilters(b));
    }

    void cursorRoundTripsAndBelongsToItsSort()
    {
        const ProgressPosition at{QVariant(42), UserA, LessonA};
        const QString cursor = progress_cursor::encode(ProgressSortField::Score, SortOrder::Ascending, at);
        const ProgressPosition back = progress_cursor::decode(cursor, ProgressSortField::Score, SortOrder::Ascending);
        QCOMPARE(back.value.toInt(), 42);
        QCOMPARE(back.userId, UserA);
        QCOMPARE(back.lessonId, LessonA);
        QCOMPARE(invalidField([&] { progress_cursor::decode(cursor, ProgressSortField::Score, SortOrder::Descending); }),
                 QStringLiteral("cursor"));
        QCOMPARE(invalidField([&] { progress_cursor::decode(cursor, ProgressSortField::Email, SortOrder::Ascending); }),
                 QStringLiteral("cursor"));
        QCOMPARE(invalidField([&] { progress_cursor::decode(QStringLiteral("not a cursor!"), ProgressSortField::Score,
                                                            SortOrder::Ascending); }),
                 QStringLiteral("cursor"));
    }

    void importProblemsNameRowsAndCountThem()
    {
        QList<ProgressImportRow> rows(3);
        for (ProgressImportRow &row : rows) {
            row.userId = UserA;
            row.lessonId = LessonA;
        }
        rows[1].lessonId = QStringLiteral("33333333-3333-4333-8333-333333333333");
        const QMap<QString, QString> problems = progressImportReferenceProblems(
            rows, [](const QString &id) { return id == UserA; }, [](const QString &id) { return id == LessonA; });
        QCOMPARE(problems.value(QStringLiteral("rows[1].lessonId")), QStringLiteral("is not the id of a lesson"));
        QCOMPARE(problems.value(QStringLiteral("rows[2]")), QStringLiteral("repeats rows[0] (the same userId and lessonId)"));
        try {
            refuseImportProblems(problems, rows.size());
            QFAIL("no error");
        } catch (const ValidationError &error) {
            QCOMPARE(error.message(), QStringLiteral("2 of 3 rows have problems; nothing was written"));
        }
    }
};

QTEST_GUILESS_MAIN(TestProgressDomain)
#include "tst_progressdomain.moc"
