#include "LessonsPage.h"

#include "application/EventBus.h"
#include "async/RunTask.h"
#include "common/ErrorText.h"
#include "common/LessonFormatting.h"
#include "common/PageActions.h"
#include "common/UserFormatting.h"
#include "dialogs/MessageBoxes.h"
#include "editor/LessonEditor.h"
#include "models/LessonsTableModel.h"
#include "pages/LessonDetailPane.h"
#include "pages/LessonTransfer.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QToolButton>
#include <QTableView>

namespace edge::ui {

namespace {
struct BatchOutcome
{
    int done = 0;
    bool stopped = false;
    QStringList failures; // "“Title” (track): why"
};

// One lesson after another (the Worker has no batch endpoint; one at a time also keeps
// the order of events readable). Stops between two lessons when asked.
QCoro::Task<BatchOutcome> runInTurn(std::shared_ptr<Services> services, QList<Lesson> lessons,
                                    std::function<QCoro::Task<Lesson>(Services &, Lesson)> operation,
                                    std::shared_ptr<std::atomic_bool> stop, std::function<void(int)> progress)
{
    BatchOutcome outcome;
    for (int i = 0; i < lessons.size(); ++i) {
        if (*stop) {
            outcome.stopped = true;
            break;
        }
        progress(i);
        QString failure;
        try {
            co_await operation(*services, lessons.at(i));
            ++outcome.done;
        } catch (const DomainError &error) {
            failure = error.message();
        }
        if (!failure.isEmpty())
            outcome.failures << QStringLiteral("%1: %2").arg(describeLesson(lessons.at(i)), failure);
    }
    co_return outcome;
}

QCoro::Task<qint64> progressRowsOf(std::shared_ptr<Services> services, QList<Lesson> lessons)
{
    qint64 total = 0;
    for (const Lesson &lesson : lessons)
        total += co_await services->lessonQueries.progressCount(lesson.id);
    co_return total;
}
} // namespace

LessonsPage::LessonsPage(EventBus &events, QWidget *parent)
    : ListPage(tr("Lessons"), QStringLiteral("lessons"), new LessonsTableModel, parent)
    , m_model(static_cast<LessonsTableModel *>(model()))
{
    m_eventRefreshDelay.setSingleShot(true);
    m_eventRefreshDelay.setInterval(0);
    connect(&m_eventRefreshDelay, &QTimer::timeout, this, [this] {
        refreshKeepingSelection(m_deletedLessonId);
        m_deletedLessonId.clear();
    });

    m_transfer = new LessonTransfer(this);
    connect(m_transfer, &LessonTransfer::statusMessage, this, &ConsolePage::statusMessage);
    connect(m_transfer, &LessonTransfer::busyChanged, this, &LessonsPage::updateActions);
    buildActions();
    buildTransferActions();
    addToolBarActions({m_newAction, m_openAction, m_duplicateAction});
    addToolBarSeparator();
    addToolBarActions({m_publishAction, m_unpublishAction, m_deleteAction, m_stopAction});
    addToolBarSeparator();
    addToolBarActions({m_transferMenuAction, m_refreshAction});
    enableSearch(tr("Search titles (%1)").arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)),
                 SearchPlace::FilterRow);
    setFilterBar(buildFilterBar());
    enableMultiSelection();
    setCountText([this](qint64 total) {
        if (total < 0)
            return tr("Counting…");
        const LessonListQuery &query = m_model->query();
        const bool filtered = !query.search.isEmpty() || !query.track.isEmpty() || query.status || query.difficulty;
        if (!filtered)
            return total == 1 ? tr("1 lesson") : tr("%1 lessons").arg(formatCount(total));
        return total == 1 ? tr("1 match") : tr("%1 matches").arg(formatCount(total));
    });
    setLoadErrorText(tr("Could not load lessons: %1"));

    QHeaderView *header = table()->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(LessonsTableModel::TitleColumn, QHeaderView::Stretch);
    header->resizeSection(LessonsTableModel::TrackColumn, 130);
    header->resizeSection(LessonsTableModel::DifficultyColumn, 90);
    header->resizeSection(LessonsTableModel::StatusColumn, 90);
    header->resizeSection(LessonsTableModel::UpdatedColumn, 122);
    setInitialSort(LessonsTableModel::UpdatedColumn, Qt::DescendingOrder);
    table()->setContextMenuPolicy(Qt::ActionsContextMenu);
    table()->addActions({m_openAction, m_duplicateAction, m_publishAction, m_unpublishAction, m_deleteAction});

    m_detail = new LessonDetailPane;
    setDetailPane(m_detail, {640, 400});

    connect(&events, &EventBus::published, this, &LessonsPage::onDomainEvent);
    connect(this, &ListPage::searchChanged, m_model, &LessonsTableModel::setSearch);
    connect(this, &ListPage::currentRowChanged, this, &LessonsPage::onSelectionChanged);
    connect(this, &ListPage::selectionChanged, this, &LessonsPage::onSelectionChanged);
    connect(m_model, &PagedTableModel::pageArrived, this, &LessonsPage::rememberTracks);
    connect(table(), &QAbstractItemView::activated, this, &LessonsPage::openSelectedLesson);

    setServices(nullptr, tr("No store is open."));
}

