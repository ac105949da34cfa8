#include "TransferQueueModel.h"

#include "common/UploadFormatting.h"
#include "domain/Text.h"

#include <QFileInfo>

#include <algorithm>
#include <QColor>

namespace edge::ui {

TransferQueueModel::TransferQueueModel(TransferQueue *queue, QObject *parent)
    : QAbstractTableModel(parent)
    , m_queue(queue)
{
    m_rows = queue->count();
    connect(queue, &TransferQueue::rowAdded, this, [this](int row) {
        // Rows are appended; catch up with every row the queue has now.
        const int count = m_queue->count();
        if (count <= m_rows)
            return;
        Q_UNUSED(row);
        beginInsertRows({}, m_rows, count - 1);
        m_rows = count;
        endInsertRows();
    });
    connect(queue, &TransferQueue::rowChanged, this, [this](int row) {
        if (row >= 0 && row < m_rows)
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    });
    connect(queue, &TransferQueue::aboutToReset, this, [this] { beginResetModel(); });
    connect(queue, &TransferQueue::reset, this, [this] {
        m_rows = m_queue->count();
        endResetModel();
    });
}

TransferStatus TransferQueueModel::statusAt(int row) const
{
    return m_queue && row >= 0 && row < m_rows ? m_queue->status(row) : TransferStatus{};
}

int TransferQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int TransferQueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString TransferQueueModel::stateText(const TransferStatus &status)
{
    switch (status.state) {
    case TransferState::Waiting: return tr("Waiting");
    case TransferState::Running:
        return status.direction == TransferDirection::Upload ? tr("Uploading") : tr("Downloading");
    case TransferState::Paused: return tr("Paused");
    case TransferState::Completed: return tr("Done");
    case TransferState::Failed: return tr("Failed");
    case TransferState::Cancelled: return tr("Cancelled");
    }
    return {};
}

QVariant TransferQueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_queue)
        return {};
    const TransferStatus status = m_queue->status(index.row());
    const bool upload = status.direction == TransferDirection::Upload;

    if (role == StatusRole)
        return QVariant::fromValue(status);
    if (role == IdRole)
        return status.id;
    if (role == ProgressRole) {
        if (status.totalBytes <= 0)
            return status.state == TransferState::Completed ? 1000 : -1;
        return int(std::clamp<qint64>(status.bytesDone * 1000 / status.totalBytes, 0, 1000));
    }
    if (role == Qt::ForegroundRole && index.column() == StateColumn && status.state == TransferState::Failed)
        return QColor(Qt::darkRed);
    if (role == Qt::ToolTipRole) {
        QString tip = upload ? tr("%1\nfrom %2").arg(withInvisiblesShown(status.key), status.localPath)
                             : tr("%1\nto %2").arg(withInvisiblesShown(status.key), status.localPath);
        if (status.resumed)
            tip += tr("\nresumed from an earlier run");
        if (!status.error.isEmpty())
            tip += QStringLiteral("\n\n") + status.error;
        return tip;
    }
    if (role != Qt::DisplayRole)
        return {};

    switch (index.column()) {
    case FileColumn: return withInvisiblesShown(status.key.isEmpty() ? QFileInfo(status.localPath).fileName() : status.key);
    case DirectionColumn: return upload ? tr("Upload") : tr("Download");
    case ProgressColumn:
        return status.totalBytes > 0
            ? tr("%1 of %2").arg(formatBytes(status.bytesDone), formatBytes(status.totalBytes))
            : formatBytes(status.bytesDone);
    case SpeedColumn: return status.state == TransferState::Running ? formatSpeed(status.bytesPerSecond) : QString();
    case TimeLeftColumn:
        return status.state == TransferState::Running && status.secondsLeft >= 0 ? formatDuration(status.secondsLeft)
                                                                                  : QString();
    case StateColumn:
        return status.error.isEmpty() ? stateText(status) : tr("%1: %2").arg(stateText(status), status.error);
    }
    return {};
}

QVariant TransferQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case FileColumn: return tr("File");
    case DirectionColumn: return tr("Direction");
    case ProgressColumn: return tr("Progress");
    case SpeedColumn: return tr("Speed");
    case TimeLeftColumn: return tr("Time left");
    case StateColumn: return tr("State");
    }
    return {};
}

} // namespace edge::ui
