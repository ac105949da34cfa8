#include "LessonArchive.h"

#include "domain/Text.h"
#include "domain/UnsafeHtml.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>

#include <array>
#include <cmath>
#include <limits>

namespace edge {

QString ArchiveProblem::toString() const
{
    return QStringLiteral("%1:%2: %3: %4").arg(file).arg(line).arg(field, problem);
}

namespace {

const QString FormatKey = QStringLiteral("format");
const QString FormatVersionKey = QStringLiteral("formatVersion");
const QString TitleKey = QStringLiteral("title");
const QString TrackKey = QStringLiteral("track");
const QString DifficultyKey = QStringLiteral("difficulty");
const QString StatusKey = QStringLiteral("status");
const QString ExportedFromKey = QStringLiteral("exportedFrom");
const QString ContentKey = QStringLiteral("content");

const QStringList &knownKeys()
{
    static const QStringList keys{FormatKey,  FormatVersionKey, TitleKey,        TrackKey,
                                  DifficultyKey, StatusKey,     ExportedFromKey, ContentKey};
    return keys;
}

// ---- reading -------------------------------------------------------------------------------

// Offset of the first byte that does not start a well-formed UTF-8 sequence (overlong forms,
// surrogates and code points above U+10FFFF included), or -1 when all of it is UTF-8.
qsizetype firstInvalidUtf8(const QByteArray &bytes)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.constData());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        const uchar c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        uint codePoint = 0;
        uint minimum = 0;
        if ((c & 0xE0) == 0xC0) {
            length = 2, codePoint = c & 0x1F, minimum = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            length = 3, codePoint = c & 0x0F, minimum = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            length = 4, codePoint = c & 0x07, minimum = 0x10000;
        } else {
            return i;
        }
        if (i + length > n)
            return i;
        for (int k = 1; k < length; ++k) {
            if ((p[i + k] & 0xC0) != 0x80)
                return i;
            codePoint = (codePoint << 6) | (p[i + k] & 0x3F);
        }
        if (codePoint < minimum || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
            return i;
        i += length;
    }
    return -1;
}

struct Position
{
    int line = 1;
    int column = 1; // in characters (code points), 1-based
};

// Where a byte offset of valid UTF-8 stands.
Position positionAt(const QByteArray &bytes, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, bytes.size());
    const QByteArray before = bytes.left(offset);
    Position position;
    position.line = int(before.count('\n')) + 1;
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    position.column = int(QString::fromUtf8(before.mid(lineStart)).toUcs4().size()) + 1;
    return position;
}

// The top-level keys of a JSON object text (already known to parse) with their lines, in
// order, repeated keys included. QJsonDocument keeps no positions, so this small scanner
// finds them for messages.
QList<QPair<QString, int>> topLevelKeys(const QByteArray &json)
{
    QList<QPair<QString, int>> keys;
    int depth = 0;
    int line = 1;
    bool inString = false;
    qsizetype stringStart = 0;
    int stringLine = 1;
    const qsizetype n = json.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char c = json.at(i);
        if (inString) {
            if (c == '\\') {
                ++i; // the escaped character (never a raw newline in valid JSON)
            } else if (c == '"') {
                inString = false;
                if (depth != 1)
                    continue;
                qsizetype next = i + 1;
                while (next < n && (json.at(next) == ' ' || json.at(next) == '\t' || json.at(next) == '\r'
                                    || json.at(next) == '\n'))
                    ++next;
                if (next < n && json.at(next) == ':') {
                    const QByteArray raw = json.mid(stringStart, i + 1 - stringStart);
                    const QString key = QJsonDocument::fromJson('[' + raw + ']').array().at(0).toString();
                    keys.append({key, stringLine});
                }
            }
            continue;
        }
        switch (c) {
        case '\n': ++line; break;
        case '"':
            inString = true;
            stringStart = i;
            stringLine = line;
            break;
        case '{':
        case '[': ++depth; break;
        case '}':
        case ']': --depth; break;
        default: break;
        }
    }
    return keys;
}

bool hasLoneSurrogate(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate()) {
            if (i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
                ++i;
            else
                return true;
        } else if (c.isLowSurrogate()) {
            return true;
        }
    }
    return false;
}

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("true/false");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("text");
    case QJsonValue::Array: return QStringLiteral("a list");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("nothing");
}

std::optional<int> wholeNumber(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (!std::isfinite(number) || std::trunc(number) != number || number < std::numeric_limits<int>::min()
        || number > std::numeric_limits<int>::max())
        return std::nullopt;
    return int(number);
}

