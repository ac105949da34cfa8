// SqliteLessonRepository, the Scribe for lessons, against a real temporary store file and its
// content folder: it stores what the handlers decided (compare-and-swap on the version) with
// their event, keeps each revision of the HTML in a file of its own, and never leaves a lesson
// naming a file that is missing or half written.

#include "TestStore.h"

#include "domain/Errors.h"
#include "infrastructure/cache/CachedLessonRepository.h"
#include "infrastructure/sqlite/LessonContentFiles.h"
#include "infrastructure/sqlite/SqliteLessonRepository.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/resource.h>
#include <unistd.h>
#endif

using namespace edge;
using namespace edge::test;

namespace {
QDateTime at(int day, int hour = 10)
{
    return QDateTime(QDate(2026, 1, day), QTime(hour, 0), Qt::UTC);
}

QString fixedId(int n)
{
    return QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0'));
}

#ifdef Q_OS_UNIX
// While alive, files of this process cannot grow past `bytes` (what a full disk looks like to
// a writer: the write fails part way).
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        getrlimit(RLIMIT_FSIZE, &m_saved);
        m_savedHandler = std::signal(SIGXFSZ, SIG_IGN); // EFBIG instead of a fatal signal
        rlimit limited = m_saved;
        limited.rlim_cur = bytes;
        setrlimit(RLIMIT_FSIZE, &limited);
    }
    ~FileSizeLimit()
    {
        setrlimit(RLIMIT_FSIZE, &m_saved);
        std::signal(SIGXFSZ, m_savedHandler);
    }

private:
    rlimit m_saved{};
    void (*m_savedHandler)(int) = nullptr;
};
#endif
} // namespace

class TestLessonRepository final : public QObject
{
    Q_OBJECT

private:
    Lesson newLesson(const QString &title, const QString &track = QStringLiteral("basics"), int difficulty = 1,
                     LessonStatus status = LessonStatus::Draft, const QString &id = QString())
    {
        Lesson lesson;
        lesson.id = id.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : id;
        lesson.title = title;
        lesson.track = track;
        lesson.difficulty = difficulty;
        lesson.status = status;
        lesson.createdAt = QDateTime::currentDateTimeUtc();
        lesson.updatedAt = lesson.createdAt;
        return lesson;
    }
    Lesson add(const Lesson &lesson)
    {
        return await(m_lessons->insert(lesson, DomainEvent::lessonCreated(lesson, m_actor)));
    }
    Lesson addTitled(const QString &title, const QString &track = QStringLiteral("basics"), int difficulty = 1,
                     LessonStatus status = LessonStatus::Draft)
    {
        return add(newLesson(title, track, difficulty, status));
    }
    // What UpdateLessonHandler would ask the store to write for a new title.
    LessonWrite retitle(const Lesson &base, const QString &title, int expectedVersion = 0)
    {
        Lesson next = base;
        next.title = title;
        next = next.bumped();
        const QStringList changed{QStringLiteral("title")};
        return LessonWrite{next, expectedVersion ? expectedVersion : base.version, changed,
                           DomainEvent::lessonUpdated(next, changed, m_actor)};
    }
    LessonEvent deletion() const
    {
        const Actor actor = m_actor;
        return [actor](const Lesson &lesson) { return DomainEvent::lessonDeleted(lesson, actor); };
    }
    LessonEvent contentEvent(qint64 bytes) const
    {
        const Actor actor = m_actor;
        return [actor, bytes](const Lesson &lesson) { return DomainEvent::lessonContentUpdated(lesson, bytes, actor); };
    }
    Lesson put(const Lesson &lesson, const QByteArray &html, int expectedVersion = 0)
    {
        return await(m_lessons->putContent(lesson.id, html, expectedVersion ? expectedVersion : lesson.version,
                                           contentEvent(html.size())));
    }

