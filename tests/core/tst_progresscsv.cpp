// Progress CSV: the reader (RFC 4180, UTF-8, line numbers), the writer (quoting, formulas),
// the import file's checks (every problem with its line and field), export of a filtered view
// page by page, import through the handlers (all or nothing, only the valid rows, dry run,
// stopping), the round trip, and a 1,000,000-line file in bounded memory. Over the in-memory
// FakeProgressRepository.

#include "Await.h"
#include "FakeProgressRepository.h"

#include "application/EventBus.h"
#include "application/progress/ProgressCsv.h"
#include "application/progress/ProgressExporter.h"
#include "application/progress/ProgressImporter.h"

#include <QBuffer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace edge;
using edge::test::await;
using edge::test::FakeProgressRepository;

namespace {

const QString UserA = QStringLiteral("0b0c6f3e-1a2b-4c3d-8e4f-000000000001");
const QString UserB = QStringLiteral("0b0c6f3e-1a2b-4c3d-8e4f-000000000002");
const QString LessonA = QStringLiteral("6a6f1d2e-3b4c-4d5e-9f60-00000000000a");
const QString LessonB = QStringLiteral("6a6f1d2e-3b4c-4d5e-9f60-00000000000b");

QDateTime now()
{
    return QDateTime::currentDateTimeUtc();
}

ProgressCsvContent parse(const QByteArray &bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return parseProgressCsv(buffer, now());
}

QStringList problemTexts(const QList<ProgressCsvProblem> &problems)
{
    QStringList texts;
    for (const ProgressCsvProblem &problem : problems)
        texts << problem.toString();
    return texts;
}

bool hasProblem(const ProgressCsvContent &content, qint64 line, const QString &field, const QString &part)
{
    for (const ProgressCsvProblem &problem : content.problems) {
        if (problem.line == line && problem.field == field && problem.problem.contains(part))
            return true;
    }
    qWarning().noquote() << "problems:" << problemTexts(content.problems).join(QStringLiteral(" | "));
    return false;
}

QList<QStringList> readAll(const QByteArray &bytes, QList<qint64> *lines = nullptr)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(buffer);
    QList<QStringList> records;
    QStringList fields;
    for (CsvReader::Status status = reader.next(fields); status != CsvReader::Status::End; status = reader.next(fields)) {
        if (status != CsvReader::Status::Record)
            return {{QStringLiteral("error"), reader.problem()}};
        records << fields;
        if (lines)
            lines->append(reader.recordLine());
    }
    return records;
}

// A file of `count` rows generated as it is read (never whole in memory): `users` learners
// with count / users lessons each, every export column filled.
class GeneratedCsv final : public QIODevice
{
public:
    GeneratedCsv(qint64 count, qint64 users) : m_count(count), m_users(users)
    {
        m_pending = ProgressCsv::header();
    }
    bool isSequential() const override { return true; }
    bool atEnd() const override { return m_row >= m_count && m_pending.size() == m_offset; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        qint64 written = 0;
        while (written < maxSize) {
            if (m_offset == m_pending.size()) {
                if (m_row >= m_count)
                    break;
                m_pending.clear();
                m_offset = 0;
                for (int i = 0; i < 256 && m_row < m_count; ++i, ++m_row)
                    appendRow(m_row);
            }
            const qint64 n = std::min<qint64>(maxSize - written, m_pending.size() - m_offset);
            std::memcpy(data + written, m_pending.constData() + m_offset, size_t(n));
            m_offset += n;
            written += n;
        }
        return written;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    // Bytes put together directly (formatting a million rows through QString would take
    // longer than reading them).
    void appendRow(qint64 row)
    {
        const qint64 user = row % m_users;
        const qint64 lesson = row / m_users;
        const bool completed = row % 3 != 0;
        const QByteArray userHex = QByteArray::number(user, 16).rightJustified(12, '0');
        const QByteArray lessonHex = QByteArray::number(lesson, 16).rightJustified(12, '0');
        const QByteArray time = QByteArray::number(10 + row % 10);
        m_pending += "00000000-0000-4000-8000-" + userHex + ",10000000-0000-4000-8000-" + lessonHex
                     + ",learner.with.a.longish.name." + QByteArray::number(user) + "@school.example.org,"
                     + "\"Lesson " + QByteArray::number(lesson) + ": edge functions, part two\",Edge computing,"
                     + (completed ? "true," : "false,") + QByteArray::number(row % 101) + ","
                     + (completed ? QByteArray("2025-03-01T" + time + ":00:00.000Z,") : QByteArray(",")) + "2025-03-01T" + time
                     + ":30:00.000Z\r\n";
    }

    qint64 m_count;
    qint64 m_users;
    qint64 m_row = 0;
    QByteArray m_pending;
    qint64 m_offset = 0;
};

// Resident and peak memory of this process, in KiB (Linux).
qint64 statusKiB(const char *key)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(qstrlen(key)).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// Two fake stores with the same learners and lessons, and the handlers over one of them.
struct Store
{
    FakeProgressRepository repository;
    EventBus events;
    ProgressCommandHandler commands{repository, events, Actor::localUser()};
    ProgressQueryHandler queries{repository};