// Reads one lesson object's fields, adding a problem for each that is missing, ill-typed or
// breaks a rule. The rules themselves are the handlers' (lessonFieldProblems) and the
// domain's (Lesson::contentProblem); this only maps them to files and lines.
class FileChecker
{
public:
    FileChecker(LessonBatch &batch, QString file, const QJsonObject &object, const QList<QPair<QString, int>> &keys)
        : m_batch(batch), m_file(std::move(file)), m_object(object)
    {
        for (const auto &[key, line] : keys) {
            if (m_lines.contains(key))
                problem(line, key, QStringLiteral("appears more than once (line %1 too)").arg(m_lines.value(key)));
            else
                m_lines.insert(key, line);
        }
    }

    int lineOf(const QString &key) const { return m_lines.value(key, 0); }

    void problem(int line, const QString &field, const QString &text)
    {
        m_batch.problems.append({m_file, line, field, text});
    }
    void problem(const QString &field, const QString &text) { problem(lineOf(field), field, text); }

    std::optional<QString> text(const QString &key, bool required = true)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined()) {
            if (required)
                problem(0, key, QStringLiteral("missing"));
            return std::nullopt;
        }
        if (!value.isString()) {
            problem(key, QStringLiteral("must be text (got %1)").arg(jsonTypeName(value)));
            return std::nullopt;
        }
        const QString string = value.toString();
        if (hasLoneSurrogate(string)) {
            problem(key, QStringLiteral("holds an unpaired surrogate escape (\\uD800-\\uDFFF), which is not text"));
            return std::nullopt;
        }
        return string;
    }

    std::optional<int> number(const QString &key)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined()) {
            problem(0, key, QStringLiteral("missing"));
            return std::nullopt;
        }
        const std::optional<int> whole = wholeNumber(value);
        if (!whole)
            problem(key, value.isDouble() ? QStringLiteral("must be a whole number (got %1)").arg(value.toDouble())
                                          : QStringLiteral("must be a whole number (got %1)").arg(jsonTypeName(value)));
        return whole;
    }

private:
    LessonBatch &m_batch;
    QString m_file;
    const QJsonObject &m_object;
    QHash<QString, int> m_lines;
};

QByteArray jsonScalar(const QJsonValue &value)
{
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2); // without the [ ]
}

// ---- writing -------------------------------------------------------------------------------

DomainError fileError(const QString &path, const QString &why)
{
    return DomainError(ErrorKind::Unavailable, QStringLiteral("Cannot write %1: %2").arg(path, why));
}

void writeFileAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw fileError(path, file.errorString());
    if (file.write(bytes) != bytes.size())
        throw fileError(path, file.errorString());
    if (!file.commit())
        throw fileError(path, file.errorString());
}

ConflictError existingFiles(const QStringList &paths)
{
    return ConflictError(
        QStringLiteral("%1 already %2 (nothing was written; allow overwriting to replace %3): %4")
            .arg(paths.size() == 1 ? QStringLiteral("A file") : QStringLiteral("%1 files").arg(paths.size()),
                 paths.size() == 1 ? QStringLiteral("exists") : QStringLiteral("exist"),
                 paths.size() == 1 ? QStringLiteral("it") : QStringLiteral("them"),
                 paths.join(QStringLiteral(", "))),
        {{QStringLiteral("output"), QStringLiteral("already %1 (nothing was written): %2")
                                        .arg(paths.size() == 1 ? QStringLiteral("exists") : QStringLiteral("exist"),
                                             paths.join(QStringLiteral(", ")))}});
}

// A lesson's metadata and content of one and the same version: if it moves on between the
// two reads, both are read again (a few times, then ConflictError).
struct Snapshot
{
    Lesson lesson;
    QByteArray content;
};

QCoro::Task<Snapshot> readSnapshot(LessonQueryHandler &queries, Lesson lesson)
{
    for (int attempt = 0; attempt < 3; ++attempt) {
        if (!lesson.hasContent)
            co_return Snapshot{lesson, {}};
        const LessonContent content = co_await queries.content(lesson.id, lesson.version);
        if (content.version == lesson.version)
            co_return Snapshot{lesson, content.html};
        lesson = co_await queries.get(lesson.id);
    }
    throw ConflictError(QStringLiteral("\"%1\" kept changing while it was being read; try again").arg(lesson.title),
                        {}, QVariant::fromValue(lesson));
}

// Every lesson of a track, oldest first, paging through the list.
QCoro::Task<QList<Lesson>> lessonsOfTrack(LessonQueryHandler &queries, QString track)
{
    QList<Lesson> lessons;
    LessonListQuery query;
    query.track = track;
    query.pageSize = LessonListQuery::MaxPageSize;
    query.sort = LessonSortField::CreatedAt;
    query.order = SortOrder::Ascending;
    query.withTotal = false;
    // Offset paging: a lesson deleted by someone else meanwhile can shift a later one onto a
    // page already read, so it would be missed; one created meanwhile lands at the end.
    for (query.page = 1;; ++query.page) {
        const LessonPage page = co_await queries.list(query);
        for (const Lesson &lesson : page.items) {
            if (lesson.track == track) // exactly: a store may compare tracks more loosely
                lessons.append(lesson);
        }
        if (page.items.size() < query.pageSize)
            break;
    }
    co_return lessons;
}

