#include "ProgressPage.h"

#include "application/EventBus.h"
#include "common/PageActions.h"
#include "common/UserFormatting.h"
#include "models/ProgressTableModel.h"
#include "pages/LearnerDashboard.h"
#include "pages/ProgressCorrections.h"
#include "pages/ProgressFilterBar.h"
#include "pages/ProgressStatistics.h"
#include "pages/ProgressStatsPane.h"
#include "pages/ProgressTransfer.h"

#include <QAction>
#include <QCursor>
#include <QHeaderView>
#include <QMenu>
#include <QTableView>

namespace edge::ui {

ProgressPage::ProgressPage(EventBus &events, QWidget *parent)
    : ListPage(tr("Progress"), QStringLiteral("progress"), new ProgressTableModel, parent)
    , m_events(events)
    , m_model(static_cast<ProgressTableModel *>(model()))
{
    m_eventRefreshDelay.setSingleShot(true);
    m_eventRefreshDelay.setInterval(0);
    connect(&m_eventRefreshDelay, &QTimer::timeout, this, [this] {
        refreshKeepingSelection(m_resetKey);
        m_resetKey.clear();
        m_statistics->refresh();
    });

    m_corrections = new ProgressCorrections(this);
    connect(m_corrections, &ProgressCorrections::statusMessage, this, &ConsolePage::statusMessage);
    connect(m_corrections, &ProgressCorrections::busyChanged, this, &ProgressPage::updateActions);
    connect(m_corrections, &ProgressCorrections::corrected, this,
            [this](const ProgressEntry &entry) { keepSelected(entry.key()); });

    m_transfer = new ProgressTransfer(this);
    connect(m_transfer, &ProgressTransfer::statusMessage, this, &ConsolePage::statusMessage);
    connect(m_transfer, &ProgressTransfer::busyChanged, this, &ProgressPage::updateActions);

    buildActions();
    buildTransferActions();
    addToolBarActions({m_correctAction, m_resetAction, m_openLearnerAction});
    addToolBarSeparator();
    addToolBarActions({m_statisticsAction, m_transferMenuAction, m_refreshAction});
    enableSearch(tr("Search learners by email or name (%1)")
                     .arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)));

    m_filters = new ProgressFilterBar;
    setFilterBar(m_filters);
    connect(m_filters, &ProgressFilterBar::changed, this, &ProgressPage::applyFilters);

    setCountText([this](qint64 total) {
        if (total < 0)
            return tr("Counting…");
        if (!m_model->isFiltered())
            return total == 1 ? tr("1 record") : tr("%1 records").arg(formatCount(total));
        return total == 1 ? tr("1 match") : tr("%1 matches").arg(formatCount(total));
    });
    setLoadErrorText(tr("Could not load progress: %1"));

    QHeaderView *header = table()->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(ProgressTableModel::LearnerColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(ProgressTableModel::LessonColumn, QHeaderView::Stretch);
    header->resizeSection(ProgressTableModel::TrackColumn, 130);
    header->resizeSection(ProgressTableModel::CompletedColumn, 80);
    header->resizeSection(ProgressTableModel::ScoreColumn, 60);
    header->resizeSection(ProgressTableModel::CompletedAtColumn, 122);
    header->resizeSection(ProgressTableModel::UpdatedColumn, 122);
    setInitialSort(ProgressTableModel::UpdatedColumn, Qt::DescendingOrder);
    table()->setContextMenuPolicy(Qt::ActionsContextMenu);
    table()->addActions({m_openLearnerAction, m_correctAction, m_resetAction});

    m_statistics = new ProgressStatistics(this);
    m_statsPane = new ProgressStatsPane(*m_statistics);
    setBottomPane(m_statsPane, {330, 270});
    connect(m_statistics, &ProgressStatistics::tracksChanged, this,
            [this] { m_filters->setTracks(m_statistics->tracks()); });
    connect(m_statistics, &ProgressStatistics::lessonsChanged, this, [this] {
        if (m_statistics->lessonsTrack() == m_filters->track())
            m_filters->setLessons(m_statistics->lessons());
    });
    connect(m_statsPane, &ProgressStatsPane::trackChosen, m_filters, &ProgressFilterBar::chooseTrack);
    connect(m_statsPane, &ProgressStatsPane::bucketChosen, this, [this](CompletionBucket bucket) {
        m_bucket = bucket;
        applyStatisticsScope();
    });

    connect(&events, &EventBus::published, this, &ProgressPage::onDomainEvent);
    connect(this, &ListPage::searchChanged, m_model, &ProgressTableModel::setSearch);
    connect(this, &ListPage::currentRowChanged, this, &ProgressPage::updateActions);
    connect(table(), &QAbstractItemView::activated, this, &ProgressPage::openLearnerOfSelected);

    setServices(nullptr, tr("No store is open."));
}

