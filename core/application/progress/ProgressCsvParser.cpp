// parseProgressCsv: a progress import file read and checked row by row, before any store is
// involved (the store checks that the learners and lessons exist).

#include "ProgressCsv.h"

#include "domain/Text.h"
#include "domain/UserId.h"

#include <QFileDevice>
#include <QHash>
#include <QRegularExpression>

#include <algorithm>
#include <numeric>
#include <vector>

namespace edge {

namespace {

constexpr int ProgressEveryRecords = 4096;

// A value as a problem quotes it: short, with invisible characters written out.
QString quoted(const QString &value)
{
    QString shown = withInvisiblesShown(value);
    if (shown.size() > 60)
        shown = shown.left(57) + QStringLiteral("...");
    return QLatin1Char('"') + shown + QLatin1Char('"');
}

struct Columns
{
    int count = 0;
    int userId = -1;
    int lessonId = -1;
    int completed = -1;
    int score = -1;
    int completedAt = -1;
};

// The header names the columns in any order; the display columns of an export are ignored.
Columns readHeader(const QStringList &names, ProgressCsvContent &content)
{
    const QStringList known = ProgressCsv::exportColumns();
    Columns columns;
    columns.count = int(names.size());
    QStringList seen;
    for (int i = 0; i < names.size(); ++i) {
        const QString name = names.at(i).trimmed();
        const auto match = std::find_if(known.cbegin(), known.cend(), [&name](const QString &column) {
            return column.compare(name, Qt::CaseInsensitive) == 0;
        });
        if (match == known.cend()) {
            content.addProblem({1, name.isEmpty() ? QStringLiteral("column %1").arg(i + 1) : name,
                                QStringLiteral("is not a column of a progress file (the columns are %1)")
                                    .arg(known.join(QStringLiteral(", ")))});
            continue;
        }
        if (seen.contains(*match)) {
            content.addProblem({1, *match, QStringLiteral("is named twice")});
            continue;
        }
        seen << *match;
        if (*match == QLatin1String("userId"))
            columns.userId = i;
        else if (*match == QLatin1String("lessonId"))
            columns.lessonId = i;
        else if (*match == QLatin1String("completed"))
            columns.completed = i;
        else if (*match == QLatin1String("score"))
            columns.score = i;
        else if (*match == QLatin1String("completedAt"))
            columns.completedAt = i;
    }
    for (const QString &required : ProgressCsv::requiredColumns()) {
        if (!seen.contains(required))
            content.addProblem({1, required,
                                QStringLiteral("column is missing (an import needs %1; completedAt is optional)")
                                    .arg(ProgressCsv::requiredColumns().join(QStringLiteral(", ")))});
    }
    if (content.problemCount > 0)
        content.unreadable = true;
    return columns;
}

// Reads one data record into `row`; false (with its problems added) when it is not valid.
class RowReader
{
public:
    RowReader(const Columns &columns, const QDateTime &now, ProgressCsvContent &content)
        : m_columns(columns), m_now(now), m_content(content) {}

    bool read(const QStringList &fields, qint64 line, ProgressImportRow &row)
    {
        m_line = line;
        m_valid = true;
        if (fields.size() != m_columns.count) {
            problem({}, QStringLiteral("has %1 fields, the header has %2 (a comma too many or too few, or a line break "
                                       "outside quotes)")
                            .arg(fields.size())
                            .arg(m_columns.count));
            return false;
        }
        row.userId = id(fields.at(m_columns.userId), QStringLiteral("userId"), QStringLiteral("user"), m_users);
        row.lessonId = id(fields.at(m_columns.lessonId), QStringLiteral("lessonId"), QStringLiteral("lesson"), m_lessons);
        row.completed = completed(fields.at(m_columns.completed));
        row.score = score(fields.at(m_columns.score));
        row.completedAt.reset();
        if (m_columns.completedAt >= 0)
            row.completedAt = completedAt(fields.at(m_columns.completedAt), row.completed);
        return m_valid;
    }

private:
    void problem(const QString &field, const QString &what)
    {
        m_valid = false;
        m_content.addProblem({m_line, field, what});
    }

