#include "LessonEditor.h"

#include "async/RunTask.h"
#include "common/ErrorText.h"
#include "common/LessonFormatting.h"
#include "common/UserFormatting.h"
#include "dialogs/ConflictDialog.h"
#include "dialogs/MessageBoxes.h"
#include "domain/UnsafeHtml.h"
#include "editor/EditorUndo.h"
#include "editor/HtmlHighlighter.h"
#include "editor/HtmlPreview.h"

#include <QAction>
#include <QComboBox>
#include <QFontDatabase>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QUndoStack>
#include <QVBoxLayout>

namespace edge::ui {

namespace {
// Undo step ids per field, so consecutive edits of one field merge.
int fieldId(const QString &key)
{
    static const QStringList keys{QStringLiteral("title"), QStringLiteral("track"), QStringLiteral("difficulty"),
                                  QStringLiteral("status")};
    return 1 + int(keys.indexOf(key));
}
} // namespace

LessonEditor *LessonEditor::forCreate(std::shared_ptr<Services> services, const QString &track, QWidget *parent)
{
    auto *editor = new LessonEditor(std::move(services), std::nullopt, parent);
    editor->m_track->setText(track);
    editor->m_fieldValues.insert(QStringLiteral("track"), track);
    editor->m_undo->setClean();
    editor->updateTitle();
    return editor;
}

LessonEditor *LessonEditor::forEdit(std::shared_ptr<Services> services, const Lesson &lesson, QWidget *parent)
{
    auto *editor = new LessonEditor(std::move(services), lesson, parent);
    editor->loadContent();
    return editor;
}

LessonEditor::LessonEditor(std::shared_ptr<Services> services, std::optional<Lesson> lesson, QWidget *parent)
    : EditDialog(parent)
    , m_services(std::move(services))
    , m_lesson(std::move(lesson))
    , m_undo(new QUndoStack(this))
{
    setObjectName(QStringLiteral("lessonEditor"));
    setWindowFlag(Qt::Window); // a document window of its own, not a box over the list
    setModal(false);
    setClosesOnSave(false);
    buildForm();
    finishLayout(tr("&Save"), buildBody(), tr("&Close"));
    buildActions();
    if (m_lesson)
        setFormFrom(*m_lesson);
    resize(1100, 760);

    m_previewDelay.setSingleShot(true);
    m_previewDelay.setInterval(PreviewDelayMs);
    connect(&m_previewDelay, &QTimer::timeout, this, [this] { m_preview->showHtml(m_source->toPlainText()); });
    connect(m_source, &QPlainTextEdit::textChanged, this, [this] {
        m_previewDelay.start();
        updateInfo();
    });
    connect(m_source->document(), &QTextDocument::undoCommandAdded, this,
            [this] { m_undo->push(new TextEditStep(m_source->document())); });
    connect(m_undo, &QUndoStack::indexChanged, this, &LessonEditor::updateTitle);
    updateTitle();
    updateInfo();
    updateValidation();
}

void LessonEditor::buildForm()
{
    m_title = new QLineEdit;
    m_title->setObjectName(QStringLiteral("titleEdit"));
    m_title->setPlaceholderText(tr("What learners see in the lesson list"));
    m_track = new QLineEdit;
    m_track->setObjectName(QStringLiteral("trackEdit"));
    m_track->setPlaceholderText(tr("e.g. web-basics"));
    m_difficulty = new QComboBox;
    m_difficulty->setObjectName(QStringLiteral("difficultyCombo"));
    for (int level = Lesson::MinDifficulty; level <= Lesson::MaxDifficulty; ++level)
        m_difficulty->addItem(QStringLiteral("%1  %2").arg(level).arg(difficultyStars(level)), level);
    m_status = new QComboBox;
    m_status->setObjectName(QStringLiteral("statusCombo"));
    m_status->addItem(statusDisplayName(LessonStatus::Draft), lessonStatusToString(LessonStatus::Draft));
    m_status->addItem(statusDisplayName(LessonStatus::Published), lessonStatusToString(LessonStatus::Published));

    addField(tr("&Title:"), QStringLiteral("title"), m_title);
    addField(tr("Trac&k:"), QStringLiteral("track"), m_track);
    addField(tr("&Difficulty:"), QStringLiteral("difficulty"), m_difficulty);
    addField(tr("St&atus:"), QStringLiteral("status"), m_status);
    trackField(m_title, QStringLiteral("title"), tr("title"));
    trackField(m_track, QStringLiteral("track"), tr("track"));
    trackField(m_difficulty, QStringLiteral("difficulty"), tr("difficulty"));
    trackField(m_status, QStringLiteral("status"), tr("status"));
}

QWidget *LessonEditor::buildBody()
{
    m_source = new QPlainTextEdit;
    m_source->setObjectName(QStringLiteral("htmlSourceEdit"));
    m_source->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_source->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_source->setTabChangesFocus(false);
    m_source->setPlaceholderText(tr("The lesson's HTML, e.g. <h1>Welcome</h1><p>…</p>"));
    new HtmlHighlighter(m_source->document());

    m_preview = new HtmlPreview;
    m_preview->setObjectName(QStringLiteral("htmlPreview"));

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(QStringLiteral("editorSplitter"));
    splitter->addWidget(m_source);
    splitter->addWidget(m_preview);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({560, 440});

    m_info = new QLabel;
    m_info->setObjectName(QStringLiteral("editorInfoLabel"));
    m_info->setWordWrap(true);

    auto *body = new QWidget;
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_info);
    return body;
}

