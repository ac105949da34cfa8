// LessonArchive: the lesson file format (parsing, every problem with its line), export and
// import through the lesson handlers, and the import's undo when a write fails midway or the
// import is cancelled. Above the port: an in-memory store that can fail its N-th write; and
// the same undo against the real embedded store, through a port that fails its N-th write.

#include "TestStore.h"

#include "application/EventBus.h"
#include "application/lessons/LessonArchive.h"
#include "application/lessons/LessonExporter.h"
#include "application/lessons/LessonImporter.h"
#include "domain/Errors.h"

#include <QCoro/QCoroTask>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <algorithm>
#include <exception>
#include <functional>
#include <memory>
#include <optional>

using namespace edge;
using edge::test::await;

namespace {

// ---- an in-memory store --------------------------------------------------------------------
// (It co_returns copies of what it keeps, never the kept lvalue: QCoro 0.8's
// return_value(U &&) moves from a non-const lvalue, which would empty the stored lesson.)

class MemoryLessons final : public LessonRepository
{
public:
    struct Stored
    {
        Lesson lesson;
        QByteArray content;
        qint64 sequence = 0; // creation order
    };

    int writes = 0;            // insert, update, remove, putContent that were attempted
    int failAtWrite = 0;       // 1-based: that write throws instead of writing; 0: never
    std::function<void(int write)> beforeWrite; // runs before every write (another editor, ...)
    QList<Lesson> writeLog;    // the lesson after each successful write

    Lesson add(const QString &title, const QString &track, int difficulty, LessonStatus status,
               const std::optional<QByteArray> &content = std::nullopt)
    {
        Lesson lesson;
        lesson.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        lesson.title = title;
        lesson.track = track;
        lesson.difficulty = difficulty;
        lesson.status = status;
        lesson.hasContent = content.has_value();
        lesson.version = 1;
        lesson.createdAt = lesson.updatedAt = QDateTime::currentDateTimeUtc();
        m_lessons.insert(lesson.id, {lesson, content.value_or(QByteArray()), ++m_sequence});
        return lesson;
    }
    // Someone else's change: bumps the version.
    void editElsewhere(const QString &id, int difficulty)
    {
        Stored &stored = m_lessons[id];
        stored.lesson.difficulty = difficulty;
        stored.lesson.version += 1;
    }
    std::optional<Stored> stored(const QString &id) const
    {
        return m_lessons.contains(id) ? std::optional<Stored>(m_lessons.value(id)) : std::nullopt;
    }
    QList<Stored> all() const
    {
        QList<Stored> list = m_lessons.values();
        std::sort(list.begin(), list.end(), [](const Stored &a, const Stored &b) { return a.sequence < b.sequence; });
        return list;
    }
    // What a learner or editor sees (versions and ids aside), sorted.
    QStringList state() const
    {
        QStringList lines;
        for (const Stored &stored : m_lessons)
            lines << QStringLiteral("%1|%2|%3|%4|%5")
                         .arg(stored.lesson.track, stored.lesson.title)
                         .arg(stored.lesson.difficulty)
                         .arg(lessonStatusToString(stored.lesson.status), QString::fromUtf8(stored.content));
        lines.sort();
        return lines;
    }

    QCoro::Task<std::optional<Lesson>> findById(QString id) override
    {
        if (!m_lessons.contains(id))
            co_return std::nullopt;
        co_return m_lessons.value(id).lesson;
    }

    QCoro::Task<LessonPage> list(LessonListQuery query) override
    {
        QList<Stored> matching;
        for (const Stored &stored : all()) {
            const Lesson &l = stored.lesson;
            if ((query.track.isEmpty() || l.track == query.track) && (!query.status || l.status == *query.status)
                && (query.difficulty == 0 || l.difficulty == query.difficulty)
                && l.title.contains(query.search, Qt::CaseInsensitive))
                matching.append(stored);
        }
        if (query.order == SortOrder::Descending)
            std::reverse(matching.begin(), matching.end());
        LessonPage page;
        page.page = query.page;
        page.pageSize = query.pageSize;
        page.total = matching.size();
        page.totalPages = int((matching.size() + query.pageSize - 1) / query.pageSize);
        for (qsizetype i = qsizetype(query.page - 1) * query.pageSize;
             i < matching.size() && page.items.size() < query.pageSize; ++i)
            page.items.append(matching.at(i).lesson);
        co_return page;
    }

    QCoro::Task<qint64> count(LessonListQuery query) override
    {
        const LessonPage page = co_await list(query);
        co_return page.total;
    }

    QCoro::Task<qint64> progressCount(QString id) override
    {
        Q_UNUSED(id)
        co_return 0;
    }

    QCoro::Task<Lesson> insert(Lesson lesson, DomainEvent event) override
    {
        Q_UNUSED(event)
        write();
        m_lessons.insert(lesson.id, {lesson, {}, ++m_sequence});
        writeLog.append(lesson);
        co_return lesson;
    }

    QCoro::Task<Lesson> update(LessonWrite change) override
    {
        write();
        if (!m_lessons.contains(change.lesson.id))
            throw NotFoundError(QStringLiteral("Lesson"), change.lesson.id);
        Stored &stored = m_lessons[change.lesson.id];
        if (stored.lesson.version != change.expectedVersion)
            throw staleLessonConflict(stored.lesson, change.expectedVersion);
        const bool hasContent = stored.lesson.hasContent;
        stored.lesson = change.lesson;
        stored.lesson.hasContent = hasContent;
        writeLog.append(stored.lesson);
        co_return Lesson(stored.lesson);
    }

