#pragma once

#include "application/ports/UploadStorage.h"
#include "models/RowSource.h"

#include <QHash>

#include <memory>

namespace edge::ui {

// The uploads list behind the Uploads table. The blob store pages by cursor only and cannot
// count (hasCount() false): page p + 1 is read with the cursor page p ended with, so pages
// come in order as the view scrolls. A change of filters or sort forgets the cursors, which
// belong to one query. A store that cannot sort, search or filter as asked answers with a
// ValidationError naming the field; fetchPage turns it into words the page can show.
class UploadRowSource final : public RowSource
{
public:
    explicit UploadRowSource(QHash<int, UploadSort> sortableColumns);

    const UploadListQuery &query() const { return m_query; }
    void setQuery(const UploadListQuery &query);

    QCoro::Task<QList<QVariant>> fetchPage(Services &services, int page, int pageSize) override;
    QCoro::Task<qint64> count(Services &services) override;
    bool hasCount() const override { return false; }
    QString rowId(const QVariant &row) const override;
    bool isSortable(int column) const override { return m_sortableColumns.contains(column); }
    bool setSort(int column, Qt::SortOrder order) override;

private:
    struct CursorBook
    {
        QHash<int, QString> startOf; // page -> the cursor it starts after
        int lastPage = -1;           // the page that had no next cursor, once read
    };

    QHash<int, UploadSort> m_sortableColumns;
    UploadListQuery m_query;
    std::shared_ptr<CursorBook> m_cursors = std::make_shared<CursorBook>();
};

// The words for a list the store refused ("This store cannot sort files by size…"), from
// the field its ValidationError names.
QString unsupportedListMessage(const QString &field, const QString &storeMessage);

} // namespace edge::ui
