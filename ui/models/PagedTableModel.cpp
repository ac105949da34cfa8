#include "PagedTableModel.h"

#include "models/PageLoader.h"

#include <QGuiApplication>
#include <QPalette>

#include <algorithm>
#include <climits>

namespace edge::ui {

PagedTableModel::PagedTableModel(std::unique_ptr<RowSource> source, QList<TableColumn> columns,
                                 QObject *parent, int pageSize)
    : QAbstractTableModel(parent)
    , m_source(std::move(source))
    , m_columns(std::move(columns))
    , m_pageSize(pageSize)
    , m_loader(new PageLoader(*m_source, pageSize, this))
{
    m_wantedTimer.setSingleShot(true);
    m_wantedTimer.setInterval(0);
    connect(&m_wantedTimer, &QTimer::timeout, this, &PagedTableModel::requestWantedPages);
    connect(m_loader, &PageLoader::pageLoaded, this, &PagedTableModel::onPageLoaded);
    connect(m_loader, &PageLoader::countLoaded, this, &PagedTableModel::onCountLoaded);
    connect(m_loader, &PageLoader::loadFailed, this, &PagedTableModel::onLoadFailed);
    connect(m_loader, &PageLoader::busyChanged, this, [this] { emit loadingChanged(isLoading()); });
}

PagedTableModel::~PagedTableModel() = default;

void PagedTableModel::setServices(std::shared_ptr<Services> services)
{
    m_services = std::move(services);
    m_loader->setServices(m_services);
    restart();
}

void PagedTableModel::sort(int column, Qt::SortOrder order)
{
    if (m_source->setSort(column, order))
        restart();
}

void PagedTableModel::restart()
{
    beginResetModel();
    ++m_generation;
    m_pages.clear();
    m_localRows.clear();
    m_stalePages.clear();
    m_failedPages.clear();
    m_wantedPages.clear();
    m_total = -1;
    m_endSeen = false;
    m_pagedRows = 0;
    endResetModel();

    m_loader->restart(m_generation);
    emit totalCountChanged(m_total);
    if (m_services) {
        if (m_source->hasCount())
            m_loader->requestCount();
        m_loader->requestPage(0);
    }
    emit loadingChanged(isLoading());
}

void PagedTableModel::refresh()
{
    if (!m_services)
        return;
    if (!m_source->hasCount()) {
        // Without a count the row total comes from the pages alone, and a shorter reload
        // could not shrink it: read from the top again (the page keeps the selection).
        restart();
        return;
    }
    ++m_generation;
    m_loader->restart(m_generation);
    const QList<int> cached = m_pages.keys();
    m_stalePages = QSet<int>(cached.cbegin(), cached.cend());
    m_failedPages.clear();
    m_endSeen = false;
    m_loader->requestCount();
    if (m_pagedRows == 0)
        m_loader->requestPage(0);
    else // repaint what is visible: data() then asks for those pages again
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    emit loadingChanged(isLoading());
}

void PagedTableModel::prependLocalRow(const QVariant &row)
{
    if (!m_services)
        return;
    beginInsertRows({}, 0, 0);
    m_localRows.prepend(row);
    endInsertRows();
    if (m_total >= 0)
        emit totalCountChanged(++m_total);
}

void PagedTableModel::dropLocalRows()
{
    if (m_localRows.isEmpty())
        return;
    beginRemoveRows({}, 0, localCount() - 1);
    m_localRows.clear();
    endRemoveRows();
}

bool PagedTableModel::isLoading() const
{
    return m_services && (m_loader->isBusy() || (m_total < 0 && m_source->hasCount()));
}

void PagedTableModel::wantPage(int page) const
{
    if (m_loader->isPending(page) || m_failedPages.contains(page))
        return;
    m_wantedPages.insert(page);
    if (!m_wantedTimer.isActive())
        m_wantedTimer.start();
}

void PagedTableModel::requestWantedPages()
{
    QList<int> pages(m_wantedPages.cbegin(), m_wantedPages.cend());
    m_wantedPages.clear();
    // Ask for the lowest page last: the loader serves the newest request first, and the top
    // of the viewport is what people read first.
    std::sort(pages.begin(), pages.end(), std::greater<>());
    for (int page : pages) {
        const bool needed = !m_pages.contains(page) || m_stalePages.contains(page);
        if (needed && page * m_pageSize < m_pagedRows)
            m_loader->requestPage(page);
    }
}

void PagedTableModel::onPageLoaded(quint64 generation, int page, const QList<QVariant> &rows)
{
    if (generation != m_generation)
        return; // asked for an older query
    if (page == 0)
        dropLocalRows(); // the store's first page now holds what was shown locally
    m_pages.insert(page, rows);
    m_stalePages.remove(page);
    if (rows.size() < m_pageSize && m_total < 0)
        m_endSeen = true;
    evictPagesFarFrom(page);

    if (m_total < 0) // not counted yet: show what has been read
        setPagedRowCount(std::max(m_pagedRows, loadedExtent()));
    const int first = page * m_pageSize;
    const int last = std::min(first + m_pageSize, m_pagedRows) - 1;
    if (first <= last) {
        emit dataChanged(index(first + localCount(), 0), index(last + localCount(), columnCount() - 1));
        emit pageArrived(first + localCount(), last + localCount());
    }
    emit loadedRowsChanged();
}

void PagedTableModel::onCountLoaded(quint64 generation, qint64 total)
{
    if (generation != m_generation)
        return; // the count of an older query: its total must not replace this one's
    dropLocalRows(); // counted by the store now
    m_total = total;
    setPagedRowCount(int(std::min<qint64>(total, INT_MAX - localCount())));
    emit totalCountChanged(m_total);
    emit loadingChanged(isLoading());
}

void PagedTableModel::onLoadFailed(quint64 generation, int page, const QString &message)
{
    if (generation != m_generation)
        return;
    // Not asked for again until a refresh: a failing query must not run on every repaint.
    if (page >= 0)
        m_failedPages.insert(page);
    emit loadFailed(message);
}

int PagedTableModel::loadedExtent() const
{
    int rows = 0;
    for (int page = 0;; ++page) {
        const auto it = m_pages.constFind(page);
        if (it == m_pages.cend())
            break;
        rows += int(it->size());
        if (it->size() < m_pageSize)
            break;
    }
    return rows;
}

void PagedTableModel::setPagedRowCount(int rows)
{
    const int offset = localCount();
    if (rows > m_pagedRows) {
        beginInsertRows({}, offset + m_pagedRows, offset + rows - 1);
        m_pagedRows = rows;
        endInsertRows();
    } else if (rows < m_pagedRows) {
        beginRemoveRows({}, offset + rows, offset + m_pagedRows - 1);
        m_pagedRows = rows;
        endRemoveRows();
    }
}

void PagedTableModel::evictPagesFarFrom(int page)
{
    while (m_pages.size() > MaxCachedPages) {
        const QList<int> cached = m_pages.keys();
        const int farthest = *std::max_element(cached.cbegin(), cached.cend(), [page](int a, int b) {
            return std::abs(a - page) < std::abs(b - page);
        });
        m_pages.remove(farthest);
        m_stalePages.remove(farthest);
    }
}

const QVariant *PagedTableModel::pagedRow(int row, int *pageOut) const
{
    const int page = row / m_pageSize;
    if (pageOut)
        *pageOut = page;
    const auto it = m_pages.constFind(page);
    if (it == m_pages.cend() || row % m_pageSize >= it->size())
        return nullptr;
    return &it->at(row % m_pageSize);
}

std::optional<QVariant> PagedTableModel::rowAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return std::nullopt;
    if (row < localCount())
        return m_localRows.at(row);
    const QVariant *found = pagedRow(row - localCount());
    return found ? std::optional<QVariant>(*found) : std::nullopt;
}

