#include "LearnerDashboard.h"

#include "application/EventBus.h"
#include "common/PageActions.h"
#include "common/UserFormatting.h"
#include "domain/Text.h"
#include "models/ProgressTableModel.h"
#include "pages/ProgressCorrections.h"
#include "pages/UserDetailPane.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace edge::ui {

LearnerDashboard *LearnerDashboard::open(std::shared_ptr<Services> services, EventBus &events,
                                         const ConsoleAccess &access, const QString &userId, QWidget *owner)
{
    for (LearnerDashboard *open : owner->findChildren<LearnerDashboard *>(Qt::FindDirectChildrenOnly)) {
        if (open->userId() == userId && open->m_services == services) {
            open->raise();
            open->activateWindow();
            return open;
        }
    }
    auto *dashboard = new LearnerDashboard(std::move(services), events, access, userId, owner);
    dashboard->show();
    dashboard->activateWindow();
    return dashboard;
}

LearnerDashboard::LearnerDashboard(std::shared_ptr<Services> services, EventBus &events, const ConsoleAccess &access,
                                   const QString &userId, QWidget *owner)
    : QWidget(owner, Qt::Window)
    , m_services(std::move(services))
    , m_access(access)
    , m_userId(userId)
{
    setObjectName(QStringLiteral("learnerDashboard"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Learner dashboard"));
    resize(1150, 620);

    m_corrections = new ProgressCorrections(this);
    m_corrections->setServices(m_services);
    m_corrections->setAccess(access);

    m_detail = new UserDetailPane;
    m_detail->setRecentProgressShown(false); // every row is listed beside it
    m_detail->setServices(m_services);
    m_detail->showUserId(userId);
    connect(m_detail, &UserDetailPane::dashboardShown, this, [this](const UserDashboard &dashboard) {
        setWindowTitle(tr("%1 — learner dashboard").arg(dashboard.user.email().value()));
    });

    m_model = new ProgressTableModel(this);
    m_model->changeFilters([&userId](ProgressListQuery &query) { query.userId = userId; });
    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("learnerProgressTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setColumnHidden(ProgressTableModel::LearnerColumn, true); // the same learner on every row
    QHeaderView *header = m_table->horizontalHeader();
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setStretchLastSection(false);
    header->setSectionResizeMode(ProgressTableModel::LessonColumn, QHeaderView::Stretch);
    header->resizeSection(ProgressTableModel::TrackColumn, 100);
    header->resizeSection(ProgressTableModel::CompletedColumn, 80);
    header->resizeSection(ProgressTableModel::ScoreColumn, 60);
    header->resizeSection(ProgressTableModel::CompletedAtColumn, 122);
    header->resizeSection(ProgressTableModel::UpdatedColumn, 122);
    header->setSortIndicator(ProgressTableModel::UpdatedColumn, Qt::DescendingOrder);
    m_table->setSortingEnabled(true);
    connect(header, &QHeaderView::sortIndicatorChanged, this, [this, header](int column, Qt::SortOrder) {
        if (!m_model->isSortable(column)) { // put the indicator back on the query's column
            const QSignalBlocker quiet(header);
            header->setSortIndicator(ProgressTableModel::UpdatedColumn, Qt::DescendingOrder);
        }
    });

    m_count = new QLabel;
    m_count->setObjectName(QStringLiteral("learnerProgressCount"));
    connect(m_model, &PagedTableModel::totalCountChanged, this, [this](qint64 total) {
        m_count->setText(total < 0 ? tr("Counting…")
                                   : total == 1 ? tr("1 lesson started") : tr("%1 lessons started").arg(formatCount(total)));
    });
    connect(m_model, &PagedTableModel::loadFailed, this,
            [this](const QString &message) { m_count->setText(tr("Could not read the progress: %1").arg(message)); });

    m_correctAction = new QAction(tr("&Correct…"), this);
    m_correctAction->setObjectName(QStringLiteral("dashboardCorrectAction"));
    m_correctAction->setShortcut(Qt::Key_F2);
    setToolTipWithShortcut(m_correctAction, tr("Correct the selected record"));
    connect(m_correctAction, &QAction::triggered, this, [this] {
        if (const std::optional<ProgressEntry> entry = currentEntry())
            m_corrections->correct(*entry);
    });
    m_resetAction = new QAction(tr("&Reset…"), this);
    m_resetAction->setObjectName(QStringLiteral("dashboardResetAction"));
    m_resetAction->setToolTip(tr("Delete the selected record: the learner starts the lesson afresh"));
    connect(m_resetAction, &QAction::triggered, this, [this] {
        if (const std::optional<ProgressEntry> entry = currentEntry())
            m_corrections->reset(*entry);
    });
    m_refreshAction = new QAction(themedIcon(QStringLiteral("view-refresh"), QStringLiteral(":/icons/view-refresh.svg")),
                                  tr("Re&fresh"), this);
    m_refreshAction->setObjectName(QStringLiteral("dashboardRefreshAction"));
    m_refreshAction->setShortcut(Qt::Key_F5);
    setToolTipWithShortcut(m_refreshAction, tr("Read the learner and their progress again"));
    connect(m_refreshAction, &QAction::triggered, this, [this] {
        m_model->refresh();
        m_detail->reload();
    });
    addActions({m_correctAction, m_refreshAction});
    const bool writable = m_corrections->isWritable();
    m_correctAction->setVisible(writable);
    m_resetAction->setVisible(writable);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addActions({m_correctAction, m_resetAction});
    if (writable)
        connect(m_table, &QAbstractItemView::activated, m_correctAction, &QAction::trigger);

    auto *toolBar = new QToolBar;
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->setIconSize(QSize(16, 16));
    toolBar->addActions({m_correctAction, m_resetAction});
    toolBar->addSeparator();
    toolBar->addAction(m_refreshAction);

    auto *listTitle = new QLabel(tr("<b>Every lesson started</b>"));
    auto *list = new QWidget;
    auto *listLayout = new QVBoxLayout(list);
    listLayout->setContentsMargins(4, 4, 0, 0);
    auto *listHeader = new QHBoxLayout;
    listHeader->addWidget(listTitle);
    listHeader->addStretch();
    listHeader->addWidget(m_count);
    listLayout->addLayout(listHeader);
    listLayout->addWidget(m_table, 1);

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(m_detail);
    splitter->addWidget(list);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({380, 770});
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 0, 6, 6);
    layout->addWidget(toolBar);
    layout->addWidget(splitter, 1);

    m_refreshDelay.setSingleShot(true);
    m_refreshDelay.setInterval(0);
    connect(&m_refreshDelay, &QTimer::timeout, this, [this] {
        m_model->refresh();
        m_detail->reload();
    });
    connect(&events, &EventBus::published, this, &LearnerDashboard::onDomainEvent);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &LearnerDashboard::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &LearnerDashboard::updateActions);
    connect(m_corrections, &ProgressCorrections::busyChanged, this, &LearnerDashboard::updateActions);
    m_model->setServices(m_services);
    updateActions();
}

std::optional<ProgressEntry> LearnerDashboard::currentEntry() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? m_model->progressAt(current.row()) : std::nullopt;
}

void LearnerDashboard::updateActions()
{
    const bool hasRow = currentEntry().has_value();
    m_correctAction->setEnabled(m_corrections->isWritable() && hasRow);
    m_resetAction->setEnabled(m_corrections->isWritable() && hasRow && !m_corrections->isResetting());
}

void LearnerDashboard::onDomainEvent(const DomainEvent &event)
{
    const bool theirProgress = event.subjectType == QLatin1String("progress")
        && event.subjectId.startsWith(m_userId + QLatin1Char(':'));
    const bool them = event.subjectType == QLatin1String("user") && event.subjectId == m_userId;
    const bool aLesson = event.subjectType == QLatin1String("lesson"); // titles, or a lesson deleted with its rows
    if (theirProgress || them || aLesson)
        m_refreshDelay.start();
}

} // namespace edge::ui
