#pragma once

#include "connection/ConsoleAccess.h"

#include <QDialog>
#include <QMap>

#include <exception>

class QDialogButtonBox;
class QFormLayout;
class QLabel;

namespace edge {
class ConflictError;
}

namespace edge::ui {

// What every create/edit dialog shares: a form whose fields show their problems underneath
// once typed in (checked with the domain's own rules as the user types), the store's
// objections next to the fields they name until those are edited again, a "Saving…" state
// that keeps the window responsive, and the same answers to every way a save can fail:
// field errors, an edit conflict (the subclass shows both versions), an expired sign-in
// (the input stays and retryAfterSignIn() saves it again), a role that may not do this.
class EditDialog : public QDialog
{
    Q_OBJECT

public:
    bool isSaving() const { return m_saving; }
    // Whose role explains a refusal (403) in the messages.
    void setAccess(const ConsoleAccess &access) { m_access = access; }
    // After a new sign-in: saves again if the last save was refused for an expired sign-in.
    void retryAfterSignIn();

protected:
    explicit EditDialog(QWidget *parent);

    // Building the form, from the subclass's constructor: one row per field, then the rest.
    void addField(const QString &label, const QString &key, QWidget *input);
    // `body`, when given, goes below the form and takes the room the window has (an editor).
    void finishLayout(const QString &saveButtonText, QWidget *body = nullptr,
                      const QString &closeButtonText = {});
    // A document-like dialog stays open after a save (Ctrl+S and go on); a form closes.
    void setClosesOnSave(bool closes) { m_closesOnSave = closes; }
    // Saves as the Save button does (when the form is valid and no save is running).
    void requestSave() { save(); }

    // Problems of the form as it is, by field key (the domain's rules); empty when it can be
    // saved.
    virtual QMap<QString, QString> localProblems() const = 0;
    // Starts the save; ends in finishSaving() or saveFailed().
    virtual void submit() = 0;
    // "changing users": for "Your role (Support) does not allow changing users."
    virtual QString forbiddenAction() const = 0;
    // A stale-version conflict; true when handled (e.g. by showing both versions).
    virtual bool handleConflict(const ConflictError &) { return false; }

    void updateValidation();
    // A message under `field`, or above the buttons for an empty or unknown field.
    void showFieldError(const QString &field, const QString &message);
    void clearServerErrors();
    void setSaving(bool saving);
    void saveFailed(const std::exception &error);
    // Nothing was wrong: closes the dialog as accepted (or leaves it open, see setClosesOnSave).
    void finishSaving();

private:
    struct Field
    {
        QWidget *input = nullptr;
        QLabel *error = nullptr;
        bool touched = false; // messages appear once the field was typed in
    };
    void save();
    void onEdited(const QString &key);

    QFormLayout *m_form = nullptr;
    QMap<QString, Field> m_fields;
    QMap<QString, QString> m_serverErrors; // until the field is edited again
    QLabel *m_formMessage = nullptr;
    QLabel *m_savingLabel = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QWidget *m_body = nullptr;
    bool m_closesOnSave = true;
    bool m_saving = false;
    bool m_waitingForSignIn = false;
    ConsoleAccess m_access;
};

} // namespace edge::ui