    Store() { repository.setAnswersAtOnce(false); }
    void sameNamesAs(const FakeProgressRepository &other)
    {
        for (const FakeProgressRepository::User &user : other.users())
            repository.addUser(user.email, user.username, user.id);
        for (const FakeProgressRepository::Lesson &lesson : other.lessons())
            repository.addLesson(lesson.title, lesson.track, lesson.id);
    }
};

QByteArray exportAll(Store &store, const ProgressListQuery &query)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    ProgressExporter exporter(store.queries);
    const ProgressExportResult result = await(exporter.write(query, buffer));
    if (!result.completed)
        return {};
    return buffer.data();
}

ProgressImportReport importBytes(Store &store, const QByteArray &bytes, ProgressImportOptions options = {})
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    ProgressImporter importer(store.commands);
    return await(importer.import(ProgressImporter::read(buffer), std::move(options)));
}

QByteArray importFile(const QStringList &rows)
{
    QByteArray bytes = "userId,lessonId,completed,score,completedAt\r\n";
    for (const QString &row : rows)
        bytes += row.toUtf8() + "\r\n";
    return bytes;
}

} // namespace

class ProgressCsvTest final : public QObject
{
    Q_OBJECT

private slots:
    // ---- the reader --------------------------------------------------------------------------

    void quotedFieldsHoldCommasQuotesAndLineBreaks()
    {
        QList<qint64> lines;
        const QList<QStringList> records = readAll(
            "a,\"b, with comma\",\"say \"\"hi\"\"\"\r\n\"two\r\nlines\",\"\",x\nlast,\"lf\nonly\",y", &lines);
        QCOMPARE(records.size(), 3);
        QCOMPARE(records.at(0), (QStringList{QStringLiteral("a"), QStringLiteral("b, with comma"), QStringLiteral("say \"hi\"")}));
        QCOMPARE(records.at(1), (QStringList{QStringLiteral("two\r\nlines"), QString(), QStringLiteral("x")}));
        QCOMPARE(records.at(2), (QStringList{QStringLiteral("last"), QStringLiteral("lf\nonly"), QStringLiteral("y")}));
        // Each record starts on the line a text editor shows it on.
        QCOMPARE(lines, (QList<qint64>{1, 2, 4}));
    }

    void byteOrderMarkBlankLinesAndLineEndsAreAccepted()
    {
        const QList<QStringList> records = readAll("\xEF\xBB\xBFh1,h2\r\n\r\nx,y\r\r\nz,\xC3\xA9t\xC3\xA9\n");
        QCOMPARE(records.size(), 3);
        QCOMPARE(records.at(0).first(), QStringLiteral("h1")); // not "\uFEFFh1"
        QCOMPARE(records.at(2).at(1), QStringLiteral("\u00e9t\u00e9"));
    }