    QCoro::Task<Lesson> remove(QString id, LessonEvent describe) override
    {
        Q_UNUSED(describe)
        write();
        if (!m_lessons.contains(id))
            throw NotFoundError(QStringLiteral("Lesson"), id);
        const Lesson removed = m_lessons.take(id).lesson;
        writeLog.append(removed);
        co_return removed;
    }

    QCoro::Task<LessonContent> content(QString id, int knownVersion) override
    {
        Q_UNUSED(knownVersion)
        if (!m_lessons.contains(id) || !m_lessons.value(id).lesson.hasContent)
            throw NotFoundError(QStringLiteral("Lesson content"), id); // as the Worker: 404
        const Stored &stored = m_lessons[id];
        co_return LessonContent{stored.content, stored.lesson.version};
    }

    QCoro::Task<Lesson> putContent(QString id, QByteArray html, int expectedVersion, LessonEvent describe) override
    {
        Q_UNUSED(describe)
        write();
        if (!m_lessons.contains(id))
            throw NotFoundError(QStringLiteral("Lesson"), id);
        Stored &stored = m_lessons[id];
        if (stored.lesson.version != expectedVersion)
            throw staleLessonConflict(stored.lesson, expectedVersion);
        stored.content = html;
        stored.lesson.hasContent = true;
        stored.lesson = stored.lesson.bumped();
        writeLog.append(stored.lesson);
        co_return Lesson(stored.lesson);
    }

private:
    void write()
    {
        ++writes;
        if (beforeWrite)
            beforeWrite(writes);
        if (writes == failAtWrite)
            throw DomainError(ErrorKind::Unavailable, QStringLiteral("The Worker cannot be reached (write %1)").arg(writes));
    }

    QHash<QString, Stored> m_lessons;
    qint64 m_sequence = 0;
};

// A real store's lessons, failing the N-th write (before it reaches the store).
class FailingLessons final : public LessonRepository
{
public:
    explicit FailingLessons(LessonRepository &store) : m_store(store) {}

    int failAtWrite = 0;

    QCoro::Task<std::optional<Lesson>> findById(QString id) override { return m_store.findById(id); }
    QCoro::Task<LessonPage> list(LessonListQuery query) override { return m_store.list(query); }
    QCoro::Task<qint64> count(LessonListQuery query) override { return m_store.count(query); }
    QCoro::Task<qint64> progressCount(QString id) override { return m_store.progressCount(id); }
    QCoro::Task<LessonContent> content(QString id, int knownVersion) override { return m_store.content(id, knownVersion); }
    QCoro::Task<Lesson> insert(Lesson lesson, DomainEvent event) override
    {
        write();
        return m_store.insert(lesson, event);
    }
    QCoro::Task<Lesson> update(LessonWrite change) override
    {
        write();
        return m_store.update(change);
    }
    QCoro::Task<Lesson> remove(QString id, LessonEvent describe) override
    {
        write();
        return m_store.remove(id, describe);
    }
    QCoro::Task<Lesson> putContent(QString id, QByteArray html, int expectedVersion, LessonEvent describe) override
    {
        write();
        return m_store.putContent(id, html, expectedVersion, describe);
    }

private:
    // Not coroutines themselves: a failure throws from the call, as a store that refuses at
    // once; the handlers await the call inside their own coroutine, which catches it the same.
    void write()
    {
        if (++m_writes == failAtWrite)
            throw DomainError(ErrorKind::Unavailable, QStringLiteral("The store went away (write %1)").arg(m_writes));
    }

