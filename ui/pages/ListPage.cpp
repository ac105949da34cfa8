#include "ListPage.h"

#include "models/PagedTableModel.h"

#include <QAction>
#include <QDataStream>
#include <QHeaderView>
#include <QLabel>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QProgressBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace edge::ui {

ListPage::ListPage(const QString &title, const QString &key, PagedTableModel *model, QWidget *parent)
    : ConsolePage(title, key, parent)
    , m_model(model)
{
    m_model->setParent(this);
    m_countText = [](qint64 total) { return total < 0 ? tr("Counting…") : QString::number(total); };
    m_loadErrorText = tr("Could not load the list: %1");
    m_searchDelay.setSingleShot(true);
    connect(&m_searchDelay, &QTimer::timeout, this, &ListPage::applySearch);
    buildLayout();

    connect(m_model, &PagedTableModel::totalCountChanged, this, &ListPage::showTotal);
    // A list the store cannot count says how many rows it has read so far.
    connect(m_model, &PagedTableModel::loadedRowsChanged, this, [this] {
        if (!m_model->isCounted())
            showTotal(m_model->totalCount());
    });
    connect(m_model, &PagedTableModel::loadingChanged, this, [this](bool loading) {
        m_busy->setVisible(loading);
        // An uncounted list that turned out empty has no page to announce it: say so now.
        if (!m_model->isCounted())
            showTotal(m_model->totalCount());
    });
    connect(m_model, &PagedTableModel::pageArrived, this, &ListPage::onRowsArrived);
    connect(m_model, &PagedTableModel::loadFailed, this, [this](const QString &message) {
        m_loadError->setText(m_loadErrorText.arg(message));
        m_loadError->show();
        emit statusMessage(m_loadError->text());
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &ListPage::currentRowChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        m_keepSelectedId.clear(); // the user moved on; do not pull the selection back
        emit currentRowChanged();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ListPage::selectionChanged);
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
            &ListPage::onSortIndicatorChanged);
}

void ListPage::buildLayout()
{
    m_toolBar = new QToolBar(title());
    m_toolBar->setObjectName(key() + QStringLiteral("ToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setIconSize(QSize(16, 16));

    m_busy = new QProgressBar;
    m_busy->setObjectName(key() + QStringLiteral("LoadingIndicator"));
    m_busy->setRange(0, 0);
    m_busy->setMaximumSize(60, 12);
    m_busy->setTextVisible(false);
    m_busy->setToolTip(tr("Loading…"));
    m_busy->hide();

    m_total = new QLabel;
    m_total->setObjectName(key() + QStringLiteral("TotalLabel"));
    m_total->setMinimumWidth(110);
    m_total->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    m_search = new QLineEdit;
    m_search->setObjectName(key() + QStringLiteral("SearchEdit"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(260);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        const qsizetype length = text.trimmed().size();
        m_searchDelay.start(length == 0 || length >= IndexedSearchMinLength ? IndexedSearchDelayMs : SearchDelayMs);
    });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        applySearch();
        m_table->setFocus(Qt::OtherFocusReason);
    });

    auto *spacer = new QWidget;
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_searchAnchor = m_toolBar->addWidget(spacer);
    m_toolBar->addWidget(m_busy);
    m_toolBar->addWidget(m_total);

    m_loadError = new QLabel;
    m_loadError->setObjectName(key() + QStringLiteral("ErrorLabel"));
    m_loadError->setWordWrap(true);
    m_loadError->setStyleSheet(QStringLiteral("background: #fdecea; color: #8a1f11; padding: 4px;"));
    m_loadError->hide();

    m_table = new QTableView;
    m_table->setObjectName(key() + QStringLiteral("Table"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setCornerButtonEnabled(false);
    // Fixed row heights: a million rows must not be measured one by one.
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setMinimumSectionSize(60);
    header->setStretchLastSection(true);

    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setObjectName(key() + QStringLiteral("Splitter"));
    m_splitter->addWidget(m_table);
    m_splitter->setChildrenCollapsible(false);

    m_filterSlot = new QWidget;
    auto *filterLayout = new QHBoxLayout(m_filterSlot);
    filterLayout->setContentsMargins(0, 0, 0, 0);
    filterLayout->setSpacing(12);
    m_filterSlot->hide();

    m_noStore = new QLabel;
    m_noStore->setObjectName(key() + QStringLiteral("NoStoreLabel"));
    m_noStore->setAlignment(Qt::AlignCenter);
    m_noStore->setWordWrap(true);

    auto *content = new QWidget;
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(4);
    contentLayout->addWidget(m_filterSlot);
    contentLayout->addWidget(m_loadError);
    contentLayout->addWidget(m_splitter, 1);

    m_stack = new QStackedWidget;
    m_stack->addWidget(content);
    m_stack->addWidget(m_noStore);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 0, 6, 0);
    layout->setSpacing(2);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_stack, 1);
}

void ListPage::addToolBarActions(const QList<QAction *> &actions)
{
    m_toolBar->insertActions(m_searchAnchor, actions);
}

void ListPage::addToolBarSeparator()
{
    m_toolBar->insertSeparator(m_searchAnchor);
}

void ListPage::enableSearch(const QString &placeholder, SearchPlace place)
{
    m_search->setPlaceholderText(placeholder);
    if (place == SearchPlace::FilterRow) {
        m_search->setMinimumWidth(160); // it grows with the row; the window may still be narrow
        static_cast<QHBoxLayout *>(m_filterSlot->layout())->insertWidget(0, m_search, 2);
        m_filterSlot->show();
    } else {
        auto *gap = new QWidget;
        gap->setFixedWidth(8);
        m_toolBar->addWidget(gap);
        m_toolBar->addWidget(m_search);
    }
    m_search->show();

    auto *find = new QAction(tr("&Find"), this);
    find->setObjectName(key() + QStringLiteral("FindAction"));
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    addAction(find); // window-wide while this page is shown
}

