// The read cache in front of either store: a lesson read by id is served from memory for an
// hour and dropped by every write made through the cache (also a failed one); content is
// kept per (lesson, version); lists and counts always go to the store. The store is an
// in-memory fake that counts calls, the clock is moved by hand.

#include "Await.h"
#include "FakeLessonRepository.h"

#include "domain/Errors.h"
#include "infrastructure/cache/CachedLessonRepository.h"
#include "infrastructure/cache/Clock.h"

#include <QCoro/QCoroTask>
#include <QTest>

#include <exception>
#include <optional>

using namespace edge;
using namespace edge::test;
using namespace std::chrono_literals;
using Call = FakeLessonRepository::Call;

namespace {

const LessonEvent Describe = [](const Lesson &lesson) {
    return DomainEvent::lessonDeleted(lesson, Actor{QString(), QStringLiteral("local:tester")});
};

enum class Write { Update, PutContent, Remove };

} // namespace

Q_DECLARE_METATYPE(Write)

class TestCachedLessonRepository final : public QObject
{
    Q_OBJECT

private:
    // A write through the cache, as a handler makes it.
    QCoro::Task<Lesson> write(Write kind, const Lesson &base)
    {
        switch (kind) {
        case Write::Update: {
            Lesson next = base.bumped();
            next.title = QStringLiteral("Mine");
            return m_cache->update(LessonWrite{next, base.version, {QStringLiteral("title")},
                                               DomainEvent::lessonUpdated(next, {QStringLiteral("title")}, {})});
        }
        case Write::PutContent:
            return m_cache->putContent(base.id, QByteArray("<p>mine</p>"), base.version, Describe);
        case Write::Remove:
            break;
        }
        return m_cache->remove(base.id, Describe);
    }
    static Call callOf(Write kind)
    {
        return kind == Write::Update ? Call::Update : kind == Write::PutContent ? Call::PutContent : Call::Remove;
    }
    static void everyWrite()
    {
        QTest::addColumn<Write>("kind");
        QTest::newRow("update") << Write::Update;
        QTest::newRow("putContent") << Write::PutContent;
        QTest::newRow("remove") << Write::Remove;
    }
    // Another writer changes the lesson in the store, behind the cache's back.
    Lesson changeBehindTheBack(Lesson lesson)
    {
        lesson = lesson.bumped();
        lesson.title = QStringLiteral("Theirs");
        return m_store->put(lesson);
    }
    std::optional<Lesson> find(const QString &id) { return await(m_cache->findById(id)); }

    FakeLessonRepository *m_store = nullptr; // owned by m_cache
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<CachedLessonRepository> m_cache;

private slots:
    void init()
    {
        auto store = std::make_unique<FakeLessonRepository>();
        m_store = store.get();
        m_clock = std::make_shared<ManualClock>();
        m_cache = std::make_unique<CachedLessonRepository>(std::move(store), m_clock);
    }

    void cleanup()
    {
        m_cache.reset();
        m_store = nullptr;
        m_clock.reset();
    }

    void secondReadIsServedFromTheCache()
    {
        const Lesson lesson = m_store->put(FakeLessonRepository::makeLesson(QStringLiteral("Pointers")));
        QVERIFY(find(lesson.id) == lesson);
        QVERIFY(find(lesson.id) == lesson);
        QVERIFY(find(lesson.id) == lesson);
        QCOMPARE(m_store->calls(Call::FindById), 1);
    }

    void missingLessonsAreNotCached()
    {
        const QString id = QStringLiteral("00000000-0000-4000-8000-000000000000");
        QVERIFY(!find(id));
        const Lesson created = m_store->put([&] {
            Lesson lesson = FakeLessonRepository::makeLesson(QStringLiteral("Late"));
            lesson.id = id;
            return lesson;
        }());
        QVERIFY(find(id) == created); // appeared since: not hidden by a remembered "missing"
        QCOMPARE(m_store->calls(Call::FindById), 2);
    }

    void cachedLessonsExpireAfterAnHour_data()
    {
        QTest::addColumn<qint64>("elapsedMs");
        QTest::addColumn<bool>("fromCache");
        QTest::newRow("at once") << qint64(0) << true;
        QTest::newRow("59:59.999 later") << qint64(3599999) << true;
        QTest::newRow("an hour later") << qint64(3600000) << false;
        QTest::newRow("a day later") << qint64(86400000) << false;
    }

