#pragma once

#include <QObject>
#include <QUndoCommand>
#include <QVariant>

#include <functional>

class QTextDocument;
class QUndoStack;

namespace edge::ui {

// One step of a text document's own undo history, on a QUndoStack shared with the form's
// fields, so Ctrl+Z walks back through typing and field edits in the order they were made.
class TextEditStep final : public QUndoCommand
{
public:
    explicit TextEditStep(QTextDocument *document);
    void undo() override;
    void redo() override;

private:
    QTextDocument *m_document;
    bool m_done = true; // pushed after the document already made the change
};

// A field's value changing from `before` to `after`; consecutive edits of one field merge
// into one step (typing a title is one undo, not one per letter).
class FieldEdit final : public QUndoCommand
{
public:
    using Apply = std::function<void(const QVariant &value)>;
    FieldEdit(int fieldId, const QString &label, QVariant before, QVariant after, Apply apply);

    int id() const override { return m_fieldId; }
    bool mergeWith(const QUndoCommand *other) override;
    void undo() override { m_apply(m_before); }
    void redo() override;

private:
    int m_fieldId;
    QVariant m_before;
    QVariant m_after;
    Apply m_apply;
    bool m_skipFirstRedo = true; // the field already shows `after` when this is pushed
};

// Sends Undo and Redo keys and context-menu entries of text inputs to the shared stack
// instead of each input's private history.
class UndoRouting final : public QObject
{
    Q_OBJECT

public:
    UndoRouting(QUndoStack *stack, QObject *parent);
    void watch(QWidget *input);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QUndoStack *m_stack;
};

} // namespace edge::ui