    LessonRepository &m_store;
    int m_writes = 0;
};

// Every lesson of a store as a learner or editor sees it (versions and ids aside), sorted.
QStringList stateOf(LessonQueryHandler &queries)
{
    LessonListQuery query;
    query.pageSize = LessonListQuery::MaxPageSize;
    QStringList lines;
    for (const Lesson &lesson : await(queries.list(query)).items) {
        const QByteArray content = lesson.hasContent ? await(queries.content(lesson.id, lesson.version)).html : QByteArray();
        lines << QStringLiteral("%1|%2|%3|%4|%5")
                     .arg(lesson.track, lesson.title)
                     .arg(lesson.difficulty)
                     .arg(lessonStatusToString(lesson.status), QString::fromUtf8(content));
    }
    lines.sort();
    return lines;
}

// A store with its handlers.
struct Store
{
    MemoryLessons lessons;
    EventBus events;
    LessonCommandHandler commands{lessons, events, Actor{QString(), QStringLiteral("local:tester")}};
    LessonQueryHandler queries{lessons};
    LessonImporter importer{commands, queries};
    LessonExporter exporter{queries, QStringLiteral("/tmp/source.db")};
};

// A valid lesson file, one key per line: "format" on line 2, "formatVersion" 3, "title" 4,
// "track" 5, "difficulty" 6, "status" 7, "exportedFrom" 8, "content" 9. Each change replaces
// a key's raw JSON value (an empty value removes the key; a new key goes at the end).
QByteArray lessonFile(const QList<QPair<QString, QByteArray>> &changes = {})
{
    QList<QPair<QString, QByteArray>> fields{
        {QStringLiteral("format"), "\"edge-admin-lesson\""},
        {QStringLiteral("formatVersion"), "1"},
        {QStringLiteral("title"), "\"Fractions\""},
        {QStringLiteral("track"), "\"math\""},
        {QStringLiteral("difficulty"), "2"},
        {QStringLiteral("status"), "\"draft\""},
        {QStringLiteral("exportedFrom"), "{\"id\": \"x\", \"version\": 1, \"store\": \"s\"}"},
        {QStringLiteral("content"), "\"<p>Hi</p>\""},
    };
    for (const auto &[key, value] : changes) {
        const auto it = std::find_if(fields.begin(), fields.end(), [&key](const auto &field) { return field.first == key; });
        if (it != fields.end() && value.isEmpty())
            fields.erase(it);
        else if (it != fields.end() && !key.startsWith(QLatin1Char('+')))
            it->second = value;
        else
            fields.append({key.startsWith(QLatin1Char('+')) ? key.mid(1) : key, value});
    }
    QByteArray json("{\n");
    for (qsizetype i = 0; i < fields.size(); ++i)
        json += "    \"" + fields[i].first.toUtf8() + "\": " + fields[i].second + (i + 1 < fields.size() ? ",\n" : "\n");
    return json + "}\n";
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString problemsText(const QList<ArchiveProblem> &problems)
{
    QStringList lines;
    for (const ArchiveProblem &problem : problems)
        lines << problem.toString();
    return lines.join(QLatin1Char('\n'));
}

// HTML no text editor would leave alone: CRLF, a tab, NUL, quotes, backslashes, non-BMP.
constexpr char TrickyLiteral[] = "<p class=\"a\\b\">caf\xC3\xA9 \xF0\x9F\x98\x80</p>\r\n\t<pre>\x00 \"q\" \\n</pre></script>\n";
const QByteArray TrickyHtml(TrickyLiteral, sizeof(TrickyLiteral) - 1);

} // namespace

class TestLessonArchive final : public QObject
{
    Q_OBJECT

private:
    // The target of the undo cases: Alpha is updated (difficulty, content; it stays a draft),
    // Beta's content changes (published), Gamma is unchanged; Delta (published, with content)
    // and Epsilon (a draft without content) are created. 2 + 1 + 0 + 3 + 1 = 7 writes.
    static void seedUndoTarget(MemoryLessons &lessons)
    {
        lessons.add(QStringLiteral("Alpha"), QStringLiteral("math"), 1, LessonStatus::Draft, QByteArray("<p>old alpha</p>"));
        lessons.add(QStringLiteral("Beta"), QStringLiteral("math"), 2, LessonStatus::Published, QByteArray("<p>old beta</p>"));
        lessons.add(QStringLiteral("Gamma"), QStringLiteral("math"), 3, LessonStatus::Draft, QByteArray("<p>gamma</p>"));
        lessons.add(QStringLiteral("Other track"), QStringLiteral("art"), 1, LessonStatus::Draft);
    }
    static LessonBatch undoBatch()
    {
        const auto lesson = [](const char *title, int difficulty, const char *status, const QByteArray &content) {
            ArchivedLesson lesson;
            lesson.file = QString::fromLatin1(title).toLower() + QStringLiteral(".lesson.json");
            lesson.title = QString::fromLatin1(title);
            lesson.track = QStringLiteral("math");
            lesson.difficulty = difficulty;
            lesson.status = QString::fromLatin1(status);
            lesson.content = content;
            return lesson;
        };
        LessonBatch batch;
        batch.lessons = {lesson("Alpha", 3, "draft", "<p>new alpha</p>"),
                         lesson("Beta", 2, "published", "<p>new beta</p>"),
                         lesson("Gamma", 3, "draft", "<p>gamma</p>"),
                         lesson("Delta", 4, "published", "<p>delta</p>"),
                         lesson("Epsilon", 5, "draft", "")};
        return batch;
    }
    static constexpr int UndoBatchWrites = 7;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString path(const QString &name) const { return m_dir->filePath(name); }

private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void cleanup() { m_dir.reset(); }

    // ---- the format ----------------------------------------------------------------------

    void aValidFileParses()
    {
        const LessonBatch batch = LessonArchive::parse(lessonFile(), QStringLiteral("f.lesson.json"));
        QVERIFY2(batch.isValid(), qPrintable(problemsText(batch.problems)));
        QCOMPARE(batch.lessons.size(), 1);
        const ArchivedLesson &lesson = batch.lessons.first();
        QCOMPARE(lesson.title, QStringLiteral("Fractions"));
        QCOMPARE(lesson.track, QStringLiteral("math"));
        QCOMPARE(lesson.difficulty, 2);
        QCOMPARE(lesson.status, QStringLiteral("draft"));
        QCOMPARE(lesson.content, QByteArray("<p>Hi</p>"));
        QCOMPARE(lesson.sourceId, QStringLiteral("x"));
        QCOMPARE(lesson.titleLine, 4);
        QVERIFY(batch.warnings.isEmpty());
    }

    void problemsNameFieldAndLine_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("field");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("text"); // part of the problem
        const auto file = [](const char *key, const QByteArray &value) { return lessonFile({{QString::fromLatin1(key), value}}); };

