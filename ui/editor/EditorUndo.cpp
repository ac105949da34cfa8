#include "EditorUndo.h"

#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QTextDocument>
#include <QUndoStack>

namespace edge::ui {

TextEditStep::TextEditStep(QTextDocument *document)
    : m_document(document)
{
    setText(QObject::tr("Edit the HTML"));
}

void TextEditStep::undo()
{
    m_document->undo();
    m_done = false;
}

void TextEditStep::redo()
{
    if (!m_done)
        m_document->redo();
    m_done = true;
}

FieldEdit::FieldEdit(int fieldId, const QString &label, QVariant before, QVariant after, Apply apply)
    : m_fieldId(fieldId)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_apply(std::move(apply))
{
    setText(QObject::tr("Change %1").arg(label));
}

bool FieldEdit::mergeWith(const QUndoCommand *other)
{
    const auto *edit = static_cast<const FieldEdit *>(other);
    m_after = edit->m_after;
    setObsolete(m_after == m_before); // typed back to where it was: no step left
    return true;
}

void FieldEdit::redo()
{
    if (m_skipFirstRedo) {
        m_skipFirstRedo = false;
        return;
    }
    m_apply(m_after);
}

UndoRouting::UndoRouting(QUndoStack *stack, QObject *parent)
    : QObject(parent)
    , m_stack(stack)
{
}

void UndoRouting::watch(QWidget *input)
{
    input->installEventFilter(this);
}

bool UndoRouting::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const bool undo = key->matches(QKeySequence::Undo);
        const bool redo = key->matches(QKeySequence::Redo);
        if (!undo && !redo)
            return false;
        if (event->type() == QEvent::ShortcutOverride) {
            event->ignore(); // not the input's own: let it reach the stack below
            return true;
        }
        redo ? m_stack->redo() : m_stack->undo();
        return true;
    }
    if (event->type() == QEvent::ContextMenu) {
        QMenu *menu = nullptr;
        if (auto *line = qobject_cast<QLineEdit *>(watched))
            menu = line->createStandardContextMenu();
        else if (auto *text = qobject_cast<QPlainTextEdit *>(watched))
            menu = text->createStandardContextMenu();
        if (!menu)
            return false;
        // The inputs' own Undo/Redo entries would bypass the shared history.
        const QList<QAction *> actions = menu->actions();
        QAction *first = actions.isEmpty() ? nullptr : actions.first();
        for (QAction *action : actions) {
            if (action->objectName() == QLatin1String("edit-undo") || action->objectName() == QLatin1String("edit-redo"))
                menu->removeAction(action);
        }
        QAction *undo = m_stack->createUndoAction(menu);
        QAction *redo = m_stack->createRedoAction(menu);
        menu->insertActions(first && menu->actions().contains(first) ? first : nullptr, {undo, redo});
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(static_cast<QContextMenuEvent *>(event)->globalPos());
        return true;
    }
    return false;
}

} // namespace edge::ui
