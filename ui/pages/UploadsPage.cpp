#include "UploadsPage.h"

#include "application/EventBus.h"
#include "application/uploads/TransferQueue.h"
#include "common/PageActions.h"
#include "common/UploadFormatting.h"
#include "common/UserFormatting.h"
#include "dialogs/FileDialogs.h"
#include "models/UploadsTableModel.h"
#include "pages/TransfersPane.h"
#include "pages/UploadDeletion.h"
#include "pages/UploadFilterBar.h"
#include "pages/UploadPreviewPane.h"

#include <QAction>
#include <QClipboard>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHeaderView>
#include <QMimeData>
#include <QSet>
#include <QStandardPaths>
#include <QTableView>

namespace edge::ui {

namespace {
// The local files a drag carries; empty when it carries anything else.
QStringList localPathsOf(const QMimeData *mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl &url : mime->urls()) {
        if (!url.isLocalFile())
            return {};
        paths.append(url.toLocalFile());
    }
    return paths;
}

// "name.txt", "name (2).txt", ...: a free file name in `folder` among `taken` names too.
QString freeName(const QDir &folder, const QString &name, QSet<QString> &taken)
{
    const QFileInfo info(name);
    const QString stem = info.completeBaseName();
    const QString suffix = info.suffix().isEmpty() ? QString() : QStringLiteral(".") + info.suffix();
    QString candidate = name;
    for (int n = 2; taken.contains(candidate) || folder.exists(candidate); ++n)
        candidate = QStringLiteral("%1 (%2)%3").arg(stem).arg(n).arg(suffix);
    taken.insert(candidate);
    return candidate;
}
} // namespace

UploadsPage::UploadsPage(EventBus &events, TransferJournal &journal, QWidget *parent)
    : ListPage(tr("Uploads"), QStringLiteral("uploads"), new UploadsTableModel, parent)
    , m_model(static_cast<UploadsTableModel *>(model()))
    , m_queue(new TransferQueue(journal, {}, this))
{
    setAcceptDrops(true);
    m_lastDownloadFolder = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);

    m_eventRefreshDelay.setSingleShot(true);
    m_eventRefreshDelay.setInterval(0);
    connect(&m_eventRefreshDelay, &QTimer::timeout, this, [this] { refreshKeepingSelection(); });

    m_deletion = new UploadDeletion(this);
    connect(m_deletion, &UploadDeletion::statusMessage, this, &ConsolePage::statusMessage);
    connect(m_deletion, &UploadDeletion::busyChanged, this, &UploadsPage::updateActions);
    connect(m_deletion, &UploadDeletion::finished, this, [this] { refreshKeepingSelection(); });

    buildActions();
    addToolBarActions({m_uploadFilesAction, m_uploadFolderAction, m_downloadAction, m_deleteAction});
    addToolBarSeparator();
    addToolBarActions({m_copyKeyAction, m_refreshAction});
    enableSearch(tr("Search files by name (%1)").arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)),
                 SearchPlace::FilterRow);

    m_filters = new UploadFilterBar;
    setFilterBar(m_filters);
    connect(m_filters, &UploadFilterBar::changed, this, &UploadsPage::applyFilters);

    setCountText([this](qint64) {
        const QString rows = formatCount(m_model->rowCount());
        if (m_model->isLoading() && m_model->rowCount() == 0)
            return tr("Loading…");
        const QString count = m_model->hasMoreRows() ? tr("%1+").arg(rows) : rows;
        if (m_model->isFiltered())
            return m_model->rowCount() == 1 && !m_model->hasMoreRows() ? tr("1 match") : tr("%1 matches").arg(count);
        return m_model->rowCount() == 1 && !m_model->hasMoreRows() ? tr("1 file") : tr("%1 files").arg(count);
    });
    setLoadErrorText(tr("Could not list the files: %1"));

    QHeaderView *header = table()->horizontalHeader();
    header->setStretchLastSection(false);
    // The key is what people look for: it keeps its width, the original name gives way.
    header->setMinimumSectionSize(60);
    header->resizeSection(UploadsTableModel::KeyColumn, 250);
    header->setSectionResizeMode(UploadsTableModel::OriginalNameColumn, QHeaderView::Stretch);
    header->resizeSection(UploadsTableModel::SizeColumn, 72);
    header->resizeSection(UploadsTableModel::TypeColumn, 110);
    header->resizeSection(UploadsTableModel::UploadedByColumn, 90);
    header->resizeSection(UploadsTableModel::UploadedAtColumn, 122);
    header->resizeSection(UploadsTableModel::Sha256Column, 100);
    setInitialSort(UploadsTableModel::UploadedAtColumn, Qt::DescendingOrder);
    enableMultiSelection();
    table()->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *showFolder = new QAction(tr("Show this file's &folder"), this);
    showFolder->setObjectName(QStringLiteral("showUploadFolderAction"));
    connect(showFolder, &QAction::triggered, this, &UploadsPage::openFolderOfCurrent);
    table()->addActions({m_downloadAction, m_copyKeyAction, showFolder, m_deleteAction});

    m_preview = new UploadPreviewPane;
    setDetailPane(m_preview, {880, 330});
    connect(m_preview, &UploadPreviewPane::copyKeyRequested, this, &UploadsPage::copyKeyOfCurrent);

    m_transfersPane = new TransfersPane(*m_queue);
    setBottomPane(m_transfersPane, {560, 170});

    connect(m_queue, &TransferQueue::uploadFinished, this, [this] { m_eventRefreshDelay.start(); });
    connect(m_queue, &TransferQueue::downloadFinished, this, [this](const QString &key, const QString &path) {
        emit statusMessage(tr("Downloaded %1 to %2").arg(key, QDir::toNativeSeparators(path)));
    });
    connect(&events, &EventBus::published, this, &UploadsPage::onDomainEvent);
    connect(this, &ListPage::searchChanged, this, &UploadsPage::applyFilters);
    connect(this, &ListPage::currentRowChanged, this, [this] {
        m_preview->showUpload(currentUpload());
        updateActions();
    });
    connect(this, &ListPage::selectionChanged, this, &UploadsPage::updateActions);

    setServices(nullptr, tr("No store is open."));
}

