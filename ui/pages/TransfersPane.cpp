#include "TransfersPane.h"

#include "application/uploads/TransferQueue.h"
#include "dialogs/MessageBoxes.h"
#include "models/TransferQueueModel.h"

#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace edge::ui {

namespace {
// Paints the Progress column as a progress bar with the "x of y" text on it.
class ProgressBarDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const int permille = index.data(TransferQueueModel::ProgressRole).toInt();
        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(2, 3, -2, -3);
        bar.state = option.state | QStyle::State_Horizontal;
        bar.minimum = 0;
        bar.maximum = permille < 0 ? 0 : 1000; // 0..0: busy, size not known yet
        bar.progress = qMax(0, permille);
        bar.text = index.data(Qt::DisplayRole).toString();
        bar.textVisible = true;
        bar.textAlignment = Qt::AlignCenter;
        QStyle *style = option.widget ? option.widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);
    }
};

bool isFinished(TransferState state)
{
    return state == TransferState::Completed || state == TransferState::Failed || state == TransferState::Cancelled;
}
} // namespace

TransfersPane::TransfersPane(TransferQueue &queue, QWidget *parent)
    : QWidget(parent)
    , m_queue(queue)
    , m_model(new TransferQueueModel(&queue, this))
    , m_table(new QTableView)
    , m_summary(new QLabel)
{
    setObjectName(QStringLiteral("transfersPane"));
    m_table->setObjectName(QStringLiteral("transfersTable"));
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(TransferQueueModel::ProgressColumn, new ProgressBarDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->setWordWrap(false);
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    header->setSectionResizeMode(TransferQueueModel::FileColumn, QHeaderView::Interactive);
    header->resizeSection(TransferQueueModel::FileColumn, 260);
    header->resizeSection(TransferQueueModel::DirectionColumn, 80);
    header->resizeSection(TransferQueueModel::ProgressColumn, 200);
    header->resizeSection(TransferQueueModel::SpeedColumn, 90);
    header->resizeSection(TransferQueueModel::TimeLeftColumn, 80);

    m_summary->setObjectName(QStringLiteral("transfersSummary"));
    auto *title = new QLabel(tr("<b>Transfers</b>"));

    m_pauseAction = new QAction(tr("&Pause"), this);
    m_pauseAction->setObjectName(QStringLiteral("pauseTransferAction"));
    m_pauseAction->setToolTip(tr("Stop the selected transfers for now; Resume continues where they stopped"));
    connect(m_pauseAction, &QAction::triggered, this, &TransfersPane::pauseSelected);
    m_resumeAction = new QAction(tr("&Resume / Retry"), this);
    m_resumeAction->setObjectName(QStringLiteral("resumeTransferAction"));
    m_resumeAction->setToolTip(tr("Continue paused transfers and try failed or cancelled ones again"));
    connect(m_resumeAction, &QAction::triggered, this, &TransfersPane::resumeSelected);
    m_cancelAction = new QAction(tr("&Cancel…"), this);
    m_cancelAction->setObjectName(QStringLiteral("cancelTransferAction"));
    m_cancelAction->setToolTip(tr("Stop the selected transfers for good; what an upload sent is discarded"));
    connect(m_cancelAction, &QAction::triggered, this, &TransfersPane::cancelSelected);
    m_clearAction = new QAction(tr("C&lear finished"), this);
    m_clearAction->setObjectName(QStringLiteral("clearTransfersAction"));
    m_clearAction->setToolTip(tr("Remove finished, failed and cancelled transfers from the list"));
    connect(m_clearAction, &QAction::triggered, this, &TransfersPane::clearFinished);

    auto *toolBar = new QToolBar;
    toolBar->setObjectName(QStringLiteral("transfersToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolBar->setIconSize(QSize(16, 16));
    toolBar->addWidget(title);
    toolBar->addSeparator();
    toolBar->addActions({m_pauseAction, m_resumeAction, m_cancelAction, m_clearAction});
    toolBar->addSeparator();
    toolBar->addWidget(m_summary);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(toolBar);
    layout->addWidget(m_table);

    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addActions({m_pauseAction, m_resumeAction, m_cancelAction});

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TransfersPane::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        updateActions();
        updateSummary();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        updateActions();
        updateSummary();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateActions();
        updateSummary();
    });
    updateActions();
    updateSummary();
}

QStringList TransfersPane::selectedIds() const
{
    QStringList ids;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows)
        ids.append(row.data(TransferQueueModel::IdRole).toString());
    return ids;
}

void TransfersPane::pauseSelected()
{
    for (const QString &id : selectedIds())
        m_queue.pause(id);
}

void TransfersPane::resumeSelected()
{
    for (const QString &id : selectedIds())
        m_queue.resume(id);
}

void TransfersPane::cancelSelected()
{
    const QStringList ids = selectedIds();
    int unfinishedUploads = 0;
    for (const QString &id : ids) {
        const TransferStatus status = m_queue.status(m_queue.rowOf(id));
        if (status.direction == TransferDirection::Upload && !isFinished(status.state))
            ++unfinishedUploads;
    }
    if (unfinishedUploads == 0) {
        for (const QString &id : ids)
            m_queue.cancel(id);
        return;
    }
    MessageBoxes::Question question;
    question.title = tr("Cancel transfers");
    question.text = unfinishedUploads == 1 ? tr("Cancel 1 unfinished upload?")
                                           : tr("Cancel %1 unfinished uploads?").arg(unfinishedUploads);
    question.informativeText = tr("What was sent is discarded on the store; uploading again starts over. "
                                  "Pause keeps it to resume later.");
    question.buttonTexts = {{QMessageBox::Yes, tr("Cancel uploads")}, {QMessageBox::No, tr("Keep")}};
    MessageBoxes::ask(this, question, [this, ids](QMessageBox::StandardButton answer) {
        if (answer != QMessageBox::Yes)
            return;
        for (const QString &id : ids)
            m_queue.cancel(id);
    });
}

void TransfersPane::clearFinished()
{
    m_queue.clearFinished();
}

void TransfersPane::updateActions()
{
    bool canPause = false;
    bool canResume = false;
    bool canCancel = false;
    for (const QString &id : selectedIds()) {
        const TransferState state = m_queue.status(m_queue.rowOf(id)).state;
        canPause |= state == TransferState::Waiting || state == TransferState::Running;
        canResume |= state == TransferState::Paused || state == TransferState::Failed || state == TransferState::Cancelled;
        canCancel |= !isFinished(state) || state == TransferState::Failed;
    }
    m_pauseAction->setEnabled(canPause);
    m_resumeAction->setEnabled(canResume);
    m_cancelAction->setEnabled(canCancel);
    bool anyFinished = false;
    for (int row = 0; row < m_model->rowCount() && !anyFinished; ++row)
        anyFinished = isFinished(m_model->statusAt(row).state);
    m_clearAction->setEnabled(anyFinished);
}

void TransfersPane::updateSummary()
{
    int active = 0;
    int failed = 0;
    int done = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const TransferState state = m_model->statusAt(row).state;
        active += state == TransferState::Waiting || state == TransferState::Running ? 1 : 0;
        failed += state == TransferState::Failed ? 1 : 0;
        done += state == TransferState::Completed ? 1 : 0;
    }
    QStringList parts;
    if (active)
        parts << tr("%1 active").arg(active);
    if (done)
        parts << tr("%1 done").arg(done);
    if (failed)
        parts << tr("%1 failed").arg(failed);
    m_summary->setText(parts.isEmpty() ? tr("Nothing to transfer: drop files on the list to upload them")
                                       : parts.join(QStringLiteral(", ")));
}

} // namespace edge::ui
