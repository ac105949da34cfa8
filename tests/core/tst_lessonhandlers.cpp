// The lesson handlers (the Commanders) over an in-memory store: every rule is checked before
// anything is written, an update stores only what really changed, stale versions come back
// as conflicts carrying the stored lesson, and events are published only after the store
// succeeded.

#include "Await.h"
#include "FakeLessonRepository.h"

#include "application/lessons/LessonHandlers.h"
#include "domain/Errors.h"

#include <QCoro/QCoroTask>
#include <QJsonArray>
#include <QTest>
#include <QUuid>

#include <exception>
#include <functional>
#include <optional>

using namespace edge;
using namespace edge::test;
using Call = FakeLessonRepository::Call;

Q_DECLARE_METATYPE(edge::LessonListQuery)

namespace {

// The EventPublisher, recorded. `onPublish` runs as each event is published (to look at the
// store at that moment).
class RecordingPublisher final : public EventPublisher
{
public:
    void publish(const DomainEvent &event) override
    {
        if (onPublish)
            onPublish(event);
        events.append(event);
    }
    QStringList types() const
    {
        QStringList list;
        for (const DomainEvent &event : events)
            list << event.type;
        return list;
    }

    QList<DomainEvent> events;
    std::function<void(const DomainEvent &)> onPublish;
};

QStringList changesOf(const DomainEvent &event)
{
    return event.payload.value(QStringLiteral("changes")).toVariant().toStringList();
}

const QString MissingId = QStringLiteral("00000000-0000-4000-8000-000000000000");

} // namespace

class TestLessonHandlers final : public QObject
{
    Q_OBJECT

private:
    Lesson addLesson(const QString &title = QStringLiteral("Pointers"), LessonStatus status = LessonStatus::Draft,
                     std::optional<QByteArray> html = std::nullopt)
    {
        Lesson lesson = FakeLessonRepository::makeLesson(title, QStringLiteral("cpp"), 2, status);
        return m_store->put(lesson, std::move(html));
    }
    static UpdateLessonCommand updateOf(const Lesson &lesson, bool withBase)
    {
        UpdateLessonCommand command;
        command.id = lesson.id;
        command.baseVersion = lesson.version;
        if (withBase)
            command.base = lesson;
        return command;
    }
    // The handler reads the stored lesson first, or takes the caller's copy (command.base).
    static void withAndWithoutBase()
    {
        QTest::addColumn<bool>("withBase");
        QTest::newRow("read first") << false;
        QTest::newRow("caller's copy") << true;
    }
    // Another writer (another console, the Worker) changes the lesson behind our back.
    Lesson changeBehindTheBack(Lesson lesson, const QString &title)
    {
        lesson.title = title;
        lesson = lesson.bumped();
        return m_store->put(lesson);
    }

    std::unique_ptr<FakeLessonRepository> m_store;
    std::unique_ptr<RecordingPublisher> m_events;
    std::unique_ptr<LessonCommandHandler> m_commands;
    std::unique_ptr<LessonQueryHandler> m_queries;
    const Actor m_actor{QString(), QStringLiteral("local:tester")};

private slots:
    void init()
    {
        m_store = std::make_unique<FakeLessonRepository>();
        m_events = std::make_unique<RecordingPublisher>();
        m_commands = std::make_unique<LessonCommandHandler>(*m_store, *m_events, m_actor);
        m_queries = std::make_unique<LessonQueryHandler>(*m_store);
    }

    void cleanup()
    {
        m_queries.reset();
        m_commands.reset();
        m_events.reset();
        m_store.reset();
    }

    // --- Create

