// edge-admin-cli lessons end to end: the real executable on temporary stores.

#include "TestStore.h"

#include "application/lessons/LessonArchive.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/types.h>
#endif

using namespace edge;
using namespace edge::test;

namespace {
struct CliResult
{
    int exitCode = -1;
    QByteArray out; // raw: content get must be byte-exact
    QString err;

    QString text() const { return QString::fromUtf8(out); }
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
    QJsonObject data() const { return json().value(QStringLiteral("data")).toObject(); }
};

QStringList words(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *word : list)
        result << QString::fromUtf8(word);
    return result;
}

// HTML that any text conversion would damage: CRLF, a tab, NUL, invalid-looking but valid
// UTF-8 (non-BMP), no final newline, and a script element (stored as given, with a warning).
constexpr char TrickyLiteral[] = "<h1>caf\xC3\xA9 \xF0\x9F\x98\x80</h1>\r\n\t<p>\x00 \"q\" \\</p>\n<script>alert(1)</script>";
const QByteArray TrickyHtml(TrickyLiteral, sizeof(TrickyLiteral) - 1);

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

class TestCliLessons final : public QObject
{
    Q_OBJECT

private:
    QString path(const QString &name = QStringLiteral("cli.db")) const { return m_dir->filePath(name); }

    CliResult run(QStringList arguments, const QByteArray &input = {}, const QString &store = {})
    {
        QProcess process;
        arguments.prepend(store.isEmpty() ? path() : store);
        arguments.prepend(QStringLiteral("--store"));
        process.start(QStringLiteral(EDGE_ADMIN_CLI), arguments);
        if (!process.waitForStarted())
            return {};
        process.write(input);
        process.closeWriteChannel();
        process.waitForFinished(120000);
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
                QString::fromUtf8(process.readAllStandardError())};
    }

    // Adds a lesson and returns its id.
    QString add(const QString &title, const QString &track, const QStringList &more = {}, const QString &store = {})
    {
        const CliResult result = run(QStringList{QStringLiteral("lessons"), QStringLiteral("add"), QStringLiteral("--title"),
                                                 title, QStringLiteral("--track"), track, QStringLiteral("--json")}
                                         + more,
                                     {}, store);
        if (result.exitCode != 0)
            qWarning() << result.err;
        return result.data().value(QStringLiteral("id")).toString();
    }

    // Everything that says the store was written to: the lessons, the audit trail, the content
    // files beside the store.
    QStringList storeState(const QString &store)
    {
        const SqlPeek peek(store);
        QStringList state = peek.column(QStringLiteral(
            "SELECT id || '|' || title || '|' || track || '|' || difficulty || '|' || status || '|' || version "
            "|| '|' || COALESCE(content_key, '') FROM lessons ORDER BY id"));
        state << QStringLiteral("events: %1").arg(peek.count(QStringLiteral("events")));
        QDirIterator files(store + QStringLiteral("-content"), QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext())
            state << files.next() + QLatin1Char(' ') + QString::fromLatin1(sha256Of(files.filePath()));
        return state;
    }

    std::unique_ptr<QTemporaryDir> m_dir;