    QString path() const { return m_dir->filePath(QStringLiteral("store.db")); }
    QString contentFolder() const { return m_dir->filePath(QStringLiteral("store-content")); }
    QString lessonFolder(const QString &id) const { return contentFolder() + QStringLiteral("/lessons/") + id; }
    // Every file under the content folder, relative to it, sorted.
    QStringList contentFiles() const
    {
        QStringList found;
        QDirIterator it(contentFolder(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext())
            found << QDir(contentFolder()).relativeFilePath(it.next());
        found.sort();
        return found;
    }
    QString contentKeyOf(const QString &id) const
    {
        return SqlPeek(path()).scalar(QStringLiteral("SELECT content_key FROM lessons WHERE id = ?"), {id}).toString();
    }
    QStringList eventTypes() const
    {
        return SqlPeek(path()).column(QStringLiteral("SELECT type FROM events ORDER BY id"));
    }
    QStringList titles(const LessonListQuery &query)
    {
        QStringList found;
        for (const Lesson &lesson : await(m_lessons->list(query)).items)
            found << lesson.title;
        return found;
    }
    // A fresh connection and repository over the same file: what is on disk, with no cache.
    void reopen()
    {
        m_lessons.reset();
        m_store.reset();
        m_store = openStore(path());
        m_lessons = directRepository();
    }
    std::unique_ptr<SqliteLessonRepository> directRepository()
    {
        // Not owning: the backend owns the executor and outlives this repository.
        const std::shared_ptr<SqliteExecutor> executor(std::shared_ptr<void>(), &m_store->executor());
        return std::make_unique<SqliteLessonRepository>(executor, m_store->lessonContentFolder());
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EmbeddedBackend> m_store;
    // The SQLite repository itself (the backend's lessons() has a cache in front of it).
    std::unique_ptr<SqliteLessonRepository> m_lessons;
    Actor m_actor{QString(), QStringLiteral("local:tester")};

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_store = openStore(path());
        m_lessons = directRepository();
    }

    void cleanup()
    {
        m_lessons.reset();
        m_store.reset();
        m_dir.reset();
    }

    void contentFolderIsBesideTheStoreNamedAfterIt()
    {
        QCOMPARE(m_store->lessonContentFolder(), QFileInfo(contentFolder()).absoluteFilePath());
        QCOMPARE(LessonContentFiles::folderForStore(QStringLiteral("/data/edge-admin.db")),
                 QStringLiteral("/data/edge-admin-content"));
        QCOMPARE(LessonContentFiles::folderForStore(QStringLiteral("/data/my.store.sqlite")),
                 QStringLiteral("/data/my.store-content"));
        QVERIFY(QRegularExpression(QStringLiteral("^lessons/abc/[0-9a-f-]{36}\\.html$"))
                    .match(LessonContentFiles::newKey(QStringLiteral("abc")))
                    .hasMatch());
        QVERIFY(!QFileInfo::exists(contentFolder())); // made with the first content only
    }

    void insertStoresLessonAndEvent()
    {
        Lesson lesson = newLesson(QStringLiteral("Intro to HTML"), QStringLiteral("web"), 3, LessonStatus::Published);
        lesson.hasContent = true; // content only ever arrives through putContent
        const Lesson created = add(lesson);
        QVERIFY(!created.hasContent);
        QCOMPARE(created.version, 1);

        const std::optional<Lesson> found = await(m_lessons->findById(created.id));
        QVERIFY(found);
        QCOMPARE(*found, created); // timestamps survive the round trip to the millisecond

        const SqlPeek peek(path());
        QVERIFY(peek.scalar(QStringLiteral("SELECT content_key FROM lessons")).isNull());
        QCOMPARE(peek.scalar(QStringLiteral("SELECT status FROM lessons")).toString(), QStringLiteral("published"));
        QVERIFY(peek.scalar(QStringLiteral("SELECT created_at FROM lessons")).toString().endsWith(QLatin1Char('Z')));
        QCOMPARE(peek.count(QStringLiteral("events")), 1);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT type FROM events")).toString(), QStringLiteral("lesson.created"));
        QCOMPARE(peek.scalar(QStringLiteral("SELECT subject_id FROM events")).toString(), created.id);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT actor_email FROM events")).toString(), QStringLiteral("local:tester"));
    }

    void insertTakenIdConflictsAndWritesNothing()
    {
        const Lesson first = addTitled(QStringLiteral("First"));
        Lesson again = newLesson(QStringLiteral("Second"));
        again.id = first.id;
        QVERIFY_THROWS_EXCEPTION(ConflictError, add(again));
        const SqlPeek peek(path());
        QCOMPARE(peek.count(QStringLiteral("lessons")), 1);
        QCOMPARE(peek.count(QStringLiteral("events")), 1);
    }

    void missingLesson()
    {
        const QString ghost = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QVERIFY(!await(m_lessons->findById(ghost)));
        QCOMPARE(await(m_lessons->progressCount(ghost)), 0);
        QVERIFY_THROWS_EXCEPTION(NotFoundError, await(m_lessons->content(ghost, 0)));
        QVERIFY_THROWS_EXCEPTION(NotFoundError, await(m_lessons->remove(ghost, deletion())));
        QVERIFY_THROWS_EXCEPTION(NotFoundError, await(m_lessons->putContent(ghost, "<p>x</p>", 1, contentEvent(8))));
        QVERIFY(!QFileInfo::exists(lessonFolder(ghost))); // refused before any file was written
        QCOMPARE(SqlPeek(path()).count(QStringLiteral("events")), 0);
    }

    void listPagesWithTotal_data()
    {
        QTest::addColumn<int>("page");
        QTest::addColumn<int>("pageSize");
        QTest::addColumn<int>("expectedItems");
        QTest::addColumn<int>("expectedTotalPages");
        QTest::newRow("first page") << 1 << 2 << 2 << 3;
        QTest::newRow("last partial page") << 3 << 2 << 1 << 3;
        QTest::newRow("past the end") << 4 << 2 << 0 << 3;
        QTest::newRow("all at once") << 1 << 200 << 5 << 1;
    }

    void listPagesWithTotal()
    {
        QFETCH(int, page);
        QFETCH(int, pageSize);
        QFETCH(int, expectedItems);
        QFETCH(int, expectedTotalPages);
        for (int i = 0; i < 5; ++i)
            addTitled(QStringLiteral("Lesson %1").arg(i));

        LessonListQuery query;
        query.page = page;
        query.pageSize = pageSize;
        const LessonPage result = await(m_lessons->list(query));
        QCOMPARE(result.items.size(), expectedItems);
        QCOMPARE(result.total, 5);
        QCOMPARE(result.totalPages, expectedTotalPages);
        QCOMPARE(result.page, page);
        QCOMPARE(result.pageSize, pageSize);

        query.withTotal = false;
        const LessonPage withoutTotal = await(m_lessons->list(query));
        QCOMPARE(withoutTotal.total, -1);
        QCOMPARE(withoutTotal.totalPages, -1);
        QCOMPARE(withoutTotal.items.size(), expectedItems);
    }

    void listRefusesABadQuery()
    {
        LessonListQuery query;
        query.pageSize = LessonListQuery::MaxPageSize + 1;
        QVERIFY_THROWS_EXCEPTION(ValidationError, await(m_lessons->list(query)));
    }

    void listFilters_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<QString>("track");
        QTest::addColumn<int>("status"); // -1 any, else LessonStatus
        QTest::addColumn<int>("difficulty");
        QTest::addColumn<QStringList>("expectedTitles"); // sorted by title ascending

        const QString html = QStringLiteral("HTML basics");
        const QString css = QStringLiteral("Styling with CSS");
        const QString percent = QStringLiteral("100% responsive");
        const QString under = QStringLiteral("snake_case names");
        const QString slash = QStringLiteral("Escapes \\n and \\t");
        const QString uber = QStringLiteral("Über uns");
        const QString sql = QStringLiteral("SQL joins");
        const QStringList all{percent, slash, html, sql, css, under, uber}; // BINARY: 'S' < 's' < 'Ü'

        QTest::newRow("no filter") << QString() << QString() << -1 << 0 << all;
        QTest::newRow("blank search is no search") << QStringLiteral("   ") << QString() << -1 << 0 << all;
        QTest::newRow("substring") << QStringLiteral("basic") << QString() << -1 << 0 << QStringList{html};
        QTest::newRow("case-insensitive") << QStringLiteral("html BASICS") << QString() << -1 << 0 << QStringList{html};
        QTest::newRow("search trimmed") << QStringLiteral("  css ") << QString() << -1 << 0 << QStringList{css};
        QTest::newRow("percent literal") << QStringLiteral("0%") << QString() << -1 << 0 << QStringList{percent};
        QTest::newRow("lone percent") << QStringLiteral("%") << QString() << -1 << 0 << QStringList{percent};
        QTest::newRow("underscore literal") << QStringLiteral("_") << QString() << -1 << 0 << QStringList{under};
        QTest::newRow("underscore is not any character") << QStringLiteral("e_c") << QString() << -1 << 0
                                                         << QStringList{under};
        QTest::newRow("backslash literal") << QStringLiteral("\\t") << QString() << -1 << 0 << QStringList{slash};
        QTest::newRow("non-ASCII") << QStringLiteral("Über") << QString() << -1 << 0 << QStringList{uber};
        QTest::newRow("no match") << QStringLiteral("zzz") << QString() << -1 << 0 << QStringList{};
        QTest::newRow("track exact") << QString() << QStringLiteral("web") << -1 << 0 << QStringList{percent, html, css};
        QTest::newRow("track is not a substring") << QString() << QStringLiteral("we") << -1 << 0 << QStringList{};
        QTest::newRow("track case matters") << QString() << QStringLiteral("Web") << -1 << 0 << QStringList{};
        QTest::newRow("published") << QString() << QString() << int(LessonStatus::Published) << 0
                                   << QStringList{html, sql, uber};
        QTest::newRow("draft") << QString() << QString() << int(LessonStatus::Draft) << 0
                               << QStringList{percent, slash, css, under};
        QTest::newRow("difficulty") << QString() << QString() << -1 << 3 << QStringList{slash, css};
        QTest::newRow("all combined") << QStringLiteral("s") << QStringLiteral("web") << int(LessonStatus::Draft) << 3
                                      << QStringList{css};
        QTest::newRow("combined, none left") << QStringLiteral("html") << QStringLiteral("web")
                                             << int(LessonStatus::Draft) << 0 << QStringList{};
    }