    void cachedLessonsExpireAfterAnHour()
    {
        QFETCH(qint64, elapsedMs);
        QFETCH(bool, fromCache);
        const Lesson lesson = m_store->put(FakeLessonRepository::makeLesson(QStringLiteral("Pointers")));
        QVERIFY(find(lesson.id) == lesson);
        const Lesson theirs = changeBehindTheBack(lesson); // only the store knows
        m_clock->advance(std::chrono::milliseconds(elapsedMs));
        QCOMPARE(find(lesson.id)->title, fromCache ? lesson.title : theirs.title);
        QCOMPARE(m_store->calls(Call::FindById), fromCache ? 1 : 2);
    }

    void insertedLessonsAreCached()
    {
        const Lesson lesson = FakeLessonRepository::makeLesson(QStringLiteral("Pointers"));
        await(m_cache->insert(lesson, DomainEvent::lessonCreated(lesson, {})));
        QVERIFY(find(lesson.id) == lesson);
        QCOMPARE(m_store->calls(Call::FindById), 0);
    }

    // After a write through the cache, a read shows what the store holds.
    void aWriteShowsItsResult_data() { everyWrite(); }

    void aWriteShowsItsResult()
    {
        QFETCH(Write, kind);
        const Lesson lesson = m_store->put(FakeLessonRepository::makeLesson(QStringLiteral("Pointers")));
        QVERIFY(find(lesson.id));
        await(write(kind, lesson));
        const std::optional<Lesson> read = find(lesson.id);
        QCOMPARE(read.has_value(), m_store->lesson(lesson.id).has_value());
        if (read)
            QVERIFY(*read == *m_store->lesson(lesson.id));
        QCOMPARE(read.has_value(), kind != Write::Remove);
    }

    // A write that fails (the store refuses it, or someone else changed the lesson first)
    // drops the cached copy too: the next read asks the store and sees the change.
    void aFailedWriteDropsTheCachedLesson_data()
    {
        QTest::addColumn<Write>("kind");
        QTest::addColumn<bool>("conflict"); // else: the store is unavailable
        QTest::newRow("update, unavailable") << Write::Update << false;
        QTest::newRow("update, conflict") << Write::Update << true;
        QTest::newRow("putContent, unavailable") << Write::PutContent << false;
        QTest::newRow("putContent, conflict") << Write::PutContent << true;
        QTest::newRow("remove, unavailable") << Write::Remove << false;
    }

    void aFailedWriteDropsTheCachedLesson()
    {
        QFETCH(Write, kind);
        QFETCH(bool, conflict);
        const Lesson lesson = m_store->put(FakeLessonRepository::makeLesson(QStringLiteral("Pointers")));
        QVERIFY(find(lesson.id) == lesson);
        const Lesson theirs = changeBehindTheBack(lesson);
        if (!conflict)
            m_store->failNext(callOf(kind), DomainError(ErrorKind::Unavailable, QStringLiteral("offline")));
        QVERIFY_THROWS_EXCEPTION(DomainError, await(write(kind, lesson)));
        QCOMPARE(m_store->calls(callOf(kind)), 1);
        QVERIFY(find(lesson.id) == theirs);
        QCOMPARE(m_store->calls(Call::FindById), 2);
    }

    // A read that was already on its way when a write went through brings back the lesson as
    // it was before the write; that answer must not be kept (for an hour) as the current one.
    void aReadOvertakenByAWriteIsNotKept_data() { everyWrite(); }

    void aReadOvertakenByAWriteIsNotKept()
    {
        QFETCH(Write, kind);
        const Lesson lesson = m_store->put(FakeLessonRepository::makeLesson(QStringLiteral("Pointers")));
        m_store->hold(Call::FindById);
        QCoro::Task<std::optional<Lesson>> read = m_cache->findById(lesson.id); // read by the store now, answer held
        await(write(kind, lesson));
        m_store->release(Call::FindById);
        QVERIFY(await(std::move(read)) == lesson); // as it was when read
        const std::optional<Lesson> now = find(lesson.id);
        QCOMPARE(now.has_value(), kind != Write::Remove);
        if (now)
            QVERIFY(*now == *m_store->lesson(lesson.id));
    }

