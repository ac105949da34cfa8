#pragma once

#include "application/ports/TransferJournal.h"
#include "pages/ListPage.h"

#include <optional>

class QAction;
class QDragEnterEvent;
class QDropEvent;

namespace edge {
class EventBus;
class TransferQueue;
struct DomainEvent;
} // namespace edge

namespace edge::ui {

class TransfersPane;
class UploadDeletion;
class UploadFilterBar;
class UploadPreviewPane;
class UploadsTableModel;

// The store's files (what support staff upload for learners): the shared list page over the
// uploads list (read by cursor as the view scrolls), search by name, folder (key prefix)
// and content type filters, a detail pane with a preview of images and text, and the
// transfer queue below: uploads from a file picker, a folder or files dropped on the page
// (into the folder shown), downloads to a chosen file or folder, deletes after asking. The
// queue lives as long as the page and keeps unfinished uploads in the journal: they resume
// when the same store opens again.
class UploadsPage final : public ListPage
{
    Q_OBJECT

public:
    UploadsPage(EventBus &events, TransferJournal &journal, QWidget *parent = nullptr);
    ~UploadsPage() override;

    bool isAvailableTo(const ConsoleAccess &access) const override { return access.uploadsVisible(); }
    void setServices(std::shared_ptr<Services> services, const QString &noStoreMessage) override;
    void setAccess(const ConsoleAccess &access) override;
    QString unfinishedWork() const override;

    UploadsTableModel *uploadsModel() const { return m_model; }
    TransferQueue &transfers() const { return *m_queue; }
    TransfersPane *transfersPane() const { return m_transfersPane; }
    UploadPreviewPane *previewPane() const { return m_preview; }
    UploadFilterBar *filterBar() const { return m_filters; }

    // Queues these local files and folders under the folder shown (what a drop does).
    void uploadPaths(const QStringList &paths);
    // The key a local file gets in the folder shown.
    QString keyFor(const QString &localPath) const;

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildActions();
    void chooseFilesToUpload();
    void chooseFolderToUpload();
    void downloadSelected();
    void deleteSelected();
    void copyKeyOfCurrent();
    void applyFilters();
    void openFolderOfCurrent();
    void onDomainEvent(const DomainEvent &event);
    void updateActions();
    QList<Upload> selectedUploads() const;
    std::optional<Upload> currentUpload() const;

    UploadsTableModel *m_model;
    TransferQueue *m_queue;
    std::shared_ptr<Services> m_attached; // the store the queue works with
    UploadFilterBar *m_filters = nullptr;
    UploadPreviewPane *m_preview = nullptr;
    TransfersPane *m_transfersPane = nullptr;
    UploadDeletion *m_deletion = nullptr;
    ConsoleAccess m_access;
    QTimer m_eventRefreshDelay; // one refresh for a burst of uploads
    QString m_lastDownloadFolder;

    QAction *m_uploadFilesAction = nullptr;
    QAction *m_uploadFolderAction = nullptr;
    QAction *m_downloadAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_copyKeyAction = nullptr;
    QAction *m_refreshAction = nullptr;
};

} // namespace edge::ui