void LessonsPage::buildActions()
{
    m_newAction = new QAction(themedIcon(QStringLiteral("document-new"), QStringLiteral(":/icons/lesson-new.svg")),
                              tr("&New lesson…"), this);
    m_newAction->setObjectName(QStringLiteral("newLessonAction"));
    m_newAction->setShortcut(QKeySequence::New);
    setToolTipWithShortcut(m_newAction, tr("Create a lesson"));
    connect(m_newAction, &QAction::triggered, this, &LessonsPage::createLesson);

    m_openAction = new QAction(themedIcon(QStringLiteral("document-edit"), QStringLiteral(":/icons/user-edit.svg")),
                               tr("&Edit…"), this);
    m_openAction->setObjectName(QStringLiteral("editLessonAction"));
    m_openAction->setToolTip(tr("Edit the selected lesson and its HTML (Enter or double-click)"));
    connect(m_openAction, &QAction::triggered, this, &LessonsPage::openSelectedLesson);

    m_duplicateAction = new QAction(tr("D&uplicate"), this);
    m_duplicateAction->setObjectName(QStringLiteral("duplicateLessonAction"));
    m_duplicateAction->setShortcut(Qt::CTRL | Qt::Key_D);
    setToolTipWithShortcut(m_duplicateAction, tr("Make a draft copy of the selected lesson with its HTML"));
    connect(m_duplicateAction, &QAction::triggered, this, &LessonsPage::duplicateSelectedLesson);

    m_publishAction = new QAction(tr("&Publish"), this);
    m_publishAction->setObjectName(QStringLiteral("publishLessonAction"));
    m_publishAction->setToolTip(tr("Make the selected lessons visible to learners"));
    connect(m_publishAction, &QAction::triggered, this, [this] { setStatusOfSelected(LessonStatus::Published); });

    m_unpublishAction = new QAction(tr("U&npublish"), this);
    m_unpublishAction->setObjectName(QStringLiteral("unpublishLessonAction"));
    m_unpublishAction->setToolTip(tr("Turn the selected lessons back into drafts learners do not see"));
    connect(m_unpublishAction, &QAction::triggered, this, [this] { setStatusOfSelected(LessonStatus::Draft); });

    // Delete only where the table has focus: in the search box the key deletes text.
    m_deleteAction = new QAction(themedIcon(QStringLiteral("edit-delete"), QStringLiteral(":/icons/user-delete.svg")),
                                 tr("&Delete…"), this);
    m_deleteAction->setObjectName(QStringLiteral("deleteLessonAction"));
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetShortcut);
    setToolTipWithShortcut(m_deleteAction, tr("Delete the selected lessons with their content and progress"));
    connect(m_deleteAction, &QAction::triggered, this, &LessonsPage::deleteSelectedLessons);

    m_stopAction = new QAction(tr("&Stop"), this);
    m_stopAction->setObjectName(QStringLiteral("stopLessonBatchAction"));
    m_stopAction->setToolTip(tr("Stop after the lesson being changed now"));
    m_stopAction->setVisible(false);
    connect(m_stopAction, &QAction::triggered, this, [this] {
        if (m_stopRequested)
            *m_stopRequested = true;
        m_transfer->stop();
    });

    m_refreshAction = new QAction(themedIcon(QStringLiteral("view-refresh"), QStringLiteral(":/icons/view-refresh.svg")),
                                  tr("&Refresh"), this);
    m_refreshAction->setObjectName(QStringLiteral("refreshLessonsAction"));
    m_refreshAction->setShortcut(Qt::Key_F5);
    setToolTipWithShortcut(m_refreshAction, tr("Read the lessons again"));
    connect(m_refreshAction, &QAction::triggered, this, [this] { refreshKeepingSelection(); });

    addActions({m_newAction, m_duplicateAction, m_refreshAction});
}

