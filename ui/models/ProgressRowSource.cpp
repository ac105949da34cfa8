#include "ProgressRowSource.h"

namespace edge::ui {

ProgressRowSource::ProgressRowSource(QHash<int, ProgressSortField> sortableColumns)
    : m_sortableColumns(std::move(sortableColumns))
{
    m_query.pageSize = ProgressListQuery::MaxPageSize;
}

void ProgressRowSource::setQuery(const ProgressListQuery &query)
{
    m_query = query;
    m_query.cursor.clear();
    m_query.page = 1;
    m_cursors = std::make_shared<CursorBook>();
}

QString ProgressRowSource::cursorFor(int page) const
{
    return page > 0 ? m_cursors->startOf.value(page) : QString();
}

QCoro::Task<QList<QVariant>> ProgressRowSource::fetchPage(Services &services, int page, int pageSize)
{
    ProgressListQuery pageQuery = m_query;
    pageQuery.pageSize = pageSize;
    pageQuery.withTotal = false; // counted once per query, by count()
    pageQuery.cursor = cursorFor(page);
    pageQuery.page = pageQuery.cursor.isEmpty() ? page + 1 : 1; // the API's pages are 1-based
    std::shared_ptr<CursorBook> cursors = m_cursors; // `this` is not touched after the co_await
    const ProgressPage result = co_await services.progressQueries.list(pageQuery);
    if (!result.nextCursor.isEmpty() && result.items.size() == pageSize)
        cursors->startOf.insert(page + 1, result.nextCursor);
    co_return toRows(result.items);
}

QCoro::Task<qint64> ProgressRowSource::count(Services &services)
{
    return services.progressQueries.count(m_query);
}

QString ProgressRowSource::rowId(const QVariant &row) const
{
    return row.value<ProgressEntry>().key();
}

bool ProgressRowSource::setSort(int column, Qt::SortOrder order)
{
    const auto field = m_sortableColumns.constFind(column);
    const SortOrder wanted = order == Qt::AscendingOrder ? SortOrder::Ascending : SortOrder::Descending;
    if (field == m_sortableColumns.cend() || (*field == m_query.sort && wanted == m_query.order))
        return false;
    ProgressListQuery sorted = m_query;
    sorted.sort = *field;
    sorted.order = wanted;
    setQuery(sorted);
    return true;
}

} // namespace edge::ui