UploadsPage::~UploadsPage() = default;

void UploadsPage::buildActions()
{
    m_uploadFilesAction = new QAction(themedIcon(QStringLiteral("document-send"), QStringLiteral(":/icons/lesson-new.svg")),
                                      tr("&Upload files…"), this);
    m_uploadFilesAction->setObjectName(QStringLiteral("uploadFilesAction"));
    m_uploadFilesAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_U));
    setToolTipWithShortcut(m_uploadFilesAction, tr("Upload files into the folder shown (or drop them on the list)"));
    connect(m_uploadFilesAction, &QAction::triggered, this, &UploadsPage::chooseFilesToUpload);

    m_uploadFolderAction = new QAction(tr("Upload f&older…"), this);
    m_uploadFolderAction->setObjectName(QStringLiteral("uploadFolderAction"));
    m_uploadFolderAction->setToolTip(tr("Upload a folder with everything in it, keeping its structure"));
    connect(m_uploadFolderAction, &QAction::triggered, this, &UploadsPage::chooseFolderToUpload);

    m_downloadAction = new QAction(themedIcon(QStringLiteral("document-save"), QString()), tr("&Download…"), this);
    m_downloadAction->setObjectName(QStringLiteral("downloadUploadAction"));
    m_downloadAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    setToolTipWithShortcut(m_downloadAction, tr("Save the selected files on this computer"));
    connect(m_downloadAction, &QAction::triggered, this, &UploadsPage::downloadSelected);

    // Delete only where the table has focus: in the search box the key deletes text.
    m_deleteAction = new QAction(themedIcon(QStringLiteral("edit-delete"), QStringLiteral(":/icons/user-delete.svg")),
                                 tr("De&lete…"), this);
    m_deleteAction->setObjectName(QStringLiteral("deleteUploadAction"));
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetShortcut);
    setToolTipWithShortcut(m_deleteAction, tr("Delete the selected files from the store"));
    connect(m_deleteAction, &QAction::triggered, this, &UploadsPage::deleteSelected);

    m_copyKeyAction = new QAction(themedIcon(QStringLiteral("edit-copy"), QString()), tr("&Copy key"), this);
    m_copyKeyAction->setObjectName(QStringLiteral("copyUploadKeyAction"));
    m_copyKeyAction->setShortcut(QKeySequence::Copy);
    m_copyKeyAction->setShortcutContext(Qt::WidgetShortcut);
    setToolTipWithShortcut(m_copyKeyAction, tr("Copy the selected file's key (how lessons link to it)"));
    connect(m_copyKeyAction, &QAction::triggered, this, &UploadsPage::copyKeyOfCurrent);

    m_refreshAction = new QAction(themedIcon(QStringLiteral("view-refresh"), QStringLiteral(":/icons/view-refresh.svg")),
                                  tr("Re&fresh"), this);
    m_refreshAction->setObjectName(QStringLiteral("refreshUploadsAction"));
    m_refreshAction->setShortcut(Qt::Key_F5);
    setToolTipWithShortcut(m_refreshAction, tr("List the files again"));
    connect(m_refreshAction, &QAction::triggered, this, [this] { refreshKeepingSelection(); });

    addActions({m_uploadFilesAction, m_downloadAction, m_refreshAction});
    table()->addAction(m_deleteAction);
    table()->addAction(m_copyKeyAction);
}