void LessonsPage::buildTransferActions()
{
    m_importFileAction = new QAction(tr("Import a &lesson file…"), this);
    m_importFileAction->setObjectName(QStringLiteral("importLessonFileAction"));
    connect(m_importFileAction, &QAction::triggered, this, [this] { m_transfer->importLessons(false); });
    m_importFolderAction = new QAction(tr("Import a &folder of lessons…"), this);
    m_importFolderAction->setObjectName(QStringLiteral("importLessonFolderAction"));
    connect(m_importFolderAction, &QAction::triggered, this, [this] { m_transfer->importLessons(true); });
    m_exportLessonAction = new QAction(tr("&Export the selected lesson…"), this);
    m_exportLessonAction->setObjectName(QStringLiteral("exportLessonAction"));
    connect(m_exportLessonAction, &QAction::triggered, this, [this] {
        if (const std::optional<Lesson> lesson = currentLesson())
            m_transfer->exportLesson(*lesson);
    });
    m_exportTrackAction = new QAction(tr("Export the selected lesson's &track…"), this);
    m_exportTrackAction->setObjectName(QStringLiteral("exportTrackAction"));
    connect(m_exportTrackAction, &QAction::triggered, this, [this] {
        if (const std::optional<Lesson> lesson = currentLesson())
            m_transfer->exportTrack(lesson->track);
    });

    auto *menu = new QMenu(this);
    menu->addActions({m_importFileAction, m_importFolderAction});
    menu->addSeparator();
    menu->addActions({m_exportLessonAction, m_exportTrackAction});
    m_transferMenuAction = new QAction(themedIcon(QStringLiteral("document-save-as"), QString()), tr("Import/E&xport"), this);
    m_transferMenuAction->setObjectName(QStringLiteral("lessonTransferMenuAction"));
    m_transferMenuAction->setToolTip(tr("Move lessons between stores as files (one file per lesson, a folder per track)"));
    m_transferMenuAction->setMenu(menu);
    connect(m_transferMenuAction, &QAction::triggered, this, [menu, this] {
        menu->popup(QCursor::pos());
    });
}

QWidget *LessonsPage::buildFilterBar()
{
    m_trackFilter = new QComboBox;
    m_trackFilter->setObjectName(QStringLiteral("lessonsTrackFilter"));
    m_trackFilter->setEditable(true);
    m_trackFilter->setInsertPolicy(QComboBox::NoInsert);
    m_trackFilter->lineEdit()->setPlaceholderText(tr("All tracks"));
    m_trackFilter->lineEdit()->setClearButtonEnabled(true);
    m_trackFilter->setMinimumWidth(130);
    m_trackDelay.setSingleShot(true);
    m_trackDelay.setInterval(SearchDelayMs);
    connect(m_trackFilter, &QComboBox::editTextChanged, this, [this] { m_trackDelay.start(); });
    connect(&m_trackDelay, &QTimer::timeout, this, [this] { m_model->setTrack(m_trackFilter->currentText()); });

    m_statusFilter = new QComboBox;
    m_statusFilter->setObjectName(QStringLiteral("lessonsStatusFilter"));
    m_statusFilter->addItem(tr("Any status"));
    m_statusFilter->addItem(statusDisplayName(LessonStatus::Draft), int(LessonStatus::Draft));
    m_statusFilter->addItem(statusDisplayName(LessonStatus::Published), int(LessonStatus::Published));
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant value = m_statusFilter->currentData();
        m_model->setStatus(value.isValid() ? std::optional(LessonStatus(value.toInt())) : std::nullopt);
    });

    m_difficultyFilter = new QComboBox;
    m_difficultyFilter->setObjectName(QStringLiteral("lessonsDifficultyFilter"));
    m_difficultyFilter->addItem(tr("Any difficulty"), 0);
    for (int level = Lesson::MinDifficulty; level <= Lesson::MaxDifficulty; ++level)
        m_difficultyFilter->addItem(QStringLiteral("%1  %2").arg(level).arg(difficultyStars(level)), level);
    connect(m_difficultyFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_model->setDifficulty(m_difficultyFilter->currentData().toInt()); });

    auto *bar = new QWidget;
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 2, 0, 2);
    layout->addWidget(new QLabel(tr("Track:")));
    layout->addWidget(m_trackFilter);
    layout->addSpacing(12);
    layout->addWidget(new QLabel(tr("Status:")));
    layout->addWidget(m_statusFilter);
    layout->addSpacing(12);
    layout->addWidget(new QLabel(tr("Difficulty:")));
    layout->addWidget(m_difficultyFilter);
    layout->addStretch();
    return bar;
}

