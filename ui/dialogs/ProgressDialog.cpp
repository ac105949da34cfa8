#include "ProgressDialog.h"

#include "async/RunTask.h"
#include "common/ProgressFormatting.h"
#include "common/UserFormatting.h"
#include "dialogs/ConflictDialog.h"
#include "domain/Errors.h"
#include "domain/Text.h"

#include <QCheckBox>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>

namespace edge::ui {

namespace {
const QString CompletedField = QStringLiteral("completed");
const QString ScoreField = QStringLiteral("score");
const QString CompletedAtField = QStringLiteral("completedAt");

QLabel *readOnlyLabel(const QString &objectName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label; // one line: a wrapped label in a form row was cut to its first line
}

std::optional<int> scoreOf(const QString &text)
{
    bool ok = false;
    const int score = text.trimmed().toInt(&ok);
    return ok ? std::optional<int>(score) : std::nullopt;
}

QString completedAtText(const ProgressEntry &entry)
{
    return entry.completed && entry.completedAt.isValid() ? formatTimestampLong(entry.completedAt)
                                                          : ProgressDialog::tr("not completed");
}
} // namespace

ProgressDialog::ProgressDialog(std::shared_ptr<Services> services, const ProgressEntry &entry, QWidget *parent)
    : EditDialog(parent)
    , m_services(std::move(services))
{
    setObjectName(QStringLiteral("progressDialog"));
    m_learner = readOnlyLabel(QStringLiteral("progressLearnerLabel"));
    m_lesson = readOnlyLabel(QStringLiteral("progressLessonLabel"));

    m_completed = new QCheckBox(tr("The learner has completed this lesson"));
    m_completed->setObjectName(QStringLiteral("completedCheck"));
    connect(m_completed, &QCheckBox::toggled, this, &ProgressDialog::onCompletedToggled);

    m_score = new QLineEdit;
    m_score->setObjectName(QStringLiteral("scoreEdit"));
    m_score->setPlaceholderText(tr("%1 to %2").arg(ProgressEntry::MinScore).arg(ProgressEntry::MaxScore));
    m_score->setMaxLength(6); // room to say "too high", not to paste a page
    m_score->setMaximumWidth(90);

    m_completedAt = new QLineEdit;
    m_completedAt->setObjectName(QStringLiteral("completedAtEdit"));
    m_completedAt->setClearButtonEnabled(true);
    m_completedAt->setToolTip(tr("Your local time, as %1. Empty: the time of saving when it becomes completed, "
                                 "else the recorded time is kept.")
                                  .arg(completionInputFormat()));

    addField(tr("Learner:"), QStringLiteral("userId"), m_learner);
    addField(tr("Lesson:"), QStringLiteral("lessonId"), m_lesson);
    addField(tr("&Completed:"), CompletedField, m_completed);
    addField(tr("&Score:"), ScoreField, m_score);
    addField(tr("Completed &at:"), CompletedAtField, m_completedAt);
    finishLayout(tr("&Save correction"));
    setMinimumWidth(480);
    loadEntry(entry);
}

void ProgressDialog::loadEntry(const ProgressEntry &entry)
{
    m_entry = entry;
    m_recreate = false;
    setWindowTitle(tr("Correct progress of %1").arg(learnerName(entry)));
    m_learner->setText(entry.username.isEmpty() ? learnerName(entry)
                                                : tr("%1 (%2)").arg(learnerName(entry), withInvisiblesShown(entry.username)));
    m_lesson->setText(entry.track.isEmpty() ? lessonName(entry)
                                            : tr("%1 (%2)").arg(lessonName(entry), withInvisiblesShown(entry.track)));
    m_completed->setChecked(entry.completed);
    m_score->setText(QString::number(entry.score));
    m_completedAt->setText(entry.completed ? formatCompletionInput(entry.completedAt) : QString());
    onCompletedToggled(entry.completed);
    clearServerErrors();
    updateValidation();
}

void ProgressDialog::onCompletedToggled(bool completed)
{
    // A completion time belongs to a completed row only.
    m_completedAt->setEnabled(completed);
    if (!completed)
        m_completedAt->clear();
    m_completedAt->setPlaceholderText(completed ? tr("%1, or empty for now").arg(completionInputFormat())
                                                : tr("only when completed"));
}

QMap<QString, QString> ProgressDialog::localProblems() const
{
    QMap<QString, QString> problems;
    const std::optional<int> score = scoreOf(m_score->text());
    if (!score)
        problems.insert(ScoreField, tr("Enter a whole number from %1 to %2")
                                        .arg(ProgressEntry::MinScore)
                                        .arg(ProgressEntry::MaxScore));
    else if (const QString problem = ProgressEntry::scoreProblem(*score); !problem.isEmpty())
        problems.insert(ScoreField, problem);

    const QString typed = m_completedAt->text().trimmed();
    if (!typed.isEmpty()) {
        const QDateTime when = parseCompletionInput(typed);
        if (!when.isValid())
            problems.insert(CompletedAtField, tr("Use %1 (your local time)").arg(completionInputFormat()));
        else if (const QString problem =
                     ProgressEntry::completedAtProblem(when, m_completed->isChecked(), QDateTime::currentDateTimeUtc());
                 !problem.isEmpty())
            problems.insert(CompletedAtField, problem);
    }
    return problems;
}

ProgressChange ProgressDialog::change() const
{
    ProgressChange change;
    if (m_completed->isChecked() != m_entry.completed || m_recreate)
        change.completed = m_completed->isChecked();
    if (const std::optional<int> score = scoreOf(m_score->text()); score && (*score != m_entry.score || m_recreate))
        change.score = *score;
    const QString typed = m_completedAt->text().trimmed();
    // The time as loaded (to the minute) means "keep it"; anything else typed is explicit.
    if (!typed.isEmpty() && (typed != formatCompletionInput(m_entry.completedAt) || !m_entry.completed || m_recreate))
        change.completedAt = parseCompletionInput(typed);
    return change;
}

void ProgressDialog::submit()
{
    const ProgressChange wanted = change();
    if (!wanted.completed && !wanted.score && !wanted.completedAt) {
        accept(); // nothing to save
        return;
    }
    SetProgressCommand command;
    command.userId = m_entry.userId;
    command.lessonId = m_entry.lessonId;
    command.change = wanted;
    if (!m_recreate) {
        command.baseVersion = m_entry.version;
        command.base = m_entry; // nothing is read before the write
    }
    setSaving(true);
    runTask(
        m_services->progressCommands.set(std::move(command)), this,
        [this](ProgressEntry stored) {
            m_entry = stored;
            emit saved(stored);
            finishSaving();
        },
        [this](const std::exception &error) { saveFailed(error); });
}

QString ProgressDialog::forbiddenAction() const
{
    return tr("correcting progress");
}

// Someone changed (or reset) the record first: both versions side by side.
bool ProgressDialog::handleConflict(const ConflictError &conflict)
{
    if (!conflict.current().canConvert<ProgressEntry>() || conflict.current().isNull()) {
        // Reset meanwhile: saving again records the row anew, as the form has it.
        m_recreate = true;
        showFieldError(QString(), tr("Not saved: someone reset this record meanwhile. Save again to record it "
                                     "as the form shows, or cancel."));
        updateValidation();
        return true;
    }
    const ProgressEntry theirs = conflict.current().value<ProgressEntry>();
    const std::optional<int> myScore = scoreOf(m_score->text());
    const QString typed = m_completedAt->text().trimmed();
    const QString myTime = !m_completed->isChecked() ? tr("not completed")
        : typed.isEmpty()                           ? tr("when saved (automatic)")
                                                    : formatTimestampLong(parseCompletionInput(typed));
    ConflictDescription description{
        tr("Progress"), describeProgress(m_entry), m_entry.version, theirs.version,
        {{tr("Completed"), completionText(theirs.completed), completionText(m_completed->isChecked())},
         {tr("Score"), QString::number(theirs.score), myScore ? QString::number(*myScore) : m_score->text()},
         {tr("Completed at"), completedAtText(theirs), myTime}},
        std::nullopt};
    auto *dialog = new ConflictDialog(description, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConflictDialog::reloadChosen, this, [this, theirs] {
        loadEntry(theirs);
        showFieldError(QString(), tr("Reloaded version %1 saved by someone else; make your correction again.")
                                      .arg(theirs.version));
    });
    connect(dialog, &ConflictDialog::overwriteChosen, this, [this, theirs] { overwriteWithMine(theirs); });
    connect(dialog, &QDialog::rejected, this, [this, theirs] {
        showFieldError(QString(), tr("Not saved: someone else saved version %1 meanwhile. "
                                     "Save again to compare once more, or cancel.")
                                      .arg(theirs.version));
        updateValidation();
    });
    dialog->open();
    return true;
}

// The form as it is, saved on top of their version: every field of the form is sent.
void ProgressDialog::overwriteWithMine(const ProgressEntry &theirs)
{
    m_entry = theirs;
    m_recreate = false;
    SetProgressCommand command;
    command.userId = theirs.userId;
    command.lessonId = theirs.lessonId;
    command.change.completed = m_completed->isChecked();
    if (const std::optional<int> score = scoreOf(m_score->text()))
        command.change.score = *score;
    if (const QString typed = m_completedAt->text().trimmed(); !typed.isEmpty())
        command.change.completedAt = parseCompletionInput(typed);
    command.baseVersion = theirs.version;
    command.base = theirs;
    setSaving(true);
    runTask(
        m_services->progressCommands.set(std::move(command)), this,
        [this](ProgressEntry stored) {
            m_entry = stored;
            emit saved(stored);
            finishSaving();
        },
        [this](const std::exception &error) { saveFailed(error); });
}

} // namespace edge::ui
