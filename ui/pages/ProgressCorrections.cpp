#include "ProgressCorrections.h"

#include "async/RunTask.h"
#include "common/ErrorText.h"
#include "common/ProgressFormatting.h"
#include "dialogs/MessageBoxes.h"
#include "dialogs/ProgressDialog.h"

#include <QWidget>

namespace edge::ui {

ProgressCorrections::ProgressCorrections(QWidget *window)
    : QObject(window)
    , m_window(window)
{
}

void ProgressCorrections::correct(const ProgressEntry &entry)
{
    if (!isWritable())
        return;
    auto *dialog = new ProgressDialog(m_services, entry, m_window);
    dialog->setAccess(m_access);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ProgressDialog::saved, this, [this](const ProgressEntry &saved) {
        emit corrected(saved);
        emit statusMessage(tr("Corrected the progress of %1").arg(describeProgress(saved)));
    });
    dialog->open();
}

void ProgressCorrections::reset(const ProgressEntry &entry)
{
    if (!isWritable() || m_resetting)
        return;
    MessageBoxes::Question question;
    question.icon = QMessageBox::Warning;
    question.title = tr("Reset progress");
    question.text = tr("Reset the progress of %1?").arg(describeProgress(entry));
    question.informativeText =
        tr("The record (%1, score %2) is deleted: the learner starts the lesson afresh. "
           "The audit trail keeps what it was. This cannot be undone.")
            .arg(completionText(entry.completed).toLower())
            .arg(entry.score);
    question.buttons = QMessageBox::Yes | QMessageBox::No;
    question.defaultButton = QMessageBox::No;
    question.buttonTexts = {{QMessageBox::Yes, tr("&Reset")}, {QMessageBox::No, tr("&Keep")}};
    MessageBoxes::ask(m_window, question, [this, entry](QMessageBox::StandardButton answer) {
        if (answer == QMessageBox::Yes && isWritable())
            runReset(entry);
    });
}

void ProgressCorrections::runReset(const ProgressEntry &entry)
{
    m_resetting = true;
    emit busyChanged();
    emit statusMessage(tr("Resetting the progress of %1…").arg(describeProgress(entry)));
    runTask(
        m_services->progressCommands.reset(ResetProgressCommand{entry.userId, entry.lessonId}), this,
        [this, entry](const ProgressEntry &) {
            m_resetting = false;
            emit busyChanged();
            emit wasReset(entry);
            emit statusMessage(tr("Reset the progress of %1").arg(describeProgress(entry)));
        },
        [this, entry](const std::exception &error) {
            m_resetting = false;
            emit busyChanged();
            const QString why = dynamic_cast<const ForbiddenError *>(&error)
                ? m_access.forbiddenMessage(tr("resetting progress"))
                : errorMessage(error);
            MessageBoxes::showError(m_window, tr("Reset progress"),
                                    tr("Could not reset the progress of %1: %2").arg(describeProgress(entry), why));
        });
}

} // namespace edge::ui
