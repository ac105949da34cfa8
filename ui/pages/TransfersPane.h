#pragma once

#include <QWidget>

class QAction;
class QLabel;
class QTableView;
class QToolBar;

namespace edge {
class TransferQueue;
}

namespace edge::ui {

class TransferQueueModel;

// The Transfers list under the Uploads table (FileZilla's queue): one row per upload or
// download with a progress bar, speed, time left, state and error, and Pause, Resume/Retry,
// Cancel and Clear finished over the selected rows. Cancelling an upload abandons it (its
// multipart upload is aborted on the store), so it asks first.
class TransfersPane final : public QWidget
{
    Q_OBJECT

public:
    explicit TransfersPane(TransferQueue &queue, QWidget *parent = nullptr);

    TransferQueueModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }

    void pauseSelected();
    void resumeSelected();
    void cancelSelected(); // asks when an unfinished upload is among them
    void clearFinished();

private:
    QStringList selectedIds() const;
    void updateActions();
    void updateSummary();

    TransferQueue &m_queue;
    TransferQueueModel *m_model;
    QTableView *m_table;
    QLabel *m_summary;
    QAction *m_pauseAction;
    QAction *m_resumeAction;
    QAction *m_cancelAction;
    QAction *m_clearAction;
};

} // namespace edge::ui
