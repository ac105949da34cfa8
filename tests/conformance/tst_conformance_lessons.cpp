// Conformance of the lessons screen's operations (through Services' lesson handlers), against
// the store EDGE_CONFORMANCE_STORE names (see support/ConformanceSuite.h): create and read,
// validation, update and conflicts, delete (content and progress with it), unknown and
// malformed ids, every filter and sort, paging, content (byte-exact round trips, the 2 MiB
// limit, UTF-8 only, stale versions), the read cache, duplicate, publish/unpublish and the
// events every write records.

#include "ConformanceSuite.h"
#include "infrastructure/remote/RemoteBackend.h"
#include "infrastructure/remote/WorkerClient.h"
#include "infrastructure/sqlite/EmbeddedBackend.h"
#include "infrastructure/sqlite/SqliteExecutor.h"

#include <QCoro/QCoroFuture>
#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>

using namespace edge;
using namespace edge::test;

Q_DECLARE_METATYPE(edge::LessonSortField)
Q_DECLARE_METATYPE(edge::SortOrder)

namespace {

QCoro::Task<void> finished(QFuture<void> future)
{
    co_await future;
}

QStringList titlesOf(const QList<Lesson> &lessons)
{
    QStringList titles;
    for (const Lesson &lesson : lessons)
        titles << lesson.title;
    return titles;
}

QStringList typesOf(const QList<ActivityEntry> &events)
{
    QStringList types;
    for (const ActivityEntry &event : events)
        types << event.type;
    return types;
}

// `bytes` bytes of valid UTF-8 with two- and three-byte characters in it.
QByteArray utf8OfSize(qsizetype bytes)
{
    QByteArray html = QByteArrayLiteral("<p>");
    const QByteArray pattern = QStringLiteral("Grüße 日本 ").toUtf8();
    while (html.size() + pattern.size() + 4 <= bytes)
        html += pattern;
    html += QByteArrayLiteral("</p>");
    html += QByteArray(bytes - html.size(), 'x');
    return html;
}

// Where two byte strings part, for failure messages.
QString differenceOf(const QByteArray &sent, const QByteArray &read)
{
    if (read.size() + 3 == sent.size() && sent.startsWith("\xEF\xBB\xBF") && sent.mid(3) == read)
        return QStringLiteral("the leading UTF-8 byte order mark was dropped");
    qsizetype at = 0;
    while (at < sent.size() && at < read.size() && sent[at] == read[at])
        ++at;
    return QStringLiteral("%1 bytes sent, %2 read back; they part at byte %3").arg(sent.size()).arg(read.size()).arg(at);
}

} // namespace

class TestConformanceLessons final : public ConformanceSuite
{
    Q_OBJECT

private:
    Lesson createLesson(const QString &title, const QString &track, int difficulty = 1,
                        const QString &status = QStringLiteral("draft"))
    {
        return await(services().lessonCommands.create({title, track, difficulty, status}));
    }

    Lesson putContent(const Lesson &lesson, const QByteArray &html)
    {
        return await(services().lessonCommands.putContent({lesson.id, html, lesson.version}));
    }

    QList<Lesson> listAll(LessonListQuery query)
    {
        query.pageSize = LessonListQuery::MaxPageSize;
        return await(services().lessonQueries.list(query)).items;
    }

    qint64 countAll()
    {
        return await(services().lessonQueries.count(LessonListQuery{}));
    }

    // A learner's progress row on a lesson. No handler writes progress yet, so this goes
    // around the application layer: SQL on the store's own thread, or PUT /progress.
    void addProgress(const QString &userId, const QString &lessonId)
    {
        Backend &backend = services().backend();
        if (auto *embedded = dynamic_cast<EmbeddedBackend *>(&backend)) {
            await(finished(embedded->executor().run([userId, lessonId](SqliteConnection &connection) {
                QSqlQuery query(connection.database());
                query.prepare(QStringLiteral("INSERT INTO progress (user_id, lesson_id, completed, score) "
                                             "VALUES (?, ?, 1, 80)"));
                query.addBindValue(userId);
                query.addBindValue(lessonId);
                if (!query.exec())
                    throw StoreError(query.lastError().text());
            })));
        } else if (auto *worker = dynamic_cast<remote::RemoteBackend *>(&backend)) {
            await(worker->client().send(remote::ApiRequest::put(
                QStringLiteral("/progress/%1/%2").arg(userId, lessonId),
                QJsonObject{{QStringLiteral("completed"), true}, {QStringLiteral("score"), 80}})));
        } else {
            QFAIL("unknown backend");
        }
    }

    // The filter and sort cases share one set of lessons, told apart from the rest of the
    // store by the tag in their titles and tracks.
    const QString &filterTag()
    {
        if (m_filterTag.isEmpty()) {
            m_filterTag = newTag();
            const QString t = m_filterTag;
            createLesson(u"Alpha "_qs + t, u"ta"_qs + t, 1, u"draft"_qs);
            createLesson(u"beta "_qs + t, u"ta"_qs + t, 3, u"published"_qs);
            createLesson(u"Gamma 100% "_qs + t, u"tb"_qs + t, 3, u"draft"_qs);
            createLesson(u"delta_x "_qs + t, u"tb"_qs + t, 5, u"published"_qs);
            createLesson(u"Épsilon "_qs + t, u"ta"_qs + t, 2, u"published"_qs);
        }
        return m_filterTag;
    }

    QString m_filterTag;

private slots:
    // --- create and read -------------------------------------------------------------