        QTest::newRow("title missing") << file("title", "") << "title" << 0 << "missing";
        QTest::newRow("title a number") << file("title", "5") << "title" << 4 << "must be text (got a number)";
        QTest::newRow("title blank") << file("title", "\"   \"") << "title" << 4 << "Title must not be empty";
        QTest::newRow("title too long") << file("title", '"' + QByteArray(201, 'x') + '"') << "title" << 4 << "at most 200";
        QTest::newRow("title control") << file("title", "\"a\\u0007b\"") << "title" << 4 << "control characters";
        QTest::newRow("title bidi override") << file("title", "\"\\u202Eabc\"") << "title" << 4 << "invisible";
        QTest::newRow("track slash") << file("track", "\"a/b\"") << "track" << 5 << "only letters, digits";
        QTest::newRow("track null") << file("track", "null") << "track" << 5 << "got null";
        QTest::newRow("difficulty text") << file("difficulty", "\"2\"") << "difficulty" << 6 << "whole number (got text)";
        QTest::newRow("difficulty fraction") << file("difficulty", "2.5") << "difficulty" << 6 << "whole number (got 2.5)";
        QTest::newRow("difficulty 9") << file("difficulty", "9") << "difficulty" << 6 << "from 1 to 5";
        QTest::newRow("status live") << file("status", "\"live\"") << "status" << 7 << "\"draft\" or \"published\"";
        QTest::newRow("exportedFrom a list") << file("exportedFrom", "[]") << "exportedFrom" << 8 << "an object";
        QTest::newRow("exportedFrom version") << file("exportedFrom", "{\"version\": \"3\"}") << "exportedFrom.version"
                                              << 8 << "whole number";
        QTest::newRow("content missing") << file("content", "") << "content" << 0 << "missing";
        QTest::newRow("content a list") << file("content", "[\"<p>\"]") << "content" << 9 << "got a list";
        QTest::newRow("content lone surrogate") << file("content", "\"a\\ud800b\"") << "content" << 9 << "surrogate";
        QTest::newRow("content over 2 MiB") << file("content", '"' + QByteArray(Lesson::MaxContentBytes + 1, 'x') + '"')
                                            << "content" << 9 << "limit is 2097152 bytes";
        QTest::newRow("format other") << file("format", "\"something-else\"") << "format" << 2 << "not an Edge Admin lesson";
        QTest::newRow("format missing") << file("format", "") << "format" << 0 << "not an Edge Admin lesson";
        QTest::newRow("format version 2") << file("formatVersion", "2") << "formatVersion" << 3 << "newer Edge Admin";
        QTest::newRow("format version text") << file("formatVersion", "\"1\"") << "formatVersion" << 3 << "whole number";
        QTest::newRow("unknown field") << file("tags", "[]") << "tags" << 10 << "unknown field";
        QTest::newRow("key twice") << lessonFile({{QStringLiteral("+title"), "\"Again\""}}) << "title" << 10
                                   << "more than once (line 4 too)";

        QByteArray noComma = lessonFile();
        noComma.replace("\"Fractions\",", "\"Fractions\"");
        QTest::newRow("malformed: no comma") << noComma << "json" << 5 << "malformed JSON at line 5, column 5";
        QByteArray cut = lessonFile();
        cut.truncate(cut.indexOf("\"track\""));
        QTest::newRow("malformed: cut short") << cut << "json" << 5 << "malformed JSON at line 5, column 5";
        QByteArray accented = lessonFile({{QStringLiteral("title"), "\"Caf\xC3\xA9\" x"}});
        QTest::newRow("malformed after a non-ASCII character: column in characters")
            << accented << "json" << 4 << "malformed JSON at line 4, column 21";
        QTest::newRow("empty file") << QByteArray() << "json" << 1 << "malformed JSON at line 1";
        QTest::newRow("a list, not an object") << QByteArray("[1, 2]\n") << "json" << 1 << "not a list";
        QTest::newRow("Latin-1, not UTF-8") << file("title", "\"Caf\xE9\"") << "encoding" << 4 << "byte 0xe9 at column 18";
        QTest::newRow("overlong UTF-8") << file("title", "\"\xC0\xAF\"") << "encoding" << 4 << "byte 0xc0";
        QTest::newRow("UTF-16") << QByteArray("\xFF\xFE{\x00}\x00", 6) << "encoding" << 1 << "byte 0xff";
    }

