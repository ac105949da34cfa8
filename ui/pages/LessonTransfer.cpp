#include "LessonTransfer.h"

#include "application/lessons/LessonExporter.h"
#include "async/RunTask.h"
#include "common/ErrorText.h"
#include "common/LessonFormatting.h"
#include "dialogs/FileDialogs.h"
#include "dialogs/MessageBoxes.h"

#include <QDir>
#include <QPointer>
#include <QFileInfo>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>

#include <QCoro/QCoroFuture>

namespace edge::ui {

namespace {
constexpr int ProblemsShown = 20;

// The exporter and importer work on handlers that live as long as `services`.
QCoro::Task<QString> exportOne(std::shared_ptr<Services> services, QString id, QString path)
{
    LessonExporter exporter(services->lessonQueries, services->backend().location());
    co_return co_await exporter.exportLesson(id, path, true); // the file dialog asked already
}

QCoro::Task<QStringList> exportAll(std::shared_ptr<Services> services, QString track, QString folder, bool overwrite)
{
    LessonExporter exporter(services->lessonQueries, services->backend().location());
    co_return co_await exporter.exportTrack(track, folder, overwrite);
}

// Reading and checking touches the disk: a worker thread does it, the UI waits for nothing.
QCoro::Task<LessonBatch> readBatch(QString path)
{
    // Named first: GCC 12 destroys a capturing lambda written inside a co_await twice.
    auto read = [path] { return LessonArchive::read(path); };
    QFuture<LessonBatch> reading = QtConcurrent::run(std::move(read));
    co_return co_await reading;
}

QCoro::Task<ImportReport> planImport(std::shared_ptr<Services> services, LessonBatch batch)
{
    LessonImporter importer(services->lessonCommands, services->lessonQueries);
    co_return co_await importer.plan(batch);
}

QCoro::Task<ImportReport> applyImport(std::shared_ptr<Services> services, LessonBatch batch, ImportOptions options)
{
    LessonImporter importer(services->lessonCommands, services->lessonQueries);
    co_return co_await importer.apply(batch, options);
}

QString problemList(const QList<ArchiveProblem> &problems)
{
    QStringList lines;
    for (const ArchiveProblem &problem : problems.mid(0, ProblemsShown))
        lines << problem.toString();
    if (problems.size() > ProblemsShown)
        lines << LessonTransfer::tr("…and %1 more").arg(problems.size() - ProblemsShown);
    return lines.join(u'\n');
}

QString documentsFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}
} // namespace

LessonTransfer::LessonTransfer(QWidget *page)
    : QObject(page)
    , m_page(page)
{
}

void LessonTransfer::exportLesson(const Lesson &lesson)
{
    if (!m_services)
        return;
    const QString suggested = QDir(documentsFolder()).filePath(LessonArchive::fileNameFor(lesson.title));
    FileDialogs::chooseLessonFileToSave(m_page, suggested, [this, lesson](const QString &path) {
        if (!m_services)
            return;
        emit statusMessage(tr("Exporting %1…").arg(describeLesson(lesson)));
        runTask(
            exportOne(m_services, lesson.id, path), this,
            [this](QString written) { emit statusMessage(tr("Exported to %1").arg(QDir::toNativeSeparators(written))); },
            [this, lesson](const std::exception &error) {
                MessageBoxes::showError(m_page, tr("Export lesson"),
                                        tr("Could not export %1: %2").arg(describeLesson(lesson), errorMessage(error)));
            });
    });
}

void LessonTransfer::exportTrack(const QString &track)
{
    if (!m_services || track.isEmpty())
        return;
    FileDialogs::chooseFolder(m_page, tr("Export the track \u201C%1\u201D into a folder").arg(track), documentsFolder(),
                              [this, track](const QString &folder) { exportTrackTo(track, folder, false); });
}

void LessonTransfer::exportTrackTo(const QString &track, const QString &folder, bool overwrite)
{
    if (!m_services)
        return;
    emit statusMessage(tr("Exporting the track \u201C%1\u201D…").arg(track));
    runTask(
        exportAll(m_services, track, folder, overwrite), this,
        [this, track, folder](QStringList written) {
            emit statusMessage((written.size() == 1 ? tr("Exported 1 lesson of \u201C%1\u201D to %2")
                                                    : tr("Exported %3 lessons of \u201C%1\u201D to %2").arg(written.size()))
                                   .arg(track, QDir::toNativeSeparators(folder)));
        },
        [this, track, folder, overwrite](const std::exception &error) {
            if (!overwrite && dynamic_cast<const ConflictError *>(&error)) {
                // Files of an earlier export are there: replacing them is the user's call.
                MessageBoxes::Question question;
                question.icon = QMessageBox::Warning;
                question.title = tr("Export track");
                question.text = tr("Replace the lesson files already in %1?").arg(QDir::toNativeSeparators(folder));
                question.informativeText = errorMessage(error);
                question.buttonTexts = {{QMessageBox::Yes, tr("&Replace")}, {QMessageBox::No, tr("&Cancel")}};
                MessageBoxes::ask(m_page, question, [this, track, folder](QMessageBox::StandardButton answer) {
                    if (answer == QMessageBox::Yes)
                        exportTrackTo(track, folder, true);
                });
                return;
            }
            MessageBoxes::showError(m_page, tr("Export track"),
                                    tr("Could not export the track \u201C%1\u201D: %2").arg(track, errorMessage(error)));
        });
}