    void listFilters()
    {
        QFETCH(QString, search);
        QFETCH(QString, track);
        QFETCH(int, status);
        QFETCH(int, difficulty);
        QFETCH(QStringList, expectedTitles);
        const auto published = LessonStatus::Published;
        const auto draft = LessonStatus::Draft;
        addTitled(QStringLiteral("HTML basics"), QStringLiteral("web"), 1, published);
        addTitled(QStringLiteral("Styling with CSS"), QStringLiteral("web"), 3, draft);
        addTitled(QStringLiteral("100% responsive"), QStringLiteral("web"), 4, draft);
        addTitled(QStringLiteral("snake_case names"), QStringLiteral("python"), 2, draft);
        addTitled(QStringLiteral("Escapes \\n and \\t"), QStringLiteral("c"), 3, draft);
        addTitled(QStringLiteral("Über uns"), QStringLiteral("deutsch"), 1, published);
        addTitled(QStringLiteral("SQL joins"), QStringLiteral("data"), 5, published);

        LessonListQuery query;
        query.search = search;
        query.track = track;
        if (status >= 0)
            query.status = LessonStatus(status);
        query.difficulty = difficulty;
        query.sort = LessonSortField::Title;
        query.order = SortOrder::Ascending;
        const LessonPage page = await(m_lessons->list(query));
        QStringList found;
        for (const Lesson &lesson : page.items)
            found << lesson.title;
        QCOMPARE(found, expectedTitles);
        QCOMPARE(page.total, expectedTitles.size());

        // count: the same filters, page and sort ignored.
        query.page = 3;
        query.pageSize = 1;
        query.sort = LessonSortField::Difficulty;
        QCOMPARE(await(m_lessons->count(query)), expectedTitles.size());
    }