    void problemsNameFieldAndLine()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, field);
        QFETCH(int, line);
        QFETCH(QString, text);
        const LessonBatch batch = LessonArchive::parse(bytes, QStringLiteral("dir/f.lesson.json"));
        QVERIFY(!batch.isValid());
        QVERIFY(batch.lessons.isEmpty());
        QCOMPARE(batch.problems.size(), 1);
        const ArchiveProblem &problem = batch.problems.first();
        QVERIFY2(problem.problem.contains(text), qPrintable(problem.toString()));
        QCOMPARE(problem.field, field);
        QCOMPARE(problem.line, line);
        QCOMPARE(problem.file, QStringLiteral("dir/f.lesson.json"));
        QVERIFY(problem.toString().startsWith(QStringLiteral("dir/f.lesson.json:%1: %2: ").arg(line).arg(field)));
    }

    void everyProblemOfAFileIsReported()
    {
        const LessonBatch batch = LessonArchive::parse(
            lessonFile({{QStringLiteral("title"), "\"\""}, {QStringLiteral("difficulty"), "0"},
                        {QStringLiteral("status"), "\"Published\""}, {QStringLiteral("track"), ""}}),
            QStringLiteral("f"));
        QStringList fields;
        for (const ArchiveProblem &problem : batch.problems)
            fields << problem.field;
        fields.sort();
        QCOMPARE(fields, (QStringList{QStringLiteral("difficulty"), QStringLiteral("status"), QStringLiteral("title"),
                                      QStringLiteral("track")}));
    }

    void aByteOrderMarkIsAccepted()
    {
        const LessonBatch batch = LessonArchive::parse("\xEF\xBB\xBF" + lessonFile(), QStringLiteral("f"));
        QVERIFY2(batch.isValid(), qPrintable(problemsText(batch.problems)));
    }

    void unsafeHtmlIsAWarningNotAProblem()
    {
        const LessonBatch batch = LessonArchive::parse(
            lessonFile({{QStringLiteral("content"), "\"<p>a</p>\\n<img src=x onerror=\\\"alert(1)\\\"><script>x()</script>\""}}),
            QStringLiteral("f"));
        QVERIFY(batch.isValid());
        QCOMPARE(batch.warnings.size(), 2);
        QCOMPARE(batch.warnings.first().field, QStringLiteral("content"));
        QCOMPARE(batch.warnings.first().line, 9);
        QVERIFY2(batch.warnings.first().problem.contains(QStringLiteral("line 2")), qPrintable(batch.warnings.first().problem));
    }

    void aFolderIsCheckedAsAWhole()
    {
        writeFile(path(QStringLiteral("a.lesson.json")), lessonFile());
        writeFile(path(QStringLiteral("b.lesson.json")), lessonFile({{QStringLiteral("title"), "\"  Fractions \""}}));
        writeFile(path(QStringLiteral("c.lesson.json")), lessonFile({{QStringLiteral("difficulty"), "7"}}));
        writeFile(path(QStringLiteral("d.lesson.json")), lessonFile({{QStringLiteral("title"), "\"Decimals\""}}));
        writeFile(path(QStringLiteral("notes.txt")), "not a lesson");
        const LessonBatch batch = LessonArchive::read(m_dir->path());
        QCOMPARE(batch.lessons.size(), 3); // a, b, d (c has a problem)
        QCOMPARE(problemsText(batch.problems).count(QLatin1Char('\n')), 1);
        const QString b = QDir::cleanPath(m_dir->path() + QStringLiteral("/b.lesson.json"));
        const QString c = QDir::cleanPath(m_dir->path() + QStringLiteral("/c.lesson.json"));
        QCOMPARE(batch.problems.at(0).file, c);
        QCOMPARE(batch.problems.at(0).line, 6);
        QCOMPARE(batch.problems.at(1).file, b); // same track and title as a, once trimmed
        QCOMPARE(batch.problems.at(1).field, QStringLiteral("title"));
        QCOMPARE(batch.problems.at(1).line, 4);
        QVERIFY2(batch.problems.at(1).problem.contains(QStringLiteral("a.lesson.json")), qPrintable(problemsText(batch.problems)));
    }

    void missingAndEmptyPlacesAreProblems()
    {
        LessonBatch batch = LessonArchive::read(path(QStringLiteral("nothing-here.lesson.json")));
        QCOMPARE(batch.problems.size(), 1);
        QCOMPARE(batch.problems.first().field, QStringLiteral("file"));
        QVERIFY(batch.problems.first().problem.contains(QStringLiteral("does not exist")));

        batch = LessonArchive::read(m_dir->path());
        QCOMPARE(batch.problems.size(), 1);
        QVERIFY(batch.problems.first().problem.contains(QStringLiteral("no *.lesson.json")));

        // A folder whose name looks like a lesson file is read as a folder.
        QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("x.lesson.json")));
        batch = LessonArchive::read(path(QStringLiteral("x.lesson.json")));
        QCOMPARE(batch.problems.size(), 1);
        QVERIFY2(batch.problems.first().problem.contains(QStringLiteral("no *.lesson.json")), qPrintable(problemsText(batch.problems)));
    }

    void anUnreadableFileIsAProblem()
    {
        const QString file = path(QStringLiteral("locked.lesson.json"));
        writeFile(file, lessonFile());
        QFile::setPermissions(file, QFileDevice::Permissions());
        QFile probe(file);
        if (probe.open(QIODevice::ReadOnly))
            QSKIP("running with rights that read any file (root)");
        const LessonBatch batch = LessonArchive::read(file);
        QCOMPARE(batch.problems.size(), 1);
        QCOMPARE(batch.problems.first().field, QStringLiteral("file"));
        QVERIFY(batch.problems.first().problem.startsWith(QStringLiteral("cannot be read")));
    }

    void toJsonRoundTripsByteForByte()
    {
        Lesson lesson;
        lesson.id = QStringLiteral("8c1e9a0e-3b7a-4c55-9d6e-2f1a0b9c8d7e");
        lesson.title = QStringLiteral("Caf\u00e9 \"quotes\" \\ and \u00fcml\u00e4uts");
        lesson.track = QStringLiteral("math basics");
        lesson.difficulty = 4;
        lesson.status = LessonStatus::Published;
        lesson.version = 7;
        const QByteArray json = LessonArchive::toJson(lesson, TrickyHtml, QStringLiteral("/tmp/a.db"));

        // Pretty-printed, in the documented key order, content last.
        const QList<QByteArray> lines = json.split('\n');
        QCOMPARE(lines.at(0), QByteArray("{"));
        QCOMPARE(lines.at(1), QByteArray("    \"format\": \"edge-admin-lesson\","));
        QCOMPARE(lines.at(2), QByteArray("    \"formatVersion\": 1,"));
        QVERIFY(lines.at(3).startsWith("    \"title\": "));
        QVERIFY(lines.at(7).startsWith("    \"exportedFrom\": {"));
        QVERIFY(lines.at(12).startsWith("    \"content\": "));
        QCOMPARE(lines.at(13), QByteArray("}"));
        const QJsonObject object = QJsonDocument::fromJson(json).object();
        QCOMPARE(object.value(QStringLiteral("exportedFrom")).toObject().value(QStringLiteral("version")).toInt(), 7);

        const LessonBatch batch = LessonArchive::parse(json, QStringLiteral("f"));
        QVERIFY2(batch.isValid(), qPrintable(problemsText(batch.problems)));
        const ArchivedLesson &read = batch.lessons.first();
        QCOMPARE(read.content, TrickyHtml);
        QCOMPARE(read.title, lesson.title);
        QCOMPARE(read.track, lesson.track);
        QCOMPARE(read.difficulty, 4);
        QCOMPARE(read.status, QStringLiteral("published"));
        QCOMPARE(read.sourceId, lesson.id);
        QCOMPARE(read.sourceVersion, 7);
        QCOMPARE(read.sourceStore, QStringLiteral("/tmp/a.db"));
    }

    void fileNamesAreSafeSlugs_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QStringList>("taken");
        QTest::addColumn<QString>("name");
        QTest::newRow("plain") << "Fractions: Part 1" << QStringList() << "fractions-part-1.lesson.json";
        QTest::newRow("separators") << "../../etc/passwd \\ C:\\x" << QStringList() << "etc-passwd-c-x.lesson.json";
        QTest::newRow("accents") << u"Caf\u00e9 \u00dcber \uFB01ne"_qs << QStringList() << "cafe-uber-fine.lesson.json";
        QTest::newRow("control and bidi") << u"a\u0007b\u202Ec\n"_qs << QStringList() << "a-b-c.lesson.json";
        QTest::newRow("other scripts") << u"\u65e5\u672c\u8a9e \u0411\u0443\u043a\u0432\u044b"_qs << QStringList()
                                       << u"\u65e5\u672c\u8a9e-\u0431\u0443\u043a\u0432\u044b.lesson.json"_qs;
        QTest::newRow("nothing left") << "?!?" << QStringList() << "lesson.lesson.json";
        QTest::newRow("a device name") << "CON" << QStringList() << "con-lesson.lesson.json";
        QTest::newRow("taken") << "Same" << QStringList{QStringLiteral("SAME.lesson.json"), QStringLiteral("same-2.lesson.json")}
                               << "same-3.lesson.json";
        QTest::newRow("long") << QString(120, QLatin1Char('a')) << QStringList()
                              << QString(80, QLatin1Char('a')) + QStringLiteral(".lesson.json");
    }

    void fileNamesAreSafeSlugs()
    {
        QFETCH(QString, title);
        QFETCH(QStringList, taken);
        QFETCH(QString, name);
        QCOMPARE(LessonArchive::fileNameFor(title, taken), name);
    }

    // ---- export and import ---------------------------------------------------------------

    void exportThenImportIntoAnotherStore()
    {
        Store source;
        const Lesson tricky = source.lessons.add(QStringLiteral("Tricky bytes"), QStringLiteral("math"), 3,
                                                 LessonStatus::Published, TrickyHtml);
        source.lessons.add(QStringLiteral("Same?"), QStringLiteral("math"), 1, LessonStatus::Draft, QByteArray("<p>1</p>"));
        source.lessons.add(QStringLiteral("Same!"), QStringLiteral("math"), 2, LessonStatus::Draft);
        source.lessons.add(QStringLiteral("Elsewhere"), QStringLiteral("art"), 2, LessonStatus::Draft);

        QList<QPair<int, int>> progress;
        const QString folder = path(QStringLiteral("out/math"));
        const QStringList written = await(source.exporter.exportTrack(
            QStringLiteral("math"), folder, false, [&progress](int done, int total) { progress.append({done, total}); }));
        QCOMPARE(written, (QStringList{folder + QStringLiteral("/tricky-bytes.lesson.json"),
                                       folder + QStringLiteral("/same.lesson.json"),
                                       folder + QStringLiteral("/same-2.lesson.json")}));
        QCOMPARE(progress, (QList<QPair<int, int>>{{1, 3}, {2, 3}, {3, 3}}));
        const QJsonObject first = QJsonDocument::fromJson(readAll(written.first())).object();
        QCOMPARE(first.value(QStringLiteral("exportedFrom")).toObject().value(QStringLiteral("id")).toString(), tricky.id);

        Store target;
        target.lessons.add(QStringLiteral("Same?"), QStringLiteral("math"), 5, LessonStatus::Published, QByteArray("<p>old</p>"));
        const LessonBatch batch = LessonArchive::read(folder);
        QVERIFY2(batch.isValid(), qPrintable(problemsText(batch.problems)));
        const ImportReport plan = await(target.importer.plan(batch));
        QCOMPARE(plan.outcome, ImportReport::Outcome::Completed);
        QCOMPARE(plan.created, 2);
        QCOMPARE(plan.updated, 1);
        QCOMPARE(target.lessons.writes, 0);

        const ImportReport report = await(target.importer.apply(batch));
        QCOMPARE(report.outcome, ImportReport::Outcome::Completed);
        QCOMPARE(summary(report), QStringLiteral("2 created, 1 updated, 0 unchanged"));
        QStringList sourceState = source.lessons.state();
        sourceState.removeIf([](const QString &line) { return line.startsWith(QLatin1String("art|")); });
        QCOMPARE(target.lessons.state(), sourceState);
        const auto imported = std::find_if(report.lessons.cbegin(), report.lessons.cend(), [](const ImportedLesson &l) {
            return l.file.endsWith(QLatin1String("tricky-bytes.lesson.json"));
        });
        QVERIFY(imported != report.lessons.cend());
        QCOMPARE(target.lessons.stored(imported->id)->content, TrickyHtml);
        // Created a draft first, published once its content was in.
        for (const Lesson &logged : target.lessons.writeLog)
            QVERIFY2(!(logged.isPublished() && !logged.hasContent), qPrintable(logged.title));

        const ImportReport again = await(target.importer.apply(LessonArchive::read(folder)));
        QCOMPARE(summary(again), QStringLiteral("0 created, 0 updated, 3 unchanged"));
    }

    void exportRefusesToOverwriteUnlessAsked()
    {
        Store source;
        const Lesson lesson = source.lessons.add(QStringLiteral("One"), QStringLiteral("math"), 1, LessonStatus::Draft,
                                                 QByteArray("<p>1</p>"));
        source.lessons.add(QStringLiteral("Two"), QStringLiteral("math"), 1, LessonStatus::Draft);
        const QString folder = m_dir->path();
        writeFile(path(QStringLiteral("two.lesson.json")), "mine");

        QVERIFY_THROWS_EXCEPTION(ConflictError, await(source.exporter.exportTrack(QStringLiteral("math"), folder, false)));
        QVERIFY(!QFile::exists(path(QStringLiteral("one.lesson.json")))); // checked before anything was written
        QCOMPARE(readAll(path(QStringLiteral("two.lesson.json"))), QByteArray("mine"));

        QCOMPARE(await(source.exporter.exportTrack(QStringLiteral("math"), folder, true)).size(), 2);
        QVERIFY(LessonArchive::read(path(QStringLiteral("two.lesson.json"))).isValid());

        // One lesson: into a folder under its slug, or to the name given.
        QVERIFY_THROWS_EXCEPTION(ConflictError, await(source.exporter.exportLesson(lesson.id, folder, false)));
        const QString file = path(QStringLiteral("elsewhere.json"));
        QCOMPARE(await(source.exporter.exportLesson(lesson.id, file, false)), file);
        QCOMPARE(LessonArchive::read(file).lessons.first().content, QByteArray("<p>1</p>"));
        QVERIFY_THROWS_EXCEPTION(ConflictError, await(source.exporter.exportLesson(lesson.id, file, false)));
        // Nothing else: no temporary files left behind.
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden, QDir::Name),
                 (QStringList{QStringLiteral("elsewhere.json"), QStringLiteral("one.lesson.json"),
                              QStringLiteral("two.lesson.json")}));
    }

    void exportOfAnEmptyTrackIsNotFound()
    {
        Store source;
        QVERIFY_THROWS_EXCEPTION(NotFoundError, await(source.exporter.exportTrack(QStringLiteral("nothing"), m_dir->path(), false)));
        QVERIFY_THROWS_EXCEPTION(ValidationError, await(source.exporter.exportTrack(QStringLiteral("a/b"), m_dir->path(), false)));
    }

    void exportPagesThroughLongTracks()
    {
        Store source;
        for (int i = 0; i < LessonListQuery::MaxPageSize + 5; ++i)
            source.lessons.add(QStringLiteral("Lesson %1").arg(i), QStringLiteral("long"), 1, LessonStatus::Draft);
        const QStringList written = await(source.exporter.exportTrack(QStringLiteral("long"), m_dir->path(), false));
        QCOMPARE(written.size(), LessonListQuery::MaxPageSize + 5);
        QCOMPARE(LessonArchive::read(m_dir->path()).lessons.size(), LessonListQuery::MaxPageSize + 5);
    }

    void aBatchWithProblemsWritesNothing()
    {
        Store target;
        LessonBatch batch = undoBatch();
        batch.problems.append({QStringLiteral("x"), 3, QStringLiteral("title"), QStringLiteral("bad")});
        const ImportReport report = await(target.importer.apply(batch));
        QCOMPARE(report.outcome, ImportReport::Outcome::Refused);
        QCOMPARE(report.problems.size(), 1);
        QCOMPARE(target.lessons.writes, 0);
    }

    void anAmbiguousTargetWritesNothing()
    {
        Store target;
        seedUndoTarget(target.lessons);
        target.lessons.add(QStringLiteral("Alpha"), QStringLiteral("math"), 2, LessonStatus::Draft);
        const ImportReport report = await(target.importer.apply(undoBatch()));
        QCOMPARE(report.outcome, ImportReport::Outcome::Refused);
        QCOMPARE(report.problems.size(), 1);
        QCOMPARE(report.problems.first().file, QStringLiteral("alpha.lesson.json"));
        QVERIFY(report.problems.first().problem.contains(QStringLiteral("2 lessons titled \"Alpha\"")));
        QCOMPARE(target.lessons.writes, 0);
    }

    void aFailedWriteIsUndone_data()
    {
        QTest::addColumn<int>("failAt");
        for (int n = 1; n <= UndoBatchWrites; ++n)
            QTest::addRow("write %d fails", n) << n;
    }

    void aFailedWriteIsUndone()
    {
        QFETCH(int, failAt);
        Store target;
        seedUndoTarget(target.lessons);
        const QStringList before = target.lessons.state();
        target.lessons.failAtWrite = failAt;

        const ImportReport report = await(target.importer.apply(undoBatch()));
        QCOMPARE(report.outcome, ImportReport::Outcome::Failed);
        QVERIFY(report.failure);
        QVERIFY(report.failure->message().contains(QStringLiteral("write %1").arg(failAt)));
        QVERIFY(!report.failedFile.isEmpty());
        QVERIFY2(report.notUndone.isEmpty(), qPrintable(report.notUndone.join(QLatin1Char('\n'))));
        QCOMPARE(target.lessons.state(), before);
        QCOMPARE(report.undone.isEmpty(), failAt == 1);

        // Without the failure the same import goes through: the undo left nothing behind.
        target.lessons.failAtWrite = 0;
        const ImportReport retried = await(target.importer.apply(undoBatch()));
        QCOMPARE(summary(retried), QStringLiteral("2 created, 2 updated, 1 unchanged"));
    }

    void theUndoKeepsSomeoneElsesChange()
    {
        Store target;
        seedUndoTarget(target.lessons);
        const QString alpha = target.lessons.all().first().lesson.id;
        target.lessons.failAtWrite = 5; // Delta's content
        target.lessons.beforeWrite = [&target, alpha](int write) {
            if (write == 5)
                target.lessons.editElsewhere(alpha, 5); // after the import updated Alpha
        };
        const ImportReport report = await(target.importer.apply(undoBatch()));
        QCOMPARE(report.outcome, ImportReport::Outcome::Failed);
        QCOMPARE(report.notUndone.size(), 1);
        QVERIFY2(report.notUndone.first().contains(QStringLiteral("Alpha")), qPrintable(report.notUndone.first()));
        QVERIFY(report.notUndone.first().contains(QStringLiteral("someone else")));
        const MemoryLessons::Stored kept = *target.lessons.stored(alpha);
        QCOMPARE(kept.lesson.difficulty, 5);                    // their change stays
        QCOMPARE(kept.content, QByteArray("<p>new alpha</p>")); // and the import's content with it
        QCOMPARE(report.undone.size(), 2); // Delta deleted, Beta put back
    }

    // The same undo against the embedded store (SQLite, HTML files beside it): its compare-
    // and-swap, its content files and its versions, with the write failing at every point.
    void aFailedWriteIsUndoneInTheEmbeddedStore_data() { aFailedWriteIsUndone_data(); }

    void aFailedWriteIsUndoneInTheEmbeddedStore()
    {
        QFETCH(int, failAt);
        const std::unique_ptr<EmbeddedBackend> backend = test::openStore(path(QStringLiteral("store.db")));
        FailingLessons lessons(backend->lessons());
        EventBus events;
        LessonCommandHandler commands(lessons, events, Actor{QString(), QStringLiteral("local:tester")});
        LessonQueryHandler queries(lessons);
        const auto seed = [&commands](const char *title, int difficulty, LessonStatus status, const QByteArray &html) {
            CreateLessonCommand create{QString::fromLatin1(title), QStringLiteral("math"), difficulty, lessonStatusToString(status)};
            const Lesson lesson = await(commands.create(create));
            const PutLessonContentCommand put{lesson.id, html, lesson.version};
            await(commands.putContent(put));
        };
        seed("Alpha", 1, LessonStatus::Draft, "<p>old alpha</p>");
        seed("Beta", 2, LessonStatus::Published, "<p>old beta</p>");
        seed("Gamma", 3, LessonStatus::Draft, "<p>gamma</p>");
        const QStringList before = stateOf(queries);
        QCOMPARE(before.size(), 3);

        lessons.failAtWrite = failAt + 6; // after the 6 writes of the seeding
        LessonImporter importer(commands, queries);
        const ImportReport report = await(importer.apply(undoBatch()));
        QCOMPARE(report.outcome, ImportReport::Outcome::Failed);
        QVERIFY2(report.notUndone.isEmpty(), qPrintable(report.notUndone.join(QLatin1Char('\n'))));
        QCOMPARE(stateOf(queries), before);
        QCOMPARE(await(queries.count(LessonListQuery())), 3);

        const ImportReport retried = await(importer.apply(undoBatch()));
        QCOMPARE(summary(retried), QStringLiteral("2 created, 2 updated, 1 unchanged"));
        QCOMPARE(stateOf(queries).size(), 5);
    }

    void cancellingUndoes()
    {
        Store target;
        seedUndoTarget(target.lessons);
        const QStringList before = target.lessons.state();
        ImportOptions options;
        options.cancel = std::make_shared<std::atomic_bool>(false);
        QList<int> done;
        options.progress = [&done, cancel = options.cancel](int n, int total) {
            QCOMPARE(total, 5);
            done.append(n);
            if (n == 4)
                cancel->store(true);
        };
        const ImportReport report = await(target.importer.apply(undoBatch(), options));
        QCOMPARE(report.outcome, ImportReport::Outcome::Cancelled);
        QCOMPARE(done, (QList<int>{1, 2, 3, 4}));
        QCOMPARE(report.lessons.size(), 4);
        QCOMPARE(report.undone.size(), 3); // Delta, Beta, Alpha
        QCOMPARE(target.lessons.state(), before);
    }
};

QTEST_GUILESS_MAIN(TestLessonArchive)
#include "tst_lessonarchive.moc"