// ---- importing -----------------------------------------------------------------------------

struct Matched
{
    QList<std::optional<Lesson>> targets; // per lesson of the batch
    QList<ArchiveProblem> problems;
};

QCoro::Task<Matched> matchTargets(LessonQueryHandler &queries, LessonBatch batch)
{
    Matched matched;
    matched.problems = LessonArchive::duplicateProblems(batch.lessons);
    QHash<QString, QHash<QString, QList<Lesson>>> byTrack; // track -> title -> lessons
    for (const ArchivedLesson &lesson : batch.lessons) {
        if (byTrack.contains(lesson.track))
            continue;
        const QList<Lesson> stored = co_await lessonsOfTrack(queries, lesson.track);
        QHash<QString, QList<Lesson>> byTitle;
        for (const Lesson &each : stored)
            byTitle[each.title].append(each);
        byTrack.insert(lesson.track, byTitle);
    }
    for (const ArchivedLesson &lesson : batch.lessons) {
        const QList<Lesson> candidates = byTrack.value(lesson.track).value(lesson.title);
        if (candidates.size() > 1) {
            QStringList ids;
            for (const Lesson &candidate : candidates)
                ids << candidate.id;
            matched.problems.append({lesson.file, lesson.titleLine, TitleKey,
                                     QStringLiteral("the store holds %1 lessons titled \"%2\" in track \"%3\" (%4); "
                                                    "cannot tell which one to update")
                                         .arg(candidates.size())
                                         .arg(withInvisiblesShown(lesson.title), lesson.track,
                                              ids.join(QStringLiteral(", ")))});
        }
        matched.targets.append(candidates.isEmpty() ? std::nullopt : std::optional<Lesson>(candidates.first()));
    }
    co_return matched;
}

bool sameMetadata(const ArchivedLesson &file, const Lesson &stored)
{
    return file.title == stored.title && file.track == stored.track && file.difficulty == stored.difficulty
        && file.status == lessonStatusToString(stored.status);
}

// One entry per lesson this import wrote to, with what it needs to put things back.
struct JournalEntry
{
    bool created = false;
    QString file;
    Lesson before;           // updated: as it was
    QByteArray beforeContent;
    Lesson after;            // the last version this import produced
    bool metadataWritten = false;
    bool contentWritten = false;
};

QString describe(const Lesson &lesson)
{
    return QStringLiteral("\"%1\" (%2)").arg(withInvisiblesShown(lesson.title), lesson.id);
}

// Whether a lesson should get its content before its metadata: a lesson that ends up
// published gets its new content first (learners never see the new state with the old
// text or no text); one that ends up a draft is unpublished first.
bool contentFirst(const QString &finalStatus)
{
    return finalStatus == QLatin1String("published");
}

QCoro::Task<ImportedLesson> applyOne(LessonCommandHandler &commands, LessonQueryHandler &queries,
                                     ArchivedLesson file, std::optional<Lesson> target, QList<JournalEntry> &journal)
{
    if (!target) {
        const bool publishAfterContent = file.status == QLatin1String("published") && !file.content.isEmpty();
        CreateLessonCommand create;
        create.title = file.title;
        create.track = file.track;
        create.difficulty = file.difficulty;
        create.status = publishAfterContent ? QStringLiteral("draft") : file.status;
        Lesson lesson = co_await commands.create(create);
        const qsizetype entry = journal.size();
        journal.append({true, file.file, {}, {}, lesson, true, false});
        if (!file.content.isEmpty()) {
            const PutLessonContentCommand put{lesson.id, file.content, lesson.version};
            lesson = co_await commands.putContent(put);
            journal[entry].after = lesson;
            journal[entry].contentWritten = true;
        }
        if (publishAfterContent) {
            lesson = co_await commands.setStatus(lesson, LessonStatus::Published);
            journal[entry].after = lesson;
        }
        co_return ImportedLesson{file.file, ImportedLesson::Action::Create, lesson.id, lesson.version};
    }

    const Snapshot stored = co_await readSnapshot(queries, *target);
    const bool metadataChanges = !sameMetadata(file, stored.lesson);
    const bool contentChanges = stored.content != file.content;
    if (!metadataChanges && !contentChanges)
        co_return ImportedLesson{file.file, ImportedLesson::Action::Unchanged, stored.lesson.id, stored.lesson.version};

    Lesson lesson = stored.lesson;
    const qsizetype entry = journal.size();
    journal.append({false, file.file, stored.lesson, stored.content, lesson, false, false});
    const std::array<bool, 2> steps{contentFirst(file.status), !contentFirst(file.status)};
    for (const bool contentStep : steps) {
        if (contentStep && contentChanges) {
            const PutLessonContentCommand put{lesson.id, file.content, lesson.version};
            lesson = co_await commands.putContent(put);
            journal[entry].after = lesson;
            journal[entry].contentWritten = true;
        } else if (!contentStep && metadataChanges) {
            UpdateLessonCommand update;
            update.id = lesson.id;
            update.baseVersion = lesson.version;
            update.difficulty = file.difficulty;
            update.status = file.status;
            update.base = lesson;
            lesson = co_await commands.update(update);
            journal[entry].after = lesson;
            journal[entry].metadataWritten = true;
        }
    }
    co_return ImportedLesson{file.file, ImportedLesson::Action::Update, lesson.id, lesson.version};
}

