#include "UsersTableModel.h"

#include "common/UserFormatting.h"
#include "models/UsersPageLoader.h"

#include <QGuiApplication>
#include <QPalette>

#include <algorithm>
#include <climits>

namespace edge::ui {

namespace {
constexpr int PageSize = UsersPageLoader::PageSize;

std::optional<UserSortField> sortFieldForColumn(int column)
{
    switch (column) {
    case UsersTableModel::EmailColumn: return UserSortField::Email;
    case UsersTableModel::UsernameColumn: return UserSortField::Username;
    case UsersTableModel::RoleColumn: return UserSortField::Role;
    case UsersTableModel::CreatedColumn: return UserSortField::CreatedAt;
    default: return std::nullopt; // the API has no sort by update time
    }
}
} // namespace

UsersTableModel::UsersTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_loader(new UsersPageLoader(this))
{
    m_wantedTimer.setSingleShot(true);
    m_wantedTimer.setInterval(0);
    connect(&m_wantedTimer, &QTimer::timeout, this, &UsersTableModel::requestWantedPages);
    connect(m_loader, &UsersPageLoader::pageLoaded, this, &UsersTableModel::onPageLoaded);
    connect(m_loader, &UsersPageLoader::countLoaded, this, &UsersTableModel::onCountLoaded);
    connect(m_loader, &UsersPageLoader::loadFailed, this, &UsersTableModel::onLoadFailed);
    connect(m_loader, &UsersPageLoader::busyChanged, this,
            [this] { emit loadingChanged(isLoading()); });
}

UsersTableModel::~UsersTableModel() = default;

void UsersTableModel::setServices(std::shared_ptr<Services> services)
{
    m_services = std::move(services);
    m_loader->setServices(m_services);
    restart();
}

void UsersTableModel::setSearch(const QString &search)
{
    const QString trimmed = search.trimmed();
    if (trimmed == m_query.search)
        return;
    m_query.search = trimmed;
    restart();
}

bool UsersTableModel::isSortable(int column)
{
    return sortFieldForColumn(column).has_value();
}

void UsersTableModel::sort(int column, Qt::SortOrder order)
{
    const std::optional<UserSortField> field = sortFieldForColumn(column);
    const SortOrder wanted = order == Qt::AscendingOrder ? SortOrder::Ascending : SortOrder::Descending;
    if (!field || (*field == m_query.sort && wanted == m_query.order))
        return;
    m_query.sort = *field;
    m_query.order = wanted;
    restart();
}

void UsersTableModel::restart()
{
    beginResetModel();
    ++m_generation;
    m_pages.clear();
    m_stalePages.clear();
    m_failedPages.clear();
    m_wantedPages.clear();
    m_total = -1;
    m_endSeen = false;
    m_rowCount = 0;
    endResetModel();

    m_loader->restart(m_generation, m_query);
    emit totalCountChanged(m_total);
    if (m_services) {
        m_loader->requestCount();
        m_loader->requestPage(0);
    }
    emit loadingChanged(isLoading());
}

void UsersTableModel::refresh()
{
    if (!m_services)
        return;
    ++m_generation;
    m_loader->restart(m_generation, m_query);
    const QList<int> cached = m_pages.keys();
    m_stalePages = QSet<int>(cached.cbegin(), cached.cend());
    m_failedPages.clear();
    m_endSeen = false;
    m_loader->requestCount();
    if (m_rowCount == 0)
        m_loader->requestPage(0);
    else // repaint what is visible: data() then asks for those pages again
        emit dataChanged(index(0, 0), index(m_rowCount - 1, ColumnCount - 1));
    emit loadingChanged(isLoading());
}

bool UsersTableModel::isLoading() const
{
    return m_services && (m_loader->isBusy() || m_total < 0);
}

void UsersTableModel::wantPage(int page) const
{
    if (m_loader->isPending(page) || m_failedPages.contains(page))
        return;
    m_wantedPages.insert(page);
    if (!m_wantedTimer.isActive())
        m_wantedTimer.start();
}

void UsersTableModel::requestWantedPages()
{
    QList<int> pages(m_wantedPages.cbegin(), m_wantedPages.cend());
    m_wantedPages.clear();
    // Ask for the lowest page last: the loader serves the newest request first, and the top
    // of the viewport is what people read first.
    std::sort(pages.begin(), pages.end(), std::greater<>());
    for (int page : pages) {
        const bool needed = !m_pages.contains(page) || m_stalePages.contains(page);
        if (needed && page * PageSize < m_rowCount)
            m_loader->requestPage(page);
    }
}

void UsersTableModel::onPageLoaded(quint64 generation, int page, const QList<User> &users)
{
    if (generation != m_generation)
        return; // asked for an older search or sort
    m_pages.insert(page, users);
    m_stalePages.remove(page);
    if (users.size() < PageSize && m_total < 0)
        m_endSeen = true;
    evictPagesFarFrom(page);

    if (m_total < 0) // not counted yet: show what has been read
        setRowCount(std::max(m_rowCount, loadedExtent()));
    const int first = page * PageSize;
    const int last = std::min(first + PageSize, m_rowCount) - 1;
    if (first <= last) {
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
        emit pageArrived(first, last);
    }
}

void UsersTableModel::onCountLoaded(quint64 generation, qint64 total)
{
    if (generation != m_generation)
        return;
    m_total = total;
    setRowCount(int(std::min<qint64>(total, INT_MAX)));
    emit totalCountChanged(m_total);
    emit loadingChanged(isLoading());
}

void UsersTableModel::onLoadFailed(quint64 generation, int page, const QString &message)
{
    if (generation != m_generation)
        return;
    // Not asked for again until a refresh: a failing query must not run on every repaint.
    if (page >= 0)
        m_failedPages.insert(page);
    emit loadFailed(message);
}

int UsersTableModel::loadedExtent() const
{
    int rows = 0;
    for (int page = 0;; ++page) {
        const auto it = m_pages.constFind(page);
        if (it == m_pages.cend())
            break;
        rows += int(it->size());
        if (it->size() < PageSize)
            break;
    }
    return rows;
}

void UsersTableModel::setRowCount(int rows)
{
    if (rows > m_rowCount) {
        beginInsertRows({}, m_rowCount, rows - 1);
        m_rowCount = rows;
        endInsertRows();
    } else if (rows < m_rowCount) {
        beginRemoveRows({}, rows, m_rowCount - 1);
        m_rowCount = rows;
        endRemoveRows();
    }
}

void UsersTableModel::evictPagesFarFrom(int page)
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

std::optional<User> UsersTableModel::userAt(int row) const
{
    if (row < 0 || row >= m_rowCount)
        return std::nullopt;
    const auto it = m_pages.constFind(row / PageSize);
    if (it == m_pages.cend() || row % PageSize >= it->size())
        return std::nullopt;
    return it->at(row % PageSize);
}

QModelIndex UsersTableModel::indexOfUser(const QString &userId) const
{
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
        for (int offset = 0; offset < it->size(); ++offset) {
            const int row = it.key() * PageSize + offset;
            if (row < m_rowCount && it->at(offset).id().value() == userId)
                return index(row, 0);
        }
    }
    return {};
}

int UsersTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

int UsersTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags UsersTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
}

QVariant UsersTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int page = index.row() / PageSize;
    const auto it = m_pages.constFind(page);
    if (it == m_pages.cend()) {
        wantPage(page);
        switch (role) {
        case Qt::DisplayRole:
            return index.column() == EmailColumn ? tr("Loading…") : QString();
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
    const int offset = index.row() % PageSize;
    if (offset >= it->size()) // fewer rows than counted: some were deleted meanwhile
        return role == LoadedRole ? QVariant(true) : QVariant();
    const User &user = it->at(offset);

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case EmailColumn: return user.email().value();
        case UsernameColumn: return user.username();
        case RoleColumn: return roleDisplayName(user.role());
        case CreatedColumn: return formatTimestamp(user.createdAt());
        case UpdatedColumn: return formatTimestamp(user.updatedAt());
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case CreatedColumn: return formatTimestampLong(user.createdAt());
        case UpdatedColumn: return formatTimestampLong(user.updatedAt());
        default: return describeUser(user);
        }
    case UnderlyingDataRole:
        switch (index.column()) {
        case EmailColumn: return user.email().value();
        case UsernameColumn: return user.username();
        case RoleColumn: return roleToString(user.role());
        case CreatedColumn: return user.createdAt();
        case UpdatedColumn: return user.updatedAt();
        }
        break;
    case UserRole:
        return QVariant::fromValue(user);
    case LoadedRole:
        return true;
    }
    return {};
}

QVariant UsersTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case EmailColumn: return tr("Email");
    case UsernameColumn: return tr("Username");
    case RoleColumn: return tr("Role");
    case CreatedColumn: return tr("Created");
    case UpdatedColumn: return tr("Updated");
    }
    return {};
}

bool UsersTableModel::canFetchMore(const QModelIndex &parent) const
{
    // Only needed until the count arrives; after that rowCount is the whole result.
    if (parent.isValid() || !m_services || m_total >= 0 || m_endSeen || m_rowCount == 0)
        return false;
    const int next = m_rowCount / PageSize;
    return m_rowCount % PageSize == 0 && !m_pages.contains(next) && !m_loader->isPending(next);
}

void UsersTableModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        m_loader->requestPage(m_rowCount / PageSize);
}

} // namespace edge::ui
