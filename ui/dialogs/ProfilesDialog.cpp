#include "ProfilesDialog.h"

#include "common/ErrorText.h"
#include "common/FieldErrors.h"
#include "dialogs/FileDialogs.h"
#include "dialogs/MessageBoxes.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace edge::ui {


namespace {
const QString NameField = QStringLiteral("name");
const QString StoreField = QStringLiteral("storePath");
const QString UrlField = QStringLiteral("baseUrl");
const QString EmailField = QStringLiteral("accountEmail");

QString describe(const ConnectionProfile &profile)
{
    return profile.kind == ProfileKind::Remote
        ? ProfilesDialog::tr("Worker %1%2").arg(profile.baseUrl.toDisplayString(),
              profile.accountEmail.isEmpty() ? QString() : QStringLiteral(" · ") + profile.accountEmail)
        : ProfilesDialog::tr("Embedded %1").arg(QDir::toNativeSeparators(profile.storePath));
}

} // namespace

ProfilesDialog::ProfilesDialog(ProfileRepository &profiles, const QString &activeProfile,
                               QWidget *parent)
    : QDialog(parent)
    , m_profiles(profiles)
    , m_activeProfile(activeProfile)
{
    setObjectName(QStringLiteral("profilesDialog"));
    setWindowTitle(tr("Connect"));
    buildLayout();
    reloadList(activeProfile);
    if (m_list->count() == 0)
        startNewProfile();
}

void ProfilesDialog::buildLayout()
{
    m_list = new QListWidget;
    m_list->setObjectName(QStringLiteral("profileList"));
    m_list->setMinimumWidth(250);
    m_list->setSpacing(1);
    auto *newButton = new QPushButton(tr("&New"));
    newButton->setObjectName(QStringLiteral("newProfileButton"));
    m_deleteButton = new QPushButton(tr("&Delete…"));
    m_deleteButton->setObjectName(QStringLiteral("deleteProfileButton"));
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(newButton);
    listButtons->addWidget(m_deleteButton);
    listButtons->addStretch();
    auto *left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("Profiles:")));
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    const auto errorLabel = [this](const QString &field) {
        QLabel *label = makeFieldErrorLabel(field + QStringLiteral("Error"));
        m_errors.insert(field, label);
        return label;
    };

    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("profileNameEdit"));
    m_name->setPlaceholderText(tr("e.g. Production, Test copy"));
    m_kind = new QComboBox;
    m_kind->setObjectName(QStringLiteral("profileKindCombo"));
    m_kind->addItem(tr("Embedded store (a file on this machine)"), int(ProfileKind::Embedded));
    m_kind->addItem(tr("Remote Worker (over HTTPS)"), int(ProfileKind::Remote));
    m_storePath = new QLineEdit;
    m_storePath->setObjectName(QStringLiteral("storePathEdit"));
    auto *browse = new QPushButton(tr("&Browse…"));
    browse->setObjectName(QStringLiteral("browseStoreButton"));
    m_storeRow = new QWidget;
    auto *storeLayout = new QHBoxLayout(m_storeRow);
    storeLayout->setContentsMargins(0, 0, 0, 0);
    storeLayout->addWidget(m_storePath, 1);
    storeLayout->addWidget(browse);
    m_baseUrl = new QLineEdit;
    m_baseUrl->setObjectName(QStringLiteral("baseUrlEdit"));
    m_baseUrl->setPlaceholderText(QStringLiteral("https://edge.example.com/api/v1"));
    m_accountEmail = new QLineEdit;
    m_accountEmail->setObjectName(QStringLiteral("accountEmailEdit"));
    m_accountEmail->setPlaceholderText(tr("optional: pre-filled when signing in"));

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_form->addRow(tr("N&ame:"), withErrorBelow(m_name, errorLabel(NameField)));
    m_form->addRow(tr("&Kind:"), m_kind);
    m_form->addRow(tr("&Database file:"), withErrorBelow(m_storeRow, errorLabel(StoreField)));
    m_form->addRow(tr("&Server address:"), withErrorBelow(m_baseUrl, errorLabel(UrlField)));
    m_form->addRow(tr("Account &email:"), withErrorBelow(m_accountEmail, errorLabel(EmailField)));

    m_formMessage = new QLabel;
    m_formMessage->setObjectName(QStringLiteral("profileFormMessage"));
    m_formMessage->setWordWrap(true);
    m_formMessage->hide();
    m_saveButton = new QPushButton(tr("&Save profile"));
    m_saveButton->setObjectName(QStringLiteral("saveProfileButton"));
    m_saveButton->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    auto *saveRow = new QHBoxLayout;
    saveRow->addWidget(m_formMessage, 1);
    saveRow->addWidget(m_saveButton);

    auto *group = new QGroupBox(tr("Profile"));
    auto *groupLayout = new QVBoxLayout(group);
    groupLayout->addLayout(m_form);
    groupLayout->addStretch();
    groupLayout->addLayout(saveRow);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    m_connectButton = buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    m_connectButton->setObjectName(QStringLiteral("connectButton"));
    m_connectButton->setDefault(true);

    auto *top = new QHBoxLayout;
    top->addLayout(left);
    top->addWidget(group, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top, 1);
    layout->addWidget(buttons);
    resize(820, 400);

    connect(m_list, &QListWidget::currentRowChanged, this, &ProfilesDialog::onCurrentProfileChanged);
    connect(m_list, &QListWidget::itemActivated, this, &ProfilesDialog::connectToProfile);
    connect(newButton, &QPushButton::clicked, this, &ProfilesDialog::startNewProfile);
    connect(m_deleteButton, &QPushButton::clicked, this, &ProfilesDialog::deleteProfile);
    connect(m_saveButton, &QPushButton::clicked, this, &ProfilesDialog::saveProfile);
    connect(browse, &QPushButton::clicked, this, &ProfilesDialog::browseForStore);
    connect(buttons, &QDialogButtonBox::accepted, this, &ProfilesDialog::connectToProfile);
    connect(buttons, &QDialogButtonBox::rejected, this, &ProfilesDialog::reject);
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        m_dirty = true;
        updateKindRows();
        updateValidation();
    });
    const auto watch = [this](QLineEdit *edit, const QString &field) {
        connect(edit, &QLineEdit::textEdited, this, [this, field] {
            m_dirty = true;
            m_touched[field] = true;
            m_saveErrors.remove(field);
            updateValidation();
        });
    };
    watch(m_name, NameField);
    watch(m_storePath, StoreField);
    watch(m_baseUrl, UrlField);
    watch(m_accountEmail, EmailField);
}

