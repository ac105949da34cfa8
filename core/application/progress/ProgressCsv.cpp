#include "ProgressCsv.h"

#include <QStringDecoder>

namespace edge {

namespace {
constexpr qint64 ChunkBytes = 1 << 16;

bool isAscii(const QByteArray &bytes)
{
    for (const char c : bytes) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    }
    return true;
}
} // namespace

// ---- reading ---------------------------------------------------------------------------------

CsvReader::CsvReader(QIODevice &device) : m_device(device) {}

bool CsvReader::fill()
{
    if (m_eof)
        return false;
    m_consumed += m_pos;
    m_buffer = m_device.read(ChunkBytes);
    m_pos = 0;
    if (m_buffer.isEmpty()) {
        // A socket or pipe may have nothing yet; files and buffers are at their end.
        if (m_device.atEnd() || !m_device.waitForReadyRead(-1)) {
            m_eof = true;
            return false;
        }
        m_buffer = m_device.read(ChunkBytes);
        if (m_buffer.isEmpty()) {
            m_eof = true;
            return false;
        }
    }
    return true;
}

int CsvReader::peek()
{
    if (m_pos >= m_buffer.size() && !fill())
        return -1;
    return static_cast<unsigned char>(m_buffer.at(m_pos));
}

int CsvReader::get()
{
    const int c = peek();
    if (c >= 0)
        ++m_pos;
    return c;
}

CsvReader::Status CsvReader::invalid(QString problem)
{
    m_problem = std::move(problem);
    return Status::Invalid;
}

CsvReader::Status CsvReader::fatal(QString problem)
{
    m_problem = std::move(problem);
    m_eof = true;
    m_buffer.clear();
    m_pos = 0;
    return Status::Fatal;
}

void CsvReader::skipToLineEnd()
{
    for (int c = peek(); c >= 0 && c != '\n' && c != '\r'; c = peek())
        get();
}

CsvReader::Status CsvReader::next(QStringList &fields)
{
    fields.clear();
    m_problem.clear();
    if (!m_started) {
        m_started = true;
        if (peek() == 0xEF) { // a UTF-8 byte order mark (spreadsheets write one)
            const QByteArray start = m_buffer.mid(m_pos, 3);
            if (start == QByteArrayLiteral("\xEF\xBB\xBF"))
                m_pos += 3;
        }
    }
    // Blank lines are no records.
    for (int c = peek();; c = peek()) {
        if (c < 0)
            return Status::End;
        if (c == '\n') {
            get();
            ++m_line;
        } else if (c == '\r') {
            get();
            if (peek() == '\n')
                get();
            ++m_line;
        } else {
            break;
        }
    }
    m_recordLine = m_line;
    m_raw.clear();
    qsizetype recordBytes = 0;
    for (;;) {
        QByteArray field;
        int c = peek();
        if (c == '"') {
            get();
            for (;;) {
                c = get();
                if (c < 0)
                    return fatal(QStringLiteral("a quoted field that starts here is never closed (a closing quote is "
                                                "missing)"));
                if (c == '"') {
                    if (peek() != '"')
                        break;
                    get();
                } else if (c == '\n' || (c == '\r' && peek() != '\n')) {
                    ++m_line;
                }
                field.append(char(c));
                if (++recordBytes > MaxRecordBytes)
                    return fatal(QStringLiteral("the record that starts here is longer than 1 MiB: a closing quote is "
                                                "probably missing"));
            }
            c = peek();
            if (c >= 0 && c != ',' && c != '\n' && c != '\r') {
                skipToLineEnd();
                m_raw.append(field);
                // The line end is consumed below, so reading resumes at the next line.
                if (peek() == '\r')
                    get();
                if (peek() == '\n')
                    get();
                ++m_line;
                return invalid(QStringLiteral("text after the closing quote of field %1 (a quote inside a quoted "
                                              "field is written twice: \"\")")
                                   .arg(m_raw.size()));
            }
        } else {
            while (c >= 0 && c != ',' && c != '\n' && c != '\r') {
                field.append(char(get()));
                if (++recordBytes > MaxRecordBytes)
                    return fatal(QStringLiteral("the line is longer than 1 MiB"));
                c = peek();
            }
        }
        m_raw.append(field);
        if (c == ',') {
            get();
            continue;
        }
        // End of the record: CRLF, LF, CR or the end of the file.
        if (c == '\r') {
            get();
            if (peek() == '\n')
                get();
        } else if (c == '\n') {
            get();
        }
        ++m_line;
        break;
    }

    fields.reserve(m_raw.size());
    for (const QByteArray &raw : std::as_const(m_raw)) {
        if (isAscii(raw)) {
            fields.append(QString::fromLatin1(raw));
            continue;
        }
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString text = decoder.decode(raw);
        if (decoder.hasError()) {
            fields.clear();
            return invalid(QStringLiteral("field %1 is not UTF-8 text (save the file as CSV UTF-8)")
                               .arg(fields.size() + 1));
        }
        fields.append(std::move(text));
    }
    return Status::Record;
}

