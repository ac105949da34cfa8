#pragma once

#include "application/progress/ProgressQueries.h"

#include <QByteArray>
#include <QDateTime>
#include <QIODevice>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace edge {

// Reads RFC 4180 CSV (UTF-8, comma separated, quoted fields may hold commas, quotes and line
// breaks; CRLF, LF or CR line ends; a UTF-8 byte order mark allowed) one record at a time
// from a device, holding one record in memory at most. Blank lines are skipped.
class CsvReader
{
public:
    // A record longer than this is not a progress row: a closing quote is probably missing.
    static constexpr qsizetype MaxRecordBytes = 1 << 20;

    enum class Status {
        Record,  // fields holds the next record
        Invalid, // the record was read but cannot be used (problem() says why); reading goes on
        Fatal,   // reading cannot go on (unclosed quote, record too long, read error)
        End,     // no more records
    };

    explicit CsvReader(QIODevice &device);

    Status next(QStringList &fields);
    qint64 recordLine() const { return m_recordLine; } // the line the last record started on (1-based)
    const QString &problem() const { return m_problem; }
    qint64 bytesRead() const { return m_consumed + m_pos; }

private:
    int peek();
    int get();
    bool fill();
    Status invalid(QString problem);
    Status fatal(QString problem);
    void skipToLineEnd();

    QIODevice &m_device;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    qint64 m_consumed = 0; // bytes of earlier buffers
    bool m_eof = false;
    bool m_started = false;
    qint64 m_line = 1;
    qint64 m_recordLine = 0;
    QString m_problem;
    QList<QByteArray> m_raw;
};

// Writes CSV cells: quoted when they hold a comma, a quote, a line break or edge spaces, and a
// cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
// return) prefixed with ' so that it is shown as text.
namespace Csv {
void appendCell(QByteArray &line, QStringView cell);
void appendRecord(QByteArray &out, const QStringList &cells); // cells, commas, CRLF
} // namespace Csv

// The progress file: one row per (learner, lesson).
namespace ProgressCsv {
// userId,lessonId,userEmail,lessonTitle,track,completed,score,completedAt,updatedAt
QStringList exportColumns();
// What an import needs (completedAt is optional; the other export columns are ignored).
QStringList requiredColumns();
QByteArray header(); // exportColumns() as a CSV record
void appendRow(QByteArray &out, const ProgressEntry &entry);
QString timestamp(const QDateTime &utc); // 2026-01-31T12:00:00.000Z, empty when null
} // namespace ProgressCsv

// One thing wrong with an import file: the line (1: the header; 0: the file as a whole), the
// column (empty: the line as a whole) and what is wrong.
struct ProgressCsvProblem
{
    qint64 line = 0;
    QString field;
    QString problem;

    QString toString() const; // "line 7: score: must be a whole number from 0 to 100 (got "101")"
    bool operator==(const ProgressCsvProblem &other) const = default;
};

// A parsed import file: the valid rows (rows[i] came from line lines[i]) and the problems of
// the others. Rows are compact (ids shared between the rows of one lesson and of consecutive
// rows of one learner): a million rows take about a hundred megabytes.
struct ProgressCsvContent
{
    static constexpr int MaxProblemsKept = 1000; // problemCount goes on counting

    QString source;                     // the file name, for messages
    QList<ProgressImportRow> rows;
    QList<qint64> lines;
    QList<ProgressCsvProblem> problems; // the first MaxProblemsKept, by line
    qint64 problemCount = 0;
    qint64 records = 0;                 // data records read (valid or not)
    qint64 invalidRecords = 0;          // records with at least one problem
    bool unreadable = false;            // the file as a whole cannot be used (header, unclosed quote, ...)
    bool cancelled = false;

    bool isValid() const { return problemCount == 0 && !unreadable && !cancelled; }
    void addProblem(ProgressCsvProblem problem);
};

// Told how many bytes of the file are read (total: -1 when unknown); returns false to stop.
using CsvReadProgress = std::function<bool(qint64 done, qint64 total)>;

// Reads and checks a whole progress file (any thread; no store involved): the header names
// every column it needs, and every row has UUID ids, completed true or false, a score from 0
// to 100, a completedAt that is ISO-8601 (a date, or a date and time with Z or an offset),
// not after `now` (a minute's clock skew allowed) and only on a completed row, and a
// (userId, lessonId) no earlier line had.
ProgressCsvContent parseProgressCsv(QIODevice &device, const QDateTime &now, CsvReadProgress progress = {});

// ISO-8601 as the Worker accepts it; null when not (impossible dates included).
QDateTime parseIsoTimestamp(QStringView text);

} // namespace edge
