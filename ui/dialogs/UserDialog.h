#pragma once

#include "application/Services.h"
#include "connection/ConsoleAccess.h"

#include <QDialog>
#include <QMessageBox>
#include <QMap>

#include <memory>
#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace edge::ui {

// Creates a user or edits one (one dialog, two modes). Checks each field as it is typed
// with the domain's own rules, saves through the handler without blocking, shows the
// store's objections next to the fields they name and stays open with the input intact.
// Editing sends the version it loaded; if someone saved first it shows both versions side
// by side and lets the user reload theirs or overwrite deliberately, never silently. When
// the sign-in expired mid-save the input stays, and retryAfterSignIn() saves it again.
class UserDialog final : public QDialog
{
    Q_OBJECT

public:
    static UserDialog *forCreate(std::shared_ptr<Services> services, QWidget *parent);
    static UserDialog *forEdit(std::shared_ptr<Services> services, const User &user, QWidget *parent);

    bool isEditing() const { return m_user.has_value(); }
    bool isSaving() const { return m_saving; }
    // Whose role explains a refusal (403) in the messages.
    void setAccess(const ConsoleAccess &access) { m_access = access; }
    // After a new sign-in: saves again if the last save was refused for an expired sign-in.
    void retryAfterSignIn();

signals:
    void saved(const edge::User &user);

private:
    struct Field
    {
        QWidget *input = nullptr;
        QLabel *error = nullptr;
        bool touched = false; // messages appear once the field was typed in
    };

    UserDialog(std::shared_ptr<Services> services, std::optional<User> user, QWidget *parent);
    void buildForm();
    void loadUser(const User &user);
    QMap<QString, QString> localProblems() const;
    void updateValidation();
    void showFieldError(const QString &field, const QString &message);
    void setSaving(bool saving);
    void save();
    void create();
    void update();
    void onSaveFailed(const std::exception &error);
    void askAboutConflict(const User &theirs);
    void overwriteWithMine(const User &theirs);

    std::shared_ptr<Services> m_services;
    std::optional<User> m_user; // as loaded; its version is what an update is based on
    QMap<QString, Field> m_fields; // "email", "username", "role", "password", "confirmPassword"
    QMap<QString, QString> m_serverErrors; // until the field is edited again
    QLineEdit *m_email = nullptr;
    QLineEdit *m_username = nullptr;
    QComboBox *m_role = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_confirmPassword = nullptr;
    QLabel *m_formMessage = nullptr;
    QLabel *m_savingLabel = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    bool m_saving = false;
    bool m_waitingForSignIn = false;
    ConsoleAccess m_access;
};

} // namespace edge::ui
