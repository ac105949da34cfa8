#pragma once

#include "application/Services.h"
#include "dialogs/EditDialog.h"

#include <QTimer>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QUndoStack;

namespace edge::ui {

class HtmlPreview;

// A lesson's editor window (non-modal, one per lesson): the metadata form on the shared
// EditDialog (inline field errors, the saving state, every way a save can fail), the HTML
// source with highlighting beside a live preview, one undo history across fields and text
// (Ctrl+Z, Ctrl+Shift+Z), an unsaved-changes marker in the title, a question before
// closing with unsaved changes, and Ctrl+S to save without closing.
//
// Saving sends the metadata with the version it was edited from, then the HTML with
// If-Match; a newer version met on the way opens the conflict dialog (fields and the HTML
// side by side) and nothing is overwritten unless the editor says so. Before saving it
// offers to remove what a learner's browser should never receive.
class LessonEditor final : public EditDialog
{
    Q_OBJECT

public:
    ~LessonEditor() override;
    static constexpr int PreviewDelayMs = 300;

    static LessonEditor *forCreate(std::shared_ptr<Services> services, const QString &track, QWidget *parent);
    static LessonEditor *forEdit(std::shared_ptr<Services> services, const Lesson &lesson, QWidget *parent);

    // The lesson as last loaded or saved; nullopt for a new lesson not saved yet.
    const std::optional<Lesson> &lesson() const { return m_lesson; }
    bool hasUnsavedChanges() const;
    // For roles that may only read lessons: everything shown, nothing editable, no Save.
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }
    bool isLoading() const { return m_loading; }
    QUndoStack *undoStack() const { return m_undo; }
    QPlainTextEdit *sourceEdit() const { return m_source; }

signals:
    void saved(const edge::Lesson &lesson);

public slots:
    void reject() override; // asks first when there are unsaved changes

protected:
    QMap<QString, QString> localProblems() const override;
    void submit() override;
    QString forbiddenAction() const override;
    bool handleConflict(const ConflictError &conflict) override;

private:
    LessonEditor(std::shared_ptr<Services> services, std::optional<Lesson> lesson, QWidget *parent);
    void buildForm();
    QWidget *buildBody();
    void buildActions();
    void loadContent();
    void showLoaded(const Lesson &lesson, const QByteArray &html);
    void setFormFrom(const Lesson &lesson);
    void setSourceText(const QString &text, bool undoable);
    void trackField(QLineEdit *edit, const QString &key, const QString &label);
    void trackField(QComboBox *combo, const QString &key, const QString &label);
    void updateTitle();
    void updateInfo();

    // Saving, in steps: metadata (create or update), then content.
    void startSave();
    void saveContent(const Lesson &lesson);
    void saveSucceeded(const Lesson &lesson);
    void showConflict(const Lesson &theirs, const QByteArray &theirHtml);
    void reloadTheirs(const Lesson &theirs, const QString &theirHtml);

    QString titleText() const;
    QString trackText() const;
    int difficultyValue() const;
    LessonStatus statusValue() const;
    bool metadataChanged() const;

    std::shared_ptr<Services> m_services;
    std::optional<Lesson> m_lesson; // as stored: what an update is based on
    QString m_storedHtml;           // the HTML of m_lesson's version
    bool m_loading = false;
    bool m_closeAfterSave = false;
    bool m_readOnly = false;
    QMap<QString, QVariant> m_fieldValues; // each field's value before the edit being typed

    QLineEdit *m_title = nullptr;
    QLineEdit *m_track = nullptr;
    QComboBox *m_difficulty = nullptr;
    QComboBox *m_status = nullptr;
    QPlainTextEdit *m_source = nullptr;
    HtmlPreview *m_preview = nullptr;
    QLabel *m_info = nullptr;
    QUndoStack *m_undo = nullptr;
    QTimer m_previewDelay;
};

} // namespace edge::ui