// Puts back what the journal says this import did, newest first. Every step is a
// compare-and-swap on the version this import produced, so a lesson someone else changed
// since is left as they made it (and reported), never overwritten.
//
// Where this can still fail, and then says so in report.notUndone:
// - the undo's own writes can fail (the Worker unreachable, the sign-in expired, a role
//   taken away): the lesson stays as the import left it;
// - someone else changed the lesson after this import did: it is kept as they made it;
// - deleting a created lesson checks its version first, but the delete itself carries no
//   version, so a change made between that check and the delete is lost with the lesson;
// - a lesson that had no content before gets empty content back (the port cannot remove
//   content), and every restored lesson ends at a higher version than it had (versions only
//   move forward), with audit events for both the import and the undo.
QCoro::Task<void> undo(LessonCommandHandler &commands, LessonQueryHandler &queries, QList<JournalEntry> journal,
                       ImportReport &report)
{
    for (qsizetype i = journal.size() - 1; i >= 0; --i) {
        const JournalEntry &entry = journal.at(i);
        if (entry.created) {
            QString failed;
            bool deleted = false;
            bool changed = false;
            Lesson now;
            try {
                now = co_await queries.get(entry.after.id);
                if (now.version == entry.after.version) {
                    co_await commands.remove(entry.after.id);
                    deleted = true;
                } else {
                    changed = true;
                }
            } catch (const NotFoundError &) {
                deleted = true; // already gone
            } catch (const DomainError &error) {
                failed = error.message();
            }
            if (deleted)
                report.undone << QStringLiteral("deleted %1, which this import had created").arg(describe(entry.after));
            else if (changed)
                report.notUndone << QStringLiteral("kept %1, created by this import: changed by someone else since "
                                                   "(now version %2)")
                                        .arg(describe(entry.after))
                                        .arg(now.version);
            else
                report.notUndone << QStringLiteral("could not delete %1, created by this import: %2")
                                        .arg(describe(entry.after), failed);
            continue;
        }

        if (!entry.contentWritten && !entry.metadataWritten)
            continue; // its first write failed: nothing to put back
        Lesson lesson = entry.after;
        bool contentRestored = !entry.contentWritten;
        bool metadataRestored = !entry.metadataWritten;
        QString failed;
        const QString beforeStatus = lessonStatusToString(entry.before.status);
        try {
            const std::array<bool, 2> steps{contentFirst(beforeStatus), !contentFirst(beforeStatus)};
            for (const bool contentStep : steps) {
                if (contentStep && !contentRestored) {
                    const PutLessonContentCommand put{lesson.id, entry.beforeContent, lesson.version};
                    lesson = co_await commands.putContent(put);
                    contentRestored = true;
                } else if (!contentStep && !metadataRestored) {
                    UpdateLessonCommand update;
                    update.id = lesson.id;
                    update.baseVersion = lesson.version;
                    update.title = entry.before.title;
                    update.track = entry.before.track;
                    update.difficulty = entry.before.difficulty;
                    update.status = beforeStatus;
                    update.base = lesson;
                    lesson = co_await commands.update(update);
                    metadataRestored = true;
                }
            }
        } catch (const ConflictError &error) {
            failed = QStringLiteral("changed by someone else since this import (%1)").arg(error.message());
        } catch (const DomainError &error) {
            failed = error.message();
        }
        if (failed.isEmpty()) {
            report.undone << QStringLiteral("put back %1 as it was at version %2 (now version %3)")
                                 .arg(describe(entry.before))
                                 .arg(entry.before.version)
                                 .arg(lesson.version);
        } else {
            QStringList parts;
            if (!contentRestored)
                parts << QStringLiteral("content");
            if (!metadataRestored)
                parts << QStringLiteral("metadata");
            report.notUndone << QStringLiteral("could not put back the %1 of %2 (version %3 before the import): %4")
                                    .arg(parts.join(QStringLiteral(" and ")), describe(entry.before))
                                    .arg(entry.before.version)
                                    .arg(failed);
        }
    }
}

