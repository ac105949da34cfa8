#pragma once

#include "application/ports/UploadStorage.h"
#include "models/PagedTableModel.h"

#include <optional>

namespace edge::ui {

class UploadRowSource;

// The files of a store: a PagedTableModel over the uploads list, read by cursor as the view
// scrolls (the store cannot count: the page shows "200+ files" until the end is read). The
// folder (key prefix), the name search and the content type family go into the store's
// query, as does the sort of the five columns the port can sort by.
class UploadsTableModel final : public PagedTableModel
{
    Q_OBJECT

public:
    enum Column {
        KeyColumn,
        OriginalNameColumn,
        SizeColumn,
        TypeColumn,
        UploadedByColumn,
        UploadedAtColumn,
        Sha256Column,
        ColumnCount
    };
    static constexpr int PageSize = 200; // the port's largest page

    explicit UploadsTableModel(QObject *parent = nullptr);

    const UploadListQuery &query() const;
    // Changes the filters (not the sort); restarts when something changed.
    void setFilters(const QString &prefix, const QString &search, const QString &contentType);
    void setPrefix(const QString &prefix);
    void setSearch(const QString &search);
    void setContentType(const QString &contentType);
    bool isFiltered() const;

    std::optional<Upload> uploadAt(int row) const;

private:
    UploadRowSource &rowSource() const;
};

} // namespace edge::ui