void LessonsPage::setServices(std::shared_ptr<Services> services, const QString &noStoreMessage)
{
    m_detail->setServices(services);
    m_transfer->setServices(services);
    ListPage::setServices(std::move(services), noStoreMessage);
    m_trackFilter->setEnabled(this->services() != nullptr);
    m_statusFilter->setEnabled(this->services() != nullptr);
    m_difficultyFilter->setEnabled(this->services() != nullptr);
    updateActions();
}

void LessonsPage::setAccess(const ConsoleAccess &access)
{
    m_access = access;
    // Roles that may only read do not see editing at all (the Worker would refuse it).
    const bool writable = access.lessonsWritable();
    for (QAction *action : {m_newAction, m_duplicateAction, m_publishAction, m_unpublishAction, m_deleteAction,
                            m_importFileAction, m_importFolderAction})
        action->setVisible(writable);
    m_openAction->setText(writable ? tr("&Edit…") : tr("&View…"));
    updateActions();
}

void LessonsPage::retryInterruptedWork()
{
    for (const QPointer<LessonEditor> &editor : std::as_const(m_editors))
        if (editor)
            editor->retryAfterSignIn();
}

LessonEditor *LessonsPage::editorFor(const QString &lessonId) const
{
    return m_editors.value(lessonId);
}

std::optional<Lesson> LessonsPage::currentLesson() const
{
    const std::optional<QVariant> row = currentRow();
    return row ? std::optional<Lesson>(row->value<Lesson>()) : std::nullopt;
}

QList<Lesson> LessonsPage::selectedLessons() const
{
    QList<Lesson> lessons;
    for (const QVariant &row : selectedRows())
        lessons.append(row.value<Lesson>());
    return lessons;
}

void LessonsPage::updateActions()
{
    const bool open = services() != nullptr;
    const bool writable = open && m_access.lessonsWritable();
    const bool busy = m_stopRequested != nullptr || m_transfer->isBusy();
    const QList<Lesson> selected = open ? selectedLessons() : QList<Lesson>();
    const bool one = selected.size() == 1;
    const bool anyDraft = std::any_of(selected.cbegin(), selected.cend(), [](const Lesson &l) { return !l.isPublished(); });
    const bool anyPublished = std::any_of(selected.cbegin(), selected.cend(), [](const Lesson &l) { return l.isPublished(); });
    m_newAction->setEnabled(writable);
    m_openAction->setEnabled(open && one);
    m_duplicateAction->setEnabled(writable && one && !busy);
    m_publishAction->setEnabled(writable && anyDraft && !busy);
    m_unpublishAction->setEnabled(writable && anyPublished && !busy);
    m_deleteAction->setEnabled(writable && !selected.isEmpty() && !busy);
    m_refreshAction->setEnabled(open);
    m_stopAction->setVisible(busy);
    m_importFileAction->setEnabled(writable && !busy);
    m_importFolderAction->setEnabled(writable && !busy);
    m_exportLessonAction->setEnabled(open && one);
    m_exportTrackAction->setEnabled(open && one);
    m_transferMenuAction->setEnabled(open);
}