    void listSorts_data()
    {
        QTest::addColumn<LessonSortField>("field");
        QTest::addColumn<SortOrder>("order");
        QTest::addColumn<QList<int>>("expected"); // fixed ids, in order

        // Lessons 1..4 (see listSorts): 2 and 3 tie on title and created_at, 1 and 2 on
        // difficulty, 1 and 3 and 2 and 4 on track; ties go by id, in the sort's direction.
        const auto asc = SortOrder::Ascending;
        const auto desc = SortOrder::Descending;
        QTest::newRow("createdAt asc") << LessonSortField::CreatedAt << asc << QList<int>{1, 2, 3, 4};
        QTest::newRow("createdAt desc") << LessonSortField::CreatedAt << desc << QList<int>{4, 3, 2, 1};
        QTest::newRow("updatedAt asc") << LessonSortField::UpdatedAt << asc << QList<int>{4, 2, 1, 3};
        QTest::newRow("updatedAt desc") << LessonSortField::UpdatedAt << desc << QList<int>{3, 1, 2, 4};
        QTest::newRow("title asc") << LessonSortField::Title << asc << QList<int>{2, 3, 1, 4};
        QTest::newRow("title desc") << LessonSortField::Title << desc << QList<int>{4, 1, 3, 2};
        QTest::newRow("difficulty asc") << LessonSortField::Difficulty << asc << QList<int>{3, 1, 2, 4};
        QTest::newRow("difficulty desc") << LessonSortField::Difficulty << desc << QList<int>{4, 2, 1, 3};
        QTest::newRow("track asc") << LessonSortField::Track << asc << QList<int>{2, 4, 1, 3};
        QTest::newRow("track desc") << LessonSortField::Track << desc << QList<int>{3, 1, 4, 2};
    }

    void listSorts()
    {
        QFETCH(LessonSortField, field);
        QFETCH(SortOrder, order);
        QFETCH(QList<int>, expected);
        const auto lesson = [this](int n, const QString &title, const QString &track, int difficulty,
                                   const QDateTime &created, const QDateTime &updated) {
            Lesson l = newLesson(title, track, difficulty, LessonStatus::Draft, fixedId(n));
            l.createdAt = created;
            l.updatedAt = updated;
            add(l);
        };
        // Inserted out of id order, so neither rowid nor insertion order can pass for the id.
        lesson(3, QStringLiteral("Alpha"), QStringLiteral("web"), 1, at(2), at(4));
        lesson(1, QStringLiteral("Beta"), QStringLiteral("web"), 2, at(1), at(3));
        lesson(4, QStringLiteral("Gamma"), QStringLiteral("data"), 5, at(3), at(1));
        lesson(2, QStringLiteral("Alpha"), QStringLiteral("data"), 2, at(2), at(2));

        QStringList expectedIds;
        for (int n : expected)
            expectedIds << fixedId(n);

        LessonListQuery query;
        query.sort = field;
        query.order = order;
        QStringList ids;
        for (const Lesson &l : await(m_lessons->list(query)).items)
            ids << l.id;
        QCOMPARE(ids, expectedIds);

        // Page by page, one at a time: the same order, no row twice or skipped.
        QStringList paged;
        query.pageSize = 1;
        for (query.page = 1; query.page <= expected.size(); ++query.page) {
            const LessonPage page = await(m_lessons->list(query));
            QCOMPARE(page.items.size(), 1);
            paged << page.items.first().id;
        }
        QCOMPARE(paged, expectedIds);
    }