void ProfilesDialog::reloadList(const QString &select)
{
    QSignalBlocker blocker(m_list);
    m_list->clear();
    int selectRow = -1;
    for (const ConnectionProfile &profile : m_profiles.list()) {
        const bool active = profile.name.compare(m_activeProfile, Qt::CaseInsensitive) == 0;
        auto *item = new QListWidgetItem(
            QStringLiteral("%1%2\n%3").arg(profile.name, active ? tr(" (connected)") : QString(),
                                           describe(profile)),
            m_list);
        item->setData(Qt::UserRole, profile.name);
        item->setToolTip(describe(profile));
        if (profile.name.compare(select, Qt::CaseInsensitive) == 0)
            selectRow = m_list->count() - 1;
    }
    if (selectRow < 0 && m_list->count() > 0)
        selectRow = 0;
    m_list->setCurrentRow(selectRow);
    blocker.unblock();
    onCurrentProfileChanged();
}

void ProfilesDialog::onCurrentProfileChanged()
{
    QListWidgetItem *item = m_list->currentItem();
    const std::optional<ConnectionProfile> profile =
        item ? m_profiles.find(item->data(Qt::UserRole).toString()) : std::nullopt;
    if (profile) {
        m_editingName = profile->name;
        loadForm(*profile);
    }
    m_deleteButton->setEnabled(profile.has_value());
}

void ProfilesDialog::startNewProfile()
{
    m_list->clearSelection();
    m_list->setCurrentRow(-1);
    m_editingName.clear();
    ConnectionProfile fresh;
    fresh.kind = ProfileKind::Remote;
    loadForm(fresh);
    m_deleteButton->setEnabled(false);
    m_name->setFocus();
}

void ProfilesDialog::loadForm(const ConnectionProfile &profile)
{
    {
        const QSignalBlocker blocker(m_kind);
        m_kind->setCurrentIndex(m_kind->findData(int(profile.kind)));
    }
    m_name->setText(profile.name);
    m_storePath->setText(QDir::toNativeSeparators(profile.storePath));
    m_baseUrl->setText(profile.baseUrl.toString());
    m_accountEmail->setText(profile.accountEmail);
    m_dirty = false;
    m_showAllProblems = false;
    m_touched.clear();
    m_saveErrors.clear();
    m_formMessage->hide();
    updateKindRows();
    updateValidation();
}

