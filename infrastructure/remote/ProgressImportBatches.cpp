#include "ProgressImportBatches.h"

#include "ProgressJson.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

namespace edge::remote {

namespace {

// "rows[12]" at the start of a key, or anywhere in a problem's text.
const QRegularExpression &rowIndexPattern()
{
    static const QRegularExpression pattern(QStringLiteral("rows\\[(\\d+)\\]"));
    return pattern;
}

QString shifted(const QString &text, qsizetype first)
{
    QString result;
    qsizetype from = 0;
    QRegularExpressionMatchIterator matches = rowIndexPattern().globalMatch(text);
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        result += text.mid(from, match.capturedStart() - from);
        result += QStringLiteral("rows[%1]").arg(match.captured(1).toLongLong() + first);
        from = match.capturedEnd();
    }
    result += text.mid(from);
    return result;
}

// {"rows":[ and ]} around the rows, less the one separator counted too many (each row is
// counted with one).
constexpr qsizetype BodyWrapperBytes = 10;

} // namespace

ProgressImportBatches::ProgressImportBatches(QList<ProgressImportRow> rows, qsizetype maxRows,
                                             qsizetype maxBodyBytes)
    : m_rows(std::move(rows))
{
    QHash<QString, qsizetype> firstOfKey;
    qsizetype bytes = 0;
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        const ProgressImportRow &row = m_rows[i];
        const qsizetype size = QJsonDocument(progressBatchRowJson(row)).toJson(QJsonDocument::Compact).size() + 1;
        if (m_batches.isEmpty() || m_batches.last().count >= maxRows || bytes + size > maxBodyBytes) {
            m_batches.append(Batch{i, 0});
            bytes = BodyWrapperBytes;
        }
        ++m_batches.last().count;
        bytes += size;

        // Repeats within a batch are the Worker's to name; across batches, ours.
        const QString key = row.userId.toLower() + QLatin1Char(':') + row.lessonId.toLower();
        const auto seen = firstOfKey.constFind(key);
        if (seen == firstOfKey.constEnd())
            firstOfKey.insert(key, i);
        else if (*seen < m_batches.last().first)
            m_repeats.insert(QStringLiteral("rows[%1]").arg(i),
                             QStringLiteral("repeats rows[%1] (the same userId and lessonId)").arg(*seen));
    }
}

QJsonObject ProgressImportBatches::body(const Batch &batch) const
{
    QJsonArray rows;
    for (qsizetype i = batch.first; i < batch.first + batch.count; ++i)
        rows.append(progressBatchRowJson(m_rows[i]));
    return {{QStringLiteral("rows"), rows}};
}

QMap<QString, QString> ProgressImportBatches::toListIndexes(const QMap<QString, QString> &problems, qsizetype first)
{
    QMap<QString, QString> result;
    for (auto it = problems.cbegin(); it != problems.cend(); ++it)
        result.insert(shifted(it.key(), first), shifted(it.value(), first));
    return result;
}

QString ProgressImportBatches::problemSummary(const QMap<QString, QString> &problems, qsizetype rowCount)
{
    QSet<QString> badRows;
    for (const QString &key : problems.keys()) {
        const QRegularExpressionMatch match = rowIndexPattern().match(key);
        badRows.insert(match.hasMatch() ? match.captured(0) : key);
    }
    const qsizetype bad = badRows.size();
    return QStringLiteral("%1 of %2 rows %3; nothing was written")
        .arg(bad)
        .arg(rowCount)
        .arg(bad == 1 ? QStringLiteral("has a problem") : QStringLiteral("have problems"));
}

} // namespace edge::remote
