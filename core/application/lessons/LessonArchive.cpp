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

} // namespace edge
