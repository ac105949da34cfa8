#include "ProgressImporter.h"

#include <QDateTime>
#include <QFile>
#include <QRegularExpression>

#include <atomic>
#include <memory>

namespace edge {

namespace {

using Outcome = ProgressImportReport::Outcome;

void sortByLine(QList<ProgressCsvProblem> &problems)
{
    std::stable_sort(problems.begin(), problems.end(),
                     [](const ProgressCsvProblem &a, const ProgressCsvProblem &b) { return a.line < b.line; });
}

// The store names rows by their index in what it was given ("rows[12].userId"); the report
// names them by their line in the file. Returns the indexes it refused.
QList<qsizetype> addStoreProblems(const DomainError &error, const QList<qint64> &lines, ProgressImportReport &report)
{
    static const QRegularExpression rowKey(QStringLiteral("^rows\\[(\\d+)\\]\\.?(.*)$"));
    QList<qsizetype> refused;
    for (auto it = error.fieldErrors().cbegin(); it != error.fieldErrors().cend(); ++it) {
        ProgressCsvProblem problem;
        const QRegularExpressionMatch match = rowKey.match(it.key());
        const qsizetype index = match.hasMatch() ? match.captured(1).toLongLong() : -1;
        if (index >= 0 && index < lines.size()) {
            problem = {lines.at(index), match.captured(2), it.value()};
            if (refused.isEmpty() || refused.last() != index)
                refused.append(index);
        } else {
            problem = {0, it.key(), it.value()};
        }
        ++report.problemCount;
        if (report.problems.size() < ProgressCsvContent::MaxProblemsKept)
            report.problems.append(problem);
    }
    if (error.fieldErrors().isEmpty()) {
        ++report.problemCount;
        report.problems.append({0, {}, error.message()});
    }
    sortByLine(report.problems);
    std::sort(refused.begin(), refused.end());
    refused.erase(std::unique(refused.begin(), refused.end()), refused.end());
    return refused;
}

bool namesRows(const DomainError &error)
{
    if (error.kind() != ErrorKind::Validation && error.kind() != ErrorKind::NotFound)
        return false;
    const auto &fields = error.fieldErrors();
    return std::any_of(fields.keyBegin(), fields.keyEnd(),
                       [](const QString &key) { return key.startsWith(QLatin1String("rows[")); });
}

} // namespace

ProgressCsvContent ProgressImporter::read(QIODevice &device, CsvReadProgress progress)
{
    return parseProgressCsv(device, QDateTime::currentDateTimeUtc(), std::move(progress));
}

ProgressCsvContent ProgressImporter::readFile(const QString &path, CsvReadProgress progress)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ProgressCsvContent content;
        content.source = path;
        content.unreadable = true;
        content.addProblem({0, {}, QStringLiteral("%1 cannot be read: %2").arg(path, file.errorString())});
        return content;
    }
    return read(file, std::move(progress));
}

QCoro::Task<ProgressImportReport> ProgressImporter::import(ProgressCsvContent content, ProgressImportOptions options)
{
    ProgressImportReport report;
    report.records = content.records;
    report.problems = content.problems;
    report.problemCount = content.problemCount;
    if (content.cancelled) {
        report.outcome = Outcome::Cancelled;
        co_return report;
    }
    if (content.unreadable || (content.problemCount > 0 && !options.validOnly)) {
        report.outcome = Outcome::Refused;
        co_return report;
    }
    report.skipped = content.invalidRecords;

    // Told from any thread; remembers that the caller said stop.
    const auto stopped = std::make_shared<std::atomic_bool>(false);
    ImportProgress progress = [stopped, wanted = options.progress](qint64 done, qint64 total) {
        if (wanted && !wanted(done, total)) {
            stopped->store(true);
            return false;
        }
        return true;
    };

    QList<ProgressImportRow> rows = std::move(content.rows);
    QList<qint64> lines = std::move(content.lines);

    // validOnly and dry runs ask the store first which rows it would refuse.
    if (options.validOnly || options.dryRun) {
        std::optional<DomainError> refusal;
        try {
            co_await m_commands.import(rows, true, progress);
        } catch (const DomainError &error) {
            refusal = error;
        }
        if (stopped->load()) {
            report.outcome = Outcome::Cancelled;
            co_return report;
        }
        if (refusal && !namesRows(*refusal)) {
            report.failure = refusal;
            report.outcome = Outcome::Failed;
            co_return report;
        }
        if (refusal) {
            const QList<qsizetype> refused = addStoreProblems(*refusal, lines, report);
            if (!options.validOnly) {
                report.outcome = Outcome::Refused;
                co_return report;
            }
            // Drop the refused rows (indexes ascending).
            QList<ProgressImportRow> keptRows;
            QList<qint64> keptLines;
            keptRows.reserve(rows.size() - refused.size());
            keptLines.reserve(rows.size() - refused.size());
            qsizetype next = 0;
            for (qsizetype i = 0; i < rows.size(); ++i) {
                if (next < refused.size() && refused.at(next) == i) {
                    ++next;
                    continue;
                }
                keptRows.append(rows.at(i));
                keptLines.append(lines.at(i));
            }
            report.skipped += refused.size();
            rows = std::move(keptRows);
            lines = std::move(keptLines);
        }
        if (options.dryRun) {
            report.imported = rows.size();
            report.outcome = Outcome::Checked;
            co_return report;
        }
    }

    if (rows.isEmpty()) {
        report.outcome = Outcome::Imported;
        co_return report;
    }
    std::optional<DomainError> failure;
    try {
        report.written = co_await m_commands.import(rows, false, progress);
    } catch (const DomainError &error) {
        failure = error;
    }
    if (stopped->load()) {
        report.outcome = Outcome::Cancelled;
        co_return report;
    }
    if (failure && namesRows(*failure)) {
        addStoreProblems(*failure, lines, report);
        report.outcome = Outcome::Refused;
        co_return report;
    }
    if (failure) {
        report.failure = failure;
        report.outcome = Outcome::Failed;
        co_return report;
    }
    report.imported = rows.size();
    report.outcome = Outcome::Imported;
    co_return report;
}

} // namespace edge