void UploadsPage::setServices(std::shared_ptr<Services> services, const QString &noStoreMessage)
{
    if (services != m_attached) {
        // Uploads running for the previous store pause in the journal; this store's resume.
        if (services)
            m_queue->attach(services);
        else
            m_queue->detach();
        m_attached = services;
    }
    m_deletion->setServices(services);
    m_preview->setServices(services);
    m_filters->setEnabled(services != nullptr);
    ListPage::setServices(std::move(services), noStoreMessage);
    updateActions();
}

void UploadsPage::setAccess(const ConsoleAccess &access)
{
    m_access = access;
    m_uploadFilesAction->setVisible(access.uploadsWritable());
    m_uploadFolderAction->setVisible(access.uploadsWritable());
    m_deleteAction->setVisible(access.uploadsDeletable());
    updateActions();
}

QString UploadsPage::unfinishedWork() const
{
    int unfinished = 0;
    for (int row = 0; row < m_queue->count(); ++row) {
        const TransferState state = m_queue->status(row).state;
        unfinished += state == TransferState::Waiting || state == TransferState::Running ? 1 : 0;
    }
    if (unfinished == 0)
        return {};
    return unfinished == 1 ? tr("1 transfer is not finished.") : tr("%1 transfers are not finished.").arg(unfinished);
}

std::optional<Upload> UploadsPage::currentUpload() const
{
    const std::optional<QVariant> row = currentRow();
    return row && row->isValid() ? std::optional<Upload>(row->value<Upload>()) : std::nullopt;
}

QList<Upload> UploadsPage::selectedUploads() const
{
    QList<Upload> uploads;
    for (const QVariant &row : selectedRows())
        uploads.append(row.value<Upload>());
    if (uploads.isEmpty()) {
        if (const std::optional<Upload> current = currentUpload())
            uploads.append(*current);
    }
    return uploads;
}

void UploadsPage::updateActions()
{
    const bool open = services() != nullptr;
    const int selected = open ? int(selectedUploads().size()) : 0;
    m_uploadFilesAction->setEnabled(open && m_access.uploadsWritable());
    m_uploadFolderAction->setEnabled(open && m_access.uploadsWritable());
    m_downloadAction->setEnabled(selected > 0);
    m_deleteAction->setEnabled(selected > 0 && m_access.uploadsDeletable() && !m_deletion->isBusy());
    m_copyKeyAction->setEnabled(selected == 1);
    m_refreshAction->setEnabled(open);
}

void UploadsPage::applyFilters()
{
    stopKeepingSelected();
    m_model->setFilters(m_filters->folder(), searchText(), m_filters->contentType());
}

