#pragma once

#include "application/uploads/TransferQueue.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace edge::ui {

// The transfer queue as a table for the Transfers pane: one row per transfer with its
// progress (ProgressRole for the progress bar delegate), speed, time left, state and error.
// Rows follow the queue's signals; the queue outlives or owns nothing of the model.
class TransferQueueModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { FileColumn, DirectionColumn, ProgressColumn, SpeedColumn, TimeLeftColumn, StateColumn, ColumnCount };
    enum Role {
        ProgressRole = Qt::UserRole + 1, // int 0..1000 (per mille), -1 when the size is not known
        StatusRole,                      // the row's TransferStatus
        IdRole,                          // the transfer's id
    };

    explicit TransferQueueModel(TransferQueue *queue, QObject *parent = nullptr);

    TransferQueue *queue() const { return m_queue; }
    TransferStatus statusAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString stateText(const TransferStatus &status);

private:
    QPointer<TransferQueue> m_queue;
    int m_rows = 0; // what the view was told; the queue may be ahead between its signals
};

} // namespace edge::ui

Q_DECLARE_METATYPE(edge::TransferStatus)