private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void cleanup() { m_dir.reset(); }

    void helpListsTheLessonCommands()
    {
        const CliResult help = run({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        for (const char *word : {"lessons list", "lessons show", "lessons add", "lessons update", "lessons publish",
                                 "lessons delete", "lessons content get", "lessons content put", "lessons export",
                                 "lessons import", "--dry-run", "--overwrite", "--track", "--version", "file:line"})
            QVERIFY2(help.text().contains(QLatin1String(word)), word);

        QProcess process; // alone, --version is still the program's version
        process.start(QStringLiteral(EDGE_ADMIN_CLI), {QStringLiteral("--version")});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(process.readAllStandardOutput().startsWith("edge-admin-cli "));
    }

    void addListShowUpdateAndPublish()
    {
        const QString fractions = add(QStringLiteral("Fractions"), QStringLiteral("math"), {QStringLiteral("--difficulty"), QStringLiteral("2")});
        QVERIFY(!fractions.isEmpty());
        const QString decimals = add(QStringLiteral("Decimals"), QStringLiteral("math"), {QStringLiteral("--status"), QStringLiteral("published")});
        QVERIFY(!decimals.isEmpty());
        QVERIFY(!add(QStringLiteral("Colours"), QStringLiteral("art")).isEmpty());

        const CliResult bad = run(words({"lessons", "add", "--title", "Too hard", "--track", "math", "--difficulty", "9"}));
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(QStringLiteral("difficulty")), qPrintable(bad.err));
        const CliResult missing = run(words({"lessons", "add", "--title", "No track"}));
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains(QStringLiteral("--track")));
        QCOMPARE(SqlPeek(path()).count(QStringLiteral("lessons")), 3);

        const CliResult listed = run(words({"lessons", "list", "--track", "math", "--sort", "title", "--order", "asc", "--json"}));
        QCOMPARE(listed.exitCode, 0);
        const QJsonArray items = listed.json().value(QStringLiteral("data")).toArray();
        QCOMPARE(items.size(), 2);
        QCOMPARE(items[0].toObject().value(QStringLiteral("title")).toString(), QStringLiteral("Decimals"));
        QCOMPARE(items[1].toObject().value(QStringLiteral("difficulty")).toInt(), 2);
        QCOMPARE(listed.json().value(QStringLiteral("pagination")).toObject().value(QStringLiteral("total")).toInt(), 2);

        const CliResult published = run(words({"lessons", "list", "--status", "published"}));
        QCOMPARE(published.exitCode, 0);
        QVERIFY2(published.text().contains(QStringLiteral("Decimals")) && published.text().contains(QStringLiteral("(1 lesson)")),
                 qPrintable(published.text()));
        const CliResult searched = run(words({"lessons", "list", "--search", "FRAC", "--difficulty", "2", "--page-size", "1"}));
        QCOMPARE(searched.exitCode, 0);
        QVERIFY(searched.text().contains(fractions));
        QCOMPARE(run(words({"lessons", "list", "--sort", "nonsense"})).exitCode, 2);
        QCOMPARE(run(words({"lessons", "list", "--order", "up"})).exitCode, 2);
        QCOMPARE(run(words({"lessons", "list", "--status", "live"})).exitCode, 2);

        const CliResult shown = run({QStringLiteral("lessons"), QStringLiteral("show"), fractions});
        QCOMPARE(shown.exitCode, 0);
        QVERIFY2(shown.text().contains(QStringLiteral("content:    none")), qPrintable(shown.text()));
        QVERIFY(shown.text().contains(QStringLiteral("progress:   0")));
        QCOMPARE(run(words({"lessons", "show", "0b6a3c1e-5d2f-4e8a-9c7b-1f2e3d4c5b6a"})).exitCode, 3);
        QCOMPARE(run(words({"lessons", "show", "nope"})).exitCode, 2);

        const CliResult updated = run({QStringLiteral("lessons"), QStringLiteral("update"), fractions, QStringLiteral("--version"),
                                       QStringLiteral("1"), QStringLiteral("--title"), QStringLiteral("Fractions 101")});
        QCOMPARE(updated.exitCode, 0);
        QVERIFY2(updated.text().contains(QStringLiteral("version 2")), qPrintable(updated.text()));
        QCOMPARE(SqlPeek(path()).scalar(QStringLiteral("SELECT title FROM lessons WHERE id = ?"), {fractions}).toString(),
                 QStringLiteral("Fractions 101"));
        const CliResult stale = run({QStringLiteral("lessons"), QStringLiteral("update"), fractions, QStringLiteral("--version"),
                                     QStringLiteral("1"), QStringLiteral("--difficulty"), QStringLiteral("3")});
        QCOMPARE(stale.exitCode, 4);
        QVERIFY2(stale.err.contains(QStringLiteral("version 2")), qPrintable(stale.err));
        QCOMPARE(run({QStringLiteral("lessons"), QStringLiteral("update"), fractions, QStringLiteral("--title"), QStringLiteral("x")}).exitCode, 2);
        QCOMPARE(run({QStringLiteral("lessons"), QStringLiteral("update"), fractions, QStringLiteral("--version"), QStringLiteral("2")}).exitCode, 2);

        const CliResult publish = run({QStringLiteral("lessons"), QStringLiteral("publish"), fractions});
        QCOMPARE(publish.exitCode, 0);
        QVERIFY2(publish.text().startsWith(QStringLiteral("Published")), qPrintable(publish.text()));
        QVERIFY(run({QStringLiteral("lessons"), QStringLiteral("publish"), fractions}).text().startsWith(QStringLiteral("Already published")));
        QCOMPARE(SqlPeek(path()).scalar(QStringLiteral("SELECT status FROM lessons WHERE id = ?"), {fractions}).toString(),
                 QStringLiteral("published"));
        QCOMPARE(run({QStringLiteral("lessons"), QStringLiteral("unpublish"), fractions}).exitCode, 0);
        QCOMPARE(SqlPeek(path()).scalar(QStringLiteral("SELECT status FROM lessons WHERE id = ?"), {fractions}).toString(),
                 QStringLiteral("draft"));
    }

    void contentPutAndGetAreByteExact()
    {
        const QString id = add(QStringLiteral("Bytes"), QStringLiteral("math"));
        const QString html = path(QStringLiteral("in.html"));
        writeFile(html, TrickyHtml);

        const CliResult put = run({QStringLiteral("lessons"), QStringLiteral("content"), QStringLiteral("put"), id,
                                   QStringLiteral("--file"), html});
        QCOMPARE(put.exitCode, 0);
        QVERIFY2(put.err.contains(QStringLiteral("warning")) && put.err.contains(QStringLiteral("<script>")), qPrintable(put.err));
        QVERIFY2(put.text().contains(QStringLiteral("version 2")), qPrintable(put.text()));

        const CliResult got = run({QStringLiteral("lessons"), QStringLiteral("content"), QStringLiteral("get"), id});
        QCOMPARE(got.exitCode, 0);
        QCOMPARE(got.out, TrickyHtml);

        const QString saved = path(QStringLiteral("out.html"));
        QCOMPARE(run({QStringLiteral("lessons"), QStringLiteral("content"), QStringLiteral("get"), id, QStringLiteral("--output"), saved}).exitCode, 0);
        QCOMPARE(readFile(saved), TrickyHtml);
        const CliResult again = run({QStringLiteral("lessons"), QStringLiteral("content"), QStringLiteral("get"), id,
                                     QStringLiteral("--output"), saved});
        QCOMPARE(again.exitCode, 4);
        QVERIFY(again.err.contains(QStringLiteral("--overwrite")));
        QCOMPARE(run({QStringLiteral("lessons"), QStringLiteral("content"), QStringLiteral("get"), id, QStringLiteral("--output"),
                      saved, QStringLiteral("--overwrite")}).exitCode, 0);

        // Through stdin, at a stale version, and as text that is not UTF-8.
        const CliResult stale = run({QStringLiteral("lessons"), QStringLiteral("content"), QStringLiteral("put"), id,
                                     QStringLiteral("--file"), QStringLiteral("-"), QStringLiteral("--version"), QStringLiteral("1")},
                                    "<p>late</p>");
        QCOMPARE(stale.exitCode, 4);
        writeFile(html, "caf\xE9");
        const CliResult latin1 = run({QStringLiteral("lessons"), QStringLiteral("content"), QStringLiteral("put"), id,
                                      QStringLiteral("--file"), html});
        QCOMPARE(latin1.exitCode, 2);
        QVERIFY2(latin1.err.contains(QStringLiteral("UTF-8")), qPrintable(latin1.err));
        QCOMPARE(run({QStringLiteral("lessons"), QStringLiteral("content"), QStringLiteral("get"), id}).out, TrickyHtml);

        const CliResult fromStdin = run({QStringLiteral("lessons"), QStringLiteral("content"), QStringLiteral("put"), id,
                                         QStringLiteral("--file"), QStringLiteral("-"), QStringLiteral("--version"), QStringLiteral("2")},
                                        "<p>new</p>");
        QCOMPARE(fromStdin.exitCode, 0);
        QCOMPARE(run({QStringLiteral("lessons"), QStringLiteral("content"), QStringLiteral("get"), id}).out, QByteArray("<p>new</p>"));
    }

    void exportThenImportIntoAnotherStore()
    {
        const QString tricky = add(QStringLiteral("Tricky bytes"), QStringLiteral("math"), {QStringLiteral("--difficulty"), QStringLiteral("4")});
        writeFile(path(QStringLiteral("t.html")), TrickyHtml);
        QCOMPARE(run({QStringLiteral("lessons"), QStringLiteral("content"), QStringLiteral("put"), tricky, QStringLiteral("--file"),
                      path(QStringLiteral("t.html"))}).exitCode, 0);
        QCOMPARE(run({QStringLiteral("lessons"), QStringLiteral("publish"), tricky}).exitCode, 0);
        add(QStringLiteral("Same?"), QStringLiteral("math"));
        add(QStringLiteral("Same!"), QStringLiteral("math"), {QStringLiteral("--difficulty"), QStringLiteral("5")});
        add(QStringLiteral("Elsewhere"), QStringLiteral("art"));

        const QString folder = path(QStringLiteral("export/math"));
        const CliResult exported = run({QStringLiteral("lessons"), QStringLiteral("export"), QStringLiteral("--track"),
                                        QStringLiteral("math"), QStringLiteral("--output"), folder});
        QCOMPARE(exported.exitCode, 0);
        QCOMPARE(QDir(folder).entryList(QDir::Files, QDir::Name),
                 (QStringList{QStringLiteral("same-2.lesson.json"), QStringLiteral("same.lesson.json"),
                              QStringLiteral("tricky-bytes.lesson.json")}));
        const QJsonObject file = QJsonDocument::fromJson(readFile(folder + QStringLiteral("/tricky-bytes.lesson.json"))).object();
        QCOMPARE(file.value(QStringLiteral("format")).toString(), QStringLiteral("edge-admin-lesson"));
        QCOMPARE(file.value(QStringLiteral("content")).toString().toUtf8(), TrickyHtml);
        const CliResult inTheWay = run({QStringLiteral("lessons"), QStringLiteral("export"), QStringLiteral("--track"),
                                        QStringLiteral("math"), QStringLiteral("--output"), folder});
        QCOMPARE(inTheWay.exitCode, 4);
        QVERIFY2(inTheWay.err.contains(QStringLiteral("already exist")) && inTheWay.err.contains(QStringLiteral("--overwrite")),
                 qPrintable(inTheWay.err));
        QCOMPARE(run({QStringLiteral("lessons"), QStringLiteral("export"), QStringLiteral("--track"), QStringLiteral("nothing"),
                      QStringLiteral("--output"), path(QStringLiteral("none"))}).exitCode, 3);
        const QString single = path(QStringLiteral("one.lesson.json"));
        QCOMPARE(run({QStringLiteral("lessons"), QStringLiteral("export"), tricky, QStringLiteral("--output"), single}).exitCode, 0);
        QVERIFY(readFile(single).contains("\"title\": \"Tricky bytes\""));

        const QString second = path(QStringLiteral("second.db"));
        const CliResult dry = run({QStringLiteral("lessons"), QStringLiteral("import"), folder, QStringLiteral("--dry-run")}, {}, second);
        QCOMPARE(dry.exitCode, 0);
        QVERIFY2(dry.text().contains(QStringLiteral("3 to create")), qPrintable(dry.text()));
        QVERIFY2(dry.err.contains(QStringLiteral("warning")), qPrintable(dry.err)); // the script element
        QCOMPARE(SqlPeek(second).count(QStringLiteral("lessons")), 0);

        const CliResult imported = run({QStringLiteral("lessons"), QStringLiteral("import"), folder}, {}, second);
        QCOMPARE(imported.exitCode, 0);
        QVERIFY2(imported.text().contains(QStringLiteral("3 created, 0 updated, 0 unchanged")), qPrintable(imported.text() + imported.err));
        const CliResult listed = run(words({"lessons", "list", "--sort", "title", "--json"}), {}, second);
        QStringList titles;
        QString importedTricky;
        for (const QJsonValue &item : listed.json().value(QStringLiteral("data")).toArray()) {
            titles << item.toObject().value(QStringLiteral("title")).toString();
            if (titles.last() == QLatin1String("Tricky bytes")) {
                importedTricky = item.toObject().value(QStringLiteral("id")).toString();
                QCOMPARE(item.toObject().value(QStringLiteral("status")).toString(), QStringLiteral("published"));
                QCOMPARE(item.toObject().value(QStringLiteral("difficulty")).toInt(), 4);
            }
        }
        QCOMPARE(titles, (QStringList{QStringLiteral("Same!"), QStringLiteral("Same?"), QStringLiteral("Tricky bytes")}));
        QCOMPARE(run({QStringLiteral("lessons"), QStringLiteral("content"), QStringLiteral("get"), importedTricky}, {}, second).out,
                 TrickyHtml);

        const CliResult again = run({QStringLiteral("lessons"), QStringLiteral("import"), folder}, {}, second);
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.text().contains(QStringLiteral("0 created, 0 updated, 3 unchanged")), qPrintable(again.text()));

        // An edited file updates its lesson, in place.
        QByteArray edited = readFile(folder + QStringLiteral("/same.lesson.json"));
        edited.replace("\"difficulty\": 1", "\"difficulty\": 3");
        writeFile(folder + QStringLiteral("/same.lesson.json"), edited);
        const CliResult update = run({QStringLiteral("lessons"), QStringLiteral("import"), folder}, {}, second);
        QVERIFY2(update.text().contains(QStringLiteral("0 created, 1 updated, 2 unchanged")), qPrintable(update.text()));
        QCOMPARE(SqlPeek(second).scalar(QStringLiteral("SELECT difficulty FROM lessons WHERE title = 'Same?'")).toInt(), 3);
        QCOMPARE(SqlPeek(second).count(QStringLiteral("lessons")), 3);
    }

    void aMalformedImportWritesNothing()
    {
        add(QStringLiteral("Already here"), QStringLiteral("math"));
        const QString folder = path(QStringLiteral("bad"));
        QVERIFY(QDir().mkpath(folder));
        Lesson lesson;
        lesson.id = QStringLiteral("8c1e9a0e-3b7a-4c55-9d6e-2f1a0b9c8d7e");
        lesson.title = QStringLiteral("Good");
        lesson.track = QStringLiteral("math");
        const QByteArray good = LessonArchive::toJson(lesson, "<p>good</p>", QStringLiteral("test"));
        writeFile(folder + QStringLiteral("/a-good.lesson.json"), good);
        QByteArray noComma = good;
        noComma.replace("\"Good\",", "\"Good\"");
        writeFile(folder + QStringLiteral("/b-malformed.lesson.json"), noComma);
        QByteArray hard = good;
        hard.replace("\"difficulty\": 1", "\"difficulty\": 9").replace("\"Good\"", "\"Hard\"");
        writeFile(folder + QStringLiteral("/c-hard.lesson.json"), hard);
        const QStringList before = storeState(path());

        const CliResult result = run({QStringLiteral("lessons"), QStringLiteral("import"), folder});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(folder + QStringLiteral("/b-malformed.lesson.json:5: json: malformed JSON at line 5")),
                 qPrintable(result.err));
        QVERIFY2(result.err.contains(folder + QStringLiteral("/c-hard.lesson.json:6: difficulty: Difficulty must be from 1 to 5")),
                 qPrintable(result.err));
        QVERIFY(result.err.contains(QStringLiteral("Nothing was written (2 problems)")));
        QVERIFY(!result.err.contains(QStringLiteral("a-good")));
        QCOMPARE(storeState(path()), before);

        QCOMPARE(run({QStringLiteral("lessons"), QStringLiteral("import"), path(QStringLiteral("missing"))}).exitCode, 2);
        QCOMPARE(storeState(path()), before);
    }

    // Ctrl+C during an import stops it between lessons and undoes what it wrote.
    void anInterruptedImportIsUndone()
    {
#ifndef Q_OS_UNIX
        QSKIP("sends SIGINT");
#else
        const QString kept = add(QStringLiteral("Kept"), QStringLiteral("bulk"));
        QVERIFY(!kept.isEmpty());
        const QString folder = path(QStringLiteral("bulk"));
        QVERIFY(QDir().mkpath(folder));
        constexpr int Files = 400;
        for (int i = 0; i < Files; ++i) {
            Lesson lesson;
            lesson.title = QStringLiteral("Bulk %1").arg(i, 3, 10, QLatin1Char('0'));
            lesson.track = QStringLiteral("bulk");
            writeFile(folder + QStringLiteral("/%1.lesson.json").arg(i),
                      LessonArchive::toJson(lesson, QByteArray("<p>") + QByteArray(1000, 'x') + "</p>", QStringLiteral("test")));
        }
        const QStringList before = storeState(path());

        QProcess process;
        process.start(QStringLiteral(EDGE_ADMIN_CLI), {QStringLiteral("--store"), path(), QStringLiteral("lessons"),
                                                        QStringLiteral("import"), folder});
        QVERIFY(process.waitForStarted());
        const SqlPeek peek(path());
        QTRY_VERIFY_WITH_TIMEOUT(peek.count(QStringLiteral("lessons")) > 1 || process.state() == QProcess::NotRunning, 60000);
        QCOMPARE(process.state(), QProcess::Running); // still importing: the signal lands mid-import
        ::kill(pid_t(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(120000));
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 1);
        QVERIFY2(err.contains(QStringLiteral("Stopped after")), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("The store is as it was")), qPrintable(err));
        QCOMPARE(peek.count(QStringLiteral("lessons")), 1);
        QStringList after = storeState(path());
        QCOMPARE(after.filter(QStringLiteral("|bulk|")), before.filter(QStringLiteral("|bulk|"))); // "Kept", unchanged
        // The audit trail keeps the import and its undo; the content files are gone with their lessons.
        after.removeIf([](const QString &line) { return line.startsWith(QLatin1String("events:")); });
        QStringList expected = before;
        expected.removeIf([](const QString &line) { return line.startsWith(QLatin1String("events:")); });
        QCOMPARE(after, expected);