    void invalidUtf8NamesItsLineAndReadingGoesOn()
    {
        QBuffer buffer;
        buffer.setData("a,b\nc,\xE9t\xE9\ne,f\n"); // Latin-1, not UTF-8
        buffer.open(QIODevice::ReadOnly);
        CsvReader reader(buffer);
        QStringList fields;
        QCOMPARE(reader.next(fields), CsvReader::Status::Record);
        QCOMPARE(reader.next(fields), CsvReader::Status::Invalid);
        QCOMPARE(reader.recordLine(), 2);
        QVERIFY2(reader.problem().contains(QStringLiteral("not UTF-8")), qPrintable(reader.problem()));
        QCOMPARE(reader.next(fields), CsvReader::Status::Record);
        QCOMPARE(fields, (QStringList{QStringLiteral("e"), QStringLiteral("f")}));
    }

    void anUnclosedQuoteStopsReadingAtItsLine()
    {
        QBuffer buffer;
        buffer.setData("a,b\nc,\"never closed\nd,e\n");
        buffer.open(QIODevice::ReadOnly);
        CsvReader reader(buffer);
        QStringList fields;
        QCOMPARE(reader.next(fields), CsvReader::Status::Record);
        QCOMPARE(reader.next(fields), CsvReader::Status::Fatal);
        QCOMPARE(reader.recordLine(), 2);
        QVERIFY(reader.problem().contains(QStringLiteral("never closed")));
        QCOMPARE(reader.next(fields), CsvReader::Status::End);
    }

    void writerQuotesWhatNeedsItAndDisarmsFormulas()
    {
        QByteArray out;
        Csv::appendRecord(out, {QStringLiteral("plain"), QStringLiteral("a,b"), QStringLiteral("say \"x\""),
                                QStringLiteral("two\nlines"), QStringLiteral("=HYPERLINK(\"x\")"), QStringLiteral("+1"),
                                QStringLiteral("-2"), QStringLiteral("@SUM(A1)"), QStringLiteral(" edge ")});
        QCOMPARE(out, QByteArray("plain,\"a,b\",\"say \"\"x\"\"\",\"two\nlines\",\"'=HYPERLINK(\"\"x\"\")\",\"'+1\","
                                 "\"'-2\",\"'@SUM(A1)\",\" edge \"\r\n"));
        const QList<QStringList> back = readAll(out);
        QCOMPARE(back.size(), 1);
        QCOMPARE(back.first().at(3), QStringLiteral("two\nlines"));
        QCOMPARE(back.first().at(4), QStringLiteral("'=HYPERLINK(\"x\")")); // shown as text, never run
    }

    // ---- the import file's checks ------------------------------------------------------------

    void headerColumnsInAnyOrderAndDisplayColumnsIgnored()
    {
        const ProgressCsvContent content = parse(
            "score,track,completed,lessonId,userEmail,userId\n"
            "85,SQL,true," + LessonA.toUtf8() + ",someone@example.com," + UserA.toUpper().toUtf8() + "\n");
        QVERIFY2(content.isValid(), qPrintable(problemTexts(content.problems).join(QLatin1Char('\n'))));
        QCOMPARE(content.rows.size(), 1);
        QCOMPARE(content.rows.first().userId, UserA); // lower case, as stored
        QCOMPARE(content.rows.first().score, 85);
        QVERIFY(content.rows.first().completed);
        QVERIFY(!content.rows.first().completedAt.has_value());
        QCOMPARE(content.lines, (QList<qint64>{2}));
    }

    void wrongAndMissingColumnsAreNamed()
    {
        const ProgressCsvContent content = parse("userId,lesson,completed,grade\nx,y,true,1\n");
        QVERIFY(content.unreadable);
        QVERIFY(content.rows.isEmpty());
        QVERIFY(hasProblem(content, 1, QStringLiteral("lesson"), QStringLiteral("is not a column")));
        QVERIFY(hasProblem(content, 1, QStringLiteral("grade"), QStringLiteral("is not a column")));
        QVERIFY(hasProblem(content, 1, QStringLiteral("lessonId"), QStringLiteral("missing")));
        QVERIFY(hasProblem(content, 1, QStringLiteral("score"), QStringLiteral("missing")));

        const ProgressCsvContent empty = parse("");
        QVERIFY(empty.unreadable);
        QVERIFY(hasProblem(empty, 0, QString(), QStringLiteral("empty")));
    }