void LessonEditor::buildActions()
{
    auto *routing = new UndoRouting(m_undo, this);
    for (QWidget *input : {static_cast<QWidget *>(m_title), static_cast<QWidget *>(m_track),
                           static_cast<QWidget *>(m_source)})
        routing->watch(input);

    QAction *undo = m_undo->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("undoAction"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_undo->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("redoAction"));
    redo->setShortcut(QKeySequence::Redo);
    auto *save = new QAction(tr("&Save"), this);
    save->setObjectName(QStringLiteral("saveAction"));
    save->setShortcut(QKeySequence::Save);
    connect(save, &QAction::triggered, this, &LessonEditor::requestSave);
    addActions({undo, redo, save});
}

void LessonEditor::trackField(QLineEdit *edit, const QString &key, const QString &label)
{
    m_fieldValues.insert(key, edit->text());
    connect(edit, &QLineEdit::textEdited, this, [this, edit, key, label](const QString &text) {
        const QVariant before = m_fieldValues.value(key);
        m_fieldValues.insert(key, text);
        m_undo->push(new FieldEdit(fieldId(key), label, before, text, [this, edit, key](const QVariant &value) {
            edit->setText(value.toString());
            m_fieldValues.insert(key, value);
            updateValidation();
        }));
    });
}

void LessonEditor::trackField(QComboBox *combo, const QString &key, const QString &label)
{
    m_fieldValues.insert(key, combo->currentData());
    connect(combo, &QComboBox::activated, this, [this, combo, key, label] {
        const QVariant before = m_fieldValues.value(key);
        if (before == combo->currentData())
            return;
        m_fieldValues.insert(key, combo->currentData());
        m_undo->push(new FieldEdit(fieldId(key), label, before, combo->currentData(),
                                   [this, combo, key](const QVariant &value) {
                                       combo->setCurrentIndex(combo->findData(value));
                                       m_fieldValues.insert(key, value);
                                       updateValidation();
                                   }));
    });
}

void LessonEditor::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    m_title->setReadOnly(readOnly);
    m_track->setReadOnly(readOnly);
    m_source->setReadOnly(readOnly);
    for (QComboBox *combo : {m_difficulty, m_status}) {
        combo->setAttribute(Qt::WA_TransparentForMouseEvents, readOnly);
        combo->setFocusPolicy(readOnly ? Qt::NoFocus : Qt::StrongFocus);
    }
    if (auto *save = findChild<QPushButton *>(QStringLiteral("saveButton")))
        save->setVisible(!readOnly);
    if (auto *save = findChild<QAction *>(QStringLiteral("saveAction")))
        save->setEnabled(!readOnly);
    updateTitle();
}

void LessonEditor::setFormFrom(const Lesson &lesson)
{
    m_title->setText(lesson.title);
    m_track->setText(lesson.track);
    m_difficulty->setCurrentIndex(m_difficulty->findData(lesson.difficulty));
    m_status->setCurrentIndex(m_status->findData(lessonStatusToString(lesson.status)));
    m_fieldValues.insert(QStringLiteral("title"), lesson.title);
    m_fieldValues.insert(QStringLiteral("track"), lesson.track);
    m_fieldValues.insert(QStringLiteral("difficulty"), lesson.difficulty);
    m_fieldValues.insert(QStringLiteral("status"), lessonStatusToString(lesson.status));
}

void LessonEditor::setSourceText(const QString &text, bool undoable)
{
    if (!undoable) {
        m_source->document()->setUndoRedoEnabled(false);
        m_source->setPlainText(text);
        m_source->document()->setUndoRedoEnabled(true);
        return;
    }
    // One edit replacing everything: a single step the editor can undo.
    QTextCursor cursor(m_source->document());
    cursor.beginEditBlock();
    cursor.select(QTextCursor::Document);
    cursor.insertText(text);
    cursor.endEditBlock();
}

