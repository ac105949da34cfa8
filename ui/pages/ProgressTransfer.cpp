#include "ProgressTransfer.h"

#include "application/progress/ProgressExporter.h"
#include "application/progress/ProgressImporter.h"
#include "async/RunTask.h"
#include "common/ErrorText.h"
#include "common/UserFormatting.h"
#include "dialogs/FileDialogs.h"
#include "dialogs/MessageBoxes.h"

#include <QDate>
#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QProgressDialog>
#include <QStandardPaths>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <QCoro/QCoroFuture>

#include <climits>

namespace edge::ui {

namespace {
constexpr int ProblemsShown = 20;

QString documentsFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

// The exporter and importer work on handlers that live as long as `services`.
QCoro::Task<ProgressExportResult> exportTo(std::shared_ptr<Services> services, ProgressListQuery query, QString path,
                                           ProgressExportProgress progress)
{
    ProgressExporter exporter(services->progressQueries);
    co_return co_await exporter.writeFile(std::move(query), std::move(path), std::move(progress));
}

// Reading and checking a file touches the disk and may take a while: a worker thread does it.
QCoro::Task<ProgressCsvContent> readOffThread(QString path, CsvReadProgress progress)
{
    // Named first: GCC 12 destroys a capturing lambda written inside a co_await twice.
    auto read = [path, progress] { return ProgressImporter::readFile(path, progress); };
    QFuture<ProgressCsvContent> reading = QtConcurrent::run(std::move(read));
    co_return co_await reading;
}

QCoro::Task<ProgressImportReport> importInto(std::shared_ptr<Services> services,
                                             std::shared_ptr<ProgressCsvContent> content, ProgressImportOptions options)
{
    ProgressImporter importer(services->progressCommands);
    co_return co_await importer.import(*content, std::move(options));
}

QString problemList(const QList<ProgressCsvProblem> &problems, qint64 count)
{
    QStringList lines;
    for (const ProgressCsvProblem &problem : problems.mid(0, ProblemsShown))
        lines << problem.toString();
    if (count > ProblemsShown)
        lines << ProgressTransfer::tr("…and %1 more").arg(formatCount(count - ProblemsShown));
    return lines.join(u'\n');
}

int clampToInt(qint64 value)
{
    return int(std::min<qint64>(value, INT_MAX));
}
} // namespace

ProgressTransfer::ProgressTransfer(QWidget *page)
    : QObject(page)
    , m_page(page)
{
}

void ProgressTransfer::setBusy(bool busy)
{
    m_busy = busy;
    emit busyChanged(busy);
}

QProgressDialog *ProgressTransfer::showProgress(const QString &text, const QString &objectName,
                                                const std::shared_ptr<Counter> &counter)
{
    auto *dialog = new QProgressDialog(text, tr("Cancel"), 0, 0, m_page);
    dialog->setObjectName(objectName);
    dialog->setWindowTitle(tr("Progress CSV"));
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setMinimumDuration(0);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QProgressDialog::canceled, dialog, [counter, dialog] {
        counter->cancelled = true;
        dialog->setLabelText(tr("Cancelling…"));
    });
    // The work reports from its own thread; the bar follows from this one.
    auto *timer = new QTimer(dialog);
    timer->setInterval(100);
    connect(timer, &QTimer::timeout, dialog, [dialog, counter] {
        const qint64 total = counter->total;
        if (total > 0 && dialog->maximum() != clampToInt(total))
            dialog->setMaximum(clampToInt(total));
        dialog->setValue(clampToInt(std::min(counter->done.load(), std::max<qint64>(total, 0))));
    });
    timer->start();
    dialog->open();
    return dialog;
}

void ProgressTransfer::exportView(const ProgressListQuery &query)
{
    if (!m_services || m_busy)
        return;
    const QString suggested = QDir(documentsFolder())
                                  .filePath(QStringLiteral("progress-%1.csv")
                                                .arg(QDate::currentDate().toString(QStringLiteral("yyyy-MM-dd"))));
    FileDialogs::chooseCsvFileToSave(m_page, tr("Export the progress shown"), suggested,
                                     [this, query](const QString &path) { runExport(query, path); });
}

void ProgressTransfer::runExport(const ProgressListQuery &query, const QString &path)
{
    if (!m_services || m_busy)
        return;
    setBusy(true);
    auto counter = std::make_shared<Counter>();
    QPointer<QProgressDialog> dialog =
        showProgress(tr("Writing %1…").arg(QFileInfo(path).fileName()), QStringLiteral("progressExportDialog"), counter);
    ProgressExportProgress progress = [counter](qint64 done, qint64 total) {
        counter->done = done;
        counter->total = total;
        return !counter->cancelled;
    };
    const auto finish = [this, dialog] {
        if (dialog)
            dialog->close();
        setBusy(false);
    };
    emit statusMessage(tr("Exporting progress to %1…").arg(QDir::toNativeSeparators(path)));
    runTask(
        exportTo(m_services, query, path, std::move(progress)), this,
        [this, finish, path](ProgressExportResult result) {
            finish();
            if (!result.completed)
                emit statusMessage(tr("Export cancelled: no file was written"));
            else
                emit statusMessage(tr("Exported %1 rows to %2").arg(formatCount(result.rows), QDir::toNativeSeparators(path)));
        },
        [this, finish, path](const std::exception &error) {
            finish();
            MessageBoxes::showError(m_page, tr("Export progress"),
                                    tr("Could not export to %1: %2").arg(QDir::toNativeSeparators(path), errorMessage(error)));
        });
}

void ProgressTransfer::importFile()
{
    if (!m_services || m_busy)
        return;
    FileDialogs::chooseCsvFile(m_page, tr("Import progress from CSV"), documentsFolder(),
                               [this](const QString &path) { readFile(path); });
}