    void updateStoresMetadataAndItsEvent()
    {
        const Lesson lesson = addTitled(QStringLiteral("Intro"));
        const Lesson withContent = put(lesson, "<p>hello</p>");
        const QString key = contentKeyOf(lesson.id);

        const Lesson stored = await(m_lessons->update(retitle(withContent, QStringLiteral("Introduction"))));
        QCOMPARE(stored.version, 3);
        QCOMPARE(stored.title, QStringLiteral("Introduction"));
        QVERIFY(stored.hasContent);
        QCOMPARE(stored.createdAt, lesson.createdAt);
        QCOMPARE(*await(m_lessons->findById(lesson.id)), stored);
        QCOMPARE(contentKeyOf(lesson.id), key); // metadata only: the content stays
        QCOMPARE(await(m_lessons->content(lesson.id, 0)).html, QByteArray("<p>hello</p>"));
        QCOMPARE(await(m_lessons->content(lesson.id, 0)).version, 3);

        const SqlPeek peek(path());
        QCOMPARE(peek.scalar(QStringLiteral("SELECT type FROM events ORDER BY id DESC LIMIT 1")).toString(),
                 QStringLiteral("lesson.updated"));
        const QJsonObject payload = QJsonDocument::fromJson(
            peek.scalar(QStringLiteral("SELECT payload FROM events ORDER BY id DESC LIMIT 1")).toByteArray()).object();
        QCOMPARE(payload.value(QStringLiteral("title")).toString(), QStringLiteral("Introduction"));
        QCOMPARE(payload.value(QStringLiteral("version")).toInt(), 3);
    }

    void updateStaleVersionConflictsWithCurrentAttached()
    {
        const Lesson lesson = addTitled(QStringLiteral("Intro"));
        await(m_lessons->update(retitle(lesson, QStringLiteral("First edit"))));

        try {
            await(m_lessons->update(retitle(lesson, QStringLiteral("Second edit")))); // still based on version 1
            QFAIL("expected a ConflictError");
        } catch (const ConflictError &error) {
            QVERIFY(error.fieldErrors().isEmpty());
            QCOMPARE(error.statusCode(), 409);
            QVERIFY(error.current().canConvert<Lesson>());
            const Lesson current = error.current().value<Lesson>();
            QCOMPARE(current.title, QStringLiteral("First edit"));
            QCOMPARE(current.version, 2);
            QCOMPARE(current, *await(m_lessons->findById(lesson.id)));
        }
        const SqlPeek peek(path());
        QCOMPARE(peek.scalar(QStringLiteral("SELECT title FROM lessons")).toString(), QStringLiteral("First edit"));
        QCOMPARE(peek.scalar(QStringLiteral("SELECT version FROM lessons")).toInt(), 2);
        QCOMPARE(peek.count(QStringLiteral("events")), 2);
    }

    void updateMissingLessonIsNotFound()
    {
        const Lesson ghost = newLesson(QStringLiteral("Ghost"));
        QVERIFY_THROWS_EXCEPTION(NotFoundError, await(m_lessons->update(retitle(ghost, QStringLiteral("Boo")))));
        QCOMPARE(SqlPeek(path()).count(QStringLiteral("events")), 0);
    }

