#include "MessageBoxes.h"

#include <QMetaObject>
#include <QPointer>
#include <QPushButton>

namespace edge::ui {

namespace {
struct TestHooks
{
    bool enabled = false;
    QList<QMessageBox::StandardButton> answers;
    QList<MessageBoxes::Shown> shown;
};

TestHooks &hooks()
{
    static TestHooks instance;
    return instance;
}

QMessageBox::StandardButton escapeAnswer(QMessageBox::StandardButtons buttons)
{
    for (QMessageBox::StandardButton candidate : {QMessageBox::Cancel, QMessageBox::No,
                                                  QMessageBox::Close, QMessageBox::Ok}) {
        if (buttons.testFlag(candidate))
            return candidate;
    }
    return QMessageBox::NoButton;
}

void record(const QString &title, const QString &text, const QString &informative)
{
    hooks().shown.append({title, informative.isEmpty() ? text : text + u'\n' + informative});
}
} // namespace

void MessageBoxes::ask(QWidget *parent, const Question &question, AnswerCallback onAnswer)
{
    QPointer<QWidget> guard(parent);
    if (hooks().enabled || !hooks().answers.isEmpty()) {
        record(question.title, question.text, question.informativeText);
        const QMessageBox::StandardButton answer = hooks().answers.isEmpty()
            ? escapeAnswer(question.buttons)
            : hooks().answers.takeFirst();
        // Queued, as a real box would answer later: callers must not rely on ordering.
        QMetaObject::invokeMethod(
            parent, [guard, onAnswer, answer] { if (guard) onAnswer(answer); },
            Qt::QueuedConnection);
        return;
    }

    auto *box = new QMessageBox(question.icon, question.title, question.text, question.buttons,
                                parent);
    box->setObjectName(QStringLiteral("questionBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->setInformativeText(question.informativeText);
    box->setDefaultButton(question.defaultButton);
    for (auto it = question.buttonTexts.cbegin(); it != question.buttonTexts.cend(); ++it) {
        if (QAbstractButton *button = box->button(it.key()))
            button->setText(it.value());
    }
    QObject::connect(box, &QMessageBox::finished, box, [box, guard, onAnswer] {
        const QMessageBox::StandardButton answer = box->standardButton(box->clickedButton());
        if (guard)
            onAnswer(answer == QMessageBox::NoButton ? QMessageBox::Cancel : answer);
    });
    box->open();
}

void MessageBoxes::showError(QWidget *parent, const QString &title, const QString &text)
{
    if (hooks().enabled) {
        record(title, text, {});
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, parent);
    box->setObjectName(QStringLiteral("errorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->open();
}

void MessageBoxes::setTestMode(bool enabled)
{
    hooks().enabled = enabled;
}

void MessageBoxes::setNextAnswer(QMessageBox::StandardButton answer)
{
    hooks().answers.append(answer);
}

QList<MessageBoxes::Shown> MessageBoxes::shown()
{
    return hooks().shown;
}

QString MessageBoxes::lastText()
{
    return hooks().shown.isEmpty() ? QString() : hooks().shown.constLast().text;
}

void MessageBoxes::clearShown()
{
    hooks().shown.clear();
    hooks().answers.clear();
}

} // namespace edge::ui