    void contentIsCachedPerVersion()
    {
        const QByteArray v1("<p>one</p>");
        const Lesson lesson = m_store->put(FakeLessonRepository::makeLesson(QStringLiteral("Pointers")), v1);

        LessonContent content = await(m_cache->content(lesson.id, 1));
        QCOMPARE(content.html, v1);
        QCOMPARE(content.version, 1);
        QCOMPARE(m_store->calls(Call::Content), 1);

        content = await(m_cache->content(lesson.id, 1)); // the same version again: from memory
        QCOMPARE(content.html, v1);
        QCOMPARE(content.version, 1);
        QCOMPARE(m_store->calls(Call::Content), 1);

        // Another writer moves the lesson on; asking for that version goes to the store.
        Lesson theirs = lesson.bumped();
        const QByteArray v2("<p>two</p>");
        m_store->put(theirs, v2);
        content = await(m_cache->content(lesson.id, 2));
        QCOMPARE(content.html, v2);
        QCOMPARE(content.version, 2);
        QCOMPARE(m_store->calls(Call::Content), 2);
        QCOMPARE(m_store->contentKnownVersions(), (QList<int>{1, 2}));

        // No known version: always the store, which answers with the current one.
        content = await(m_cache->content(lesson.id, 0));
        QCOMPARE(content.html, v2);
        QCOMPARE(m_store->calls(Call::Content), 3);
        // Version 1's HTML never changes, so it is still served as it was.
        QCOMPARE(await(m_cache->content(lesson.id, 1)).html, v1);
        QCOMPARE(m_store->calls(Call::Content), 3);
    }

    void contentWrittenThroughTheCacheIsCachedAtItsVersion()
    {
        const Lesson lesson = m_store->put(FakeLessonRepository::makeLesson(QStringLiteral("Pointers")), QByteArray("<p>old</p>"));
        const Lesson stored = await(m_cache->putContent(lesson.id, QByteArray("<p>new</p>"), 1, Describe));
        QCOMPARE(stored.version, 2);
        const LessonContent content = await(m_cache->content(lesson.id, 2));
        QCOMPARE(content.html, QByteArray("<p>new</p>"));
        QCOMPARE(content.version, 2);
        QCOMPARE(m_store->calls(Call::Content), 0);
        QVERIFY(find(lesson.id) == stored);
        QCOMPARE(m_store->calls(Call::FindById), 0);
    }

    void aDeletedLessonsContentIsNotServedFromTheCache()
    {
        const Lesson lesson = m_store->put(FakeLessonRepository::makeLesson(QStringLiteral("Pointers")), QByteArray("<p>x</p>"));
        QCOMPARE(await(m_cache->content(lesson.id, 1)).html, QByteArray("<p>x</p>"));
        await(m_cache->remove(lesson.id, Describe));
        QVERIFY_THROWS_EXCEPTION(NotFoundError, await(m_cache->content(lesson.id, 1)));
        QCOMPARE(m_store->calls(Call::Content), 2);
    }

    void cachedContentExpiresAfterAnHour()
    {
        const Lesson lesson = m_store->put(FakeLessonRepository::makeLesson(QStringLiteral("Pointers")), QByteArray("<p>x</p>"));
        await(m_cache->content(lesson.id, 1));
        m_clock->advance(59min);
        await(m_cache->content(lesson.id, 1));
        QCOMPARE(m_store->calls(Call::Content), 1);
        m_clock->advance(1min);
        await(m_cache->content(lesson.id, 1));
        QCOMPARE(m_store->calls(Call::Content), 2);
    }

    void listsAndCountsAreNeverCached()
    {
        m_store->seed(5);
        LessonListQuery query;
        query.pageSize = 10;
        QCOMPARE(await(m_cache->list(query)).items.size(), 5);
        QCOMPARE(await(m_cache->count(query)), 5);
        m_store->seed(2); // another writer adds two
        QCOMPARE(await(m_cache->list(query)).items.size(), 7);
        QCOMPARE(await(m_cache->count(query)), 7);
        QCOMPARE(m_store->calls(Call::List), 2);
        QCOMPARE(m_store->calls(Call::Count), 2);
        QCOMPARE(m_store->listQueries(), (QList<LessonListQuery>{query, query})); // passed on as asked

        const QString id = m_store->lessons().constFirst().id;
        m_store->setProgressCount(id, 4);
        QCOMPARE(await(m_cache->progressCount(id)), 4);
        m_store->setProgressCount(id, 5);
        QCOMPARE(await(m_cache->progressCount(id)), 5);
        QCOMPARE(m_store->calls(Call::ProgressCount), 2);
    }

    void storeErrorsPassThrough()
    {
        m_store->failNext(Call::FindById, DomainError(ErrorKind::Unavailable, QStringLiteral("offline")));
        const Lesson lesson = m_store->put(FakeLessonRepository::makeLesson(QStringLiteral("Pointers")));
        QVERIFY_THROWS_EXCEPTION(DomainError, find(lesson.id));
        QVERIFY(find(lesson.id) == lesson); // the failure was not remembered
        QVERIFY_THROWS_EXCEPTION(NotFoundError, await(m_cache->content(QStringLiteral("00000000-0000-4000-8000-000000000000"), 1)));
    }
};

QTEST_GUILESS_MAIN(TestCachedLessonRepository)
#include "tst_cachedlessonrepository.moc"