void count(ImportReport &report, const ImportedLesson &lesson)
{
    report.lessons.append(lesson);
    switch (lesson.action) {
    case ImportedLesson::Action::Create: ++report.created; break;
    case ImportedLesson::Action::Update: ++report.updated; break;
    case ImportedLesson::Action::Unchanged: ++report.unchanged; break;
    }
}

} // namespace

// ---- the file format -----------------------------------------------------------------------

namespace LessonArchive {

QByteArray toJson(const Lesson &lesson, const QByteArray &content, const QString &store)
{
    // Written by hand for a fixed, readable key order (QJsonObject sorts its keys), content
    // last; each value is encoded by QJsonDocument.
    const auto line = [](const QString &key, const QJsonValue &value, bool last = false, const char *indent = "    ") {
        return QByteArray(indent) + jsonScalar(key) + ": " + jsonScalar(value) + (last ? "\n" : ",\n");
    };
    QByteArray json("{\n");
    json += line(FormatKey, QString::fromUtf16(FormatName));
    json += line(FormatVersionKey, FormatVersion);
    json += line(TitleKey, lesson.title);
    json += line(TrackKey, lesson.track);
    json += line(DifficultyKey, lesson.difficulty);
    json += line(StatusKey, lessonStatusToString(lesson.status));
    json += "    " + jsonScalar(ExportedFromKey) + ": {\n";
    json += line(QStringLiteral("id"), lesson.id, false, "        ");
    json += line(QStringLiteral("version"), lesson.version, false, "        ");
    json += line(QStringLiteral("store"), store, true, "        ");
    json += "    },\n";
    json += line(ContentKey, QString::fromUtf8(content), true);
    json += "}\n";
    return json;
}

LessonBatch parse(const QByteArray &input, const QString &file)
{
    LessonBatch batch;
    const auto problem = [&batch, &file](int line, const QString &field, const QString &text) {
        batch.problems.append({file, line, field, text});
    };

    QByteArray bytes = input;
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3); // a byte-order mark some editors add: not part of the JSON
    if (const qsizetype bad = firstInvalidUtf8(bytes); bad >= 0) {
        const Position at = positionAt(bytes, bad);
        problem(at.line, QStringLiteral("encoding"),
                QStringLiteral("not UTF-8 text: byte 0x%1 at column %2 does not belong there")
                    .arg(uchar(bytes.at(bad)), 2, 16, QLatin1Char('0'))
                    .arg(at.column));
        return batch;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        // Qt reports the offset after the character it stopped at (the token it read);
        // step back onto it, unless the parser ran out of text there.
        qsizetype offset = std::clamp<qsizetype>(error.offset, 0, bytes.size());
        if (offset > 0 && !QChar::isSpace(uchar(bytes.at(offset - 1)))) {
            --offset;
            while (offset > 0 && (uchar(bytes.at(offset)) & 0xC0) == 0x80)
                --offset; // onto the first byte of a multi-byte character
        }
        const Position at = positionAt(bytes, offset);
        problem(at.line, QStringLiteral("json"),
                QStringLiteral("malformed JSON at line %1, column %2: %3").arg(at.line).arg(at.column).arg(error.errorString()));
        return batch;
    }
    if (!document.isObject()) {
        problem(1, QStringLiteral("json"), QStringLiteral("must be one JSON object (a lesson), not a list"));
        return batch;
    }
    const QJsonObject object = document.object();
    FileChecker check(batch, file, object, topLevelKeys(bytes));