    // Lower case, as stored. A file has many rows per learner and per lesson: one string per
    // id, shared by its rows (a million rows of 100,000 learners: 100,000 strings, not 2,000,000).
    QString id(const QString &text, const QString &field, const QString &record, QHash<QString, QString> &known)
    {
        if (const auto found = known.constFind(text); found != known.cend())
            return found.value();
        const QString value = text.trimmed();
        if (value.isEmpty()) {
            problem(field, QStringLiteral("is empty (the %1's id, a UUID)").arg(record));
            return {};
        }
        if (!UserId::problem(value, record).isEmpty()) {
            problem(field, QStringLiteral("%1 is not a %2 id (a UUID)").arg(quoted(value), record));
            return {};
        }
        const QString stored = value.toLower();
        known.insert(text, stored);
        return stored;
    }

    bool completed(const QString &text)
    {
        const QString value = text.trimmed();
        if (value.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0 || value == QLatin1String("1"))
            return true;
        if (value.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0 || value == QLatin1String("0"))
            return false;
        problem(QStringLiteral("completed"), value.isEmpty()
                                                 ? QStringLiteral("is empty (true or false)")
                                                 : QStringLiteral("must be true or false (got %1)").arg(quoted(value)));
        return false;
    }

    int score(const QString &text)
    {
        const QString value = text.trimmed();
        bool ok = false;
        const int number = value.toInt(&ok);
        const bool digits = std::all_of(value.cbegin(), value.cend(), [](QChar c) { return c.isDigit(); });
        if (value.isEmpty()) {
            problem(QStringLiteral("score"), QStringLiteral("is empty (a whole number from %1 to %2)")
                                                 .arg(ProgressEntry::MinScore)
                                                 .arg(ProgressEntry::MaxScore));
        } else if (!ok || (!digits && number >= 0) || !ProgressEntry::scoreProblem(number).isEmpty()) {
            problem(QStringLiteral("score"), QStringLiteral("%1 (got %2)")
                                                 .arg(ProgressEntry::scoreProblem(-1), quoted(value)));
        }
        return number;
    }

    std::optional<QDateTime> completedAt(const QString &text, bool completedRow)
    {
        const QString value = text.trimmed();
        if (value.isEmpty())
            return std::nullopt; // kept, or now when the row becomes completed
        const QDateTime time = parseIsoTimestamp(value);
        if (!time.isValid()) {
            problem(QStringLiteral("completedAt"),
                    QStringLiteral("must be an ISO-8601 date or timestamp with a time zone, such as "
                                   "2026-01-31T12:00:00.000Z (got %1)")
                        .arg(quoted(value)));
            return std::nullopt;
        }
        if (const QString why = ProgressEntry::completedAtProblem(time, completedRow, m_now); !why.isEmpty()) {
            problem(QStringLiteral("completedAt"),
                    completedRow ? QStringLiteral("%1 (got %2)").arg(why, quoted(value))
                                 : QStringLiteral("%1: completed is false (leave completedAt empty)").arg(why));
            return std::nullopt;
        }
        return time;
    }

    const Columns &m_columns;
    QDateTime m_now;
    ProgressCsvContent &m_content;
    qint64 m_line = 0;
    bool m_valid = true;
    QHash<QString, QString> m_users;
    QHash<QString, QString> m_lessons;
};

// A (userId, lessonId) on more than one line: every line after the first is a problem (and
// dropped, so that "only the valid rows" imports the first).
void dropRepeatedPairs(ProgressCsvContent &content)
{
    const QList<ProgressImportRow> &rows = content.rows;
    std::vector<qint32> order(std::size_t(rows.size()));
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&rows](qint32 a, qint32 b) {
        if (const int c = QString::compare(rows.at(a).userId, rows.at(b).userId); c != 0)
            return c < 0;
        if (const int c = QString::compare(rows.at(a).lessonId, rows.at(b).lessonId); c != 0)
            return c < 0;
        return a < b;
    });
    std::vector<bool> repeated(order.size(), false);
    bool any = false;
    for (std::size_t i = 1; i < order.size(); ++i) {
        const ProgressImportRow &previous = rows.at(order[i - 1]);
        const ProgressImportRow &row = rows.at(order[i]);
        if (row.userId != previous.userId || row.lessonId != previous.lessonId)
            continue;
        // The first line of the run is order[first]: walk back to it.
        std::size_t first = i - 1;
        while (repeated[std::size_t(order[first])])
            --first;
        repeated[std::size_t(order[i])] = true;
        any = true;
        content.addProblem({content.lines.at(order[i]), QStringLiteral("lessonId"),
                            QStringLiteral("this learner and lesson are already on line %1 (one row per userId and "
                                           "lessonId)")
                                .arg(content.lines.at(order[first]))});
        ++content.invalidRecords;
    }
    if (!any)
        return;
    QList<ProgressImportRow> kept;
    QList<qint64> keptLines;
    kept.reserve(rows.size());
    keptLines.reserve(rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (!repeated[std::size_t(i)]) {
            kept.append(rows.at(i));
            keptLines.append(content.lines.at(i));
        }
    }
    content.rows = std::move(kept);
    content.lines = std::move(keptLines);
}

} // namespace