// ---- writing ---------------------------------------------------------------------------------

namespace Csv {

void appendCell(QByteArray &line, QStringView cell)
{
    const bool formula = !cell.isEmpty()
                         && (cell.front() == u'=' || cell.front() == u'+' || cell.front() == u'-'
                             || cell.front() == u'@' || cell.front() == u'\t' || cell.front() == u'\r');
    const bool quote = formula || cell.contains(u',') || cell.contains(u'"') || cell.contains(u'\n')
                       || cell.contains(u'\r') || (!cell.isEmpty() && (cell.front() == u' ' || cell.back() == u' '));
    if (!quote) {
        line.append(cell.toUtf8());
        return;
    }
    line.append('"');
    if (formula)
        line.append('\'');
    QByteArray bytes = cell.toUtf8();
    bytes.replace('"', QByteArrayLiteral("\"\""));
    line.append(bytes);
    line.append('"');
}

void appendRecord(QByteArray &out, const QStringList &cells)
{
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0)
            out.append(',');
        appendCell(out, cells.at(i));
    }
    out.append("\r\n");
}

} // namespace Csv

namespace ProgressCsv {

QStringList exportColumns()
{
    return {QStringLiteral("userId"),  QStringLiteral("lessonId"),    QStringLiteral("userEmail"),
            QStringLiteral("lessonTitle"), QStringLiteral("track"),   QStringLiteral("completed"),
            QStringLiteral("score"),   QStringLiteral("completedAt"), QStringLiteral("updatedAt")};
}

QStringList requiredColumns()
{
    return {QStringLiteral("userId"), QStringLiteral("lessonId"), QStringLiteral("completed"), QStringLiteral("score")};
}

QByteArray header()
{
    QByteArray out;
    Csv::appendRecord(out, exportColumns());
    return out;
}

QString timestamp(const QDateTime &utc)
{
    return utc.isValid() ? utc.toUTC().toString(Qt::ISODateWithMs) : QString();
}

void appendRow(QByteArray &out, const ProgressEntry &entry)
{
    Csv::appendRecord(out, {entry.userId, entry.lessonId, entry.userEmail, entry.lessonTitle, entry.track,
                            entry.completed ? QStringLiteral("true") : QStringLiteral("false"),
                            QString::number(entry.score), timestamp(entry.completedAt), timestamp(entry.updatedAt)});
}

} // namespace ProgressCsv

QString ProgressCsvProblem::toString() const
{
    QString text = line > 0 ? QStringLiteral("line %1: ").arg(line) : QString();
    if (!field.isEmpty())
        text += field + QStringLiteral(": ");
    return text + problem;
}

void ProgressCsvContent::addProblem(ProgressCsvProblem problem)
{
    ++problemCount;
    if (problems.size() < MaxProblemsKept)
        problems.append(std::move(problem));
}

} // namespace edge