void ProgressPage::buildActions()
{
    m_correctAction = new QAction(themedIcon(QStringLiteral("document-edit"), QStringLiteral(":/icons/user-edit.svg")),
                                  tr("&Correct…"), this);
    m_correctAction->setObjectName(QStringLiteral("correctProgressAction"));
    m_correctAction->setShortcut(Qt::Key_F2);
    setToolTipWithShortcut(m_correctAction, tr("Set the selected record's completion, score or completion time"));
    connect(m_correctAction, &QAction::triggered, this, [this] {
        if (const std::optional<ProgressEntry> entry = currentEntry())
            m_corrections->correct(*entry);
    });

    // Reset only where the table has focus: in the search box the key deletes text.
    m_resetAction = new QAction(themedIcon(QStringLiteral("edit-delete"), QStringLiteral(":/icons/user-delete.svg")),
                                tr("&Reset…"), this);
    m_resetAction->setObjectName(QStringLiteral("resetProgressAction"));
    m_resetAction->setShortcut(QKeySequence::Delete);
    m_resetAction->setShortcutContext(Qt::WidgetShortcut);
    setToolTipWithShortcut(m_resetAction, tr("Delete the selected record: the learner starts the lesson afresh"));
    connect(m_resetAction, &QAction::triggered, this, [this] {
        if (const std::optional<ProgressEntry> entry = currentEntry())
            m_corrections->reset(*entry);
    });

    m_openLearnerAction = new QAction(tr("Open &learner"), this);
    m_openLearnerAction->setObjectName(QStringLiteral("openLearnerAction"));
    m_openLearnerAction->setToolTip(tr("The selected learner's dashboard: details, totals and every lesson "
                                       "(Enter or double-click)"));
    connect(m_openLearnerAction, &QAction::triggered, this, &ProgressPage::openLearnerOfSelected);

    m_statisticsAction = new QAction(tr("&Statistics"), this);
    m_statisticsAction->setObjectName(QStringLiteral("progressStatisticsAction"));
    m_statisticsAction->setCheckable(true);
    m_statisticsAction->setChecked(true);
    m_statisticsAction->setToolTip(tr("Show or hide the statistics and charts below the list"));
    connect(m_statisticsAction, &QAction::toggled, this, [this](bool shown) { m_statsPane->setVisible(shown); });

    m_refreshAction = new QAction(themedIcon(QStringLiteral("view-refresh"), QStringLiteral(":/icons/view-refresh.svg")),
                                  tr("Re&fresh"), this);
    m_refreshAction->setObjectName(QStringLiteral("refreshProgressAction"));
    m_refreshAction->setShortcut(Qt::Key_F5);
    setToolTipWithShortcut(m_refreshAction, tr("Read the progress and the statistics again"));
    connect(m_refreshAction, &QAction::triggered, this, [this] {
        refreshKeepingSelection();
        m_statistics->refresh();
    });

    addActions({m_refreshAction});
}