    void everyBadValueIsReportedWithLineAndField()
    {
        const QString future = now().addDays(2).toString(Qt::ISODateWithMs);
        const ProgressCsvContent content = parse(importFile({
            UserA + QLatin1Char(',') + LessonA + QStringLiteral(",true,101,"),                  // 2: score
            UserA + QLatin1Char(',') + LessonB + QStringLiteral(",yes,50,"),                    // 3: completed
            UserB + QLatin1Char(',') + LessonA + QStringLiteral(",true,50,31/01/2026"),         // 4: not ISO
            UserB + QLatin1Char(',') + LessonB + QStringLiteral(",true,50,") + future,          // 5: future
            QStringLiteral("not-a-uuid,") + LessonA + QStringLiteral(",false,0,"),              // 6: userId
            UserA + QStringLiteral(",") + LessonA + QStringLiteral(",false,10,"),               // 7: repeats 2
            UserB + QLatin1Char(',') + LessonA.left(8) + QStringLiteral(",false,-1,"),          // 8: lessonId, score
            UserA + QLatin1Char(',') + LessonB + QStringLiteral(",false,20,2026-01-01"),        // 9: not completed
            UserA + QLatin1Char(',') + LessonB,                                                 // 10: fields
            UserB + QLatin1Char(',') + LessonB + QStringLiteral(",TRUE,0,2026-02-30T10:00Z"),   // 11: impossible date
        }));
        QVERIFY(!content.isValid());
        QVERIFY(!content.unreadable);
        QVERIFY(hasProblem(content, 2, QStringLiteral("score"), QStringLiteral("from 0 to 100")));
        QVERIFY(hasProblem(content, 3, QStringLiteral("completed"), QStringLiteral("true or false")));
        QVERIFY(hasProblem(content, 4, QStringLiteral("completedAt"), QStringLiteral("ISO-8601")));
        QVERIFY(hasProblem(content, 5, QStringLiteral("completedAt"), QStringLiteral("future")));
        QVERIFY(hasProblem(content, 6, QStringLiteral("userId"), QStringLiteral("UUID")));
        QVERIFY(hasProblem(content, 8, QStringLiteral("lessonId"), QStringLiteral("UUID")));
        QVERIFY(hasProblem(content, 8, QStringLiteral("score"), QStringLiteral("from 0 to 100")));
        QVERIFY(hasProblem(content, 9, QStringLiteral("completedAt"), QStringLiteral("completed is false")));
        QVERIFY(hasProblem(content, 10, QString(), QStringLiteral("has 2 fields, the header has 5")));
        QVERIFY(hasProblem(content, 11, QStringLiteral("completedAt"), QStringLiteral("ISO-8601")));
        // Line 2 itself is bad, so line 7 is the first of its pair that is valid: no repeat.
        QCOMPARE(content.lines, (QList<qint64>{7}));
        QCOMPARE(content.invalidRecords, 9);
        QCOMPARE(content.records, 10);
        QCOMPARE(problemTexts(content.problems).first(),
                 QStringLiteral("line 2: score: must be a whole number from 0 to 100 (got \"101\")"));
    }

    void aRepeatedLearnerAndLessonNamesTheFirstLine()
    {
        const ProgressCsvContent content = parse(importFile({
            UserA + QLatin1Char(',') + LessonA + QStringLiteral(",true,90,2026-01-31T12:00:00Z"),
            UserB + QLatin1Char(',') + LessonA + QStringLiteral(",false,10,"),
            UserA.toUpper() + QLatin1Char(',') + LessonA + QStringLiteral(",false,20,"),
        }));
        QVERIFY(hasProblem(content, 4, QStringLiteral("lessonId"), QStringLiteral("already on line 2")));
        QCOMPARE(content.lines, (QList<qint64>{2, 3})); // the repeat is dropped, the first kept
        QCOMPARE(content.rows.first().completedAt.value(), QDateTime(QDate(2026, 1, 31), QTime(12, 0), Qt::UTC));
    }

