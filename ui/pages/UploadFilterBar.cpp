#include "UploadFilterBar.h"

#include "common/UploadFormatting.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace edge::ui {

UploadFilterBar::UploadFilterBar(QWidget *parent)
    : QWidget(parent)
    , m_folderEdit(new QLineEdit)
    , m_upButton(new QToolButton)
    , m_typeCombo(new QComboBox)
{
    m_folderEdit->setObjectName(QStringLiteral("uploadsFolderEdit"));
    m_folderEdit->setPlaceholderText(tr("All folders"));
    m_folderEdit->setClearButtonEnabled(true);
    m_folderEdit->setToolTip(tr("Show the files whose key starts with this folder (e.g. docs/2024/); "
                                "uploads and dropped files go here too"));
    m_folderEdit->setMinimumWidth(200);
    connect(m_folderEdit, &QLineEdit::editingFinished, this, &UploadFilterBar::applyTypedFolder);
    connect(m_folderEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty() && !m_folder.isEmpty()) // the clear button
            applyTypedFolder();
    });

    m_upButton->setObjectName(QStringLiteral("uploadsFolderUpButton"));
    m_upButton->setText(tr("Up"));
    m_upButton->setIcon(QIcon::fromTheme(QStringLiteral("go-up")));
    m_upButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_upButton->setToolTip(tr("The folder above (Alt+Up)"));
    m_upButton->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Up));
    connect(m_upButton, &QToolButton::clicked, this, [this] { setFolder(parentFolder(m_folder)); });

    m_typeCombo->setObjectName(QStringLiteral("uploadsTypeCombo"));
    for (const ContentTypeFamily &family : contentTypeFamilies())
        m_typeCombo->addItem(family.label, family.filter);
    m_typeCombo->setToolTip(tr("Only files of this content type"));
    connect(m_typeCombo, &QComboBox::currentIndexChanged, this, &UploadFilterBar::changed);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *folderLabel = new QLabel(tr("&Folder:"));
    folderLabel->setBuddy(m_folderEdit);
    layout->addWidget(folderLabel);
    layout->addWidget(m_folderEdit, 1);
    layout->addWidget(m_upButton);
    layout->addSpacing(12);
    auto *typeLabel = new QLabel(tr("&Type:"));
    typeLabel->setBuddy(m_typeCombo);
    layout->addWidget(typeLabel);
    layout->addWidget(m_typeCombo);
    showFolder();
}

QString UploadFilterBar::contentType() const
{
    return m_typeCombo->currentData().toString();
}

void UploadFilterBar::setFolder(const QString &folder)
{
    const QString normalized = normalizedFolder(folder);
    const bool different = normalized != m_folder;
    m_folder = normalized;
    showFolder();
    if (different)
        emit changed();
}

void UploadFilterBar::applyTypedFolder()
{
    setFolder(m_folderEdit->text());
}

void UploadFilterBar::showFolder()
{
    if (m_folderEdit->text() != m_folder)
        m_folderEdit->setText(m_folder);
    m_upButton->setEnabled(!m_folder.isEmpty());
}

} // namespace edge::ui
