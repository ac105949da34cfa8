#include "EditDialog.h"

#include "common/ErrorText.h"
#include "common/FieldErrors.h"
#include "domain/Errors.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace edge::ui {

EditDialog::EditDialog(QWidget *parent)
    : QDialog(parent)
    , m_form(new QFormLayout)
{
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
}

void EditDialog::addField(const QString &label, const QString &key, QWidget *input)
{
    Field field{input, makeFieldErrorLabel(key + QStringLiteral("Error"))};
    m_form->addRow(label, withErrorBelow(input, field.error));
    m_fields.insert(key, field);
    // A field's messages appear once it is typed in; editing clears what the store said.
    if (auto *edit = qobject_cast<QLineEdit *>(input))
        connect(edit, &QLineEdit::textEdited, this, [this, key] { onEdited(key); });
    else if (auto *combo = qobject_cast<QComboBox *>(input))
        connect(combo, &QComboBox::currentIndexChanged, this, [this, key] { onEdited(key); });
    else if (auto *box = qobject_cast<QAbstractButton *>(input); box && box->isCheckable())
        connect(box, &QAbstractButton::toggled, this, [this, key] { onEdited(key); });
}

void EditDialog::onEdited(const QString &key)
{
    m_fields[key].touched = true;
    m_serverErrors.remove(key);
    updateValidation();
}

void EditDialog::finishLayout(const QString &saveButtonText, QWidget *body, const QString &closeButtonText)
{
    m_body = body;
    m_formMessage = makeFieldErrorLabel(QStringLiteral("formMessage"));
    m_savingLabel = new QLabel(tr("Saving…"));
    m_savingLabel->setObjectName(QStringLiteral("savingLabel"));
    m_savingLabel->setVisible(false);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setObjectName(QStringLiteral("saveButton"));
    ok->setText(saveButtonText);
    if (!closeButtonText.isEmpty())
        m_buttons->button(QDialogButtonBox::Cancel)->setText(closeButtonText);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_savingLabel);
    bottom->addStretch();
    bottom->addWidget(m_buttons);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    if (m_body)
        layout->addWidget(m_body, 1);
    layout->addWidget(m_formMessage);
    if (!m_body)
        layout->addStretch();
    layout->addLayout(bottom);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &EditDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &EditDialog::reject);
}

void EditDialog::updateValidation()
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

void EditDialog::showFieldError(const QString &field, const QString &message)
{
    if (m_fields.contains(field)) {
        m_serverErrors.insert(field, message);
    } else {
        m_formMessage->setText(message);
        m_formMessage->setVisible(true);
    }
}

void EditDialog::clearServerErrors()
{
    m_serverErrors.clear();
}

void EditDialog::setSaving(bool saving)
{
    m_saving = saving;
    m_savingLabel->setVisible(saving);
    for (const Field &field : std::as_const(m_fields))
        field.input->setEnabled(!saving);
    if (m_body)
        m_body->setEnabled(!saving);
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(!saving);
    updateValidation();
}

void EditDialog::retryAfterSignIn()
{
    if (m_waitingForSignIn && !m_saving)
        save();
}

void EditDialog::save()
{
    if (m_saving || !localProblems().isEmpty())
        return;
    m_waitingForSignIn = false;
    m_formMessage->setVisible(false);
    submit();
}

void EditDialog::finishSaving()
{
    setSaving(false);
    if (m_closesOnSave)
        accept();
}

void EditDialog::saveFailed(const std::exception &error)
{
    setSaving(false);
    const QMap<QString, QString> fields = fieldErrors(error);
    const auto *conflict = dynamic_cast<const ConflictError *>(&error);
    // A stale version carries no field errors but "version"; a taken email does (shown at the field).
    const bool staleVersion = fields.isEmpty() || (fields.size() == 1 && fields.contains(QStringLiteral("version")));
    if (conflict && staleVersion && handleConflict(*conflict))
        return;
    if (dynamic_cast<const UnauthorizedError *>(&error)) {
        // The window asks for a new sign-in; this form keeps everything and saves again.
        m_waitingForSignIn = true;
        showFieldError(QString(), tr("Not saved: your sign-in has expired. Sign in again and "
                                     "this is saved then (or press Save); your input is kept."));
    } else if (dynamic_cast<const ForbiddenError *>(&error)) {
        showFieldError(QString(), m_access.forbiddenMessage(forbiddenAction()));
    } else if (fields.isEmpty()) {
        showFieldError(QString(), errorMessage(error));
    } else {
        for (auto it = fields.cbegin(); it != fields.cend(); ++it)
            showFieldError(it.key(), it.value());
    }
    updateValidation();
}

} // namespace edge::ui