void ListPage::setFilterBar(QWidget *filters)
{
    static_cast<QHBoxLayout *>(m_filterSlot->layout())->addWidget(filters, 1);
    m_filterSlot->show();
}

void ListPage::setDetailPane(QWidget *pane, const QList<int> &sizes)
{
    m_splitter->addWidget(pane);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes(sizes);
}

void ListPage::setBottomPane(QWidget *pane, const QList<int> &sizes)
{
    m_vertical = new QSplitter(Qt::Vertical);
    m_vertical->setObjectName(key() + QStringLiteral("VerticalSplitter"));
    m_vertical->setChildrenCollapsible(false);
    QLayout *content = m_splitter->parentWidget()->layout();
    delete content->replaceWidget(m_splitter, m_vertical);
    m_vertical->addWidget(m_splitter);
    m_vertical->addWidget(pane);
    m_vertical->setStretchFactor(0, 3);
    m_vertical->setStretchFactor(1, 2);
    m_vertical->setSizes(sizes);
}

void ListPage::setCountText(std::function<QString(qint64)> text)
{
    m_countText = std::move(text);
}

void ListPage::setLoadErrorText(const QString &text)
{
    m_loadErrorText = text;
}

void ListPage::setInitialSort(int column, Qt::SortOrder order)
{
    m_sortColumn = column;
    m_sortOrder = order;
    m_table->horizontalHeader()->setSortIndicator(column, order);
    m_table->setSortingEnabled(true);
}

void ListPage::setServices(std::shared_ptr<Services> services, const QString &noStoreMessage)
{
    m_services = std::move(services);
    m_keepSelectedId.clear();
    m_loadError->hide();
    m_noStore->setText(noStoreMessage);
    m_stack->setCurrentIndex(m_services ? 0 : 1);
    m_search->setEnabled(m_services != nullptr);
    m_model->setServices(m_services);
}

namespace {
// Marks a saved state holding both splitters (pages with a bottom pane).
constexpr quint32 TwoSplittersMark = 0x45440002;
} // namespace

QByteArray ListPage::saveState() const
{
    if (!m_vertical)
        return m_splitter->saveState();
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << TwoSplittersMark << m_splitter->saveState() << m_vertical->saveState();
    return state;
}

void ListPage::restoreState(const QByteArray &state)
{
    if (!m_vertical) {
        m_splitter->restoreState(state);
        return;
    }
    QDataStream in(state);
    quint32 mark = 0;
    QByteArray horizontal, vertical;
    in >> mark >> horizontal >> vertical;
    if (mark != TwoSplittersMark || in.status() != QDataStream::Ok)
        return; // saved before the page had its bottom pane: keep the defaults
    m_splitter->restoreState(horizontal);
    m_vertical->restoreState(vertical);
}

void ListPage::enableMultiSelection()
{
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
}

QList<QVariant> ListPage::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    QList<QVariant> records;
    for (int row : rows) {
        if (const std::optional<QVariant> record = m_model->rowAt(row))
            records.append(*record);
    }
    return records;
}

std::optional<QVariant> ListPage::currentRow() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? m_model->rowAt(current.row()) : std::nullopt;
}

void ListPage::keepSelected(const QString &rowId)
{
    m_keepSelectedId = rowId;
}

QString ListPage::searchText() const
{
    return m_search->text().trimmed();
}

void ListPage::applySearch()
{
    m_searchDelay.stop();
    if (const std::optional<QVariant> row = currentRow())
        keepSelected(m_model->rowIdOf(*row));
    emit searchChanged(searchText());
}

void ListPage::refreshKeepingSelection(const QString &gone)
{
    if (!m_services)
        return;
    m_loadError->hide();
    if (m_keepSelectedId == gone)
        m_keepSelectedId.clear();
    if (m_keepSelectedId.isEmpty()) {
        const std::optional<QVariant> row = currentRow();
        if (row && m_model->rowIdOf(*row) != gone)
            m_keepSelectedId = m_model->rowIdOf(*row);
    }
    m_model->refresh();
}

void ListPage::onSortIndicatorChanged(int column, Qt::SortOrder order)
{
    if (!m_model->isSortable(column)) {
        // The store cannot sort on this column: put the indicator back where it was.
        m_table->horizontalHeader()->setSortIndicator(m_sortColumn, m_sortOrder);
        emit statusMessage(tr("%1 cannot be sorted by %2")
                               .arg(title(), m_model->headerData(column, Qt::Horizontal).toString()));
        return;
    }
    m_sortColumn = column;
    m_sortOrder = order;
    if (const std::optional<QVariant> row = currentRow())
        keepSelected(m_model->rowIdOf(*row));
}

void ListPage::onRowsArrived(int firstRow, int lastRow)
{
    m_loadError->hide();
    if (!m_keepSelectedId.isEmpty()) {
        const QModelIndex found = m_model->indexOfRow(m_keepSelectedId);
        if (found.isValid()) {
            m_keepSelectedId.clear();
            if (found.row() != m_table->currentIndex().row()) {
                m_table->setCurrentIndex(m_model->index(found.row(), 0)); // selects the row
                m_table->scrollTo(m_model->index(found.row(), 0));
            }
        }
    }
    const int current = m_table->currentIndex().row();
    if (current >= firstRow && current <= lastRow)
        emit currentRowChanged(); // its record just arrived, or changed
}

void ListPage::showTotal(qint64 total)
{
    if (m_services)
        m_total->setText(m_countText(total));
    else
        m_total->clear();
}

} // namespace edge::ui