void LessonsPage::onSelectionChanged()
{
    const QList<Lesson> selected = selectedLessons();
    if (selected.size() > 1)
        m_detail->showSelectionCount(int(selected.size()));
    else
        m_detail->showLesson(currentLesson());
    updateActions();
}

void LessonsPage::rememberTracks(int firstRow, int lastRow)
{
    // The track filter offers the tracks seen so far (typing any other works too).
    for (int row = firstRow; row <= lastRow; ++row) {
        const std::optional<Lesson> lesson = m_model->lessonAt(row);
        if (lesson && m_trackFilter->findText(lesson->track, Qt::MatchFixedString | Qt::MatchCaseSensitive) < 0) {
            const QSignalBlocker quiet(m_trackFilter); // the typed filter text stays as it is
            const QString typed = m_trackFilter->currentText();
            m_trackFilter->addItem(lesson->track);
            m_trackFilter->model()->sort(0);
            m_trackFilter->setEditText(typed);
        }
    }
}

void LessonsPage::onDomainEvent(const DomainEvent &event)
{
    if (event.subjectType != QStringLiteral("lesson"))
        return;
    if (event.type == QStringLiteral("lesson.deleted"))
        m_deletedLessonId = event.subjectId;
    m_eventRefreshDelay.start();
}

void LessonsPage::createLesson()
{
    if (!services() || !m_access.lessonsWritable())
        return;
    auto *editor = LessonEditor::forCreate(services(), m_model->query().track, this);
    editor->setAccess(m_access);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &LessonEditor::saved, this, [this, editor](const Lesson &lesson) {
        m_editors.insert(lesson.id, editor); // from now on it is this lesson's editor
        keepSelected(lesson.id);
        emit statusMessage(tr("Saved %1").arg(describeLesson(lesson)));
    });
    editor->show();
    editor->activateWindow();
}

void LessonsPage::openSelectedLesson()
{
    if (const std::optional<Lesson> lesson = currentLesson(); services() && lesson)
        openEditor(*lesson);
}

LessonEditor *LessonsPage::openEditor(const Lesson &lesson)
{
    if (LessonEditor *open = m_editors.value(lesson.id)) {
        open->raise();
        open->activateWindow();
        return open;
    }
    auto *editor = LessonEditor::forEdit(services(), lesson, this);
    editor->setAccess(m_access);
    editor->setReadOnly(!m_access.lessonsWritable());
    editor->setAttribute(Qt::WA_DeleteOnClose);
    m_editors.insert(lesson.id, editor);
    connect(editor, &LessonEditor::saved, this, [this](const Lesson &saved) {
        keepSelected(saved.id);
        emit statusMessage(tr("Saved %1").arg(describeLesson(saved)));
    });
    connect(editor, &QObject::destroyed, this, [this, id = lesson.id] { m_editors.remove(id); });
    editor->show();
    editor->activateWindow();
    return editor;
}

void LessonsPage::duplicateSelectedLesson()
{
    const std::optional<Lesson> lesson = currentLesson();
    if (!services() || !lesson || !m_access.lessonsWritable())
        return;
    emit statusMessage(tr("Copying %1…").arg(describeLesson(*lesson)));
    runTask(
        services()->lessonCommands.duplicate(lesson->id), this,
        [this](Lesson copy) {
            keepSelected(copy.id);
            emit statusMessage(tr("Created the draft %1").arg(describeLesson(copy)));
        },
        [this, lesson = *lesson](const std::exception &error) {
            MessageBoxes::showError(this, tr("Duplicate lesson"),
                                    tr("Could not copy %1: %2").arg(describeLesson(lesson), errorMessage(error)));
        });
}

void LessonsPage::setStatusOfSelected(LessonStatus status)
{
    QList<Lesson> lessons = selectedLessons();
    lessons.removeIf([status](const Lesson &lesson) { return lesson.status == status; });
    if (!services() || lessons.isEmpty() || !m_access.lessonsWritable())
        return;
    const bool publishing = status == LessonStatus::Published;
    applyInTurn(lessons, publishing ? tr("Publishing") : tr("Unpublishing"),
                publishing ? tr("Published") : tr("Unpublished"),
                [status](Services &services, Lesson lesson) { return services.lessonCommands.setStatus(lesson, status); });
}