    // The marker first: a file that is not a lesson file gets one message, not twenty.
    const QJsonValue format = object.value(FormatKey);
    if (format.isUndefined()) {
        check.problem(0, FormatKey,
                      QStringLiteral("missing: not an Edge Admin lesson file (it has no \"format\": \"%1\")")
                          .arg(QString::fromUtf16(FormatName)));
        return batch;
    }
    if (format.toString() != QString::fromUtf16(FormatName)) {
        check.problem(FormatKey, QStringLiteral("must be \"%1\" (got %2): not an Edge Admin lesson file")
                                     .arg(QString::fromUtf16(FormatName), QString::fromUtf8(jsonScalar(format)).left(60)));
        return batch;
    }
    const std::optional<int> version = check.number(FormatVersionKey);
    if (!version)
        return batch;
    if (*version > FormatVersion) {
        check.problem(FormatVersionKey, QStringLiteral("%1 is from a newer Edge Admin; this one reads format version %2")
                                            .arg(*version)
                                            .arg(FormatVersion));
        return batch;
    }
    if (*version < 1) {
        check.problem(FormatVersionKey, QStringLiteral("must be %1 (got %2)").arg(FormatVersion).arg(*version));
        return batch;
    }

    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!knownKeys().contains(it.key()))
            check.problem(check.lineOf(it.key()), withInvisiblesShown(it.key()),
                          QStringLiteral("unknown field (a lesson file has %1)").arg(knownKeys().join(QStringLiteral(", "))));
    }

    const std::optional<QString> title = check.text(TitleKey);
    const std::optional<QString> track = check.text(TrackKey);
    const std::optional<int> difficulty = check.number(DifficultyKey);
    const std::optional<QString> status = check.text(StatusKey);
    const std::optional<QString> content = check.text(ContentKey);

    ArchivedLesson lesson;
    lesson.file = file;
    lesson.titleLine = check.lineOf(TitleKey);
    const QJsonValue from = object.value(ExportedFromKey);
    if (!from.isUndefined()) {
        if (!from.isObject()) {
            check.problem(ExportedFromKey, QStringLiteral("must be an object (got %1)").arg(jsonTypeName(from)));
        } else {
            const QJsonObject source = from.toObject();
            const auto sourceProblem = [&check](const QString &key, const QString &text) {
                check.problem(check.lineOf(ExportedFromKey), ExportedFromKey + QLatin1Char('.') + key, text);
            };
            for (const QString &key : {QStringLiteral("id"), QStringLiteral("store")}) {
                const QJsonValue value = source.value(key);
                if (!value.isUndefined() && !value.isString())
                    sourceProblem(key, QStringLiteral("must be text (got %1)").arg(jsonTypeName(value)));
            }
            const QJsonValue sourceVersion = source.value(QStringLiteral("version"));
            if (!sourceVersion.isUndefined() && !wholeNumber(sourceVersion))
                sourceProblem(QStringLiteral("version"), QStringLiteral("must be a whole number"));
            lesson.sourceId = source.value(QStringLiteral("id")).toString();
            lesson.sourceVersion = wholeNumber(sourceVersion).value_or(0);
            lesson.sourceStore = source.value(QStringLiteral("store")).toString();
        }
    }

    // The rules, for the fields that are there and well typed. Placeholders stand in for the
    // others, whose problems are already reported.
    const QMap<QString, QString> rules = lessonFieldProblems(title.value_or(QStringLiteral("-")),
                                                             track.value_or(QStringLiteral("-")),
                                                             difficulty.value_or(Lesson::MinDifficulty),
                                                             status.value_or(QStringLiteral("draft")));
    for (auto it = rules.cbegin(); it != rules.cend(); ++it)
        check.problem(it.key(), it.value());
    if (content) {
        lesson.content = content->toUtf8();
        if (const QString why = Lesson::contentProblem(lesson.content); !why.isEmpty())
            check.problem(ContentKey, why);
        for (const UnsafeHtmlPart &part : findUnsafeHtml(*content))
            batch.warnings.append({file, check.lineOf(ContentKey), ContentKey,
                                   QStringLiteral("unsafe HTML, stored as given (HTML %1)").arg(part.description())});
    }
    if (!batch.problems.isEmpty())
        return batch;
    lesson.title = title->trimmed();
    lesson.track = track->trimmed();
    lesson.difficulty = *difficulty;
    lesson.status = *status;
    batch.lessons.append(lesson);
    return batch;
}

QList<ArchiveProblem> duplicateProblems(const QList<ArchivedLesson> &lessons)
{
    QList<ArchiveProblem> problems;
    QHash<QPair<QString, QString>, QString> seen; // (track, title) -> first file
    for (const ArchivedLesson &lesson : lessons) {
        const QPair<QString, QString> key{lesson.track, lesson.title};
        if (const auto it = seen.constFind(key); it != seen.constEnd())
            problems.append({lesson.file, lesson.titleLine, TitleKey,
                             QStringLiteral("the same track and title as %1 (\"%2\" in track \"%3\"); "
                                            "an import matches lessons by track and title")
                                 .arg(it.value(), withInvisiblesShown(lesson.title), lesson.track)});
        else
            seen.insert(key, lesson.file);
    }
    return problems;
}

namespace {
LessonBatch readFile(const QString &path)
{
    LessonBatch batch;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        batch.problems.append({path, 0, QStringLiteral("file"), QStringLiteral("cannot be read: %1").arg(file.errorString())});
        return batch;
    }
    if (file.size() > MaxFileBytes) {
        batch.problems.append({path, 0, QStringLiteral("file"),
                               QStringLiteral("is %1 bytes; a lesson file is at most %2 bytes")
                                   .arg(file.size())
                                   .arg(MaxFileBytes)});
        return batch;
    }
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        batch.problems.append({path, 0, QStringLiteral("file"), QStringLiteral("cannot be read: %1").arg(file.errorString())});
        return batch;
    }
    return parse(bytes, path);
}
} // namespace