#endif
    }

    void demoLessonsWorkWithEveryLessonCommand()
    {
        QCOMPARE(run({QStringLiteral("seed-demo")}).exitCode, 0);
        const CliResult listed = run(words({"lessons", "list", "--track", "SQL basics", "--json"}));
        QCOMPARE(listed.exitCode, 0);
        const QJsonArray items = listed.json().value(QStringLiteral("data")).toArray();
        QCOMPARE(items.size(), 3);
        for (const QJsonValue &item : items) {
            const QString id = item.toObject().value(QStringLiteral("id")).toString();
            const CliResult shown = run({QStringLiteral("lessons"), QStringLiteral("show"), id});
            QVERIFY2(shown.exitCode == 0, qPrintable(shown.err)); // a UUID the handlers accept
        }
        // Seeding recorded the lessons it made in the audit trail, as every write does.
        QCOMPARE(SqlPeek(path()).scalar(QStringLiteral("SELECT COUNT(*) FROM events WHERE type = 'lesson.created'"), {}).toInt(), 6);
    }

    void deleteAsksUnlessYes()
    {
        // Learners (the demo's users) with progress on a new lesson.
        QCOMPARE(run({QStringLiteral("seed-demo")}).exitCode, 0);
        const QString id = add(QStringLiteral("Going away"), QStringLiteral("math"));
        QVERIFY(!id.isEmpty());
        add(QStringLiteral("Staying"), QStringLiteral("math"));
        const SqlPeek peek(path());
        QVERIFY(peek.exec(QStringLiteral("INSERT INTO progress (user_id, lesson_id, score) "
                                         "SELECT id, '%1', 50 FROM users WHERE role = 'learner'").arg(id)));
        const int rows = peek.scalar(QStringLiteral("SELECT COUNT(*) FROM progress WHERE lesson_id = ?"), {id}).toInt();
        QVERIFY(rows > 1);
        const qint64 lessons = peek.count(QStringLiteral("lessons"));

        const CliResult unanswered = run({QStringLiteral("lessons"), QStringLiteral("delete"), id});
        QCOMPARE(unanswered.exitCode, 2);
        QVERIFY2(unanswered.err.contains(QStringLiteral("%1 learner progress rows").arg(rows)), qPrintable(unanswered.err));
        QVERIFY(unanswered.err.contains(QStringLiteral("--yes")));
        const CliResult declined = run({QStringLiteral("lessons"), QStringLiteral("delete"), id}, "n\n");
        QCOMPARE(declined.exitCode, 1);
        QCOMPARE(peek.count(QStringLiteral("lessons")), lessons);

        const CliResult deleted = run({QStringLiteral("lessons"), QStringLiteral("delete"), id, QStringLiteral("--yes")});
        QCOMPARE(deleted.exitCode, 0);
        QVERIFY2(deleted.text().contains(QStringLiteral("%1 learner progress rows").arg(rows)), qPrintable(deleted.text()));
        QCOMPARE(peek.count(QStringLiteral("lessons")), lessons - 1);
        QCOMPARE(peek.scalar(QStringLiteral("SELECT COUNT(*) FROM progress WHERE lesson_id = ?"), {id}).toInt(), 0);
        QCOMPARE(run({QStringLiteral("lessons"), QStringLiteral("show"), id}).exitCode, 3);

        const QString other = peek.scalar(QStringLiteral("SELECT id FROM lessons WHERE title = 'Staying'")).toString();
        QCOMPARE(run({QStringLiteral("lessons"), QStringLiteral("delete"), other}, "yes\n").exitCode, 0);
        QCOMPARE(peek.count(QStringLiteral("lessons")), lessons - 2);
    }
};

QTEST_GUILESS_MAIN(TestCliLessons)
#include "tst_cli_lessons.moc"
