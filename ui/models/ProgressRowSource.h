#pragma once

#include "application/progress/ProgressQueries.h"
#include "models/RowSource.h"

#include <QHash>

#include <memory>

namespace edge::ui {

// The progress query behind the Progress table, paged by keyset where it can: the cursor
// that ends each loaded page is kept, so page p + 1 is read by cursor once page p was read
// (a page deep in ten million rows costs what the first does). A page with no known cursor
// before it (a jump down the scroll bar) is read by its number. A change of filters or sort
// forgets the cursors, which belong to one query.
class ProgressRowSource final : public RowSource
{
public:
    // Which column sorts by which of the store's sorts; columns not named cannot be sorted.
    explicit ProgressRowSource(QHash<int, ProgressSortField> sortableColumns);

    const ProgressListQuery &query() const { return m_query; }
    // A new query (filters or sort); the cursors of the old one are forgotten.
    void setQuery(const ProgressListQuery &query);
    // The cursor page `page` (0-based) will be read from; empty: read by its number.
    QString cursorFor(int page) const;

    QCoro::Task<QList<QVariant>> fetchPage(Services &services, int page, int pageSize) override;
    QCoro::Task<qint64> count(Services &services) override;
    QString rowId(const QVariant &row) const override;
    bool isSortable(int column) const override { return m_sortableColumns.contains(column); }
    bool setSort(int column, Qt::SortOrder order) override;

private:
    // Shared with the requests in flight: an answer for an older query writes into that
    // query's book, which nobody reads any more.
    struct CursorBook
    {
        QHash<int, QString> startOf; // page -> the cursor it starts after
    };

    QHash<int, ProgressSortField> m_sortableColumns;
    ProgressListQuery m_query;
    std::shared_ptr<CursorBook> m_cursors = std::make_shared<CursorBook>();
};

} // namespace edge::ui
