#include "UserDialog.h"

#include "async/RunTask.h"
#include "common/ErrorText.h"
#include "common/FieldErrors.h"
#include "common/UserFormatting.h"
#include "dialogs/ConflictDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace edge::ui {

namespace {
const QString EmailField = QStringLiteral("email");
const QString UsernameField = QStringLiteral("username");
const QString RoleField = QStringLiteral("role");
const QString PasswordField = QStringLiteral("password");
const QString ConfirmField = QStringLiteral("confirmPassword");
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
    : QDialog(parent)
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

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    const auto addRow = [&](const QString &label, const QString &key, QWidget *input) {
        Field field{input, makeFieldErrorLabel(key + QStringLiteral("Error"))};
        form->addRow(label, withErrorBelow(input, field.error));
        m_fields.insert(key, field);
    };
    addRow(tr("&Email:"), EmailField, m_email);
    addRow(tr("&Username:"), UsernameField, m_username);
    addRow(tr("&Role:"), RoleField, m_role);
    addRow(tr("&Password:"), PasswordField, m_password);
    addRow(tr("&Confirm password:"), ConfirmField, m_confirmPassword);

    m_formMessage = makeFieldErrorLabel(QStringLiteral("formMessage"));
    m_savingLabel = new QLabel(tr("Saving…"));
    m_savingLabel->setObjectName(QStringLiteral("savingLabel"));
    m_savingLabel->setVisible(false);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setObjectName(QStringLiteral("saveButton"));
    ok->setText(isEditing() ? tr("&Save") : tr("C&reate user"));

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_savingLabel);
    bottom->addStretch();
    bottom->addWidget(m_buttons);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_formMessage);
    layout->addStretch();
    layout->addLayout(bottom);
    setMinimumWidth(440);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &UserDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &UserDialog::reject);

    // A field's messages appear once it is typed in; editing clears what the store said.
    const auto watch = [this](QLineEdit *edit, QStringList keys) {
        connect(edit, &QLineEdit::textEdited, this, [this, keys] {
            for (const QString &key : keys) {
                m_fields[key].touched = true;
                m_serverErrors.remove(key);
            }
            updateValidation();
        });
    };
    watch(m_email, {EmailField});
    watch(m_username, {UsernameField});
    watch(m_password, {PasswordField});
    watch(m_confirmPassword, {ConfirmField});
    connect(m_role, &QComboBox::currentIndexChanged, this, [this] {
        m_serverErrors.remove(RoleField);
        updateValidation();
    });
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
    m_serverErrors.clear();
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
    return problems;
}

void UserDialog::updateValidation()
{
    const QMap<QString, QString> problems = localProblems();
    for (auto it = m_fields.begin(); it != m_fields.end(); ++it) {
        QString message = m_serverErrors.value(it.key());
        if (message.isEmpty() && it->touched)
            message = problems.value(it.key());
        it->error->setText(message);
        it->error->setVisible(!message.isEmpty());
    }
    const bool canSave = problems.isEmpty() && m_serverErrors.isEmpty() && !m_saving;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(canSave);
}

void UserDialog::showFieldError(const QString &field, const QString &message)
{
    if (m_fields.contains(field)) {
        m_serverErrors.insert(field, message);
    } else {
        m_formMessage->setText(message);
        m_formMessage->setVisible(true);
    }
}

void UserDialog::setSaving(bool saving)
{
    m_saving = saving;
    m_savingLabel->setVisible(saving);
    for (const Field &field : std::as_const(m_fields))
        field.input->setEnabled(!saving);
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(!saving);
    updateValidation();
}

void UserDialog::retryAfterSignIn()
{
    if (m_waitingForSignIn && !m_saving)
        save();
}

void UserDialog::save()
{
    if (m_saving || !localProblems().isEmpty())
        return;
    m_waitingForSignIn = false;
    m_formMessage->setVisible(false);
    if (isEditing())
        update();
    else
        create();
}

void UserDialog::create()
{
    CreateUserCommand command{m_email->text(), m_username->text(), m_role->currentData().toString(),
                              m_password->text()};
    setSaving(true);
    runTask(
        m_services->createUser.execute(std::move(command)), this,
        [this](User user) {
            setSaving(false);
            emit saved(user);
            accept();
        },
        [this](const std::exception &error) { onSaveFailed(error); });
}

void UserDialog::update()
{
    const User &loaded = *m_user;
    UpdateUserCommand command;
    command.id = loaded.id().value();
    command.baseVersion = loaded.version();
    if (m_email->text().trimmed().toLower() != loaded.email().value())
        command.email = m_email->text();
    if (m_username->text().trimmed() != loaded.username())
        command.username = m_username->text();
    if (m_role->currentData().toString() != roleToString(loaded.role()))
        command.role = m_role->currentData().toString();
    if (!m_password->text().isEmpty())
        command.password = m_password->text();
    if (!command.email && !command.username && !command.role && !command.password) {
        accept(); // nothing to save
        return;
    }

    setSaving(true);
    runTask(
        m_services->updateUser.execute(std::move(command)), this,
        [this](User user) {
            setSaving(false);
            emit saved(user);
            accept();
        },
        [this](const std::exception &error) { onSaveFailed(error); });
}

void UserDialog::onSaveFailed(const std::exception &error)
{
    setSaving(false);
    const QMap<QString, QString> fields = fieldErrors(error);
    const auto *conflict = dynamic_cast<const ConflictError *>(&error);
    if (conflict && fields.isEmpty() && m_user) {
        if (const std::optional<User> theirs = userFromVariant(conflict->current())) {
            askAboutConflict(*theirs);
            return;
        }
    }
    if (dynamic_cast<const UnauthorizedError *>(&error)) {
        // The window asks for a new sign-in; this form keeps everything and saves again.
        m_waitingForSignIn = true;
        showFieldError(QString(), tr("Not saved: your sign-in has expired. Sign in again and "
                                     "this is saved then (or press Save); your input is kept."));
    } else if (dynamic_cast<const ForbiddenError *>(&error)) {
        showFieldError(QString(), m_access.forbiddenMessage(isEditing() ? tr("changing users")
                                                                         : tr("creating users")));
    } else if (fields.isEmpty()) {
        showFieldError(QString(), errorMessage(error));
    } else {
        for (auto it = fields.cbegin(); it != fields.cend(); ++it)
            showFieldError(it.key(), it.value());
    }
    updateValidation();
}

void UserDialog::askAboutConflict(const User &theirs)
{
    UserFormValues mine{m_email->text().trimmed().toLower(), m_username->text().trimmed(),
                        roleFromString(m_role->currentData().toString()).value_or(Role::Learner),
                        !m_password->text().isEmpty()};
    auto *dialog = new ConflictDialog(*m_user, theirs, mine, this);
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
    });
    dialog->open();
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
