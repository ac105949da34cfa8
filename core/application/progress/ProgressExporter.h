#pragma once

#include "application/progress/ProgressHandlers.h"

#include <QIODevice>

#include <functional>

namespace edge {

// Told how many rows are written of how many (total: the count when the export started; rows
// added meanwhile can make done exceed it); returns false to stop the export.
using ProgressExportProgress = std::function<bool(qint64 done, qint64 total)>;

struct ProgressExportResult
{
    qint64 rows = 0;
    qint64 total = 0;
    bool completed = false; // false: stopped by the progress callback
};

// Writes the rows of a filtered, sorted list (the Progress screen's view) as CSV
// (ProgressCsv::exportColumns), streaming page by page by keyset cursor: a row deep in the
// list costs what the first does, and memory holds one page whatever the count. Runs on the
// caller's thread between awaits (each page is a few tens of kilobytes to write).
class ProgressExporter
{
public:
    static constexpr int PageSize = ProgressListQuery::MaxPageSize;

    explicit ProgressExporter(ProgressQueryHandler &queries) : m_queries(queries) {}

    // The header and every row matching query's filters, in its sort (its paging is ignored).
    // DomainError(Unavailable) when the device refuses a write; store errors pass through.
    QCoro::Task<ProgressExportResult> write(ProgressListQuery query, QIODevice &device,
                                            ProgressExportProgress progress = {});
    // The same into a file, atomically (QSaveFile): the complete file, or, when stopped or
    // failed, nothing (a file that was there stays as it was).
    QCoro::Task<ProgressExportResult> writeFile(ProgressListQuery query, QString path,
                                                ProgressExportProgress progress = {});

private:
    ProgressQueryHandler &m_queries;
};

} // namespace edge