void LessonEditor::loadContent()
{
    m_loading = true;
    setSaving(true); // nothing to edit until the HTML is here
    m_info->setText(tr("Loading the HTML…"));
    const Lesson lesson = *m_lesson;
    runTask(
        m_services->lessonQueries.content(lesson.id, lesson.version), this,
        [this, lesson](LessonContent content) {
            if (content.version == lesson.version) {
                showLoaded(lesson, content.html);
                return;
            }
            // Someone saved since the list was read: take the metadata of that version too.
            runTask(
                m_services->lessonQueries.get(lesson.id), this,
                [this, content](Lesson current) { showLoaded(current, content.html); },
                [this, lesson, content](const std::exception &) { showLoaded(lesson, content.html); });
        },
        [this](const std::exception &error) {
            m_loading = false;
            setSaving(false);
            m_source->setReadOnly(true);
            m_info->setText(tr("Could not load the HTML: %1. Close this window and open the lesson again.")
                                .arg(errorMessage(error)));
            showFieldError(QString(), tr("The HTML could not be loaded, so this lesson cannot be saved from here."));
        });
}

void LessonEditor::showLoaded(const Lesson &lesson, const QByteArray &html)
{
    m_loading = false;
    m_lesson = lesson;
    m_storedHtml = QString::fromUtf8(html);
    setFormFrom(lesson);
    setSourceText(m_storedHtml, false);
    m_undo->clear();
    m_undo->setClean();
    m_preview->showHtml(m_storedHtml);
    setSaving(false);
    m_source->setFocus();
    updateTitle();
    updateInfo();
}

QString LessonEditor::titleText() const { return m_title->text(); }
QString LessonEditor::trackText() const { return m_track->text(); }
int LessonEditor::difficultyValue() const { return m_difficulty->currentData().toInt(); }
LessonStatus LessonEditor::statusValue() const { return parseLessonStatus(m_status->currentData().toString()); }

bool LessonEditor::metadataChanged() const
{
    if (!m_lesson)
        return true;
    return titleText().trimmed() != m_lesson->title || trackText().trimmed() != m_lesson->track
        || difficultyValue() != m_lesson->difficulty || statusValue() != m_lesson->status;
}

bool LessonEditor::hasUnsavedChanges() const
{
    if (m_loading || m_readOnly)
        return false;
    if (!m_lesson)
        return !m_undo->isClean() || !m_source->toPlainText().isEmpty() || !titleText().isEmpty();
    return metadataChanged() || m_source->toPlainText() != m_storedHtml;
}

// The undo stack is a child: deleting it signals its last index change, which must not
// reach this half-destroyed window.
LessonEditor::~LessonEditor()
{
    disconnect(m_undo, nullptr, this, nullptr);
}

void LessonEditor::updateTitle()
{
    const QString name = m_lesson ? m_lesson->title : (titleText().isEmpty() ? tr("New lesson") : titleText());
    setWindowTitle(m_readOnly ? tr("%1 — Lesson (read only)").arg(name) : tr("%1[*] — Lesson").arg(name));
    setWindowModified(hasUnsavedChanges());
}

void LessonEditor::updateInfo()
{
    if (m_loading)
        return;
    const QString html = m_source->toPlainText();
    const qsizetype bytes = html.toUtf8().size();
    QStringList parts;
    parts << (m_lesson ? tr("Version %1").arg(m_lesson->version) : tr("Not saved yet"));
    parts << tr("%1 of %2 bytes").arg(formatCount(bytes), formatCount(Lesson::MaxContentBytes));
    const qsizetype unsafe = findUnsafeHtml(html).size();
    if (unsafe > 0)
        parts << QStringLiteral("<span style='color:#8a1f11'>%1</span>")
                     .arg(unsafe == 1 ? tr("1 part a learner's browser should not receive (underlined; offered for "
                                           "removal on save)")
                                      : tr("%1 parts a learner's browser should not receive (underlined; offered "
                                           "for removal on save)").arg(unsafe));
    m_info->setText(parts.join(QStringLiteral(" · ")));
    setWindowModified(hasUnsavedChanges());
}

QMap<QString, QString> LessonEditor::localProblems() const
{
    QMap<QString, QString> problems = lessonFieldProblems(titleText(), trackText(), difficultyValue(),
                                                          m_status->currentData().toString());
    if (m_loading)
        problems.insert(QString(), tr("Loading"));
    const QString contentProblem = Lesson::contentProblem(m_source->toPlainText().toUtf8());
    if (!contentProblem.isEmpty())
        problems.insert(QStringLiteral("content"), contentProblem);
    return problems;
}