void ProgressPage::buildTransferActions()
{
    m_exportAction = new QAction(tr("&Export the rows shown to CSV…"), this);
    m_exportAction->setObjectName(QStringLiteral("exportProgressAction"));
    m_exportAction->setToolTip(tr("Every row the filters and the search select, in the table's order"));
    connect(m_exportAction, &QAction::triggered, this, [this] { m_transfer->exportView(m_model->query()); });
    m_importAction = new QAction(tr("&Import progress from CSV…"), this);
    m_importAction->setObjectName(QStringLiteral("importProgressAction"));
    m_importAction->setToolTip(tr("Record or replace progress rows from a file; nothing is written while a row has a problem"));
    connect(m_importAction, &QAction::triggered, m_transfer, &ProgressTransfer::importFile);

    auto *menu = new QMenu(this);
    menu->addActions({m_exportAction, m_importAction});
    m_transferMenuAction = new QAction(themedIcon(QStringLiteral("document-save-as"), QString()), tr("Import/E&xport"), this);
    m_transferMenuAction->setObjectName(QStringLiteral("progressTransferMenuAction"));
    m_transferMenuAction->setToolTip(tr("Progress to and from CSV files"));
    m_transferMenuAction->setMenu(menu);
    connect(m_transferMenuAction, &QAction::triggered, this, [menu] { menu->popup(QCursor::pos()); });
}

void ProgressPage::setServices(std::shared_ptr<Services> services, const QString &noStoreMessage)
{
    m_corrections->setServices(services);
    m_transfer->setServices(services);
    m_statistics->setServices(services);
    m_filters->setEnabled(services != nullptr);
    ListPage::setServices(std::move(services), noStoreMessage);
    updateActions();
}

void ProgressPage::setAccess(const ConsoleAccess &access)
{
    m_access = access;
    m_corrections->setAccess(access);
    // Roles that may only read do not see corrections at all (the Worker would refuse them).
    m_correctAction->setVisible(access.progressWritable());
    m_resetAction->setVisible(access.progressWritable());
    m_importAction->setVisible(access.progressWritable());
    updateActions();
}

std::optional<ProgressEntry> ProgressPage::currentEntry() const
{
    const std::optional<QVariant> row = currentRow();
    return row ? std::optional<ProgressEntry>(row->value<ProgressEntry>()) : std::nullopt;
}

void ProgressPage::updateActions()
{
    const bool open = services() != nullptr;
    const bool hasRow = open && currentEntry().has_value();
    m_correctAction->setEnabled(m_corrections->isWritable() && hasRow);
    m_resetAction->setEnabled(m_corrections->isWritable() && hasRow && !m_corrections->isResetting());
    m_openLearnerAction->setEnabled(hasRow);
    m_refreshAction->setEnabled(open);
    m_statisticsAction->setEnabled(open);
    m_transferMenuAction->setEnabled(open);
    m_exportAction->setEnabled(open && !m_transfer->isBusy());
    m_importAction->setEnabled(m_corrections->isWritable() && !m_transfer->isBusy());
}

void ProgressPage::applyFilters()
{
    if (const std::optional<QVariant> row = currentRow())
        keepSelected(m_model->rowIdOf(*row));
    m_model->changeFilters([this](ProgressListQuery &query) { m_filters->applyTo(query); });
    applyStatisticsScope();
}

void ProgressPage::applyStatisticsScope()
{
    ProgressStatistics::Scope scope;
    scope.track = m_filters->track();
    scope.from = m_filters->completedFrom();
    scope.to = m_filters->completedTo();
    scope.bucket = m_bucket;
    m_statistics->setScope(scope);
}

void ProgressPage::openLearnerOfSelected()
{
    const std::optional<ProgressEntry> entry = currentEntry();
    if (!services() || !entry)
        return;
    LearnerDashboard::open(services(), m_events, m_access, entry->userId, this);
}

void ProgressPage::onDomainEvent(const DomainEvent &event)
{
    // Progress changes the rows and the numbers; a lesson or a user deleted takes rows with it,
    // and a lesson's title or track shows on its rows.
    const bool progress = event.subjectType == QLatin1String("progress");
    const bool lesson = event.subjectType == QLatin1String("lesson");
    const bool userGone = event.type == QLatin1String("user.deleted") || event.type == QLatin1String("user.updated");
    if (!progress && !lesson && !userGone)
        return;
    if (event.type == QLatin1String("progress.deleted"))
        m_resetKey = event.subjectId;
    m_eventRefreshDelay.start();
}

} // namespace edge::ui
