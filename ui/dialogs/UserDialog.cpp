#include "UserDialog.h"

#include "async/RunTask.h"
#include "common/UserFormatting.h"
#include "dialogs/ConflictDialog.h"
#include "domain/Errors.h"

#include <QComboBox>
#include <QLineEdit>

namespace edge::ui {

namespace {
const QString EmailField = QStringLiteral("email");
const QString UsernameField = QStringLiteral("username");
const QString RoleField = QStringLiteral("role");
const QString PasswordField = QStringLiteral("password");
const QString ConfirmField = QStringLiteral("confirmPassword");
const QString CurrentPasswordField = QStringLiteral("currentPassword");
} // namespace

UserDialog *UserDialog::forCreate(std::shared_ptr<Services> services, QWidget *parent)
{
    return new UserDialog(std::move(services), std::nullopt, parent);
}

UserDialog *UserDialog::forEdit(std::shared_ptr<Services> services, const User &user, QWidget *parent)
{
    return new UserDialog(std::move(services), user, parent);
}

UserDialog::UserDialog(std::shared_ptr<Services> services, std::optional<User> user, QWidget *parent)
    : EditDialog(parent)
    , m_services(std::move(services))
    , m_user(std::move(user))
{
    setObjectName(QStringLiteral("userDialog"));
    setWindowTitle(isEditing() ? tr("Edit user") : tr("New user"));
    buildForm();
    if (m_user)
        loadUser(*m_user);
    updateValidation();
}

void UserDialog::buildForm()
{
    m_email = new QLineEdit;
    m_email->setObjectName(QStringLiteral("emailEdit"));
    m_email->setPlaceholderText(tr("name@example.com"));
    m_email->setMaxLength(Email::MaxLength + 10); // let "too long" be said, not swallowed

    m_username = new QLineEdit;
    m_username->setObjectName(QStringLiteral("usernameEdit"));

    m_role = new QComboBox;
    m_role->setObjectName(QStringLiteral("roleCombo"));
    for (Role role : allRoles())
        m_role->addItem(roleDisplayName(role), roleToString(role));
    m_role->setCurrentIndex(m_role->findData(roleToString(Role::Learner)));

    m_password = new QLineEdit;
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_confirmPassword = new QLineEdit;
    m_confirmPassword->setObjectName(QStringLiteral("confirmPasswordEdit"));
    m_confirmPassword->setEchoMode(QLineEdit::Password);
    if (isEditing()) {
        m_password->setPlaceholderText(tr("Leave empty to keep the current password"));
        m_confirmPassword->setPlaceholderText(tr("Only when changing the password"));
    } else {
        m_password->setPlaceholderText(tr("At least %1 characters").arg(User::PasswordMinLength));
    }

    addField(tr("&Email:"), EmailField, m_email);
    addField(tr("&Username:"), UsernameField, m_username);
    addField(tr("&Role:"), RoleField, m_role);
    addField(tr("&Password:"), PasswordField, m_password);
    addField(tr("&Confirm password:"), ConfirmField, m_confirmPassword);
    if (isOwnAccount()) {
        // The Worker asks for it: a stolen sign-in alone must not change the password.
        m_currentPassword = new QLineEdit;
        m_currentPassword->setObjectName(QStringLiteral("currentPasswordEdit"));
        m_currentPassword->setEchoMode(QLineEdit::Password);
        m_currentPassword->setPlaceholderText(tr("Needed to change your own password"));
        addField(tr("C&urrent password:"), CurrentPasswordField, m_currentPassword);
    }
    finishLayout(isEditing() ? tr("&Save") : tr("C&reate user"));
    setMinimumWidth(440);
}

bool UserDialog::isOwnAccount() const
{
    const QString me = m_services ? m_services->actor().id : QString();
    return m_user && !me.isEmpty() && m_user->id().value() == me;
}

void UserDialog::loadUser(const User &user)
{
    m_user = user;
    setWindowTitle(tr("Edit user %1").arg(user.email().value()));
    m_email->setText(user.email().value());
    m_username->setText(user.username());
    m_role->setCurrentIndex(m_role->findData(roleToString(user.role())));
    m_password->clear();
    m_confirmPassword->clear();
    if (m_currentPassword)
        m_currentPassword->clear();
    clearServerErrors();
    updateValidation();
}

QMap<QString, QString> UserDialog::localProblems() const
{
    QMap<QString, QString> problems;
    const auto add = [&](const QString &key, const QString &problem) {
        if (!problem.isEmpty())
            problems.insert(key, problem);
    };
    add(EmailField, Email::problem(m_email->text()));
    add(UsernameField, User::usernameProblem(m_username->text()));
    const QString password = m_password->text();
    if (!isEditing() || !password.isEmpty())
        add(PasswordField, User::passwordProblem(password));
    if (!password.isEmpty() && m_confirmPassword->text() != password)
        add(ConfirmField, tr("The passwords do not match"));
    if (m_currentPassword && !password.isEmpty() && m_currentPassword->text().isEmpty())
        add(CurrentPasswordField, tr("Enter your current password to change it"));
    return problems;
}

void UserDialog::submit()
{
    if (isEditing())
        update();
    else
        create();
}

QString UserDialog::forbiddenAction() const
{
    return isEditing() ? tr("changing users") : tr("creating users");
}

void UserDialog::create()
{
    CreateUserCommand command{m_email->text(), m_username->text(), m_role->currentData().toString(),
                              m_password->text()};
    setSaving(true);
    runTask(
        m_services->createUser.execute(std::move(command)), this,
        [this](User user) {
            emit saved(user);
            finishSaving();
        },
        [this](const std::exception &error) { saveFailed(error); });
}

void UserDialog::update()
{
    const User &loaded = *m_user;
    UpdateUserCommand command;
    command.id = loaded.id().value();
    command.baseVersion = loaded.version();
    command.base = loaded; // what the changes are based on: nothing is read before saving
    if (m_email->text().trimmed().toLower() != loaded.email().value())
        command.email = m_email->text();
    if (m_username->text().trimmed() != loaded.username())
        command.username = m_username->text();
    if (m_role->currentData().toString() != roleToString(loaded.role()))
        command.role = m_role->currentData().toString();
    if (!m_password->text().isEmpty()) {
        command.password = m_password->text();
        if (m_currentPassword)
            command.currentPassword = m_currentPassword->text();
    }
    if (!command.email && !command.username && !command.role && !command.password) {
        accept(); // nothing to save
        return;
    }

    setSaving(true);
    runTask(
        m_services->updateUser.execute(std::move(command)), this,
        [this](User user) {
            emit saved(user);
            finishSaving();
        },
        [this](const std::exception &error) { saveFailed(error); });
}

// Someone saved first: both versions side by side; reload theirs or overwrite deliberately.
bool UserDialog::handleConflict(const ConflictError &conflict)
{
    const std::optional<User> found = m_user ? userFromVariant(conflict.current()) : std::nullopt;
    if (!found)
        return false;
    const User theirs = *found;
    const Role myRole = roleFromString(m_role->currentData().toString()).value_or(Role::Learner);
    const QString unchanged = tr("(unchanged by you)");
    ConflictDescription description{
        tr("User"), m_user->email().value(), m_user->version(), theirs.version(),
        {{tr("Email"), theirs.email().value(), m_email->text().trimmed().toLower()},
         {tr("Username"), theirs.username(), m_username->text().trimmed()},
         {tr("Role"), roleDisplayName(theirs.role()), roleDisplayName(myRole)},
         {tr("Password"), unchanged, m_password->text().isEmpty() ? unchanged : tr("new password")}},
        std::nullopt};
    auto *dialog = new ConflictDialog(description, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConflictDialog::reloadChosen, this, [this, theirs] {
        loadUser(theirs);
        showFieldError(QString(), tr("Reloaded version %1 saved by someone else; make your "
                                     "changes again.").arg(theirs.version()));
    });
    connect(dialog, &ConflictDialog::overwriteChosen, this, [this, theirs] { overwriteWithMine(theirs); });
    connect(dialog, &QDialog::rejected, this, [this, theirs] {
        showFieldError(QString(), tr("Not saved: someone else saved version %1 meanwhile. "
                                     "Save again to compare once more, or cancel.")
                                      .arg(theirs.version()));
        updateValidation();
    });
    dialog->open();
    return true;
}

// The form as it is, saved on top of their version: the base becomes theirs, so what
// differs from it is sent (a third save meanwhile is a new conflict, asked about again).
void UserDialog::overwriteWithMine(const User &theirs)
{
    m_user = theirs;
    setWindowTitle(tr("Edit user %1").arg(theirs.email().value()));
    update();
}

} // namespace edge::ui