    void createThenReadGivesTheSameLesson()
    {
        const QString tag = newTag();
        const Lesson created = createLesson(u"  Intro to HTML "_qs + tag + u"  "_qs, u" web dev "_qs, 2);
        QCOMPARE(created.title, u"Intro to HTML "_qs + tag);
        QCOMPARE(created.track, u"web dev"_qs);
        QCOMPARE(created.difficulty, 2);
        QCOMPARE(created.status, LessonStatus::Draft);
        QVERIFY(!created.hasContent);
        QCOMPARE(created.version, 1);
        QVERIFY(UserId::problem(created.id).isEmpty());
        QCOMPARE(created.id, created.id.toLower());
        QVERIFY(created.createdAt.isValid());
        QCOMPARE(created.createdAt, created.updatedAt);

        QCOMPARE(await(services().lessonQueries.get(created.id)), created);
        QCOMPARE(await(services().lessonQueries.get(created.id.toUpper())), created);
        const Lesson published = createLesson(u"Published "_qs + tag, u"web"_qs, 5, u"published"_qs);
        QCOMPARE(published.status, LessonStatus::Published);
        QCOMPARE(published.difficulty, 5);
    }

    void createValidation_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("track");
        QTest::addColumn<int>("difficulty");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QStringList>("badFields"); // empty: accepted

