#pragma once

#include <QHash>
#include <QList>
#include <QMessageBox>
#include <QString>

#include <functional>
#include <optional>

namespace edge::ui {

// Every message box the console shows goes through here (KeePassXC's pattern), so tests can
// answer questions without a modal ever appearing. Boxes are window-modal and opened with
// open(), never exec(): the answer arrives in a callback and no nested event loop runs.
class MessageBoxes
{
public:
    struct Question
    {
        QString title;
        QString text;
        QString informativeText;
        QMessageBox::StandardButtons buttons = QMessageBox::Yes | QMessageBox::No;
        QMessageBox::StandardButton defaultButton = QMessageBox::No;
        QHash<QMessageBox::StandardButton, QString> buttonTexts; // e.g. Retry -> "Reload"
        QMessageBox::Icon icon = QMessageBox::Question;
    };
    using AnswerCallback = std::function<void(QMessageBox::StandardButton)>;

    // Asks and calls `onAnswer` later (never before ask() returns) if `parent` still exists.
    static void ask(QWidget *parent, const Question &question, AnswerCallback onAnswer);
    // Tells about a failure; does not wait.
    static void showError(QWidget *parent, const QString &title, const QString &text);

    // --- Test hooks -----------------------------------------------------------------
    // Record boxes instead of showing them; unanswered questions get their escape answer
    // (No/Cancel), so a forgotten setNextAnswer fails an assertion rather than hanging.
    static void setTestMode(bool enabled);
    // Answers the next question (queued: one answer per question, in order).
    static void setNextAnswer(QMessageBox::StandardButton answer);
    struct Shown
    {
        QString title;
        QString text; // text and informative text, joined
    };
    static QList<Shown> shown();
    static QString lastText();
    static void clearShown();
};

} // namespace edge::ui