QString LessonEditor::forbiddenAction() const
{
    return tr("editing lessons");
}

void LessonEditor::submit()
{
    if (m_readOnly)
        return;
    const QList<UnsafeHtmlPart> unsafe = findUnsafeHtml(m_source->toPlainText());
    if (unsafe.isEmpty()) {
        startSave();
        return;
    }
    QStringList lines;
    for (const UnsafeHtmlPart &part : unsafe.mid(0, 8))
        lines << QStringLiteral("• ") + part.description();
    if (unsafe.size() > 8)
        lines << tr("• and %1 more").arg(unsafe.size() - 8);
    MessageBoxes::Question question;
    question.icon = QMessageBox::Warning;
    question.title = tr("Unsafe HTML");
    question.text = unsafe.size() == 1
        ? tr("This HTML has a part a learner's browser should never receive:")
        : tr("This HTML has %1 parts a learner's browser should never receive:").arg(unsafe.size());
    question.informativeText = lines.join(u'\n')
        + tr("\n\nScripts, inline event handlers and javascript: URLs can run code in learners' browsers.");
    question.buttons = QMessageBox::Yes | QMessageBox::Ignore | QMessageBox::Cancel;
    question.defaultButton = QMessageBox::Yes;
    question.buttonTexts = {{QMessageBox::Yes, unsafe.size() == 1 ? tr("&Remove it and save") : tr("&Remove them and save")},
                            {QMessageBox::Ignore, tr("Save &as it is")},
                            {QMessageBox::Cancel, tr("&Cancel")}};
    MessageBoxes::ask(this, question, [this](QMessageBox::StandardButton answer) {
        if (answer == QMessageBox::Cancel)
            return;
        if (answer == QMessageBox::Yes)
            setSourceText(withoutUnsafeHtml(m_source->toPlainText()), true); // undoable
        startSave();
    });
}

void LessonEditor::startSave()
{
    if (isSaving())
        return;
    clearServerErrors();
    setSaving(true);
    if (!m_lesson) {
        CreateLessonCommand command{titleText(), trackText(), difficultyValue(), m_status->currentData().toString()};
        runTask(m_services->lessonCommands.create(command), this,
                [this](Lesson created) {
                    m_lesson = created; // from here on, saves update it
                    m_storedHtml.clear();
                    saveContent(created);
                },
                [this](const std::exception &error) { saveFailed(error); });
        return;
    }
    if (!metadataChanged()) {
        saveContent(*m_lesson);
        return;
    }
    UpdateLessonCommand command;
    command.id = m_lesson->id;
    command.baseVersion = m_lesson->version;
    command.base = *m_lesson;
    command.title = titleText();
    command.track = trackText();
    command.difficulty = difficultyValue();
    command.status = m_status->currentData().toString();
    runTask(m_services->lessonCommands.update(command), this,
            [this](Lesson stored) {
                m_lesson = stored; // the content goes on top of this version
                saveContent(stored);
            },
            [this](const std::exception &error) { saveFailed(error); });
}

void LessonEditor::saveContent(const Lesson &lesson)
{
    const QString html = m_source->toPlainText();
    if (html == m_storedHtml) {
        saveSucceeded(lesson);
        return;
    }
    PutLessonContentCommand command{lesson.id, html.toUtf8(), lesson.version};
    runTask(m_services->lessonCommands.putContent(command), this,
            [this, html](Lesson stored) {
                m_storedHtml = html;
                saveSucceeded(stored);
            },
            [this](const std::exception &error) {
                // The metadata (if changed) is stored; what is left to save is the HTML.
                updateTitle();
                saveFailed(error);
            });
}

void LessonEditor::saveSucceeded(const Lesson &lesson)
{
    m_lesson = lesson;
    setFormFrom(lesson); // trimmed as stored
    m_undo->setClean();
    updateTitle();
    updateInfo();
    emit saved(lesson);
    finishSaving();
    m_source->setFocus();
    if (m_closeAfterSave)
        accept();
}

bool LessonEditor::handleConflict(const ConflictError &conflict)
{
    if (!conflict.current().canConvert<Lesson>())
        return false;
    const Lesson theirs = conflict.current().value<Lesson>();
    m_closeAfterSave = false;
    setSaving(true);
    m_info->setText(tr("Someone else saved this lesson; reading their version…"));
    runTask(
        m_services->lessonQueries.content(theirs.id, theirs.version), this,
        [this, theirs](LessonContent content) {
            setSaving(false);
            showConflict(theirs, content.html);
        },
        [this](const std::exception &error) {
            setSaving(false);
            showFieldError(QString(), tr("Someone else saved this lesson, and their version could not be read: %1")
                                          .arg(errorMessage(error)));
            updateValidation();
        });
    return true;
}

