#pragma once

#include "application/progress/ProgressQueries.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

namespace edge::remote {

// An import of any length cut into the Worker's batches (POST /progress/batch takes at most
// 1000 rows and 512 KiB of JSON), and the Worker's per-batch answers put back in terms of the
// whole list.
class ProgressImportBatches
{
public:
    static constexpr qsizetype MaxRows = 1000;
    // The Worker's limit is 512 KiB of body (compact JSON as sent, a little margin kept).
    static constexpr qsizetype MaxBodyBytes = 512 * 1024 - 1024;

    // Rows [first, first + count) of the whole list.
    struct Batch
    {
        qsizetype first = 0;
        qsizetype count = 0;
    };

    // Keeps (shares) the rows; the JSON of a batch is made when it is sent, so a long import
    // holds its rows once, not their JSON as well.
    explicit ProgressImportBatches(QList<ProgressImportRow> rows, qsizetype maxRows = MaxRows,
                                   qsizetype maxBodyBytes = MaxBodyBytes);

    const QList<Batch> &batches() const { return m_batches; }
    // The request body of a batch: {"rows": [...]}.
    QJsonObject body(const Batch &batch) const;

    // A (userId, lessonId) that repeats an earlier row in another batch, which the Worker
    // cannot see (it checks duplicates within a batch): "rows[i]" -> "repeats rows[j] ...",
    // the Worker's words, with whole-list indexes.
    const QMap<QString, QString> &repeats() const { return m_repeats; }

    // A batch's problems ("rows[3].score", and "repeats rows[1]" in the text) with the
    // batch's indexes turned into the whole list's.
    static QMap<QString, QString> toListIndexes(const QMap<QString, QString> &problems, qsizetype first);

    // "3 of 1200 rows have problems; nothing was written", counting rows as the Worker does.
    static QString problemSummary(const QMap<QString, QString> &problems, qsizetype rowCount);

private:
    QList<ProgressImportRow> m_rows;
    QList<Batch> m_batches;
    QMap<QString, QString> m_repeats;
};

} // namespace edge::remote