void LessonsPage::deleteSelectedLessons()
{
    const QList<Lesson> lessons = selectedLessons();
    if (!services() || lessons.isEmpty() || !m_access.lessonsWritable() || m_stopRequested)
        return;
    // How much goes with them first, so the question can say.
    emit statusMessage(tr("Counting the progress that goes with them…"));
    runTask(
        progressRowsOf(services(), lessons), this,
        [this, lessons](qint64 rows) { askToDelete(lessons, rows); },
        [this, lessons](const std::exception &error) {
            MessageBoxes::showError(this, tr("Delete lessons"),
                                    tr("Could not count the progress of the lessons to delete: %1").arg(errorMessage(error)));
        });
}

void LessonsPage::askToDelete(const QList<Lesson> &lessons, qint64 progressRows)
{
    MessageBoxes::Question question;
    question.icon = QMessageBox::Warning;
    question.title = lessons.size() == 1 ? tr("Delete lesson") : tr("Delete lessons");
    question.text = lessons.size() == 1 ? tr("Delete the lesson %1?").arg(describeLesson(lessons.first()))
                                        : tr("Delete these %1 lessons?").arg(lessons.size());
    const QString progress = progressRows == 0
        ? tr("No learner has progress on %1.").arg(lessons.size() == 1 ? tr("it") : tr("them"))
        : progressRows == 1 ? tr("1 learner progress record goes with %1.").arg(lessons.size() == 1 ? tr("it") : tr("them"))
                            : tr("%1 learner progress records go with %2.")
                                  .arg(formatCount(progressRows), lessons.size() == 1 ? tr("it") : tr("them"));
    question.informativeText = tr("Their HTML is deleted too. %1 This cannot be undone.").arg(progress);
    question.buttons = QMessageBox::Yes | QMessageBox::No;
    question.defaultButton = QMessageBox::No;
    question.buttonTexts = {{QMessageBox::Yes, tr("&Delete")}, {QMessageBox::No, tr("&Keep")}};
    MessageBoxes::ask(this, question, [this, lessons](QMessageBox::StandardButton answer) {
        if (answer != QMessageBox::Yes || !services())
            return;
        applyInTurn(lessons, tr("Deleting"), tr("Deleted"),
                    [](Services &services, Lesson lesson) { return services.lessonCommands.remove(lesson.id); });
    });
}

void LessonsPage::applyInTurn(const QList<Lesson> &lessons, const QString &doing, const QString &done,
                              LessonOperation operation)
{
    m_stopRequested = std::make_shared<std::atomic_bool>(false);
    updateActions();
    QPointer<LessonsPage> page(this);
    const int total = int(lessons.size());
    auto progress = [page, doing, lessons, total](int index) {
        if (page)
            emit page->statusMessage(total == 1 ? tr("%1 %2…").arg(doing, describeLesson(lessons.at(index)))
                                                : tr("%1 %2 of %3…").arg(doing).arg(index + 1).arg(total));
    };
    auto finished = [this, done, total](BatchOutcome outcome) {
        m_stopRequested.reset();
        updateActions();
        QString summary = total == 1 && outcome.done == 1 ? tr("%1 the lesson").arg(done)
                                                          : tr("%1 %2 of %3 lessons").arg(done).arg(outcome.done).arg(total);
        if (outcome.stopped)
            summary += tr(" (stopped)");
        emit statusMessage(summary);
        if (!outcome.failures.isEmpty())
            MessageBoxes::showError(this, tr("Lessons"),
                                    tr("%1. These were not changed:\n%2").arg(summary, outcome.failures.join(u'\n')));
    };
    auto failed = [this](const std::exception &error) {
        m_stopRequested.reset();
        updateActions();
        MessageBoxes::showError(this, tr("Lessons"), errorMessage(error));
    };
    runTask(runInTurn(services(), lessons, std::move(operation), m_stopRequested, progress), this, finished, failed);
}

} // namespace edge::ui