void ProgressTransfer::readFile(const QString &path)
{
    if (!m_services || m_busy)
        return;
    setBusy(true);
    auto counter = std::make_shared<Counter>();
    QPointer<QProgressDialog> dialog =
        showProgress(tr("Reading and checking %1…").arg(QFileInfo(path).fileName()), QStringLiteral("progressReadDialog"),
                     counter);
    CsvReadProgress progress = [counter](qint64 done, qint64 total) {
        counter->done = done;
        counter->total = total;
        return !counter->cancelled;
    };
    runTask(
        readOffThread(path, std::move(progress)), this,
        [this, dialog](ProgressCsvContent content) {
            if (dialog)
                dialog->close();
            setBusy(false);
            askToImport(std::make_shared<ProgressCsvContent>(std::move(content)));
        },
        [this, dialog, path](const std::exception &error) {
            if (dialog)
                dialog->close();
            setBusy(false);
            MessageBoxes::showError(m_page, tr("Import progress"),
                                    tr("Could not read %1: %2").arg(QDir::toNativeSeparators(path), errorMessage(error)));
        });
}

void ProgressTransfer::askToImport(const std::shared_ptr<ProgressCsvContent> &content)
{
    const QString file = QFileInfo(content->source).fileName();
    if (content->cancelled) {
        emit statusMessage(tr("Import cancelled: nothing was written"));
        return;
    }
    if (content->unreadable || (content->rows.isEmpty() && content->problemCount > 0)) {
        MessageBoxes::showError(m_page, tr("Import progress"),
                                tr("%1 cannot be imported; nothing was written.\n\n%2")
                                    .arg(file, problemList(content->problems, content->problemCount)));
        return;
    }
    if (content->rows.isEmpty()) {
        MessageBoxes::showError(m_page, tr("Import progress"), tr("%1 has no rows to import.").arg(file));
        return;
    }
    MessageBoxes::Question question;
    question.title = tr("Import progress");
    const QString rows = formatCount(content->rows.size());
    if (content->problemCount > 0) {
        question.icon = QMessageBox::Warning;
        question.text = tr("%1 of the %2 rows of %3 have problems.")
                            .arg(formatCount(content->invalidRecords), formatCount(content->records), file);
        question.informativeText = tr("%1\n\nNothing is written while any row has a problem. Fix the file, or import "
                                      "only the %2 valid rows and leave the others out.")
                                       .arg(problemList(content->problems, content->problemCount), rows);
        question.buttonTexts = {{QMessageBox::Yes, tr("Import the %1 &valid rows").arg(rows)},
                                {QMessageBox::No, tr("&Cancel")}};
    } else {
        question.text = tr("Import %1 progress rows from %2?").arg(rows, file);
        question.informativeText = tr("Rows for a learner and lesson that have progress replace it; the others are "
                                      "recorded. Either all rows are written or none.");
        question.buttonTexts = {{QMessageBox::Yes, tr("&Import")}, {QMessageBox::No, tr("&Cancel")}};
    }
    question.buttons = QMessageBox::Yes | QMessageBox::No;
    question.defaultButton = QMessageBox::No;
    const bool validOnly = content->problemCount > 0;
    MessageBoxes::ask(m_page, question, [this, content, validOnly](QMessageBox::StandardButton answer) {
        if (answer == QMessageBox::Yes)
            runImport(content, validOnly);
    });
}

void ProgressTransfer::runImport(const std::shared_ptr<ProgressCsvContent> &content, bool validOnly)
{
    if (!m_services || m_busy)
        return;
    setBusy(true);
    auto counter = std::make_shared<Counter>();
    QPointer<QProgressDialog> dialog = showProgress(tr("Importing %1 rows…").arg(formatCount(content->rows.size())),
                                                    QStringLiteral("progressImportDialog"), counter);
    ProgressImportOptions options;
    options.validOnly = validOnly;
    options.progress = [counter](qint64 done, qint64 total) {
        counter->done = done;
        counter->total = total;
        return !counter->cancelled;
    };
    const QString file = QFileInfo(content->source).fileName();
    runTask(
        importInto(m_services, content, std::move(options)), this,
        [this, dialog, file](ProgressImportReport report) {
            if (dialog)
                dialog->close();
            setBusy(false);
            using Outcome = ProgressImportReport::Outcome;
            switch (report.outcome) {
            case Outcome::Imported:
            case Outcome::Checked:
                emit statusMessage(tr("Imported %1 rows from %2: %3 recorded, %4 replaced%5")
                                       .arg(formatCount(report.imported), file, formatCount(report.written.created),
                                            formatCount(report.written.updated),
                                            report.skipped ? tr(", %1 left out").arg(formatCount(report.skipped))
                                                           : QString()));
                break;
            case Outcome::Cancelled:
                emit statusMessage(tr("Import cancelled: nothing was written"));
                break;
            case Outcome::Refused:
                MessageBoxes::showError(m_page, tr("Import progress"),
                                        tr("The store refused rows of %1; nothing was written.\n\n%2")
                                            .arg(file, problemList(report.problems, report.problemCount)));
                break;
            case Outcome::Failed:
                MessageBoxes::showError(m_page, tr("Import progress"),
                                        tr("Could not import %1; nothing was written: %2")
                                            .arg(file, report.failure ? report.failure->message() : QString()));
                break;
            }
        },
        [this, dialog, file](const std::exception &error) {
            if (dialog)
                dialog->close();
            setBusy(false);
            MessageBoxes::showError(m_page, tr("Import progress"),
                                    tr("Could not import %1: %2").arg(file, errorMessage(error)));
        });
}

} // namespace edge::ui