LessonBatch read(const QString &fileOrFolder)
{
    const QFileInfo info(fileOrFolder);
    if (!info.exists()) {
        LessonBatch batch;
        batch.problems.append({fileOrFolder, 0, QStringLiteral("file"), QStringLiteral("does not exist")});
        return batch;
    }
    if (!info.isDir())
        return readFile(fileOrFolder);

    LessonBatch batch;
    const QDir folder(fileOrFolder);
    const QStringList names = folder.entryList({QStringLiteral("*") + QString::fromUtf16(FileSuffix)},
                                               QDir::Files | QDir::Readable | QDir::Hidden, QDir::Name);
    if (names.isEmpty()) {
        batch.problems.append({fileOrFolder, 0, QStringLiteral("file"),
                               QStringLiteral("holds no *%1 files").arg(QString::fromUtf16(FileSuffix))});
        return batch;
    }
    for (const QString &name : names) {
        // Joined as given, so messages name the files the way the user named the folder.
        const LessonBatch one = readFile(QDir::cleanPath(fileOrFolder + QLatin1Char('/') + name));
        batch.lessons += one.lessons;
        batch.problems += one.problems;
        batch.warnings += one.warnings;
    }
    batch.problems += duplicateProblems(batch.lessons);
    return batch;
}

QString fileNameFor(const QString &title, const QStringList &taken)
{
    constexpr qsizetype MaxSlug = 80;
    QString slug;
    bool separator = false;
    for (const char32_t c : title.normalized(QString::NormalizationForm_KD).toUcs4()) {
        const QChar::Category category = QChar::category(c);
        if (category == QChar::Mark_NonSpacing || category == QChar::Mark_SpacingCombining
            || category == QChar::Mark_Enclosing)
            continue; // accents, after the decomposition
        if (QChar::isLetterOrNumber(c)) {
            if (separator && !slug.isEmpty())
                slug += QLatin1Char('-');
            separator = false;
            const char32_t lower = QChar::toLower(c);
            slug += QString::fromUcs4(&lower, 1);
        } else {
            separator = true;
        }
    }
    if (slug.toUcs4().size() > MaxSlug) {
        QList<uint> codePoints = slug.toUcs4();
        codePoints.resize(MaxSlug);
        slug = QString::fromUcs4(reinterpret_cast<const char32_t *>(codePoints.constData()), codePoints.size());
        while (slug.endsWith(QLatin1Char('-')))
            slug.chop(1);
    }
    if (slug.isEmpty())
        slug = QStringLiteral("lesson");
    // Names Windows keeps for devices, whatever follows the dot ("con.lesson.json" included).
    static const QRegularExpression reserved(QStringLiteral("^(con|prn|aux|nul|com[1-9]|lpt[1-9])$"));
    if (reserved.match(slug).hasMatch())
        slug += QStringLiteral("-lesson");
    const auto isTaken = [&taken](const QString &name) { return taken.contains(name, Qt::CaseInsensitive); };
    QString name = slug + QString::fromUtf16(FileSuffix);
    for (int n = 2; isTaken(name); ++n)
        name = slug + QLatin1Char('-') + QString::number(n) + QString::fromUtf16(FileSuffix);
    return name;
}

} // namespace LessonArchive

// ---- exporting -----------------------------------------------------------------------------

QCoro::Task<QString> LessonExporter::exportLesson(QString id, QString path, bool overwrite)
{
    const Lesson lesson = co_await m_queries.get(id);
    QString target = path;
    if (QFileInfo(path).isDir())
        target = QDir(path).filePath(LessonArchive::fileNameFor(lesson.title));
    if (!overwrite && QFileInfo::exists(target))
        throw existingFiles({target});
    const Snapshot snapshot = co_await readSnapshot(m_queries, lesson);
    // Checked again after the reads; QSaveFile replaces by renaming, so a file made by
    // someone else in the instant between this check and the rename would be replaced.
    if (!overwrite && QFileInfo::exists(target))
        throw existingFiles({target});
    writeFileAtomically(target, LessonArchive::toJson(snapshot.lesson, snapshot.content, m_store));
    co_return target;
}