void LessonTransfer::importLessons(bool folder)
{
    if (!m_services || isBusy())
        return;
    const auto chosen = [this](const QString &path) { importFrom(path); };
    if (folder)
        FileDialogs::chooseFolder(m_page, tr("Import a folder of lessons"), documentsFolder(), chosen);
    else
        FileDialogs::chooseLessonFile(m_page, documentsFolder(), chosen);
}

void LessonTransfer::importFrom(const QString &path)
{
    if (!m_services || isBusy())
        return;
    setBusy(true);
    emit statusMessage(tr("Checking %1…").arg(QDir::toNativeSeparators(path)));
    runTask(
        readBatch(path), this,
        [this, path](LessonBatch batch) {
            if (!batch.isValid()) {
                setBusy(false);
                emit statusMessage(batch.problems.size() == 1 ? tr("Nothing imported: 1 problem found")
                                                              : tr("Nothing imported: %1 problems found").arg(batch.problems.size()));
                MessageBoxes::showError(m_page, tr("Import lessons"),
                                        tr("Nothing was imported. Fix these problems in %1 and try again:\n\n%2")
                                            .arg(QDir::toNativeSeparators(path), problemList(batch.problems)));
                return;
            }
            confirmImport(batch, path);
        },
        [this](const std::exception &error) {
            setBusy(false);
            MessageBoxes::showError(m_page, tr("Import lessons"), errorMessage(error));
        });
}

void LessonTransfer::confirmImport(const LessonBatch &batch, const QString &path)
{
    runTask(
        planImport(m_services, batch), this,
        [this, batch, path](ImportReport plan) {
            setBusy(false);
            if (!plan.succeeded()) {
                MessageBoxes::showError(m_page, tr("Import lessons"),
                                        tr("Nothing was imported: %1\n\n%2")
                                            .arg(plan.failure ? plan.failure->message() : summary(plan),
                                                 problemList(plan.problems)));
                return;
            }
            MessageBoxes::Question question;
            question.title = tr("Import lessons");
            question.text = (batch.lessons.size() == 1 ? tr("Import 1 lesson from %1?")
                                                       : tr("Import %2 lessons from %1?").arg(batch.lessons.size()))
                                .arg(QDir::toNativeSeparators(path));
            question.informativeText = tr("%1. Lessons with the same track and title are updated.").arg(summary(plan));
            if (!batch.warnings.isEmpty())
                question.informativeText += tr("\n\nUnsafe HTML (imported as it is):\n%1").arg(problemList(batch.warnings));
            question.buttonTexts = {{QMessageBox::Yes, tr("&Import")}, {QMessageBox::No, tr("&Cancel")}};
            MessageBoxes::ask(m_page, question, [this, batch](QMessageBox::StandardButton answer) {
                if (answer == QMessageBox::Yes)
                    runImport(batch);
            });
        },
        [this](const std::exception &error) {
            setBusy(false);
            MessageBoxes::showError(m_page, tr("Import lessons"), errorMessage(error));
        });
}

void LessonTransfer::runImport(const LessonBatch &batch)
{
    if (!m_services || isBusy())
        return;
    setBusy(true);
    ImportOptions options;
    options.cancel = m_cancel;
    QPointer<LessonTransfer> self(this);
    options.progress = [self](int done, int total) {
        if (self)
            emit self->statusMessage(tr("Importing %1 of %2…").arg(done).arg(total));
    };
    runTask(
        applyImport(m_services, batch, options), this,
        [this](ImportReport report) {
            setBusy(false);
            emit statusMessage(summary(report));
            if (report.succeeded())
                return;
            QString text = summary(report);
            if (report.failure)
                text += tr("\n\n%1%2").arg(report.failedFile.isEmpty() ? QString() : report.failedFile + QStringLiteral(": "),
                                            report.failure->message());
            if (!report.undone.isEmpty())
                text += tr("\n\nUndone:\n%1").arg(report.undone.join(u'\n'));
            if (!report.notUndone.isEmpty())
                text += tr("\n\nCould NOT be undone:\n%1").arg(report.notUndone.join(u'\n'));
            if (report.outcome == ImportReport::Outcome::Refused)
                text += QStringLiteral("\n\n") + problemList(report.problems);
            MessageBoxes::showError(m_page, tr("Import lessons"), text);
        },
        [this](const std::exception &error) {
            setBusy(false);
            MessageBoxes::showError(m_page, tr("Import lessons"), errorMessage(error));
        });
}

void LessonTransfer::stop()
{
    if (m_cancel)
        *m_cancel = true;
}

void LessonTransfer::setBusy(bool busy)
{
    if (busy == isBusy())
        return;
    m_cancel = busy ? std::make_shared<std::atomic_bool>(false) : nullptr;
    emit busyChanged(busy);
}

} // namespace edge::ui