        QString emoji;
        for (int i = 0; i < 200; ++i)
            emoji += QString::fromUcs4(U"\U0001F600", 1);
        QTest::newRow("empty title") << "" << "web" << 1 << "draft" << QStringList{u"title"_qs};
        QTest::newRow("blank title") << "   " << "web" << 1 << "draft" << QStringList{u"title"_qs};
        QTest::newRow("200-character title") << QString(200, QLatin1Char('x')) << "web" << 1 << "draft" << QStringList{};
        QTest::newRow("201-character title") << QString(201, QLatin1Char('x')) << "web" << 1 << "draft" << QStringList{u"title"_qs};
        QTest::newRow("200 astral characters") << emoji << "web" << 1 << "draft" << QStringList{};
        QTest::newRow("201 astral characters") << emoji + emoji.left(2) << "web" << 1 << "draft" << QStringList{u"title"_qs};
        QTest::newRow("control character in title") << "a\u0007b" << "web" << 1 << "draft" << QStringList{u"title"_qs};
        QTest::newRow("bad track") << "Ok" << "web/dev" << 1 << "draft" << QStringList{u"track"_qs};
        QTest::newRow("empty track") << "Ok" << "" << 1 << "draft" << QStringList{u"track"_qs};
        QTest::newRow("65-character track") << "Ok" << QString(65, QLatin1Char('t')) << 1 << "draft" << QStringList{u"track"_qs};
        QTest::newRow("difficulty 0") << "Ok" << "web" << 0 << "draft" << QStringList{u"difficulty"_qs};
        QTest::newRow("difficulty 6") << "Ok" << "web" << 6 << "draft" << QStringList{u"difficulty"_qs};
        QTest::newRow("bad status") << "Ok" << "web" << 1 << "archived" << QStringList{u"status"_qs};
        QTest::newRow("upper-case status") << "Ok" << "web" << 1 << "Published" << QStringList{u"status"_qs};
        QTest::newRow("everything bad") << "" << "" << 9 << "" << QStringList{u"difficulty"_qs, u"status"_qs, u"title"_qs, u"track"_qs};
    }

    void createValidation()
    {
        QFETCH(QString, title);
        QFETCH(QString, track);
        QFETCH(int, difficulty);
        QFETCH(QString, status);
        QFETCH(QStringList, badFields);
        const qint64 before = countAll();
        const CreateLessonCommand command{title, track, difficulty, status};

        if (badFields.isEmpty()) {
            const Lesson lesson = await(services().lessonCommands.create(command));
            QCOMPARE(lesson.title, title.trimmed());
            QCOMPARE(await(services().lessonQueries.get(lesson.id)), lesson);
            return;
        }
        const auto error = failureOf<ValidationError>(services().lessonCommands.create(command));
        QVERIFY2(error, "expected a ValidationError");
        QCOMPARE(keysOf(error->fieldErrors()), badFields);
        QCOMPARE(countAll(), before); // nothing written
    }

    // --- update --------------------------------------------------------------------------

    void updateChangesOnlyTheGivenFields()
    {
        const QString tag = newTag();
        const Lesson lesson = createLesson(u"Before "_qs + tag, u"web"_qs, 2);
        UpdateLessonCommand command{.id = lesson.id, .baseVersion = 1};
        command.title = u"After "_qs + tag;
        command.difficulty = 4;
        const Lesson updated = await(services().lessonCommands.update(command));
        QCOMPARE(updated.version, 2);
        QCOMPARE(updated.title, u"After "_qs + tag);
        QCOMPARE(updated.difficulty, 4);
        QCOMPARE(updated.track, lesson.track);
        QCOMPARE(updated.status, lesson.status);
        QCOMPARE(updated.hasContent, false);
        QCOMPARE(updated.createdAt, lesson.createdAt);
        QVERIFY(updated.updatedAt >= lesson.updatedAt);
        QCOMPARE(await(services().lessonQueries.get(lesson.id)), updated);

        const QList<ActivityEntry> events = eventsAbout(lesson.id);
        QCOMPARE(typesOf(events), (QStringList{u"lesson.updated"_qs, u"lesson.created"_qs}));
        QJsonArray changes = events.first().payload.value(u"changes"_qs).toArray();
        QStringList changed;
        for (const QJsonValue &value : changes)
            changed << value.toString();
        changed.sort();
        QCOMPARE(changed, (QStringList{u"difficulty"_qs, u"title"_qs}));
    }

    void updateThatChangesNothingKeepsTheVersion()
    {
        const QString tag = newTag();
        const Lesson lesson = createLesson(u"Same "_qs + tag, u"web"_qs, 3);
        UpdateLessonCommand command{.id = lesson.id, .baseVersion = 1};
        command.title = u"  Same "_qs + tag + u' ';
        command.track = u"web"_qs;
        command.difficulty = 3;
        command.status = u"draft"_qs;
        QCOMPARE(await(services().lessonCommands.update(command)), lesson);
        QCOMPARE(await(services().lessonQueries.get(lesson.id)), lesson);
        QCOMPARE(eventsAbout(lesson.id).size(), 1); // only lesson.created
    }

    void staleVersionIsConflictWithCurrentAndChangesNothing_data()
    {
        QTest::addColumn<bool>("withBase");
        // With the caller's base nothing is read first: the store itself says stale.
        QTest::newRow("base given (the store's compare-and-swap)") << true;
        QTest::newRow("no base (the handler reads first)") << false;
    }

    void staleVersionIsConflictWithCurrentAndChangesNothing()
    {
        QFETCH(bool, withBase);
        const QString tag = newTag();
        const Lesson v1 = createLesson(u"V1 "_qs + tag, u"web"_qs);
        UpdateLessonCommand first{.id = v1.id, .baseVersion = 1};
        first.title = u"V2 "_qs + tag;
        const Lesson v2 = await(services().lessonCommands.update(first));

        UpdateLessonCommand stale{.id = v1.id, .baseVersion = 1};
        stale.title = u"Lost "_qs + tag;
        stale.difficulty = 5;
        if (withBase)
            stale.base = v1;
        const auto error = failureOf<ConflictError>(services().lessonCommands.update(stale));
        QVERIFY(error);
        QCOMPARE(keysOf(error->fieldErrors()), QStringList()); // stale, not a taken value
        QVERIFY(error->current().canConvert<Lesson>());
        QCOMPARE(error->current().value<Lesson>(), v2);
        QCOMPARE(await(services().lessonQueries.get(v1.id)), v2);
        QCOMPARE(eventsAbout(v1.id).size(), 2); // created, updated: nothing for the stale one
    }

    void updateValidation_data()
    {
        QTest::addColumn<int>("baseVersion");
        QTest::addColumn<QString>("title");
        QTest::addColumn<int>("difficulty");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QStringList>("badFields");
        QTest::newRow("version 0") << 0 << QString() << 0 << QString() << QStringList{u"version"_qs};
        QTest::newRow("empty title") << 1 << "  " << 0 << QString() << QStringList{u"title"_qs};
        QTest::newRow("201-character title") << 1 << QString(201, QLatin1Char('y')) << 0 << QString() << QStringList{u"title"_qs};
        QTest::newRow("difficulty 6") << 1 << QString() << 6 << QString() << QStringList{u"difficulty"_qs};
        QTest::newRow("bad status") << 1 << QString() << 0 << "live" << QStringList{u"status"_qs};
    }

    void updateValidation()
    {
        QFETCH(int, baseVersion);
        QFETCH(QString, title);
        QFETCH(int, difficulty);
        QFETCH(QString, status);
        QFETCH(QStringList, badFields);
        const Lesson lesson = createLesson(u"Uv "_qs + newTag(), u"web"_qs);
        UpdateLessonCommand command{.id = lesson.id, .baseVersion = baseVersion};
        if (!title.isNull())
            command.title = title;
        if (difficulty != 0)
            command.difficulty = difficulty;
        if (!status.isNull())
            command.status = status;
        const auto error = failureOf<ValidationError>(services().lessonCommands.update(command));
        QVERIFY(error);
        QCOMPARE(keysOf(error->fieldErrors()), badFields);
        QCOMPARE(await(services().lessonQueries.get(lesson.id)), lesson);
    }

    void readAfterWritesGivesTheNewVersion()
    {
        // The read cache in front of either store must never answer with a replaced lesson.
        const QString tag = newTag();
        const Lesson v1 = createLesson(u"Cached "_qs + tag, u"web"_qs);
        QCOMPARE(await(services().lessonQueries.get(v1.id)), v1); // now cached
        UpdateLessonCommand command{.id = v1.id, .baseVersion = 1};
        command.track = u"sql"_qs;
        const Lesson v2 = await(services().lessonCommands.update(command));
        QCOMPARE(await(services().lessonQueries.get(v1.id)), v2);
        const Lesson v3 = putContent(v2, "<p>now with content</p>");
        QCOMPARE(v3.version, 3);
        QVERIFY(v3.hasContent);
        QCOMPARE(await(services().lessonQueries.get(v1.id)), v3);
        const Lesson v4 = await(services().lessonCommands.setStatus(v3, LessonStatus::Published));
        QCOMPARE(await(services().lessonQueries.get(v1.id)), v4);
        QCOMPARE(await(services().lessonQueries.content(v1.id, 0)).version, 4);
    }

    // --- publish -------------------------------------------------------------------------

    void publishAndUnpublish()
    {
        const QString tag = newTag();
        const Lesson draft = createLesson(u"Pub "_qs + tag, u"web"_qs);
        const Lesson published = await(services().lessonCommands.setStatus(draft, LessonStatus::Published));
        QCOMPARE(published.status, LessonStatus::Published);
        QCOMPARE(published.version, 2);
        QCOMPARE(published.title, draft.title);
        // Already published: nothing to do, nothing recorded.
        QCOMPARE(await(services().lessonCommands.setStatus(published, LessonStatus::Published)), published);
        const Lesson unpublished = await(services().lessonCommands.setStatus(published, LessonStatus::Draft));
        QCOMPARE(unpublished.status, LessonStatus::Draft);
        QCOMPARE(unpublished.version, 3);
        QCOMPARE(await(services().lessonQueries.get(draft.id)), unpublished);

        const QList<ActivityEntry> events = eventsAbout(draft.id);
        QCOMPARE(typesOf(events), (QStringList{u"lesson.updated"_qs, u"lesson.updated"_qs, u"lesson.created"_qs}));
        QCOMPARE(events.at(0).payload.value(u"status"_qs).toString(), u"draft"_qs);
        QCOMPARE(events.at(1).payload.value(u"status"_qs).toString(), u"published"_qs);
        QCOMPARE(events.at(1).payload.value(u"changes"_qs).toArray(), QJsonArray{u"status"_qs});
    }

    // --- delete, not found, bad ids ------------------------------------------------------

    void deleteRemovesTheLessonItsContentAndProgress()
    {
        const QString tag = newTag();
        const Lesson lesson = putContent(createLesson(u"Del "_qs + tag, u"web"_qs), "<p>bye</p>");
        const User learner = create(u"learner.%1@example.test"_qs.arg(tag), u"Learner "_qs + tag);
        addProgress(learner.id().value(), lesson.id);
        QCOMPARE(await(services().lessonQueries.progressCount(lesson.id)), qint64(1));
        QCOMPARE(await(services().lessonQueries.content(lesson.id, lesson.version)).html, QByteArray("<p>bye</p>"));

        const Lesson deleted = await(services().lessonCommands.remove(lesson.id));
        QCOMPARE(deleted, lesson);
        QVERIFY(failureOf<NotFoundError>(services().lessonQueries.get(lesson.id)));
        QVERIFY(failureOf<NotFoundError>(services().lessonQueries.content(lesson.id, 0)));
        QCOMPARE(await(services().lessonQueries.progressCount(lesson.id)), qint64(0));
        LessonListQuery query;
        query.search = tag;
        QVERIFY(listAll(query).isEmpty());
        QVERIFY(failureOf<NotFoundError>(services().lessonCommands.remove(lesson.id)));
        // The learner stays; only their progress on the lesson went.
        QCOMPARE(await(services().getUser.execute(learner.id().value())), learner);
    }

    void unknownIdIsNotFound_data()
    {
        QTest::addColumn<QString>("operation");
        for (const char *operation : {"get", "update", "delete", "content", "putContent", "duplicate"})
            QTest::newRow(operation) << QString::fromLatin1(operation);
    }

    void unknownIdIsNotFound()
    {
        QFETCH(QString, operation);
        const QString id = someUnknownId();
        std::optional<NotFoundError> error;
        auto &commands = services().lessonCommands;
        auto &queries = services().lessonQueries;
        if (operation == u"get"_qs)
            error = failureOf<NotFoundError>(queries.get(id));
        else if (operation == u"update"_qs)
            error = failureOf<NotFoundError>(commands.update({.id = id, .baseVersion = 1, .title = u"x"_qs}));
        else if (operation == u"delete"_qs)
            error = failureOf<NotFoundError>(commands.remove(id));
        else if (operation == u"content"_qs)
            error = failureOf<NotFoundError>(queries.content(id, 0));
        else if (operation == u"putContent"_qs)
            error = failureOf<NotFoundError>(commands.putContent({id, "<p>x</p>", 1}));
        else
            error = failureOf<NotFoundError>(commands.duplicate(id));
        QVERIFY(error);
        QCOMPARE(error->kind(), ErrorKind::NotFound);
    }

    void malformedIdIsValidationError_data()
    {
        unknownIdIsNotFound_data();
        QTest::newRow("progressCount") << u"progressCount"_qs;
    }

    void malformedIdIsValidationError()
    {
        QFETCH(QString, operation);
        const QString id = u"not-a-uuid"_qs;
        std::optional<ValidationError> error;
        auto &commands = services().lessonCommands;
        auto &queries = services().lessonQueries;
        if (operation == u"get"_qs)
            error = failureOf<ValidationError>(queries.get(id));
        else if (operation == u"update"_qs)
            error = failureOf<ValidationError>(commands.update({.id = id, .baseVersion = 1, .title = u"x"_qs}));
        else if (operation == u"delete"_qs)
            error = failureOf<ValidationError>(commands.remove(id));
        else if (operation == u"content"_qs)
            error = failureOf<ValidationError>(queries.content(id, 0));
        else if (operation == u"putContent"_qs)
            error = failureOf<ValidationError>(commands.putContent({id, "<p>x</p>", 1}));
        else if (operation == u"duplicate"_qs)
            error = failureOf<ValidationError>(commands.duplicate(id));
        else
            error = failureOf<ValidationError>(queries.progressCount(id));
        QVERIFY(error);
        QCOMPARE(keysOf(error->fieldErrors()), QStringList{u"id"_qs});
    }

    // --- filters, sorting, paging --------------------------------------------------------

    void filters_data()
    {
        // {tag}, {ta}, {tb} are replaced by the case's tag and its two tracks.
        QTest::addColumn<QString>("search");
        QTest::addColumn<QString>("track");
        QTest::addColumn<QString>("status");
        QTest::addColumn<int>("difficulty");
        QTest::addColumn<QStringList>("expected"); // titles' first words, in title order

        const QStringList all{u"Alpha"_qs, u"Gamma"_qs, u"beta"_qs, u"delta_x"_qs, u"Épsilon"_qs};
        QTest::newRow("search tag") << "{tag}" << "" << "" << 0 << all;
        QTest::newRow("search upper-case tag") << "{TAG}" << "" << "" << 0 << all;
        QTest::newRow("search is case-insensitive") << "ALPHA {tag}" << "" << "" << 0 << QStringList{u"Alpha"_qs};
        QTest::newRow("search padded with blanks") << "  beta {tag}  " << "" << "" << 0 << QStringList{u"beta"_qs};
        QTest::newRow("percent is literal") << "%" << "{tb}" << "" << 0 << QStringList{u"Gamma"_qs};
        QTest::newRow("underscore is literal") << "_" << "{tb}" << "" << 0 << QStringList{u"delta_x"_qs};
        QTest::newRow("percent and tag") << "0% {tag}" << "" << "" << 0 << QStringList{u"Gamma"_qs};
        QTest::newRow("non-ASCII, same case") << "Épsilon {tag}" << "" << "" << 0 << QStringList{u"Épsilon"_qs};
        QTest::newRow("ASCII letters fold after É") << "ÉPSILON" << "{ta}" << "" << 0 << QStringList{u"Épsilon"_qs};
        QTest::newRow("é does not find É") << "épsilon" << "{ta}" << "" << 0 << QStringList{};
        QTest::newRow("track a") << "" << "{ta}" << "" << 0 << QStringList{u"Alpha"_qs, u"beta"_qs, u"Épsilon"_qs};
        QTest::newRow("track b") << "" << "{tb}" << "" << 0 << QStringList{u"Gamma"_qs, u"delta_x"_qs};
        QTest::newRow("published") << "{tag}" << "" << "published" << 0 << QStringList{u"beta"_qs, u"delta_x"_qs, u"Épsilon"_qs};
        QTest::newRow("draft") << "{tag}" << "" << "draft" << 0 << QStringList{u"Alpha"_qs, u"Gamma"_qs};
        QTest::newRow("difficulty 3") << "{tag}" << "" << "" << 3 << QStringList{u"Gamma"_qs, u"beta"_qs};
        QTest::newRow("difficulty 4: none") << "{tag}" << "" << "" << 4 << QStringList{};
        QTest::newRow("track and status") << "" << "{tb}" << "draft" << 0 << QStringList{u"Gamma"_qs};
        QTest::newRow("everything") << "{tag}" << "{ta}" << "published" << 2 << QStringList{u"Épsilon"_qs};
        QTest::newRow("no match") << "{tag}" << "{tb}" << "published" << 3 << QStringList{};
    }

    void filters()
    {
        QFETCH(QString, search);
        QFETCH(QString, track);
        QFETCH(QString, status);
        QFETCH(int, difficulty);
        QFETCH(QStringList, expected);
        const QString tag = filterTag();
        const auto fill = [&tag](QString text) {
            return text.replace(u"{tag}"_qs, tag).replace(u"{TAG}"_qs, tag.toUpper())
                .replace(u"{ta}"_qs, u"ta"_qs + tag).replace(u"{tb}"_qs, u"tb"_qs + tag);
        };
        LessonListQuery query;
        query.search = fill(search);
        query.track = fill(track);
        if (!status.isEmpty())
            query.status = parseLessonStatus(status);
        query.difficulty = difficulty;
        query.sort = LessonSortField::Title;
        query.order = SortOrder::Ascending;

        const QList<Lesson> found = listAll(query);
        QStringList firstWords;
        for (const Lesson &lesson : found)
            firstWords << lesson.title.section(u' ', 0, 0);
        QCOMPARE(firstWords, expected);
        QCOMPARE(await(services().lessonQueries.count(query)), qint64(found.size()));
        QCOMPARE(await(services().lessonQueries.list(query)).total, qint64(found.size()));
    }

    void sorting_data()
    {
        QTest::addColumn<LessonSortField>("sort");
        QTest::addColumn<SortOrder>("order");
        for (auto [sort, name] : {std::pair{LessonSortField::CreatedAt, "createdAt"},
                                  {LessonSortField::UpdatedAt, "updatedAt"},
                                  {LessonSortField::Title, "title"},
                                  {LessonSortField::Difficulty, "difficulty"},
                                  {LessonSortField::Track, "track"}}) {
            QTest::addRow("%s asc", name) << sort << SortOrder::Ascending;
            QTest::addRow("%s desc", name) << sort << SortOrder::Descending;
        }
    }

    void sorting()
    {
        QFETCH(LessonSortField, sort);
        QFETCH(SortOrder, order);
        const QString tag = newTag();
        // Mixed case (binary order: upper case first), ties on title, difficulty and track
        // (broken on the id in the same direction by both stores), and updates after the
        // creations so that updatedAt and createdAt orders differ.
        const QList<std::tuple<QString, QString, int>> rows{
            {u"bob"_qs, u"b"_qs, 3}, {u"Alice"_qs, u"a"_qs, 1}, {u"carol"_qs, u"c"_qs, 5},
            {u"alice"_qs, u"a"_qs, 3}, {u"Same"_qs, u"b"_qs, 2}, {u"Same"_qs, u"B"_qs, 2}};
        QList<Lesson> created;
        for (const auto &[title, track, difficulty] : rows)
            created << createLesson(title + u' ' + tag, track + tag, difficulty);
        for (const int i : {1, 4}) {
            UpdateLessonCommand touch{.id = created[i].id, .baseVersion = 1};
            touch.status = u"published"_qs;
            await(services().lessonCommands.update(touch));
        }

        LessonListQuery query;
        query.search = tag;
        query.sort = sort;
        query.order = order;
        const QList<Lesson> listed = listAll(query);
        QCOMPARE(listed.size(), rows.size());
        QList<Lesson> expected = listed;
        const auto key = [sort](const Lesson &lesson) {
            switch (sort) {
            case LessonSortField::CreatedAt: return lesson.createdAt.toString(Qt::ISODateWithMs);
            case LessonSortField::UpdatedAt: return lesson.updatedAt.toString(Qt::ISODateWithMs);
            case LessonSortField::Title: return lesson.title;
            case LessonSortField::Difficulty: return QString::number(lesson.difficulty);
            case LessonSortField::Track: return lesson.track;
            }
            return QString();
        };
        std::sort(expected.begin(), expected.end(), [&](const Lesson &a, const Lesson &b) {
            const auto left = std::pair{key(a), a.id};
            const auto right = std::pair{key(b), b.id};
            return order == SortOrder::Ascending ? left < right : right < left;
        });
        QCOMPARE(titlesOf(listed), titlesOf(expected));
        QCOMPARE(listed, expected);
    }

    void pagination_data()
    {
        QTest::addColumn<int>("page");
        QTest::addColumn<int>("pageSize");
        QTest::addColumn<int>("items");
        QTest::addColumn<int>("totalPages");
        QTest::newRow("first of three") << 1 << 3 << 3 << 3;
        QTest::newRow("last, partial") << 3 << 3 << 1 << 3;
        QTest::newRow("past the end") << 4 << 3 << 0 << 3;
        QTest::newRow("one page") << 1 << 7 << 7 << 1;
        QTest::newRow("bigger page") << 1 << 200 << 7 << 1;
        QTest::newRow("page size 1") << 7 << 1 << 1 << 7;
    }

    void pagination()
    {
        QFETCH(int, page);
        QFETCH(int, pageSize);
        QFETCH(int, items);
        QFETCH(int, totalPages);
        const QString tag = newTag();
        for (int i = 0; i < 7; ++i)
            createLesson(u"Page %1 %2"_qs.arg(i).arg(tag), u"pg"_qs + tag, 1 + i % 5);

        LessonListQuery query;
        query.track = u"pg"_qs + tag;
        query.sort = LessonSortField::Title;
        query.order = SortOrder::Ascending;
        const QList<Lesson> all = listAll(query);
        QCOMPARE(all.size(), 7);
        query.page = page;
        query.pageSize = pageSize;
        const LessonPage result = await(services().lessonQueries.list(query));
        QCOMPARE(result.page, page);
        QCOMPARE(result.pageSize, pageSize);
        QCOMPARE(result.total, qint64(7));
        QCOMPARE(result.totalPages, totalPages);
        QCOMPARE(result.items, all.mid((page - 1) * pageSize, items));
        QCOMPARE(await(services().lessonQueries.count(query)), qint64(7));
    }

    void queryOutOfRange_data()
    {
        QTest::addColumn<int>("page");
        QTest::addColumn<int>("pageSize");
        QTest::addColumn<QString>("search");
        QTest::addColumn<int>("difficulty");
        QTest::addColumn<QString>("field");
        QTest::newRow("page 0") << 0 << 10 << QString() << 0 << "page";
        QTest::newRow("page size 0") << 1 << 0 << QString() << 0 << "pageSize";
        QTest::newRow("page size 201") << 1 << 201 << QString() << 0 << "pageSize";
        QTest::newRow("search of 201") << 1 << 10 << QString(201, QLatin1Char('q')) << 0 << "search";
        QTest::newRow("difficulty 6") << 1 << 10 << QString() << 6 << "difficulty";
    }

    void queryOutOfRange()
    {
        QFETCH(int, page);
        QFETCH(int, pageSize);
        QFETCH(QString, search);
        QFETCH(int, difficulty);
        QFETCH(QString, field);
        LessonListQuery query;
        query.page = page;
        query.pageSize = pageSize;
        query.search = search;
        query.difficulty = difficulty;
        const auto error = failureOf<ValidationError>(services().lessonQueries.list(query));
        QVERIFY(error);
        QCOMPARE(keysOf(error->fieldErrors()), QStringList{field});
    }

    void emptyResultHasNoPages()
    {
        LessonListQuery query;
        query.search = newTag() + u"-nothing"_qs;
        const LessonPage page = await(services().lessonQueries.list(query));
        QCOMPARE(page.total, qint64(0));
        QCOMPARE(page.totalPages, 0);
        QVERIFY(page.items.isEmpty());
        QCOMPARE(await(services().lessonQueries.count(query)), qint64(0));
    }

    // --- content -------------------------------------------------------------------------

    void lessonWithoutContentHasEmptyContentAtItsVersion()
    {
        const Lesson lesson = createLesson(u"Empty "_qs + newTag(), u"web"_qs);
        LessonContent content = await(services().lessonQueries.content(lesson.id, 0));
        QVERIFY(content.html.isEmpty());
        QCOMPARE(content.version, 1);
        UpdateLessonCommand command{.id = lesson.id, .baseVersion = 1};
        command.title = lesson.title + u" renamed"_qs;
        await(services().lessonCommands.update(command));
        content = await(services().lessonQueries.content(lesson.id, 2)); // the version the caller knows now
        QVERIFY(content.html.isEmpty());
        QCOMPARE(content.version, 2);
    }

    void contentRoundTripIsByteExact_data()
    {
        QTest::addColumn<QByteArray>("html");
        QTest::newRow("ASCII") << QByteArray("<h1>Hello</h1><p>world</p>");
        QTest::newRow("non-ASCII") << QStringLiteral("<p>Grüße, 日本語, עברית, 😀 — “quotes”</p>\n").toUtf8();
        QTest::newRow("CRLF, tabs, trailing blanks") << QByteArray("<p>\r\n\tline  \r\n</p>\r\n\r\n  ");
        static const char controls[] = "<p>a\0b\x01\x7f</p>";
        QTest::newRow("NUL and control bytes") << QByteArray(controls, sizeof controls - 1);
        QTest::newRow("leading byte order mark") << QByteArray("\xEF\xBB\xBF<p>BOM</p>");
        QTest::newRow("unsafe HTML is stored as given") << QByteArray("<script>alert(1)</script><img src=x onerror=y>");
        QTest::newRow("exactly 2 MiB") << utf8OfSize(Lesson::MaxContentBytes);
    }

    void contentRoundTripIsByteExact()
    {
        QFETCH(QByteArray, html);
        const Lesson lesson = createLesson(u"Content "_qs + newTag(), u"web"_qs);
        const Lesson stored = putContent(lesson, html);
        QCOMPARE(stored.version, 2);
        QVERIFY(stored.hasContent);
        QCOMPARE(stored.title, lesson.title);

        const LessonContent read = await(services().lessonQueries.content(lesson.id, 0));
        QCOMPARE(read.version, 2);
        QVERIFY2(read.html == html, qPrintable(differenceOf(html, read.html)));
        const LessonContent known = await(services().lessonQueries.content(lesson.id, 2));
        QVERIFY(known.html == html);
        QCOMPARE(await(services().lessonQueries.get(lesson.id)), stored);

        const QList<ActivityEntry> events = eventsAbout(lesson.id);
        QCOMPARE(typesOf(events), (QStringList{u"lesson.content_updated"_qs, u"lesson.created"_qs}));
        QCOMPARE(events.first().payload.value(u"bytes"_qs).toInteger(), qint64(html.size()));
        QCOMPARE(events.first().payload.value(u"version"_qs).toInt(), 2);
    }

    void contentReplacedTwiceKeepsTheLast()
    {
        const Lesson lesson = createLesson(u"Twice "_qs + newTag(), u"web"_qs);
        const Lesson v2 = putContent(lesson, "<p>one</p>");
        const Lesson v3 = putContent(v2, "<p>two</p>");
        QCOMPARE(v3.version, 3);
        const LessonContent read = await(services().lessonQueries.content(lesson.id, 0));
        QCOMPARE(read.html, QByteArray("<p>two</p>"));
        QCOMPARE(read.version, 3);
        // Naming an older version lets a store answer from what it kept of that version, but
        // the HTML always comes with the version it belongs to.
        const LessonContent older = await(services().lessonQueries.content(lesson.id, 2));
        QCOMPARE(older.html, older.version == 2 ? QByteArray("<p>one</p>") : QByteArray("<p>two</p>"));
        QVERIFY(older.version == 2 || older.version == 3);
    }

    void contentOfAKnownVersionAfterARename()
    {
        // A rename moves the version on without touching the HTML: asking with the new
        // version must give the same bytes (on the Worker: If-None-Match, a 304 and the
        // bytes kept from before).
        const QString tag = newTag();
        const QByteArray html = QStringLiteral("<p>kept across a rename ✓ %1</p>").arg(tag).toUtf8();
        const Lesson v2 = putContent(createLesson(u"Known "_qs + tag, u"web"_qs), html);
        QCOMPARE(await(services().lessonQueries.content(v2.id, 0)).html, html);
        UpdateLessonCommand rename{.id = v2.id, .baseVersion = 2};
        rename.title = u"Known, renamed "_qs + tag;
        const Lesson v3 = await(services().lessonCommands.update(rename));
        const LessonContent read = await(services().lessonQueries.content(v2.id, 3));
        QCOMPARE(read.version, 3);
        QCOMPARE(read.html, html);

        if (auto *worker = dynamic_cast<remote::RemoteBackend *>(&services().backend())) {
            // What that rests on: the Worker's ETag is the version, and naming it is a 304
            // with no body, which the client hands back as a result.
            remote::ApiRequest request = remote::ApiRequest::get(u"/lessons/%1/content"_qs.arg(v3.id));
            request.expect = remote::ResponseFormat::Raw;
            request.setHeader("If-None-Match", "\"3\"");
            const remote::ApiResult result = await(worker->client().send(request));
            QCOMPARE(result.status, 304);
            QVERIFY(result.body.isEmpty());
            QCOMPARE(result.header("etag"), QByteArray("\"3\""));
            request.headers.clear();
            request.setHeader("If-None-Match", "\"2\"");
            const remote::ApiResult changed = await(worker->client().send(request));
            QCOMPARE(changed.status, 200);
            QCOMPARE(changed.body, html);
        }
    }

    void refusedContentChangesNothing_data()
    {
        QTest::addColumn<QByteArray>("html");
        QTest::newRow("one byte over 2 MiB") << utf8OfSize(Lesson::MaxContentBytes + 1);
        QTest::newRow("invalid UTF-8") << QByteArray("<p>\xC3\x28</p>");
        QTest::newRow("Latin-1") << QByteArray("<p>Gr\xFC\xDF" "e</p>");
        QTest::newRow("truncated sequence") << QByteArray("<p>\xE6\x97</p>");
        QTest::newRow("UTF-16 surrogate in UTF-8") << QByteArray("<p>\xED\xA0\x80</p>");
    }

    void refusedContentChangesNothing()
    {
        QFETCH(QByteArray, html);
        const Lesson lesson = putContent(createLesson(u"Refused "_qs + newTag(), u"web"_qs), "<p>kept</p>");
        // The handler refuses before the store: a ValidationError naming the content, the same
        // on both stores (the Worker would say 413 for the size, were it asked).
        const auto error = failureOf<ValidationError>(
            services().lessonCommands.putContent({lesson.id, html, lesson.version}));
        QVERIFY(error);
        QCOMPARE(error->kind(), ErrorKind::Validation);
        QCOMPARE(keysOf(error->fieldErrors()), QStringList{u"content"_qs});
        QCOMPARE(await(services().lessonQueries.get(lesson.id)), lesson);
        const LessonContent read = await(services().lessonQueries.content(lesson.id, 0));
        QCOMPARE(read.html, QByteArray("<p>kept</p>"));
        QCOMPARE(read.version, lesson.version);
        QCOMPARE(eventsAbout(lesson.id).size(), 2); // created, content_updated
    }

    void staleContentIsConflictWithCurrentAndChangesNothing()
    {
        const QString tag = newTag();
        const Lesson v1 = createLesson(u"Stale content "_qs + tag, u"web"_qs);
        const Lesson v2 = putContent(v1, "<p>theirs</p>");
        const auto error = failureOf<ConflictError>(
            services().lessonCommands.putContent({v1.id, "<p>mine</p>", 1}));
        QVERIFY(error);
        QCOMPARE(keysOf(error->fieldErrors()), QStringList());
        QVERIFY(error->current().canConvert<Lesson>());
        QCOMPARE(error->current().value<Lesson>(), v2);
        const LessonContent read = await(services().lessonQueries.content(v1.id, 0));
        QCOMPARE(read.html, QByteArray("<p>theirs</p>"));
        QCOMPARE(read.version, 2);
        QCOMPARE(await(services().lessonQueries.get(v1.id)), v2);

        // A metadata change moves the version on: content based on the old one is stale too.
        UpdateLessonCommand rename{.id = v1.id, .baseVersion = 2};
        rename.title = u"Renamed "_qs + tag;
        const Lesson v3 = await(services().lessonCommands.update(rename));
        const auto again = failureOf<ConflictError>(
            services().lessonCommands.putContent({v1.id, "<p>mine</p>", 2}));
        QVERIFY(again);
        QCOMPARE(again->current().value<Lesson>(), v3);
        QCOMPARE(eventsAbout(v1.id).size(), 3); // created, content_updated, updated
    }

    // --- duplicate -----------------------------------------------------------------------

    void duplicateCopiesMetadataAndContent()
    {
        const QString tag = newTag();
        const QByteArray html = QStringLiteral("<p>Original ✓ %1</p>").arg(tag).toUtf8();
        Lesson original = createLesson(u"Original "_qs + tag, u"dup"_qs + tag, 4, u"published"_qs);
        original = putContent(original, html);

        const Lesson copy = await(services().lessonCommands.duplicate(original.id));
        QVERIFY(copy.id != original.id);
        QCOMPARE(copy.title, original.title + u" (copy)"_qs);
        QCOMPARE(copy.track, original.track);
        QCOMPARE(copy.difficulty, 4);
        QCOMPARE(copy.status, LessonStatus::Draft);
        QVERIFY(copy.hasContent);
        QCOMPARE(copy.version, 2); // created, then its content
        const LessonContent copied = await(services().lessonQueries.content(copy.id, 0));
        QCOMPARE(copied.html, html);
        QCOMPARE(copied.version, 2);
        QCOMPARE(await(services().lessonQueries.get(original.id)), original); // untouched
        QCOMPARE(typesOf(eventsAbout(copy.id)), (QStringList{u"lesson.content_updated"_qs, u"lesson.created"_qs}));
    }

    void duplicateOfALessonWithoutContent()
    {
        const QString longTitle = QString(200, QLatin1Char('L'));
        const Lesson original = createLesson(longTitle, u"web"_qs, 2);
        const Lesson copy = await(services().lessonCommands.duplicate(original.id));
        QCOMPARE(copy.title, QString(193, QLatin1Char('L')) + u" (copy)"_qs); // still 200 characters
        QVERIFY(!copy.hasContent);
        QCOMPARE(copy.version, 1);
        QVERIFY(await(services().lessonQueries.content(copy.id, 0)).html.isEmpty());
    }

    // --- events --------------------------------------------------------------------------

    void everyWriteRecordsItsEvent()
    {
        const QString tag = newTag();
        const Lesson lesson = createLesson(u"Events "_qs + tag, u"web"_qs, 2);
        UpdateLessonCommand command{.id = lesson.id, .baseVersion = 1};
        command.track = u"sql"_qs;
        const Lesson v2 = await(services().lessonCommands.update(command));
        const Lesson v3 = putContent(v2, "<p>12345</p>");
        const Lesson deleted = await(services().lessonCommands.remove(lesson.id));
        QCOMPARE(deleted, v3);

        const QList<ActivityEntry> events = eventsAbout(lesson.id);
        QCOMPARE(typesOf(events), (QStringList{u"lesson.deleted"_qs, u"lesson.content_updated"_qs,
                                               u"lesson.updated"_qs, u"lesson.created"_qs}));
        for (const ActivityEntry &event : events) {
            QCOMPARE(event.subjectType, u"lesson"_qs);
            QCOMPARE(event.subjectId, lesson.id);
            QCOMPARE(event.payload.value(u"title"_qs).toString(), lesson.title);
            QVERIFY(event.occurredAt.isValid());
        }
        QCOMPARE(events.at(3).payload.value(u"version"_qs).toInt(), 1);
        QCOMPARE(events.at(2).payload.value(u"changes"_qs).toArray(), QJsonArray{u"track"_qs});
        QCOMPARE(events.at(2).payload.value(u"track"_qs).toString(), u"sql"_qs);
        QCOMPARE(events.at(1).payload.value(u"bytes"_qs).toInteger(), qint64(12));
        QCOMPARE(events.at(0).payload.value(u"version"_qs).toInt(), 3);

        EventQuery byType;
        byType.type = u"lesson.content_updated"_qs;
        byType.subjectId = lesson.id;
        QCOMPARE(await(services().listEvents.execute(byType)).items.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestConformanceLessons)
#include "tst_conformance_lessons.moc"