    void createReportsEveryBadFieldAtOnce_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("track");
        QTest::addColumn<int>("difficulty");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QStringList>("badFields");
        const QString title = QStringLiteral("Pointers");
        const QString track = QStringLiteral("cpp");
        const QString draft = QStringLiteral("draft");
        QTest::newRow("title empty") << QStringLiteral("  ") << track << 1 << draft << QStringList{QStringLiteral("title")};
        QTest::newRow("title 201") << QString(201, u'x') << track << 1 << draft << QStringList{QStringLiteral("title")};
        QTest::newRow("title bidi") << QStringLiteral("a\u202Eb") << track << 1 << draft << QStringList{QStringLiteral("title")};
        QTest::newRow("track punctuation") << title << QStringLiteral("c++") << 1 << draft << QStringList{QStringLiteral("track")};
        QTest::newRow("difficulty 0") << title << track << 0 << draft << QStringList{QStringLiteral("difficulty")};
        QTest::newRow("difficulty 6") << title << track << 6 << draft << QStringList{QStringLiteral("difficulty")};
        QTest::newRow("status") << title << track << 1 << QStringLiteral("archived") << QStringList{QStringLiteral("status")};
        QTest::newRow("all at once") << QString() << QString() << 9 << QStringLiteral("Draft")
                                     << QStringList{QStringLiteral("difficulty"), QStringLiteral("status"),
                                                    QStringLiteral("title"), QStringLiteral("track")};
    }

    void createReportsEveryBadFieldAtOnce()
    {
        QFETCH(QString, title);
        QFETCH(QString, track);
        QFETCH(int, difficulty);
        QFETCH(QString, status);
        QFETCH(QStringList, badFields);
        try {
            await(m_commands->create({title, track, difficulty, status}));
            QFAIL("expected a ValidationError");
        } catch (const ValidationError &error) {
            QCOMPARE(error.fieldErrors().keys(), badFields);
            for (const QString &problem : error.fieldErrors())
                QVERIFY(error.message().contains(problem)); // one message names them all
        }
        QCOMPARE(m_store->totalCalls(), 0);
        QVERIFY(m_store->lessons().isEmpty());
        QVERIFY(m_events->events.isEmpty());
    }

    // The same rules for importers that check a whole batch before writing anything.
    void fieldProblemsNameEveryBadField()
    {
        QVERIFY(lessonFieldProblems(QStringLiteral(" Loops "), QStringLiteral(" python "), 5, QStringLiteral("published")).isEmpty());
        const QMap<QString, QString> problems = lessonFieldProblems(QString(201, u'x'), QStringLiteral("a/b"), 0, QStringLiteral("done"));
        QCOMPARE(problems.keys(), (QStringList{QStringLiteral("difficulty"), QStringLiteral("status"), QStringLiteral("title"),
                                               QStringLiteral("track")}));
        QCOMPARE(problems.value(QStringLiteral("title")), Lesson::titleProblem(QString(201, u'x')));
        QVERIFY(problems.value(QStringLiteral("status")).contains(QStringLiteral("done")));
    }

    void createTrimsStoresThenPublishes()
    {
        bool storedWhenPublished = false;
        m_events->onPublish = [&](const DomainEvent &event) {
            storedWhenPublished = m_store->lesson(event.subjectId).has_value();
        };
        const Lesson lesson = await(m_commands->create(
            {QStringLiteral("  Intro to Qt \t"), QStringLiteral(" cpp basics "), 3, QStringLiteral("published")}));

        QCOMPARE(lesson.title, QStringLiteral("Intro to Qt"));
        QCOMPARE(lesson.track, QStringLiteral("cpp basics"));
        QCOMPARE(lesson.difficulty, 3);
        QCOMPARE(lesson.status, LessonStatus::Published);
        QCOMPARE(lesson.version, 1);
        QVERIFY(!lesson.hasContent);
        QCOMPARE(lesson.id, QUuid(lesson.id).toString(QUuid::WithoutBraces)); // a lower-case UUID
        QCOMPARE(lesson.createdAt, lesson.updatedAt);
        QCOMPARE(lesson.createdAt.timeSpec(), Qt::UTC);
        QVERIFY(m_store->lesson(lesson.id) == lesson);

        QCOMPARE(m_events->types(), QStringList{QStringLiteral("lesson.created")});
        QVERIFY(storedWhenPublished);
        const DomainEvent &event = m_events->events.first();
        QCOMPARE(event.subjectType, QStringLiteral("lesson"));
        QCOMPARE(event.subjectId, lesson.id);
        QCOMPARE(event.actor.label, m_actor.label);
        QCOMPARE(event.payload.value(QStringLiteral("title")).toString(), QStringLiteral("Intro to Qt"));
        QCOMPARE(event.payload.value(QStringLiteral("status")).toString(), QStringLiteral("published"));
        // The store recorded the same event with the lesson.
        QCOMPARE(m_store->recordedEvents().size(), 1);
        QCOMPARE(m_store->recordedEvents().first().type, QStringLiteral("lesson.created"));
    }

    void createIsADraftByDefault()
    {
        CreateLessonCommand command;
        command.title = QStringLiteral("Loops");
        command.track = QStringLiteral("python");
        const Lesson lesson = await(m_commands->create(command));
        QCOMPARE(lesson.status, LessonStatus::Draft);
        QCOMPARE(lesson.difficulty, 1);
    }

    // --- Update

    void updateStoresWhatChanged_data()
    {
        QTest::addColumn<bool>("withBase");
        QTest::addColumn<std::optional<QString>>("title");
        QTest::addColumn<std::optional<QString>>("track");
        QTest::addColumn<std::optional<int>>("difficulty");
        QTest::addColumn<std::optional<QString>>("status");
        QTest::addColumn<QStringList>("changes");
        for (const bool withBase : {false, true}) {
            const char *how = withBase ? "caller's copy" : "read first";
            QTest::addRow("difficulty, %s", how)
                << withBase << std::optional<QString>() << std::optional<QString>() << std::optional<int>(4)
                << std::optional<QString>() << QStringList{QStringLiteral("difficulty")};
            QTest::addRow("same title padded and a new track, %s", how)
                << withBase << std::optional<QString>(QStringLiteral(" Pointers ")) << std::optional<QString>(QStringLiteral("c"))
                << std::optional<int>(2) << std::optional<QString>() << QStringList{QStringLiteral("track")};
            QTest::addRow("everything, %s", how)
                << withBase << std::optional<QString>(QStringLiteral("Smart pointers"))
                << std::optional<QString>(QStringLiteral("modern cpp")) << std::optional<int>(5)
                << std::optional<QString>(QStringLiteral("published"))
                << QStringList{QStringLiteral("title"), QStringLiteral("track"), QStringLiteral("difficulty"),
                               QStringLiteral("status")};
        }
    }

    void updateStoresWhatChanged()
    {
        QFETCH(bool, withBase);
        QFETCH(std::optional<QString>, title);
        QFETCH(std::optional<QString>, track);
        QFETCH(std::optional<int>, difficulty);
        QFETCH(std::optional<QString>, status);
        QFETCH(QStringList, changes);
        const Lesson before = addLesson(QStringLiteral("Pointers"), LessonStatus::Draft, QByteArray("<p>x</p>"));
        UpdateLessonCommand command = updateOf(before, withBase);
        command.title = title;
        command.track = track;
        command.difficulty = difficulty;
        command.status = status;
        int versionWhenPublished = 0;
        m_events->onPublish = [&](const DomainEvent &event) { versionWhenPublished = m_store->lesson(event.subjectId)->version; };

        const Lesson updated = await(m_commands->update(command));
        QCOMPARE(updated.version, 2);
        QCOMPARE(updated.title, title.value_or(before.title).trimmed());
        QCOMPARE(updated.track, track.value_or(before.track));
        QCOMPARE(updated.difficulty, difficulty.value_or(before.difficulty));
        QCOMPARE(lessonStatusToString(updated.status), status.value_or(QStringLiteral("draft")));
        QCOMPARE(updated.createdAt, before.createdAt);
        QVERIFY(updated.updatedAt >= before.updatedAt);
        QVERIFY(updated.hasContent);
        QVERIFY(m_store->lesson(before.id) == updated);
        QCOMPARE(m_store->calls(Call::FindById), withBase ? 0 : 1); // the caller's copy: nothing read first
        QCOMPARE(m_store->calls(Call::Update), 1);

        QCOMPARE(m_events->types(), QStringList{QStringLiteral("lesson.updated")});
        QCOMPARE(changesOf(m_events->events.first()), changes);
        QCOMPARE(m_events->events.first().payload.value(QStringLiteral("version")).toInt(), 2);
        QCOMPARE(versionWhenPublished, 2);
        QCOMPARE(changesOf(m_store->recordedEvents().constLast()), changes);
    }

    void updateThatChangesNothingStoresNothing_data() { withAndWithoutBase(); }

    void updateThatChangesNothingStoresNothing()
    {
        QFETCH(bool, withBase);
        const Lesson lesson = addLesson();
        UpdateLessonCommand command = updateOf(lesson, withBase);
        command.title = QStringLiteral("  Pointers ");
        command.track = lesson.track;
        command.difficulty = lesson.difficulty;
        command.status = QStringLiteral("draft");
        QVERIFY(await(m_commands->update(command)) == lesson);
        QCOMPARE(m_store->calls(Call::Update), 0);
        QVERIFY(m_store->lesson(lesson.id) == lesson);
        QVERIFY(m_events->events.isEmpty());
        QVERIFY(m_store->recordedEvents().isEmpty());
    }

    void staleBaseIsAConflictCarryingTheirs_data() { withAndWithoutBase(); }

    void staleBaseIsAConflictCarryingTheirs()
    {
        QFETCH(bool, withBase);
        const Lesson mine = addLesson();
        const Lesson theirs = changeBehindTheBack(mine, QStringLiteral("Their title"));
        UpdateLessonCommand command = updateOf(mine, withBase);
        command.difficulty = 5;
        try {
            await(m_commands->update(command));
            QFAIL("expected a ConflictError");
        } catch (const ConflictError &error) {
            QVERIFY(error.current().canConvert<Lesson>());
            const Lesson current = error.current().value<Lesson>();
            QCOMPARE(current.title, QStringLiteral("Their title"));
            QCOMPARE(current.version, 2);
            QVERIFY(error.fieldErrors().isEmpty());
        }
        QVERIFY(m_store->lesson(mine.id) == theirs);
        QVERIFY(m_events->events.isEmpty());
        QVERIFY(m_store->recordedEvents().isEmpty());
    }

    void baseThatIsNotTheNamedVersionIsRefused_data()
    {
        QTest::addColumn<bool>("otherLesson"); // else: another version of the same lesson
        QTest::newRow("base of another lesson") << true;
        QTest::newRow("base at another version") << false;
    }

    void baseThatIsNotTheNamedVersionIsRefused()
    {
        QFETCH(bool, otherLesson);
        const Lesson lesson = addLesson(QStringLiteral("Pointers"));
        const Lesson other = addLesson(QStringLiteral("Loops"));
        UpdateLessonCommand command = updateOf(lesson, false);
        command.title = QStringLiteral("References");
        if (otherLesson) {
            command.base = other;
        } else {
            Lesson older = lesson;
            older.version = 3;
            command.base = older;
        }
        QVERIFY_THROWS_EXCEPTION(ValidationError, await(m_commands->update(command)));
        QCOMPARE(m_store->calls(Call::Update), 0);
        QVERIFY(m_store->lesson(lesson.id) == lesson);
        QVERIFY(m_store->lesson(other.id) == other);
        QVERIFY(m_events->events.isEmpty());
    }

    void updateValidatesTheResult_data()
    {
        QTest::addColumn<int>("baseVersion");
        QTest::addColumn<QString>("title");
        QTest::addColumn<int>("difficulty");
        QTest::addColumn<QStringList>("badFields");
        QTest::newRow("version 0") << 0 << QStringLiteral("New") << 2 << QStringList{QStringLiteral("version")};
        QTest::newRow("empty title") << 1 << QStringLiteral(" ") << 2 << QStringList{QStringLiteral("title")};
        QTest::newRow("title and difficulty") << 1 << QString(201, u'x') << 0
                                              << QStringList{QStringLiteral("difficulty"), QStringLiteral("title")};
    }

    void updateValidatesTheResult()
    {
        QFETCH(int, baseVersion);
        QFETCH(QString, title);
        QFETCH(int, difficulty);
        QFETCH(QStringList, badFields);
        const Lesson lesson = addLesson();
        UpdateLessonCommand command = updateOf(lesson, false);
        command.baseVersion = baseVersion;
        command.title = title;
        command.difficulty = difficulty;
        try {
            await(m_commands->update(command));
            QFAIL("expected a ValidationError");
        } catch (const ValidationError &error) {
            QCOMPARE(error.fieldErrors().keys(), badFields);
        }
        QCOMPARE(m_store->calls(Call::Update), 0);
        QVERIFY(m_store->lesson(lesson.id) == lesson);
        QVERIFY(m_events->events.isEmpty());
    }

    void updateOfAMissingLessonIsNotFound()
    {
        UpdateLessonCommand command;
        command.id = MissingId;
        command.baseVersion = 1;
        command.title = QStringLiteral("x");
        QVERIFY_THROWS_EXCEPTION(NotFoundError, await(m_commands->update(command)));
        QVERIFY(m_events->events.isEmpty());
    }

    // --- Publish, unpublish

    void setStatusPublishesAndUnpublishes_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::newRow("publish") << int(LessonStatus::Draft) << int(LessonStatus::Published);
        QTest::newRow("unpublish") << int(LessonStatus::Published) << int(LessonStatus::Draft);
    }

    void setStatusPublishesAndUnpublishes()
    {
        QFETCH(int, from);
        QFETCH(int, to);
        const Lesson lesson = addLesson(QStringLiteral("Pointers"), LessonStatus(from));
        const Lesson changed = await(m_commands->setStatus(lesson, LessonStatus(to)));
        QCOMPARE(changed.status, LessonStatus(to));
        QCOMPARE(changed.version, lesson.version + 1);
        QCOMPARE(m_store->lesson(lesson.id)->status, LessonStatus(to));
        QCOMPARE(m_events->types(), QStringList{QStringLiteral("lesson.updated")});
        QCOMPARE(changesOf(m_events->events.first()), QStringList{QStringLiteral("status")});
        QCOMPARE(m_events->events.first().payload.value(QStringLiteral("status")).toString(),
                 lessonStatusToString(LessonStatus(to)));
    }

    void setStatusToTheSameStateDoesNothing_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("already published") << int(LessonStatus::Published);
        QTest::newRow("already a draft") << int(LessonStatus::Draft);
    }

    void setStatusToTheSameStateDoesNothing()
    {
        QFETCH(int, status);
        const Lesson lesson = addLesson(QStringLiteral("Pointers"), LessonStatus(status));
        QVERIFY(await(m_commands->setStatus(lesson, LessonStatus(status))) == lesson);
        QCOMPARE(m_store->totalCalls(), 0);
        QVERIFY(m_events->events.isEmpty());
    }

    void setStatusOnAStaleCopyPublishesTheCurrentVersion()
    {
        const Lesson mine = addLesson();
        changeBehindTheBack(mine, QStringLiteral("Theirs"));
        const Lesson published = await(m_commands->setStatus(mine, LessonStatus::Published));
        QCOMPARE(published.status, LessonStatus::Published);
        QCOMPARE(published.title, QStringLiteral("Theirs")); // their change kept, not overwritten
        QCOMPARE(m_store->lesson(mine.id)->status, LessonStatus::Published);
        QCOMPARE(m_store->lesson(mine.id)->title, QStringLiteral("Theirs"));
        QCOMPARE(m_events->events.size(), 1);
    }

    // --- Duplicate

    void duplicateIsADraftCopyWithTheContent()
    {
        const QByteArray html = QStringLiteral("<h1>Pointers</h1><p>Zoë \U0001F600</p>").toUtf8();
        Lesson original = FakeLessonRepository::makeLesson(QStringLiteral("Pointers"), QStringLiteral("cpp"), 4,
                                                           LessonStatus::Published);
        original.version = 5;
        original = m_store->put(original, html);

        const Lesson copy = await(m_commands->duplicate(original.id));
        QVERIFY(copy.id != original.id);
        QCOMPARE(copy.title, QStringLiteral("Pointers (copy)"));
        QCOMPARE(copy.track, original.track);
        QCOMPARE(copy.difficulty, 4);
        QCOMPARE(copy.status, LessonStatus::Draft);
        QVERIFY(copy.hasContent);
        QCOMPARE(m_store->contentOf(copy.id), std::optional<QByteArray>(html));
        QVERIFY(m_store->lesson(copy.id) == copy);
        QCOMPARE(m_store->contentKnownVersions(), QList<int>{5}); // the original's content, at its version
        QVERIFY(m_store->lesson(original.id) == original);
        QCOMPARE(m_store->contentOf(original.id), std::optional<QByteArray>(html));
        QCOMPARE(m_events->types(), (QStringList{QStringLiteral("lesson.created"), QStringLiteral("lesson.content_updated")}));
        QCOMPARE(m_events->events.last().subjectId, copy.id);
        QCOMPARE(m_events->events.last().payload.value(QStringLiteral("bytes")).toInteger(), html.size());
    }

    void duplicateWithoutContentCopiesNoContent()
    {
        const Lesson original = addLesson();
        const Lesson copy = await(m_commands->duplicate(original.id));
        QVERIFY(!copy.hasContent);
        QCOMPARE(m_store->calls(Call::Content), 0);
        QCOMPARE(m_store->calls(Call::PutContent), 0);
        QCOMPARE(m_events->types(), QStringList{QStringLiteral("lesson.created")});
    }

    void duplicateTitleStaysWithinTheLimit_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("copyTitle");
        const QString suffix = QStringLiteral(" (copy)");
        const QString emoji = QStringLiteral("\U0001F600");
        QTest::newRow("short") << QStringLiteral("Loops") << QStringLiteral("Loops (copy)");
        QTest::newRow("193: just fits") << QString(193, u'a') << QString(193, u'a') + suffix;
        QTest::newRow("194: shortened") << QString(194, u'a') << QString(193, u'a') + suffix;
        QTest::newRow("200: shortened") << QString(200, u'a') << QString(193, u'a') + suffix;
        QTest::newRow("200 emoji: by code points") << emoji.repeated(200) << emoji.repeated(193) + suffix;
        QTest::newRow("cut at a space: trimmed")
            << QString(192, u'a') + QStringLiteral(" tail") << QString(192, u'a') + suffix;
    }

    void duplicateTitleStaysWithinTheLimit()
    {
        QFETCH(QString, title);
        QFETCH(QString, copyTitle);
        const Lesson original = addLesson(title);
        const Lesson copy = await(m_commands->duplicate(original.id));
        QCOMPARE(copy.title, copyTitle);
        QVERIFY(Lesson::titleProblem(copy.title).isEmpty());
    }

    void duplicateLeavesNoHalfCopyWhenTheContentFails()
    {
        const Lesson original = addLesson(QStringLiteral("Pointers"), LessonStatus::Published, QByteArray("<p>x</p>"));
        m_store->failNext(Call::PutContent, DomainError(ErrorKind::Unavailable, QStringLiteral("R2 is down")));
        try {
            await(m_commands->duplicate(original.id));
            QFAIL("expected a DomainError");
        } catch (const DomainError &error) {
            QCOMPARE(error.kind(), ErrorKind::Unavailable);
            QVERIFY(error.message().contains(QStringLiteral("Pointers")));
        }
        QCOMPARE(m_store->lessons().size(), 1); // the copy was deleted again
        QVERIFY(m_store->lesson(original.id) == original);
        QCOMPARE(m_store->calls(Call::Remove), 1);
        // What happened is what was published: the copy appeared, then went.
        QCOMPARE(m_events->types(), (QStringList{QStringLiteral("lesson.created"), QStringLiteral("lesson.deleted")}));
        QCOMPARE(m_events->events.at(0).subjectId, m_events->events.at(1).subjectId);
        QVERIFY(m_events->events.at(0).subjectId != original.id);
    }

    void duplicateOfAMissingLessonIsNotFound()
    {
        QVERIFY_THROWS_EXCEPTION(NotFoundError, await(m_commands->duplicate(MissingId)));
        QCOMPARE(m_store->calls(Call::Insert), 0);
        QVERIFY(m_events->events.isEmpty());
    }

    // --- Remove

    void removePublishesDeleted()
    {
        const Lesson lesson = addLesson(QStringLiteral("Pointers"), LessonStatus::Published, QByteArray("<p>x</p>"));
        const Lesson other = addLesson(QStringLiteral("Loops"));
        m_store->setProgressCount(lesson.id, 3);
        QCOMPARE(await(m_queries->progressCount(lesson.id)), 3);
        bool goneWhenPublished = false;
        m_events->onPublish = [&](const DomainEvent &event) { goneWhenPublished = !m_store->lesson(event.subjectId); };

        const Lesson deleted = await(m_commands->remove(lesson.id));
        QVERIFY(deleted == lesson);
        QVERIFY(!m_store->lesson(lesson.id));
        QVERIFY(!m_store->contentOf(lesson.id));
        QVERIFY(m_store->lesson(other.id) == other);
        QCOMPARE(m_events->types(), QStringList{QStringLiteral("lesson.deleted")});
        QVERIFY(goneWhenPublished);
        QCOMPARE(m_events->events.first().subjectId, lesson.id);
        QCOMPARE(m_events->events.first().payload.value(QStringLiteral("title")).toString(), QStringLiteral("Pointers"));
        QCOMPARE(m_store->recordedEvents().constLast().type, QStringLiteral("lesson.deleted"));
        QVERIFY_THROWS_EXCEPTION(NotFoundError, await(m_queries->get(lesson.id)));
    }

    void removeOfAMissingLessonIsNotFound()
    {
        QVERIFY_THROWS_EXCEPTION(NotFoundError, await(m_commands->remove(MissingId)));
        QVERIFY(m_events->events.isEmpty());
    }

    // --- Content

    void putContentStoresAndPublishes()
    {
        const Lesson lesson = addLesson();
        const QByteArray html = QStringLiteral("<p>Zoë – 日本語</p>").toUtf8();
        const Lesson stored = await(m_commands->putContent({lesson.id, html, lesson.version}));
        QCOMPARE(stored.version, 2);
        QVERIFY(stored.hasContent);
        QCOMPARE(m_store->contentOf(lesson.id), std::optional<QByteArray>(html));
        QCOMPARE(m_events->types(), QStringList{QStringLiteral("lesson.content_updated")});
        QCOMPARE(m_events->events.first().payload.value(QStringLiteral("bytes")).toInteger(), html.size());
        QCOMPARE(m_events->events.first().payload.value(QStringLiteral("version")).toInt(), 2);
        const LessonContent content = await(m_queries->content(lesson.id));
        QCOMPARE(content.html, html);
        QCOMPARE(content.version, 2);
    }

    void badContentIsRefusedBeforeTheStore_data()
    {
        QTest::addColumn<QByteArray>("html");
        QTest::newRow("2 MiB + 1") << QByteArray(Lesson::MaxContentBytes + 1, 'a');
        QTest::newRow("C3 28") << QByteArray("<p>\xC3\x28</p>");
        QTest::newRow("truncated at the end") << QByteArray("<p>caf\xC3");
        QTest::newRow("Latin-1") << QByteArray("caf\xE9");
    }

    void badContentIsRefusedBeforeTheStore()
    {
        QFETCH(QByteArray, html);
        const Lesson lesson = addLesson();
        try {
            await(m_commands->putContent({lesson.id, html, lesson.version}));
            QFAIL("expected a ValidationError");
        } catch (const ValidationError &error) {
            QCOMPARE(error.fieldErrors().keys(), QStringList{QStringLiteral("content")});
        }
        QCOMPARE(m_store->totalCalls(), 0);
        QVERIFY(!m_store->contentOf(lesson.id));
        QVERIFY(m_events->events.isEmpty());
    }

    void contentOfExactly2MiBIsStored()
    {
        const Lesson lesson = addLesson();
        const QByteArray html(Lesson::MaxContentBytes, 'a');
        QCOMPARE(await(m_commands->putContent({lesson.id, html, lesson.version})).version, 2);
        QCOMPARE(m_store->contentOf(lesson.id)->size(), Lesson::MaxContentBytes);
    }

    void putContentOnAStaleVersionIsAConflict()
    {
        const QByteArray theirs("<p>theirs</p>");
        const Lesson mine = addLesson(QStringLiteral("Pointers"), LessonStatus::Draft, QByteArray("<p>old</p>"));
        await(m_commands->putContent({mine.id, theirs, mine.version})); // someone else, first
        m_events->events.clear();
        try {
            await(m_commands->putContent({mine.id, QByteArray("<p>mine</p>"), mine.version}));
            QFAIL("expected a ConflictError");
        } catch (const ConflictError &error) {
            QCOMPARE(error.current().value<Lesson>().version, 2);
        }
        QCOMPARE(m_store->contentOf(mine.id), std::optional<QByteArray>(theirs));
        QVERIFY(m_events->events.isEmpty());
    }

    void putContentNeedsAVersion()
    {
        const Lesson lesson = addLesson();
        try {
            await(m_commands->putContent({lesson.id, QByteArray("<p>x</p>"), 0}));
            QFAIL("expected a ValidationError");
        } catch (const ValidationError &error) {
            QCOMPARE(error.fieldErrors().keys(), QStringList{QStringLiteral("version")});
        }
        QCOMPARE(m_store->totalCalls(), 0);
    }

    // --- Events only after the store succeeded

    void failedWritesPublishNothing_data()
    {
        QTest::addColumn<QString>("operation");
        QTest::addColumn<int>("call");
        QTest::newRow("create") << QStringLiteral("create") << int(Call::Insert);
        QTest::newRow("update") << QStringLiteral("update") << int(Call::Update);
        QTest::newRow("publish") << QStringLiteral("publish") << int(Call::Update);
        QTest::newRow("duplicate") << QStringLiteral("duplicate") << int(Call::Insert);
        QTest::newRow("remove") << QStringLiteral("remove") << int(Call::Remove);
        QTest::newRow("content") << QStringLiteral("content") << int(Call::PutContent);
    }

    void failedWritesPublishNothing()
    {
        QFETCH(QString, operation);
        QFETCH(int, call);
        const Lesson lesson = addLesson();
        const QList<Lesson> before = m_store->lessons();
        m_store->failNext(Call(call), DomainError(ErrorKind::Unavailable, QStringLiteral("The Worker is unreachable")));
        try {
            if (operation == QLatin1String("create")) {
                await(m_commands->create({QStringLiteral("New"), QStringLiteral("cpp"), 1, QStringLiteral("draft")}));
            } else if (operation == QLatin1String("update")) {
                UpdateLessonCommand command = updateOf(lesson, true);
                command.title = QStringLiteral("New");
                await(m_commands->update(command));
            } else if (operation == QLatin1String("publish")) {
                await(m_commands->setStatus(lesson, LessonStatus::Published));
            } else if (operation == QLatin1String("duplicate")) {
                await(m_commands->duplicate(lesson.id));
            } else if (operation == QLatin1String("remove")) {
                await(m_commands->remove(lesson.id));
            } else {
                await(m_commands->putContent({lesson.id, QByteArray("<p>x</p>"), lesson.version}));
            }
            QFAIL("expected the store's error");
        } catch (const DomainError &error) {
            QCOMPARE(error.kind(), ErrorKind::Unavailable);
            QCOMPARE(error.message(), QStringLiteral("The Worker is unreachable"));
        }
        QCOMPARE(m_store->calls(Call(call)), 1);
        QVERIFY(m_store->lessons() == before);
        QVERIFY(m_events->events.isEmpty());
    }

    // --- Ids

    void badIdsAreRefusedNamingTheField_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("empty") << QString();
        QTest::newRow("not a UUID") << QStringLiteral("lesson-1");
        QTest::newRow("too short") << QStringLiteral("0b7e1c2a-3d4f-4a5b-8c6d-7e8f9a0b1c2");
        QTest::newRow("braces") << QStringLiteral("{0b7e1c2a-3d4f-4a5b-8c6d-7e8f9a0b1c2d}");
        QTest::newRow("trailing space") << QStringLiteral("0b7e1c2a-3d4f-4a5b-8c6d-7e8f9a0b1c2d ");
        QTest::newRow("path") << QStringLiteral("../users/0b7e1c2a-3d4f-4a5b-8c6d-7e8f9a0b1c2d");
    }

    void badIdsAreRefusedNamingTheField()
    {
        QFETCH(QString, id);
        const auto expectIdError = [](const std::function<void()> &call, const char *what) {
            try {
                call();
                QTest::qFail(qPrintable(QStringLiteral("%1: expected a ValidationError").arg(QLatin1String(what))), __FILE__, __LINE__);
            } catch (const ValidationError &error) {
                QVERIFY2(error.fieldErrors().contains(QStringLiteral("id")), what);
            }
        };
        Lesson lesson = FakeLessonRepository::makeLesson(QStringLiteral("Pointers"));
        lesson.id = id;
        UpdateLessonCommand update;
        update.id = id;
        update.baseVersion = 1;
        update.title = QStringLiteral("x");
        expectIdError([&] { await(m_queries->get(id)); }, "get");
        expectIdError([&] { await(m_queries->content(id)); }, "content");
        expectIdError([&] { await(m_queries->progressCount(id)); }, "progressCount");
        expectIdError([&] { await(m_commands->update(update)); }, "update");
        expectIdError([&] { await(m_commands->setStatus(lesson, LessonStatus::Published)); }, "setStatus");
        expectIdError([&] { await(m_commands->duplicate(id)); }, "duplicate");
        expectIdError([&] { await(m_commands->remove(id)); }, "remove");
        expectIdError([&] { await(m_commands->putContent({id, QByteArray("<p>x</p>"), 1})); }, "putContent");
        QCOMPARE(m_store->totalCalls(), 0);
        QVERIFY(m_events->events.isEmpty());
    }

    void upperCaseIdsFindTheLesson()
    {
        const Lesson lesson = addLesson();
        QVERIFY(await(m_queries->get(lesson.id.toUpper())) == lesson);
        QCOMPARE(await(m_commands->remove(lesson.id.toUpper())).id, lesson.id);
    }

    void getOfAMissingLessonIsNotFound()
    {
        QVERIFY_THROWS_EXCEPTION(NotFoundError, await(m_queries->get(MissingId)));
    }

    // --- Lists

    void listQueryValidation_data()
    {
        QTest::addColumn<LessonListQuery>("query");
        QTest::addColumn<QString>("field"); // empty: valid
        const auto with = [](const std::function<void(LessonListQuery &)> &change) {
            LessonListQuery query;
            change(query);
            return query;
        };
        QTest::newRow("defaults") << LessonListQuery() << QString();
        QTest::newRow("page 0") << with([](auto &q) { q.page = 0; }) << QStringLiteral("page");
        QTest::newRow("page -1") << with([](auto &q) { q.page = -1; }) << QStringLiteral("page");
        QTest::newRow("page size 0") << with([](auto &q) { q.pageSize = 0; }) << QStringLiteral("pageSize");
        QTest::newRow("page size 200") << with([](auto &q) { q.pageSize = 200; }) << QString();
        QTest::newRow("page size 201") << with([](auto &q) { q.pageSize = 201; }) << QStringLiteral("pageSize");
        QTest::newRow("search 200") << with([](auto &q) { q.search = QString(200, u's'); }) << QString();
        QTest::newRow("search 201") << with([](auto &q) { q.search = QString(201, u's'); }) << QStringLiteral("search");
        QTest::newRow("search with a newline") << with([](auto &q) { q.search = QStringLiteral("a\nb"); }) << QStringLiteral("search");
        QTest::newRow("search with NUL") << with([](auto &q) { q.search = QStringLiteral("a") + QChar(0) + QStringLiteral("b"); })
                                         << QStringLiteral("search");
        QTest::newRow("search, unicode") << with([](auto &q) { q.search = QStringLiteral("Zoë \U0001F600"); }) << QString();
        QTest::newRow("track ok") << with([](auto &q) { q.track = QStringLiteral("cpp basics"); }) << QString();
        QTest::newRow("track punctuation") << with([](auto &q) { q.track = QStringLiteral("c++"); }) << QStringLiteral("track");
        QTest::newRow("track 65") << with([](auto &q) { q.track = QString(65, u't'); }) << QStringLiteral("track");
        QTest::newRow("difficulty any") << with([](auto &q) { q.difficulty = 0; }) << QString();
        QTest::newRow("difficulty 5") << with([](auto &q) { q.difficulty = 5; }) << QString();
        QTest::newRow("difficulty 6") << with([](auto &q) { q.difficulty = 6; }) << QStringLiteral("difficulty");
        QTest::newRow("difficulty -1") << with([](auto &q) { q.difficulty = -1; }) << QStringLiteral("difficulty");
    }

    void listQueryValidation()
    {
        QFETCH(LessonListQuery, query);
        QFETCH(QString, field);
        if (field.isEmpty()) {
            query.validate();
            await(m_queries->list(query));
            await(m_queries->count(query));
            QCOMPARE(m_store->calls(Call::List), 1);
            QCOMPARE(m_store->listQueries().constFirst(), query);
            return;
        }
        try {
            query.validate();
            QFAIL("expected a ValidationError");
        } catch (const ValidationError &error) {
            QCOMPARE(error.fieldErrors().keys(), QStringList{field});
        }
        QVERIFY_THROWS_EXCEPTION(ValidationError, await(m_queries->list(query)));
        QVERIFY_THROWS_EXCEPTION(ValidationError, await(m_queries->count(query)));
        QCOMPARE(m_store->totalCalls(), 0);
    }

    // The fake filters, sorts and pages as the stores do (UI model tests rely on it).
    void listFiltersSortsAndPages()
    {
        m_store->seed(30); // "Lesson 000".."Lesson 029"; cpp/python/web; difficulty 1..5; every third published
        LessonListQuery query;
        query.track = QStringLiteral("cpp");
        query.sort = LessonSortField::Title;
        query.order = SortOrder::Ascending;
        query.pageSize = 4;
        query.page = 2;
        LessonPage page = await(m_queries->list(query));
        QCOMPARE(page.total, 10);
        QCOMPARE(page.totalPages, 3);
        QStringList titles;
        for (const Lesson &lesson : page.items)
            titles << lesson.title;
        QCOMPARE(titles, (QStringList{QStringLiteral("Lesson 012"), QStringLiteral("Lesson 015"),
                                      QStringLiteral("Lesson 018"), QStringLiteral("Lesson 021")}));

        LessonListQuery published;
        published.status = LessonStatus::Published;
        published.search = QStringLiteral("LESSON 00");
        published.withTotal = false;
        page = await(m_queries->list(published));
        QCOMPARE(page.total, -1);
        titles.clear();
        for (const Lesson &lesson : page.items)
            titles << lesson.title;
        QCOMPARE(titles, (QStringList{QStringLiteral("Lesson 009"), QStringLiteral("Lesson 006"),
                                      QStringLiteral("Lesson 003"), QStringLiteral("Lesson 000")})); // newest first
        LessonListQuery hard;
        hard.difficulty = 5;
        QCOMPARE(await(m_queries->count(hard)), 6);
    }
};

QTEST_GUILESS_MAIN(TestLessonHandlers)
#include "tst_lessonhandlers.moc"