    void timestampsAsTheWorkerReadsThem()
    {
        QCOMPARE(parseIsoTimestamp(u"2026-01-31"), QDateTime(QDate(2026, 1, 31), QTime(0, 0), Qt::UTC));
        QCOMPARE(parseIsoTimestamp(u"2026-01-31T12:30+02:00"), QDateTime(QDate(2026, 1, 31), QTime(10, 30), Qt::UTC));
        QCOMPARE(parseIsoTimestamp(u"2026-01-31T12:30:15.123456Z"),
                 QDateTime(QDate(2026, 1, 31), QTime(12, 30, 15, 123), Qt::UTC));
        QVERIFY(!parseIsoTimestamp(u"2026-01-31T12:30").isValid()); // no zone: which one?
        QVERIFY(!parseIsoTimestamp(u"2026-13-01").isValid());
        QVERIFY(!parseIsoTimestamp(u"yesterday").isValid());
    }

    // ---- export ------------------------------------------------------------------------------

    void exportWritesTheFilteredViewPageByPage()
    {
        Store store;
        store.repository.seed(90, 12); // 1080 rows, 360 per track, 240 of them completed
        ProgressListQuery query;
        query.track = QStringLiteral("cpp");
        query.completed = true;
        const qint64 expected = await(store.queries.count(query));
        QList<QPair<qint64, qint64>> reports;
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        ProgressExporter exporter(store.queries);
        const ProgressExportResult result = await(exporter.write(query, buffer, [&reports](qint64 done, qint64 total) {
            reports.append({done, total});
            return true;
        }));
        QVERIFY(result.completed);
        QCOMPARE(result.rows, expected);
        QVERIFY(expected > ProgressExporter::PageSize); // more than one page

        const QList<QStringList> records = readAll(buffer.data());
        QCOMPARE(records.first(), ProgressCsv::exportColumns());
        QCOMPARE(records.size(), expected + 1);
        for (qsizetype i = 1; i < records.size(); ++i) {
            QCOMPARE(records.at(i).at(4), QStringLiteral("cpp"));
            QCOMPARE(records.at(i).at(5), QStringLiteral("true"));
        }
        QVERIFY(records.at(1).at(2).endsWith(QStringLiteral("@example.com")));
        QVERIFY(!reports.isEmpty());
        QCOMPARE(reports.last(), (QPair<qint64, qint64>{expected, expected}));
        // Pages after the first were read by cursor, without counting again.
        const QList<ProgressListQuery> &asked = store.repository.listQueries();
        QVERIFY(asked.size() >= 2);
        QVERIFY(asked.at(1).cursor.size() > 0);
        QVERIFY(!asked.at(1).withTotal);
    }

