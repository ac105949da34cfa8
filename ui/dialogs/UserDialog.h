#pragma once

#include "application/Services.h"
#include "dialogs/EditDialog.h"

#include <memory>
#include <optional>

class QComboBox;
class QLineEdit;

namespace edge::ui {

// Creates a user or edits one (one dialog, two modes), on the shared EditDialog: each field
// is checked as it is typed with the domain's own rules, saves go through the handlers
// without blocking, and the store's objections show next to the fields they name. Editing
// sends the version it loaded; if someone saved first it shows both versions side by side
// and lets the user reload theirs or overwrite deliberately, never silently.
class UserDialog final : public EditDialog
{
    Q_OBJECT

public:
    static UserDialog *forCreate(std::shared_ptr<Services> services, QWidget *parent);
    static UserDialog *forEdit(std::shared_ptr<Services> services, const User &user, QWidget *parent);

    bool isEditing() const { return m_user.has_value(); }
    // Editing the account signed in to a Worker (the embedded store has no sign-in).
    bool isOwnAccount() const;

signals:
    void saved(const edge::User &user);

protected:
    QMap<QString, QString> localProblems() const override;
    void submit() override;
    QString forbiddenAction() const override;
    bool handleConflict(const ConflictError &conflict) override;

private:
    UserDialog(std::shared_ptr<Services> services, std::optional<User> user, QWidget *parent);
    void buildForm();
    void loadUser(const User &user);
    void create();
    void update();
    void overwriteWithMine(const User &theirs);

    std::shared_ptr<Services> m_services;
    std::optional<User> m_user; // as loaded; its version is what an update is based on
    QLineEdit *m_email = nullptr;
    QLineEdit *m_username = nullptr;
    QComboBox *m_role = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_confirmPassword = nullptr;
    QLineEdit *m_currentPassword = nullptr; // only when editing the signed-in account
};

} // namespace edge::ui