QModelIndex PagedTableModel::indexOfRow(const QString &id) const
{
    for (int row = 0; row < localCount(); ++row) {
        if (m_source->rowId(m_localRows.at(row)) == id)
            return index(row, 0);
    }
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
        for (int offset = 0; offset < it->size(); ++offset) {
            const int row = it.key() * m_pageSize + offset;
            if (row < m_pagedRows && m_source->rowId(it->at(offset)) == id)
                return index(row + localCount(), 0);
        }
    }
    return {};
}

int PagedTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : localCount() + m_pagedRows;
}

int PagedTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

Qt::ItemFlags PagedTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
}

QVariant PagedTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QVariant *row = nullptr;
    if (index.row() < localCount()) {
        row = &m_localRows.at(index.row());
    } else {
        int page = 0;
        const int paged = index.row() - localCount();
        row = pagedRow(paged, &page);
        if (!m_pages.contains(page)) {
            wantPage(page);
            switch (role) {
            case Qt::DisplayRole:
                return index.column() == 0 ? tr("Loading…") : QString();
            case Qt::ForegroundRole:
                return QGuiApplication::palette().brush(QPalette::PlaceholderText);
            case LoadedRole:
                return false;
            default:
                return {};
            }
        }
        if (m_stalePages.contains(page))
            wantPage(page); // keep showing the old copy until the new one arrives
        if (!row) // fewer rows than counted: some were deleted meanwhile
            return role == LoadedRole ? QVariant(true) : QVariant();
    }

    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case UnderlyingDataRole:
        return m_columns.at(index.column()).value(*row, role);
    case RowRole:
        return *row;
    case LoadedRole:
        return true;
    }
    return {};
}

QVariant PagedTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= columnCount())
        return {};
    return m_columns.at(section).title;
}

bool PagedTableModel::canFetchMore(const QModelIndex &parent) const
{
    // Only needed until the count arrives; after that rowCount is the whole result.
    if (parent.isValid() || !m_services || m_total >= 0 || m_endSeen || m_pagedRows == 0)
        return false;
    const int next = m_pagedRows / m_pageSize;
    return m_pagedRows % m_pageSize == 0 && !m_pages.contains(next) && !m_loader->isPending(next);
}

void PagedTableModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        m_loader->requestPage(m_pagedRows / m_pageSize);
}

} // namespace edge::ui