    void aStoppedExportLeavesNoFile()
    {
        Store store;
        store.repository.seed(30, 20);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("progress.csv"));
        ProgressExporter exporter(store.queries);
        const ProgressExportResult stopped = await(exporter.writeFile({}, path, [](qint64 done, qint64) {
            return done < 200; // stop after the first page
        }));
        QVERIFY(!stopped.completed);
        QVERIFY(!QFile::exists(path));
        QCOMPARE(dir.path(), QDir(dir.path()).absolutePath());
        QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty());

        const ProgressExportResult complete = await(exporter.writeFile({}, path));
        QVERIFY(complete.completed);
        QCOMPARE(complete.rows, 600);
        QVERIFY(QFile::exists(path));
    }

    // ---- import ------------------------------------------------------------------------------

    void roundTripGivesTheSameRows()
    {
        Store source;
        source.repository.seed(12, 9);
        // Names a spreadsheet would run, and commas and quotes, survive as display columns.
        source.repository.addUser(QStringLiteral("=cmd@example.com"), QStringLiteral("Eve, \"the\" tester"), UserA);
        source.repository.addLesson(QStringLiteral("+Plus, \"quoted\"\nand two lines"), QStringLiteral("web"), LessonA);
        ProgressEntry odd;
        odd.userId = UserA;
        odd.lessonId = LessonA;
        odd.completed = true;
        odd.score = 100;
        odd.completedAt = QDateTime(QDate(2025, 6, 1), QTime(9, 15, 30, 250), Qt::UTC);
        odd.updatedAt = odd.completedAt.addSecs(60);
        source.repository.put(odd);
        const QByteArray csv = exportAll(source, {});
        QVERIFY(!csv.isEmpty());

        Store target;
        target.sameNamesAs(source.repository);
        const ProgressImportReport report = importBytes(target, csv);
        QVERIFY2(report.outcome == ProgressImportReport::Outcome::Imported,
                 qPrintable(problemTexts(report.problems).join(QLatin1Char('\n'))));
        QCOMPARE(report.imported, source.repository.entries().size());
        QCOMPARE(report.written.created, source.repository.entries().size());

        const QList<ProgressEntry> before = source.repository.entries();
        QCOMPARE(target.repository.entries().size(), before.size());
        for (const ProgressEntry &entry : before) {
            const std::optional<ProgressEntry> copy = target.repository.entry(entry.userId, entry.lessonId);
            QVERIFY(copy.has_value());
            QCOMPARE(copy->completed, entry.completed);
            QCOMPARE(copy->score, entry.score);
            QCOMPARE(copy->completedAt, entry.completedAt);
        }
        // Exported again, the other store's file has the same rows (updatedAt apart: now).
        const auto withoutUpdatedAt = [](const QByteArray &bytes) {
            QList<QStringList> records = readAll(bytes);
            for (QStringList &record : records)
                record.removeLast();
            std::sort(records.begin() + 1, records.end());
            return records;
        };
        QCOMPARE(withoutUpdatedAt(exportAll(target, {})), withoutUpdatedAt(csv));
    }

    void nothingIsWrittenWhenAnyRowIsInvalid()
    {
        Store store;
        store.repository.addUser(QStringLiteral("a@example.com"), {}, UserA);
        store.repository.addLesson(QStringLiteral("A"), QStringLiteral("cpp"), LessonA);
        store.repository.addLesson(QStringLiteral("B"), QStringLiteral("cpp"), LessonB);
        const QByteArray file = importFile({UserA + QLatin1Char(',') + LessonA + QStringLiteral(",true,90,"),
                                            UserA + QLatin1Char(',') + LessonB + QStringLiteral(",true,900,")});
        const ProgressImportReport refused = importBytes(store, file);
        QCOMPARE(refused.outcome, ProgressImportReport::Outcome::Refused);
        QVERIFY(refused.wroteNothing());
        QCOMPARE(problemTexts(refused.problems),
                 QStringList{QStringLiteral("line 3: score: must be a whole number from 0 to 100 (got \"900\")")});
        QVERIFY(store.repository.entries().isEmpty());
        QCOMPARE(store.repository.calls(FakeProgressRepository::Call::ImportRows), 0);

        ProgressImportOptions validOnly;
        validOnly.validOnly = true;
        const ProgressImportReport partial = importBytes(store, file, validOnly);
        QCOMPARE(partial.outcome, ProgressImportReport::Outcome::Imported);
        QCOMPARE(partial.imported, 1);
        QCOMPARE(partial.skipped, 1);
        QCOMPARE(partial.problems.size(), 1); // still reported
        QCOMPARE(store.repository.entries().size(), 1);
        QCOMPARE(store.repository.entry(UserA, LessonA)->score, 90);
    }

    void unknownLearnersAndLessonsAreReportedOnTheirLines()
    {
        Store store;
        store.repository.addUser(QStringLiteral("a@example.com"), {}, UserA);
        store.repository.addLesson(QStringLiteral("A"), QStringLiteral("cpp"), LessonA);
        const QByteArray file = importFile({UserA + QLatin1Char(',') + LessonA + QStringLiteral(",false,40,"),
                                            UserB + QLatin1Char(',') + LessonA + QStringLiteral(",false,50,"),
                                            UserA + QLatin1Char(',') + LessonB + QStringLiteral(",false,60,")});
        const ProgressImportReport refused = importBytes(store, file);
        QCOMPARE(refused.outcome, ProgressImportReport::Outcome::Refused);
        QCOMPARE(refused.problems.size(), 2);
        QCOMPARE(refused.problems.at(0).line, 3);
        QCOMPARE(refused.problems.at(0).field, QStringLiteral("userId"));
        QCOMPARE(refused.problems.at(1).line, 4);
        QCOMPARE(refused.problems.at(1).field, QStringLiteral("lessonId"));
        QVERIFY(store.repository.entries().isEmpty());

        ProgressImportOptions dryRun;
        dryRun.dryRun = true;
        dryRun.validOnly = true;
        const ProgressImportReport checked = importBytes(store, file, dryRun);
        QCOMPARE(checked.outcome, ProgressImportReport::Outcome::Checked);
        QCOMPARE(checked.imported, 1);
        QCOMPARE(checked.skipped, 2);
        QVERIFY(store.repository.entries().isEmpty());

        ProgressImportOptions validOnly;
        validOnly.validOnly = true;
        const ProgressImportReport partial = importBytes(store, file, validOnly);
        QCOMPARE(partial.outcome, ProgressImportReport::Outcome::Imported);
        QCOMPARE(store.repository.entries().size(), 1);
        QCOMPARE(partial.problems.size(), 2);
    }

    void aStoppedImportWritesNothing()
    {
        Store store;
        const QList<ProgressEntry> seeded = store.repository.seed(20, 10);
        QByteArray csv = exportAll(store, {});
        store.repository.clearRows();
        store.repository.setImportProgressStep(50);
        ProgressImportOptions options;
        options.progress = [](qint64 done, qint64) { return done < 100; };
        const ProgressImportReport report = importBytes(store, csv, options);
        QCOMPARE(report.outcome, ProgressImportReport::Outcome::Cancelled);
        QVERIFY(store.repository.entries().isEmpty());
        QCOMPARE(seeded.size(), 200);

        // Stopped while the file is read: nothing parsed is kept.
        QBuffer buffer;
        buffer.setData(csv);
        buffer.open(QIODevice::ReadOnly);
        GeneratedCsv big(20'000, 1000);
        big.open(QIODevice::ReadOnly);
        const ProgressCsvContent stopped = ProgressImporter::read(big, [](qint64 done, qint64) { return done < 100'000; });
        QVERIFY(stopped.cancelled);
        QVERIFY(stopped.rows.isEmpty());
        ProgressImporter importer(store.commands);
        QCOMPARE(await(importer.import(stopped)).outcome, ProgressImportReport::Outcome::Cancelled);
        QCOMPARE(store.repository.calls(FakeProgressRepository::Call::ImportRows), 1);
    }

    // ---- size ----------------------------------------------------------------------------------

    void aMillionLinesParseInBoundedMemory()
    {
#ifndef Q_OS_LINUX
        QSKIP("reads /proc/self/status");
#endif
        constexpr qint64 Lines = 1'000'000;
        GeneratedCsv file(Lines, 100'000); // about 240 MB of text, never whole in memory
        QVERIFY(file.open(QIODevice::ReadOnly));
        {
            QFile clear(QStringLiteral("/proc/self/clear_refs")); // resets the peak (VmHWM)
            if (clear.open(QIODevice::WriteOnly))
                clear.write("5");
        }
        const qint64 before = statusKiB("VmRSS:");
        qint64 reports = 0;
        qint64 lastDone = 0;
        const ProgressCsvContent content = parseProgressCsv(file, now(), [&](qint64 done, qint64 total) {
            ++reports;
            lastDone = done;
            return total == -1; // a generated file has no size
        });
        const qint64 peak = statusKiB("VmHWM:");
        QVERIFY2(content.isValid(), qPrintable(problemTexts(content.problems).mid(0, 5).join(QLatin1Char('\n'))));
        QCOMPARE(content.records, Lines);
        QCOMPARE(content.rows.size(), Lines);
        QCOMPARE(content.lines.last(), Lines + 1);
        QVERIFY(reports > 100);
        QVERIFY(lastDone > 200'000'000);
        // A million compact rows (ids shared per lesson and per learner's run) stay well under
        // the file's own size; a reader holding the text (240 MB as UTF-8, twice as UTF-16)
        // would not.
        const qint64 grownMiB = (peak - before) / 1024;
        qInfo() << "1,000,000 lines:" << grownMiB << "MiB at the peak," << lastDone / (1024 * 1024) << "MiB read";
        QVERIFY2(grownMiB < 200, qPrintable(QStringLiteral("grew by %1 MiB").arg(grownMiB)));
    }
};

QTEST_GUILESS_MAIN(ProgressCsvTest)
#include "tst_progresscsv.moc"
