#include "ConflictDialog.h"

#include "dialogs/MessageBoxes.h"
#include "dialogs/SideBySideDiff.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace edge::ui {

ConflictDialog::ConflictDialog(const ConflictDescription &conflict, QWidget *parent)
    : QDialog(parent)
    , m_conflict(conflict)
{
    setObjectName(QStringLiteral("conflictDialog"));
    setWindowTitle(tr("%1 changed by someone else").arg(conflict.kind));

    auto *intro = new QLabel(tr("<b>%1 was saved by someone else</b> (now version %2) after you opened "
                                "it (version %3). Compare the two versions and choose which one "
                                "to keep.")
                                 .arg(conflict.recordName.toHtmlEscaped())
                                 .arg(conflict.theirVersion)
                                 .arg(conflict.loadedVersion));
    intro->setObjectName(QStringLiteral("conflictIntro"));
    intro->setWordWrap(true);

    const QList<ConflictRow> &rows = conflict.rows;

    m_table = new QTableWidget(int(rows.size()), 3);
    m_table->setObjectName(QStringLiteral("conflictTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Field"), tr("Theirs (version %1)").arg(conflict.theirVersion), tr("Mine (in the form)")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    const QColor highlight(255, 236, 179); // amber: look here
    for (int r = 0; r < rows.size(); ++r) {
        const ConflictRow &row = rows.at(r);
        const bool differs = row.theirs != row.mine;
        const QStringList texts{row.field, row.theirs, row.mine};
        for (int c = 0; c < 3; ++c) {
            auto *item = new QTableWidgetItem(texts.at(c));
            if (differs) {
                item->setBackground(highlight);
                item->setForeground(QColor(40, 30, 0));
                QFont font = item->font();
                font.setBold(c > 0);
                item->setFont(font);
            }
            m_table->setItem(r, c, item);
        }
        if (differs)
            m_differing.append(row.field);
    }
    m_table->resizeRowsToContents();
    const int tableHeight = m_table->horizontalHeader()->height() + m_table->frameWidth() * 2
        + m_table->verticalHeader()->length();
    m_table->setFixedHeight(tableHeight);

    SideBySideDiff *textDiff = nullptr;
    if (conflict.text) {
        textDiff = new SideBySideDiff(tr("%1: theirs (version %2)").arg(conflict.text->field).arg(conflict.theirVersion),
                                      conflict.text->theirs, tr("%1: mine").arg(conflict.text->field),
                                      conflict.text->mine);
        textDiff->setObjectName(QStringLiteral("conflictTextDiff"));
        if (conflict.text->theirs != conflict.text->mine)
            m_differing.append(conflict.text->field);
    }

    auto *legend = new QLabel(m_differing.isEmpty()
                                  ? tr("Your form holds the same values as their version.")
                                  : tr("Highlighted: %1 differ.").arg(m_differing.join(QStringLiteral(", "))));
    legend->setObjectName(QStringLiteral("conflictLegend"));
    legend->setWordWrap(true);

    auto *buttons = new QDialogButtonBox;
    QPushButton *reload = buttons->addButton(tr("&Reload theirs"), QDialogButtonBox::ActionRole);
    reload->setObjectName(QStringLiteral("reloadButton"));
    reload->setToolTip(tr("Put their version in the form; your edits are discarded"));
    QPushButton *overwrite = buttons->addButton(tr("&Overwrite with mine…"), QDialogButtonBox::ActionRole);
    overwrite->setObjectName(QStringLiteral("overwriteButton"));
    overwrite->setToolTip(tr("Save your form over their version (asks first)"));
    QPushButton *keep = buttons->addButton(tr("&Keep editing"), QDialogButtonBox::RejectRole);
    keep->setObjectName(QStringLiteral("keepEditingButton"));
    keep->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table);
    if (textDiff)
        layout->addWidget(textDiff, 1);
    layout->addWidget(legend);
    if (!textDiff)
        layout->addStretch();
    layout->addWidget(buttons);
    setMinimumWidth(620);
    if (textDiff)
        resize(980, 640);

    connect(reload, &QPushButton::clicked, this, [this] {
        emit reloadChosen();
        accept();
    });
    connect(overwrite, &QPushButton::clicked, this, &ConflictDialog::confirmOverwrite);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConflictDialog::reject);
}

void ConflictDialog::confirmOverwrite()
{
    MessageBoxes::Question question;
    question.icon = QMessageBox::Warning;
    question.title = tr("Overwrite their changes?");
    question.text = tr("Replace version %1 of %2 with the values in your form?")
                        .arg(m_conflict.theirVersion)
                        .arg(m_conflict.recordName);
    question.informativeText = m_differing.isEmpty()
        ? tr("Their version and your form hold the same values.")
        : tr("Their %1 will be lost.").arg(m_differing.join(QStringLiteral(", ")).toLower());
    question.buttonTexts = {{QMessageBox::Yes, tr("&Overwrite")}, {QMessageBox::No, tr("&Back")}};
    MessageBoxes::ask(this, question, [this](QMessageBox::StandardButton answer) {
        if (answer != QMessageBox::Yes)
            return;
        emit overwriteChosen();
        accept();
    });
}

} // namespace edge::ui