QString UploadsPage::keyFor(const QString &localPath) const
{
    return m_filters->folder() + QFileInfo(localPath).fileName();
}

void UploadsPage::uploadPaths(const QStringList &paths)
{
    if (!services() || !m_access.uploadsWritable())
        return;
    int files = 0;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (info.isDir()) {
            m_queue->addFolder(info.absoluteFilePath(), m_filters->folder());
            continue;
        }
        const QString name = info.fileName();
        m_queue->addUpload(info.absoluteFilePath(), UploadNaming(keyFor(path), name, contentTypeForFile(name)));
        ++files;
    }
    if (files == paths.size())
        emit statusMessage(files == 1 ? tr("Queued 1 file for upload") : tr("Queued %1 files for upload").arg(files));
    else
        emit statusMessage(tr("Queued %1 files and folders for upload").arg(paths.size()));
}

void UploadsPage::chooseFilesToUpload()
{
    FileDialogs::chooseFilesToUpload(this, QDir::homePath(), [this](const QStringList &paths) { uploadPaths(paths); });
}

void UploadsPage::chooseFolderToUpload()
{
    FileDialogs::chooseFolder(this, tr("Upload a folder"), QDir::homePath(),
                              [this](const QString &path) { uploadPaths({path}); });
}

void UploadsPage::downloadSelected()
{
    const QList<Upload> uploads = selectedUploads();
    if (uploads.isEmpty() || !services())
        return;
    if (uploads.size() == 1) {
        const Upload upload = uploads.first();
        const QString name = upload.originalName.isEmpty() ? Upload::baseNameOf(upload.key) : upload.originalName;
        FileDialogs::chooseDownloadTarget(this, QDir(m_lastDownloadFolder).filePath(name),
                                          [this, key = upload.key](const QString &path) {
                                              m_lastDownloadFolder = QFileInfo(path).absolutePath();
                                              m_queue->addDownload(key, path);
                                          });
        return;
    }
    FileDialogs::chooseFolder(this, tr("Download %1 files to").arg(uploads.size()), m_lastDownloadFolder,
                              [this, uploads](const QString &folderPath) {
                                  m_lastDownloadFolder = folderPath;
                                  const QDir folder(folderPath);
                                  QSet<QString> taken;
                                  for (const Upload &upload : uploads) {
                                      const QString name = freeName(folder, Upload::baseNameOf(upload.key), taken);
                                      m_queue->addDownload(upload.key, folder.filePath(name));
                                  }
                              });
}

void UploadsPage::deleteSelected()
{
    if (!m_access.uploadsDeletable())
        return;
    QStringList keys;
    for (const Upload &upload : selectedUploads())
        keys.append(upload.key);
    m_deletion->remove(keys);
}

void UploadsPage::copyKeyOfCurrent()
{
    if (const std::optional<Upload> upload = currentUpload()) {
        QGuiApplication::clipboard()->setText(upload->key);
        emit statusMessage(tr("Copied %1").arg(upload->key));
    }
}

void UploadsPage::openFolderOfCurrent()
{
    if (const std::optional<Upload> upload = currentUpload())
        m_filters->setFolder(folderOfKey(upload->key));
}

void UploadsPage::onDomainEvent(const DomainEvent &event)
{
    if (event.subjectType == QLatin1String("upload"))
        m_eventRefreshDelay.start();
}

void UploadsPage::dragEnterEvent(QDragEnterEvent *event)
{
    if (services() && m_access.uploadsWritable() && !localPathsOf(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else
        event->ignore();
}

void UploadsPage::dragMoveEvent(QDragMoveEvent *event)
{
    if (services() && m_access.uploadsWritable() && !localPathsOf(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else
        event->ignore();
}

void UploadsPage::dropEvent(QDropEvent *event)
{
    const QStringList paths = localPathsOf(event->mimeData());
    if (paths.isEmpty() || !services() || !m_access.uploadsWritable()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    uploadPaths(paths);
}

} // namespace edge::ui
