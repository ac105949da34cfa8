#pragma once

#include "application/progress/ProgressCsv.h"
#include "application/progress/ProgressHandlers.h"

#include <optional>

namespace edge {

struct ProgressImportOptions
{
    bool validOnly = false;  // import the valid rows and skip the others (they are still reported)
    bool dryRun = false;     // check everything, the store's checks included, and write nothing
    ImportProgress progress; // the store's part (rows of rows); false stops it, nothing written
};

// What an import did, for a report (line, field, problem).
struct ProgressImportReport
{
    enum class Outcome {
        Imported,  // rows written (validOnly: the valid ones)
        Checked,   // dry run: what would be written, nothing was
        Refused,   // problems: nothing was written
        Cancelled, // stopped: nothing was written
        Failed,    // the store failed (failure): nothing was written
    };

    Outcome outcome = Outcome::Refused;
    QList<ProgressCsvProblem> problems; // the file's and the store's, by line (the first 1000)
    qint64 problemCount = 0;
    qint64 records = 0;  // data rows in the file
    qint64 skipped = 0;  // rows left out (validOnly) for their problems
    qint64 imported = 0; // rows written (or that would be, in a dry run)
    ProgressBatchOutcome written;
    std::optional<DomainError> failure;

    bool wroteNothing() const { return outcome != Outcome::Imported; }
};

// Imports a progress CSV: the file is read and checked whole first (parse(), any thread), then
// the valid rows go to ProgressCommandHandler::import, all or nothing; the store's refusals
// (unknown learner or lesson) are mapped back to the file's lines. Nothing is written while
// any row has a problem, unless options.validOnly: then the rows with problems (the file's and
// the store's) are skipped and the others written.
class ProgressImporter
{
public:
    explicit ProgressImporter(ProgressCommandHandler &commands) : m_commands(commands) {}

    // parseProgressCsv with `now` the clock; readFile opens the file (a problem on line 0 when
    // it cannot be read).
    static ProgressCsvContent read(QIODevice &device, CsvReadProgress progress = {});
    static ProgressCsvContent readFile(const QString &path, CsvReadProgress progress = {});

    QCoro::Task<ProgressImportReport> import(ProgressCsvContent content, ProgressImportOptions options = {});

private:
    ProgressCommandHandler &m_commands;
};

} // namespace edge