QDateTime parseIsoTimestamp(QStringView text)
{
    static const QRegularExpression iso(QStringLiteral(
        "^(\\d{4})-(\\d{2})-(\\d{2})(?:T(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?(Z|([+-])(\\d{2}):(\\d{2})))?$"));
    const QRegularExpressionMatch match = iso.match(text);
    if (!match.hasMatch())
        return {};
    const auto number = [&match](int group) { return match.capturedView(group).toInt(); };
    const QDate date(number(1), number(2), number(3));
    if (!date.isValid())
        return {};
    if (!match.hasCaptured(4))
        return QDateTime(date, QTime(0, 0), Qt::UTC);
    const int hour = number(4);
    const int minute = number(5);
    const int second = match.hasCaptured(6) ? number(6) : 0;
    const int millis = match.hasCaptured(7) ? match.capturedView(7).left(3).toString().leftJustified(3, u'0').toInt() : 0;
    const QTime time(hour, minute, second, millis);
    if (!time.isValid())
        return {};
    QDateTime utc(date, time, Qt::UTC);
    if (match.hasCaptured(9)) {
        const int offsetMinutes = number(10) * 60 + number(11);
        if (number(10) > 23 || number(11) > 59)
            return {};
        utc = utc.addSecs((match.capturedView(9) == u"+" ? -60 : 60) * qint64(offsetMinutes));
    }
    return utc;
}

ProgressCsvContent parseProgressCsv(QIODevice &device, const QDateTime &now, CsvReadProgress progress)
{
    ProgressCsvContent content;
    if (auto *file = qobject_cast<QFileDevice *>(&device))
        content.source = file->fileName();
    const qint64 total = device.isSequential() ? -1 : device.size();
    CsvReader reader(device);
    QStringList fields;

    CsvReader::Status status = reader.next(fields);
    if (status == CsvReader::Status::End) {
        content.unreadable = true;
        content.addProblem({0, {}, QStringLiteral("the file is empty: its first line names the columns (%1)")
                                       .arg(ProgressCsv::exportColumns().join(QLatin1Char(',')))});
        return content;
    }
    if (status != CsvReader::Status::Record) {
        content.unreadable = true;
        content.addProblem({reader.recordLine(), {}, reader.problem()});
        return content;
    }
    const Columns columns = readHeader(fields, content);
    if (content.unreadable)
        return content;

    RowReader rowReader(columns, now, content);
    ProgressImportRow row;
    while ((status = reader.next(fields)) != CsvReader::Status::End) {
        if (status == CsvReader::Status::Fatal) {
            content.unreadable = true;
            content.addProblem({reader.recordLine(), {}, reader.problem()});
            break;
        }
        ++content.records;
        if (progress && content.records % ProgressEveryRecords == 0 && !progress(reader.bytesRead(), total)) {
            content.cancelled = true;
            break;
        }
        if (status == CsvReader::Status::Invalid) {
            ++content.invalidRecords;
            content.addProblem({reader.recordLine(), {}, reader.problem()});
            continue;
        }
        if (!rowReader.read(fields, reader.recordLine(), row)) {
            ++content.invalidRecords;
            continue;
        }
        content.rows.append(row);
        content.lines.append(reader.recordLine());
    }
    if (content.cancelled) {
        content.rows.clear();
        content.lines.clear();
        return content;
    }
    dropRepeatedPairs(content);
    std::stable_sort(content.problems.begin(), content.problems.end(),
                     [](const ProgressCsvProblem &a, const ProgressCsvProblem &b) { return a.line < b.line; });
    if (progress)
        progress(reader.bytesRead(), total);
    return content;
}

} // namespace edge