QCoro::Task<QStringList> LessonExporter::exportTrack(QString track, QString folder, bool overwrite,
                                                     ArchiveProgress progress)
{
    track = track.trimmed();
    if (const QString why = Lesson::trackProblem(track); !why.isEmpty())
        throw ValidationError::field(QStringLiteral("track"), why);
    if (QFileInfo(folder).exists() && !QFileInfo(folder).isDir())
        throw ValidationError::field(QStringLiteral("output"),
                                     QStringLiteral("%1 is a file; a track is exported to a folder").arg(folder));

    const QList<Lesson> lessons = co_await lessonsOfTrack(m_queries, track);
    if (lessons.isEmpty())
        throw NotFoundError::withMessage(QStringLiteral("No lessons in track \"%1\"").arg(track));

    QStringList names;
    QStringList paths;
    QStringList existing;
    const QDir dir(folder);
    for (const Lesson &lesson : lessons) {
        names << LessonArchive::fileNameFor(lesson.title, names);
        paths << dir.filePath(names.last());
        if (QFileInfo::exists(paths.last()))
            existing << paths.last();
    }
    if (!overwrite && !existing.isEmpty())
        throw existingFiles(existing);
    if (!QDir().mkpath(folder))
        throw fileError(folder, QStringLiteral("the folder cannot be made"));

    QStringList made; // files this export created (not overwrote), removed again on failure
    std::optional<DomainError> failure;
    for (qsizetype i = 0; i < lessons.size(); ++i) {
        try {
            const Snapshot snapshot = co_await readSnapshot(m_queries, lessons.at(i));
            const bool existed = QFileInfo::exists(paths.at(i));
            if (existed && !overwrite)
                throw existingFiles({paths.at(i)}); // made by someone else since the check
            writeFileAtomically(paths.at(i), LessonArchive::toJson(snapshot.lesson, snapshot.content, m_store));
            if (!existed)
                made << paths.at(i);
        } catch (const DomainError &error) {
            failure = error;
        }
        if (failure)
            break;
        if (progress)
            progress(int(i + 1), int(lessons.size()));
    }
    if (failure) {
        for (const QString &path : std::as_const(made))
            QFile::remove(path);
        throw *failure;
    }
    co_return paths;
}

// ---- importing -----------------------------------------------------------------------------

QCoro::Task<ImportReport> LessonImporter::plan(LessonBatch batch)
{
    ImportReport report;
    report.total = int(batch.lessons.size());
    if (!batch.isValid()) {
        report.outcome = ImportReport::Outcome::Refused;
        report.problems = batch.problems;
        co_return report;
    }
    try {
        const Matched matched = co_await matchTargets(m_queries, batch);
        if (!matched.problems.isEmpty()) {
            report.outcome = ImportReport::Outcome::Refused;
            report.problems = matched.problems;
            co_return report;
        }
        for (qsizetype i = 0; i < batch.lessons.size(); ++i) {
            const ArchivedLesson &file = batch.lessons.at(i);
            const std::optional<Lesson> &target = matched.targets.at(i);
            if (!target) {
                count(report, {file.file, ImportedLesson::Action::Create, {}, 0});
                continue;
            }
            const Snapshot stored = co_await readSnapshot(m_queries, *target);
            const bool same = sameMetadata(file, stored.lesson) && stored.content == file.content;
            count(report, {file.file, same ? ImportedLesson::Action::Unchanged : ImportedLesson::Action::Update,
                           stored.lesson.id, stored.lesson.version});
        }
    } catch (const DomainError &error) {
        report.outcome = ImportReport::Outcome::Failed;
        report.failure = error;
    }
    co_return report;
}

QCoro::Task<ImportReport> LessonImporter::apply(LessonBatch batch, ImportOptions options)
{
    ImportReport report;
    report.total = int(batch.lessons.size());
    if (!batch.isValid()) {
        report.outcome = ImportReport::Outcome::Refused;
        report.problems = batch.problems;
        report.failure = ValidationError(QStringLiteral("The files have problems; nothing was written"));
        co_return report;
    }

    Matched matched;
    try {
        matched = co_await matchTargets(m_queries, batch);
    } catch (const DomainError &error) {
        report.outcome = ImportReport::Outcome::Failed; // only reads so far: nothing written
        report.failure = error;
    }
    if (report.failure)
        co_return report;
    if (!matched.problems.isEmpty()) {
        report.outcome = ImportReport::Outcome::Refused;
        report.problems = matched.problems;
        report.failure = ConflictError(QStringLiteral("The store's lessons do not match the files one to one; "
                                                      "nothing was written"));
        co_return report;
    }

    QList<JournalEntry> journal;
    for (qsizetype i = 0; i < batch.lessons.size(); ++i) {
        if (options.cancel && options.cancel->load()) {
            report.outcome = ImportReport::Outcome::Cancelled;
            break;
        }
        try {
            const ImportedLesson done =
                co_await applyOne(m_commands, m_queries, batch.lessons.at(i), matched.targets.at(i), journal);
            count(report, done);
        } catch (const DomainError &error) {
            report.failure = error;
        } catch (const std::exception &error) {
            report.failure = DomainError(ErrorKind::Internal, QString::fromLocal8Bit(error.what()));
        }
        if (report.failure) {
            report.outcome = ImportReport::Outcome::Failed;
            report.failedFile = batch.lessons.at(i).file;
            break;
        }
        if (options.progress)
            options.progress(int(i + 1), report.total);
    }
    if (report.outcome != ImportReport::Outcome::Completed)
        co_await undo(m_commands, m_queries, journal, report);
    co_return report;
}

QString summary(const ImportReport &report)
{
    return QStringLiteral("%1 created, %2 updated, %3 unchanged").arg(report.created).arg(report.updated).arg(report.unchanged);
}

} // namespace edge