    void removeTakesProgressAndContentAndReturnsLesson()
    {
        const Lesson lesson = put(addTitled(QStringLiteral("Doomed")), "<p>old</p>");
        const Lesson kept = put(addTitled(QStringLiteral("Kept")), "<p>kept</p>");
        {
            const SqlPeek peek(path());
            for (int i = 0; i < 2; ++i) {
                QVERIFY(peek.exec(QStringLiteral("INSERT INTO users (id, email, username, password_hash) "
                                                 "VALUES ('u%1', 'u%1@example.com', 'u%1', 'x')").arg(i)));
                QVERIFY(peek.exec(QStringLiteral("INSERT INTO progress (user_id, lesson_id, score) VALUES ('u%1', '%2', 50)")
                                      .arg(i)
                                      .arg(lesson.id)));
            }
            QVERIFY(peek.exec(QStringLiteral("INSERT INTO progress (user_id, lesson_id) VALUES ('u0', '%1')").arg(kept.id)));
        }
        QCOMPARE(await(m_lessons->progressCount(lesson.id)), 2);
        QCOMPARE(await(m_lessons->progressCount(kept.id)), 1);
        // A revision a crash left unreferenced goes too.
        QFile orphan(lessonFolder(lesson.id) + QStringLiteral("/left-by-a-crash.html.tmp"));
        QVERIFY(orphan.open(QIODevice::WriteOnly));
        orphan.close();

        const Lesson removed = await(m_lessons->remove(lesson.id, deletion()));
        QCOMPARE(removed, lesson);
        QVERIFY(!await(m_lessons->findById(lesson.id)));
        QCOMPARE(await(m_lessons->progressCount(lesson.id)), 0);
        QCOMPARE(await(m_lessons->progressCount(kept.id)), 1);
        QVERIFY(!QFileInfo::exists(lessonFolder(lesson.id)));
        QCOMPARE(contentFiles(), QStringList{contentKeyOf(kept.id)});
        QCOMPARE(await(m_lessons->content(kept.id, 0)).html, QByteArray("<p>kept</p>"));
        QVERIFY_THROWS_EXCEPTION(NotFoundError, await(m_lessons->remove(lesson.id, deletion())));

        const SqlPeek peek(path());
        QCOMPARE(peek.count(QStringLiteral("progress")), 1);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT type FROM events ORDER BY id DESC LIMIT 1")).toString(),
                 QStringLiteral("lesson.deleted"));
        QCOMPARE(peek.scalar(QStringLiteral("SELECT subject_id FROM events ORDER BY id DESC LIMIT 1")).toString(),
                 lesson.id);
        const QJsonObject payload = QJsonDocument::fromJson(
            peek.scalar(QStringLiteral("SELECT payload FROM events ORDER BY id DESC LIMIT 1")).toByteArray()).object();
        QCOMPARE(payload.value(QStringLiteral("title")).toString(), QStringLiteral("Doomed"));
    }

    void contentRoundTripIsByteExact()
    {
        const Lesson lesson = addTitled(QStringLiteral("Unicode"));
        const LessonContent none = await(m_lessons->content(lesson.id, 0));
        QVERIFY(none.html.isEmpty());
        QCOMPARE(none.version, 1);

        // Non-ASCII in several scripts, an emoji, CRLF and a lone CR, trailing blanks, a BOM.
        const QByteArray html = QByteArray("\xEF\xBB\xBF") +
                                QStringLiteral("<h1>Café — 日本語 — Ελληνικά 🎉</h1>\r\n<p>x\ry  </p>\n  ").toUtf8();
        const Lesson stored = put(lesson, html);
        QCOMPARE(stored.version, 2);
        QVERIFY(stored.hasContent);
        QVERIFY(stored.updatedAt >= lesson.updatedAt);
        QCOMPARE(*await(m_lessons->findById(lesson.id)), stored);

        // On disk: one file, under its key, with exactly these bytes.
        const QString key = contentKeyOf(lesson.id);
        QVERIFY2(QRegularExpression(QStringLiteral("^lessons/%1/[0-9a-f-]{36}\\.html$").arg(lesson.id))
                     .match(key)
                     .hasMatch(),
                 qPrintable(key));
        QCOMPARE(contentFiles(), QStringList{key});
        QFile file(contentFolder() + QLatin1Char('/') + key);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), html);
        file.close();

        reopen(); // nothing cached: read back from the file
        const LessonContent read = await(m_lessons->content(lesson.id, 2));
        QCOMPARE(read.html, html);
        QCOMPARE(read.version, 2);

        // A new revision replaces the file; the old one is removed once the row names the new.
        const QByteArray next = QStringLiteral("<p>Ünïcödé, again</p>").toUtf8();
        const Lesson again = put(stored, next);
        QCOMPARE(again.version, 3);
        QVERIFY(contentKeyOf(lesson.id) != key);
        QCOMPARE(contentFiles(), QStringList{contentKeyOf(lesson.id)});
        QCOMPARE(await(m_lessons->content(lesson.id, 0)).html, next);

        // Empty content is content: a file of no bytes.
        const Lesson emptied = put(again, QByteArray());
        QVERIFY(emptied.hasContent);
        QCOMPARE(await(m_lessons->content(lesson.id, 0)).html, QByteArray());
        QCOMPARE(await(m_lessons->content(lesson.id, 0)).version, 4);

        const SqlPeek peek(path());
        QCOMPARE(peek.scalar(QStringLiteral("SELECT type FROM events ORDER BY id DESC LIMIT 1")).toString(),
                 QStringLiteral("lesson.content_updated"));
        const QJsonObject payload = QJsonDocument::fromJson(
            peek.scalar(QStringLiteral("SELECT payload FROM events WHERE type = 'lesson.content_updated' ORDER BY id "
                                       "LIMIT 1")).toByteArray()).object();
        QCOMPARE(payload.value(QStringLiteral("bytes")).toInteger(), html.size());
        QCOMPARE(payload.value(QStringLiteral("version")).toInt(), 2);
    }

    void putContentStaleVersionLeavesOldContentAndVersion()
    {
        const Lesson lesson = addTitled(QStringLiteral("Contended"));
        const Lesson mine = put(lesson, "<p>first</p>");
        const QStringList filesBefore = contentFiles();
        try {
            put(lesson, "<p>stale</p>"); // based on version 1, the store has 2
            QFAIL("expected a ConflictError");
        } catch (const ConflictError &error) {
            QVERIFY(error.fieldErrors().isEmpty());
            QVERIFY(error.current().canConvert<Lesson>());
            QCOMPARE(error.current().value<Lesson>(), mine);
        }
        QCOMPARE(contentFiles(), filesBefore);
        const LessonContent content = await(m_lessons->content(lesson.id, 0));
        QCOMPARE(content.html, QByteArray("<p>first</p>"));
        QCOMPARE(content.version, 2);
        QCOMPARE(eventTypes(), (QStringList{QStringLiteral("lesson.created"), QStringLiteral("lesson.content_updated")}));

        // A metadata edit moves the version on too: content based on the older one is stale.
        const Lesson renamed = await(m_lessons->update(retitle(mine, QStringLiteral("Renamed"))));
        QVERIFY_THROWS_EXCEPTION(ConflictError, put(mine, "<p>late</p>"));
        QCOMPARE(put(renamed, "<p>late</p>").version, 4);
    }

    void failedContentWriteChangesNothing_data()
    {
        QTest::addColumn<QString>("how");
        QTest::addColumn<QString>("reason"); // part of the message
        QTest::newRow("file in place of the lesson's folder") << QStringLiteral("lesson folder is a file")
                                                              << QStringLiteral("is a file, not a folder");
        QTest::newRow("file in place of the content folder") << QStringLiteral("content folder is a file")
                                                             << QStringLiteral("store-content is a file, not a folder");
        QTest::newRow("disk full (file size limit)") << QStringLiteral("file size limit") << QStringLiteral(".html.tmp: ");
        QTest::newRow("read-only lesson folder") << QStringLiteral("read-only") << QStringLiteral(".html.tmp: ");
    }

    void failedContentWriteChangesNothing()
    {
        QFETCH(QString, how);
        const Lesson lesson = addTitled(QStringLiteral("Fragile"));
        const QByteArray oldHtml("<p>old</p>");
        Lesson before = lesson;
        const QByteArray bigHtml(256 * 1024, 'x');
        std::exception_ptr failure;
        const auto attempt = [&] {
            try {
                put(before, bigHtml);
            } catch (...) {
                failure = std::current_exception();
            }
        };

        if (how == QLatin1String("lesson folder is a file")) {
            QVERIFY(QDir().mkpath(contentFolder() + QStringLiteral("/lessons")));
            QFile blocker(lessonFolder(lesson.id));
            QVERIFY(blocker.open(QIODevice::WriteOnly));
            blocker.close();
            attempt();
        } else if (how == QLatin1String("content folder is a file")) {
            QFile blocker(contentFolder());
            QVERIFY(blocker.open(QIODevice::WriteOnly));
            blocker.close();
            attempt();
        } else if (how == QLatin1String("file size limit")) {
#ifdef Q_OS_UNIX
            before = put(lesson, oldHtml);
            const FileSizeLimit limit(64 * 1024);
            attempt();
#else
            QSKIP("needs setrlimit");
#endif
        } else {
#ifdef Q_OS_UNIX
            if (::geteuid() == 0)
                QSKIP("root writes into read-only folders");
#endif
            before = put(lesson, oldHtml);
            QVERIFY(QFile::setPermissions(lessonFolder(lesson.id), QFile::ReadOwner | QFile::ExeOwner));
            attempt();
            QFile::setPermissions(lessonFolder(lesson.id),
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        }

        QVERIFY2(failure, "the write should have failed");
        try {
            std::rethrow_exception(failure);
        } catch (const StoreError &error) {
            // Names where it could not write, and why.
            QVERIFY2(error.message().contains(QDir::toNativeSeparators(contentFolder())), qPrintable(error.message()));
            QVERIFY2(!error.message().contains(QLatin1String("Unknown error")), qPrintable(error.message()));
            QFETCH(QString, reason);
            QVERIFY2(error.message().contains(reason), qPrintable(error.message()));
            QVERIFY2(error.message().startsWith(QLatin1String("Cannot store the lesson content")),
                     qPrintable(error.message()));
        }

        // Nothing changed: the row, its content, the events, and no file left behind.
        QCOMPARE(*await(m_lessons->findById(lesson.id)), before);
        const LessonContent content = await(m_lessons->content(lesson.id, 0));
        QCOMPARE(content.version, before.version);
        QCOMPARE(content.html, before.hasContent ? oldHtml : QByteArray());
        QCOMPARE(SqlPeek(path()).count(QStringLiteral("events")), before.version); // created (+ first content)
        if (before.hasContent)
            QCOMPARE(contentFiles(), QStringList{contentKeyOf(lesson.id)});
        else
            QVERIFY(contentKeyOf(lesson.id).isEmpty());
        const QStringList leftovers = contentFiles().filter(QStringLiteral(".tmp"));
        QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(QLatin1Char(' '))));
    }

    void failedCommitRemovesTheNewRevision()
    {
        const Lesson lesson = put(addTitled(QStringLiteral("Half")), "<p>old</p>");
        const QStringList filesBefore = contentFiles();
        // The file is written, then the transaction fails (here: the audit insert).
        QVERIFY(SqlPeek(path()).exec(QStringLiteral(
            "CREATE TRIGGER refuse_events BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'no more events'); END")));
        try {
            put(lesson, "<p>new</p>");
            QFAIL("expected a StoreError");
        } catch (const StoreError &error) {
            QVERIFY2(error.message().contains(QStringLiteral("no more events")), qPrintable(error.message()));
        }
        QCOMPARE(contentFiles(), filesBefore);
        QCOMPARE(*await(m_lessons->findById(lesson.id)), lesson);
        QCOMPARE(await(m_lessons->content(lesson.id, 0)).html, QByteArray("<p>old</p>"));
    }

    void missingOrForeignContentFileIsAClearError()
    {
        const Lesson lesson = put(addTitled(QStringLiteral("Lost")), "<p>here</p>");
        const QString key = contentKeyOf(lesson.id);
        QVERIFY(QFile::remove(contentFolder() + QLatin1Char('/') + key));
        try {
            await(m_lessons->content(lesson.id, 0));
            QFAIL("expected a StoreError");
        } catch (const StoreError &error) {
            QVERIFY2(error.message().contains(QStringLiteral("Lost")) && error.message().contains(key),
                     qPrintable(error.message()));
        }

        // A hand-edited row cannot point outside the content folder.
        QVERIFY(SqlPeek(path()).exec(
            QStringLiteral("UPDATE lessons SET content_key = 'lessons/../../store.db' WHERE id = '%1'").arg(lesson.id)));
        QVERIFY_THROWS_EXCEPTION(StoreError, await(m_lessons->content(lesson.id, 0)));
    }

    void everyWriteRecordsItsEvent()
    {
        const Lesson lesson = addTitled(QStringLiteral("Audited"));
        const Lesson edited = await(m_lessons->update(retitle(lesson, QStringLiteral("Audited twice"))));
        put(edited, "<p>x</p>");
        await(m_lessons->remove(lesson.id, deletion()));
        QCOMPARE(eventTypes(), (QStringList{QStringLiteral("lesson.created"), QStringLiteral("lesson.updated"),
                                            QStringLiteral("lesson.content_updated"), QStringLiteral("lesson.deleted")}));
        const SqlPeek peek(path());
        QCOMPARE(peek.scalar(QStringLiteral("SELECT COUNT(*) FROM events WHERE subject_type = 'lesson' AND "
                                            "subject_id = ?"), {lesson.id}).toInt(), 4);
    }

    void backendServesLessonsThroughTheCache()
    {
        QVERIFY(dynamic_cast<CachedLessonRepository *>(&m_store->lessons()));
        LessonRepository &lessons = m_store->lessons();
        const Lesson lesson = newLesson(QStringLiteral("Wired"));
        const Lesson created = await(lessons.insert(lesson, DomainEvent::lessonCreated(lesson, m_actor)));
        const Lesson stored = await(lessons.putContent(created.id, "<p>wired</p>", 1, contentEvent(12)));
        QCOMPARE(await(lessons.content(created.id, 0)).html, QByteArray("<p>wired</p>"));
        QCOMPARE(*await(lessons.findById(created.id)), stored);
        // The same file, seen without the cache.
        QCOMPARE(await(m_lessons->content(created.id, 0)).html, QByteArray("<p>wired</p>"));
        QCOMPARE(await(lessons.remove(created.id, deletion())), stored);
        QVERIFY(!await(lessons.findById(created.id)));
        QVERIFY(contentFiles().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLessonRepository)
#include "tst_lessonrepository.moc"