void LessonEditor::showConflict(const Lesson &theirs, const QByteArray &theirHtml)
{
    ConflictDescription description;
    description.kind = tr("Lesson");
    description.recordName = theirs.title;
    description.loadedVersion = m_lesson ? m_lesson->version : 0;
    description.theirVersion = theirs.version;
    description.rows = {
        {tr("Title"), theirs.title, titleText().trimmed()},
        {tr("Track"), theirs.track, trackText().trimmed()},
        {tr("Difficulty"), QString::number(theirs.difficulty), QString::number(difficultyValue())},
        {tr("Status"), statusDisplayName(theirs.status), statusDisplayName(statusValue())},
    };
    const QString theirText = QString::fromUtf8(theirHtml);
    description.text = ConflictText{tr("HTML"), theirText, m_source->toPlainText()};
    updateInfo();

    auto *dialog = new ConflictDialog(description, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConflictDialog::reloadChosen, this, [this, theirs, theirText] { reloadTheirs(theirs, theirText); });
    connect(dialog, &ConflictDialog::overwriteChosen, this, [this, theirs, theirText] {
        // Mine goes on top of their version: the next save is based on it.
        m_lesson = theirs;
        m_storedHtml = theirText;
        requestSave();
    });
    dialog->open();
}

void LessonEditor::reloadTheirs(const Lesson &theirs, const QString &theirHtml)
{
    // As edits, so Ctrl+Z brings mine back if reloading was a mistake.
    m_undo->beginMacro(tr("Reload their version"));
    const auto setField = [this](QLineEdit *edit, const QString &key, const QString &value) {
        if (edit->text() == value)
            return;
        const QVariant before = m_fieldValues.value(key);
        edit->setText(value);
        m_fieldValues.insert(key, value);
        auto *step = new FieldEdit(fieldId(key), key, before, value, [this, edit, key](const QVariant &v) {
            edit->setText(v.toString());
            m_fieldValues.insert(key, v);
            updateValidation();
        });
        m_undo->push(step);
    };
    setField(m_title, QStringLiteral("title"), theirs.title);
    setField(m_track, QStringLiteral("track"), theirs.track);
    const auto setChoice = [this](QComboBox *combo, const QString &key, const QVariant &value) {
        const QVariant before = m_fieldValues.value(key);
        if (before == value)
            return;
        combo->setCurrentIndex(combo->findData(value));
        m_fieldValues.insert(key, value);
        m_undo->push(new FieldEdit(fieldId(key), key, before, value, [this, combo, key](const QVariant &v) {
            combo->setCurrentIndex(combo->findData(v));
            m_fieldValues.insert(key, v);
            updateValidation();
        }));
    };
    setChoice(m_difficulty, QStringLiteral("difficulty"), theirs.difficulty);
    setChoice(m_status, QStringLiteral("status"), lessonStatusToString(theirs.status));
    if (m_source->toPlainText() != theirHtml)
        setSourceText(theirHtml, true);
    m_undo->endMacro();
    m_lesson = theirs;
    m_storedHtml = theirHtml;
    m_undo->setClean();
    clearServerErrors();
    updateTitle();
    updateInfo();
    updateValidation();
}

void LessonEditor::reject()
{
    if (isSaving() || !hasUnsavedChanges()) {
        if (!isSaving())
            EditDialog::reject();
        return;
    }
    MessageBoxes::Question question;
    question.icon = QMessageBox::Warning;
    question.title = tr("Unsaved changes");
    question.text = tr("Save the changes to %1 before closing?")
                        .arg(m_lesson ? describeLesson(*m_lesson) : tr("the new lesson"));
    question.informativeText = tr("If you don't save, your changes are lost.");
    question.buttons = QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel;
    question.defaultButton = QMessageBox::Save;
    question.buttonTexts = {{QMessageBox::Save, tr("&Save")},
                            {QMessageBox::Discard, tr("&Don't save")},
                            {QMessageBox::Cancel, tr("&Cancel")}};
    MessageBoxes::ask(this, question, [this](QMessageBox::StandardButton answer) {
        if (answer == QMessageBox::Discard) {
            EditDialog::reject();
        } else if (answer == QMessageBox::Save) {
            m_closeAfterSave = true;
            requestSave();
        }
    });
}

} // namespace edge::ui