ConnectionProfile ProfilesDialog::formProfile() const
{
    const auto kind = ProfileKind(m_kind->currentData().toInt());
    if (kind == ProfileKind::Embedded)
        return ConnectionProfile::embedded(m_name->text(), QDir::fromNativeSeparators(m_storePath->text()));
    return ConnectionProfile::remote(m_name->text(), QUrl(m_baseUrl->text().trimmed(), QUrl::StrictMode),
                                     m_accountEmail->text());
}

void ProfilesDialog::updateKindRows()
{
    const bool remote = ProfileKind(m_kind->currentData().toInt()) == ProfileKind::Remote;
    m_form->setRowVisible(2, !remote);
    m_form->setRowVisible(3, remote);
    m_form->setRowVisible(4, remote);
}

void ProfilesDialog::updateValidation()
{
    const QMap<QString, QString> problems = formProfile().problems();
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it) {
        QString message = m_saveErrors.value(it.key());
        if (message.isEmpty() && (m_showAllProblems || m_touched.value(it.key())))
            message = problems.value(it.key());
        it.value()->setText(message);
        it.value()->setVisible(!message.isEmpty());
    }
    const bool valid = problems.isEmpty() && m_saveErrors.isEmpty();
    m_saveButton->setEnabled(m_dirty && valid);
    m_connectButton->setEnabled(valid && (m_dirty || !m_editingName.isEmpty()));
}

bool ProfilesDialog::saveProfile()
{
    m_showAllProblems = true;
    const ConnectionProfile profile = formProfile();
    if (!profile.problems().isEmpty()) {
        updateValidation();
        return false;
    }
    try {
        if (m_editingName.isEmpty())
            m_profiles.add(profile);
        else
            m_profiles.update(m_editingName, profile);
    } catch (const std::exception &error) {
        const QMap<QString, QString> fields = fieldErrors(error);
        if (fields.isEmpty()) {
            m_formMessage->setText(errorMessage(error));
            m_formMessage->setStyleSheet(QStringLiteral("color: #c0392b;"));
            m_formMessage->show();
        }
        for (auto it = fields.cbegin(); it != fields.cend(); ++it)
            m_saveErrors.insert(it.key(), it.value());
        updateValidation();
        return false;
    }
    if (m_editingName.compare(m_activeProfile, Qt::CaseInsensitive) == 0 && !m_editingName.isEmpty())
        m_activeProfile = profile.normalized().name;
    reloadList(profile.normalized().name);
    m_formMessage->setText(tr("Saved."));
    m_formMessage->setStyleSheet(QString());
    m_formMessage->show();
    return true;
}

void ProfilesDialog::deleteProfile()
{
    const QString name = m_editingName;
    if (name.isEmpty())
        return;
    MessageBoxes::Question question;
    question.icon = QMessageBox::Warning;
    question.title = tr("Delete profile");
    question.text = tr("Delete the connection profile \"%1\"?").arg(name);
    question.informativeText = tr("Only the profile is deleted: the store or Worker and its data "
                                  "are not touched.");
    question.buttonTexts = {{QMessageBox::Yes, tr("&Delete")}, {QMessageBox::No, tr("&Keep")}};
    MessageBoxes::ask(this, question, [this, name](QMessageBox::StandardButton answer) {
        if (answer != QMessageBox::Yes)
            return;
        try {
            m_profiles.remove(name);
        } catch (const std::exception &error) {
            MessageBoxes::showError(this, tr("Delete profile"), errorMessage(error));
            return;
        }
        reloadList({});
        if (m_list->count() == 0)
            startNewProfile();
    });
}

void ProfilesDialog::connectToProfile()
{
    if (m_dirty && !saveProfile())
        return;
    const std::optional<ConnectionProfile> profile = m_profiles.find(m_editingName);
    if (!profile)
        return;
    emit connectRequested(*profile);
    accept();
}

void ProfilesDialog::browseForStore()
{
    const QString current = m_storePath->text();
    const QString start = current.isEmpty() ? QDir::homePath() : QFileInfo(current).absolutePath();
    FileDialogs::chooseStoreToOpen(this, start, [this](const QString &path) {
        m_storePath->setText(QDir::toNativeSeparators(path));
        m_dirty = true;
        m_touched[StoreField] = true;
        updateValidation();
    });
}

} // namespace edge::ui
