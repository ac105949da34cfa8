#include "UploadRowSource.h"

#include "domain/Errors.h"

#include <QCoreApplication>

namespace edge::ui {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("edge::ui::UploadRowSource", text);
}

// The list fields a store may not support, in the order a message names them.
const QStringList &listFields()
{
    static const QStringList fields{QStringLiteral("sort"), QStringLiteral("descending"), QStringLiteral("search"),
                                    QStringLiteral("contentType"), QStringLiteral("prefix")};
    return fields;
}
} // namespace

QString unsupportedListMessage(const QString &field, const QString &storeMessage)
{
    if (field == QLatin1String("sort") || field == QLatin1String("descending"))
        return tr("This store cannot sort files that way (%1). Sort by “Uploaded at” instead.").arg(storeMessage);
    if (field == QLatin1String("search"))
        return tr("This store cannot search files by name (%1). Clear the search box, or narrow by folder.")
            .arg(storeMessage);
    if (field == QLatin1String("contentType"))
        return tr("This store cannot filter files by type (%1). Choose “All types”.").arg(storeMessage);
    return storeMessage;
}

UploadRowSource::UploadRowSource(QHash<int, UploadSort> sortableColumns)
    : m_sortableColumns(std::move(sortableColumns))
{
}

void UploadRowSource::setQuery(const UploadListQuery &query)
{
    m_query = query;
    m_query.cursor.clear();
    m_cursors = std::make_shared<CursorBook>();
}

QCoro::Task<QList<QVariant>> UploadRowSource::fetchPage(Services &services, int page, int pageSize)
{
    UploadListQuery pageQuery = m_query;
    pageQuery.limit = qBound(1, pageSize, 200);
    std::shared_ptr<CursorBook> cursors = m_cursors; // `this` is not touched after the co_await
    if (page > 0) {
        pageQuery.cursor = cursors->startOf.value(page);
        // Past the end, or a page whose predecessor was never read (cursors go in order).
        if (pageQuery.cursor.isEmpty() || (cursors->lastPage >= 0 && page > cursors->lastPage))
            co_return QList<QVariant>{};
    }
    UploadPage result;
    try {
        result = co_await services.uploadQueries.list(pageQuery);
    } catch (const DomainError &error) {
        if (error.kind() != ErrorKind::Validation)
            throw;
        for (const QString &field : listFields()) {
            if (error.fieldErrors().contains(field))
                throw ValidationError(unsupportedListMessage(field, error.fieldErrors().value(field)),
                                      error.fieldErrors());
        }
        throw;
    }
    if (result.nextCursor.isEmpty())
        cursors->lastPage = page;
    else
        cursors->startOf.insert(page + 1, result.nextCursor);
    co_return toRows(result.items);
}

QCoro::Task<qint64> UploadRowSource::count(Services &)
{
    co_return -1; // never asked: hasCount() is false
}

QString UploadRowSource::rowId(const QVariant &row) const
{
    return row.value<Upload>().key;
}

bool UploadRowSource::setSort(int column, Qt::SortOrder order)
{
    const auto sort = m_sortableColumns.constFind(column);
    const bool descending = order == Qt::DescendingOrder;
    if (sort == m_sortableColumns.cend() || (*sort == m_query.sort && descending == m_query.descending))
        return false;
    UploadListQuery sorted = m_query;
    sorted.sort = *sort;
    sorted.descending = descending;
    setQuery(sorted);
    return true;
}

} // namespace edge::ui
