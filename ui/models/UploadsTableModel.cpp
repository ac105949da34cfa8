#include "UploadsTableModel.h"

#include "common/UploadFormatting.h"
#include "common/UserFormatting.h"
#include "domain/Text.h"
#include "models/UploadRowSource.h"

namespace edge::ui {

namespace {
QHash<int, UploadSort> sortableColumns()
{
    return {
        {UploadsTableModel::KeyColumn, UploadSort::Key},
        {UploadsTableModel::OriginalNameColumn, UploadSort::Name},
        {UploadsTableModel::SizeColumn, UploadSort::Size},
        {UploadsTableModel::TypeColumn, UploadSort::ContentType},
        {UploadsTableModel::UploadedAtColumn, UploadSort::CreatedAt},
    };
}

QList<TableColumn> uploadColumns()
{
    using M = UploadsTableModel;
    return {
        tableColumn<Upload>(M::tr("Name"), [](const Upload &upload, int role) -> QVariant {
            // Keys stored before the format-character rule may hold invisible characters:
            // shown, not obeyed (a bidi override must not reorder the row).
            return role == PagedTableModel::UnderlyingDataRole ? QVariant(upload.key) : QVariant(withInvisiblesShown(upload.key));
        }),
        tableColumn<Upload>(M::tr("Original name"), [](const Upload &upload, int role) -> QVariant {
            return role == PagedTableModel::UnderlyingDataRole ? QVariant(upload.originalName)
                                                   : QVariant(withInvisiblesShown(upload.originalName));
        }),
        tableColumn<Upload>(M::tr("Size"), [](const Upload &upload, int role) -> QVariant {
            if (role == Qt::DisplayRole)
                return formatBytes(upload.size);
            if (role == Qt::ToolTipRole)
                return M::tr("%1 bytes").arg(formatCount(upload.size));
            return upload.size;
        }),
        tableColumn<Upload>(M::tr("Type"), [](const Upload &upload, int) -> QVariant { return upload.contentType; }),
        tableColumn<Upload>(M::tr("Uploaded by"), [](const Upload &upload, int role) -> QVariant {
            if (role == Qt::DisplayRole && upload.uploadedBy.isEmpty())
                return M::tr("(local)");
            return upload.uploadedBy;
        }),
        tableColumn<Upload>(M::tr("Uploaded at"), [](const Upload &upload, int role) -> QVariant {
            if (role == Qt::DisplayRole)
                return formatTimestamp(upload.createdAt);
            if (role == Qt::ToolTipRole)
                return formatTimestampLong(upload.createdAt);
            return upload.createdAt;
        }),
        tableColumn<Upload>(M::tr("SHA-256"), [](const Upload &upload, int role) -> QVariant {
            if (role == Qt::DisplayRole)
                return upload.sha256.isEmpty() ? M::tr("–") : shortSha256(upload.sha256);
            if (role == Qt::ToolTipRole)
                return upload.sha256.isEmpty() ? M::tr("Not known (a multipart upload to the Worker)")
                                               : upload.sha256;
            return upload.sha256;
        }),
    };
}
} // namespace

UploadsTableModel::UploadsTableModel(QObject *parent)
    : PagedTableModel(std::make_unique<UploadRowSource>(sortableColumns()), uploadColumns(), parent, PageSize)
{
}

UploadRowSource &UploadsTableModel::rowSource() const
{
    return static_cast<UploadRowSource &>(source());
}

const UploadListQuery &UploadsTableModel::query() const
{
    return rowSource().query();
}

void UploadsTableModel::setFilters(const QString &prefix, const QString &search, const QString &contentType)
{
    const UploadListQuery &current = query();
    const QString trimmed = search.trimmed();
    if (current.prefix == prefix && current.search == trimmed && current.contentType == contentType)
        return;
    UploadListQuery changed = current;
    changed.prefix = prefix;
    changed.search = trimmed;
    changed.contentType = contentType;
    rowSource().setQuery(changed);
    restart();
}

void UploadsTableModel::setPrefix(const QString &prefix)
{
    setFilters(prefix, query().search, query().contentType);
}

void UploadsTableModel::setSearch(const QString &search)
{
    setFilters(query().prefix, search, query().contentType);
}

void UploadsTableModel::setContentType(const QString &contentType)
{
    setFilters(query().prefix, query().search, contentType);
}

bool UploadsTableModel::isFiltered() const
{
    return !query().prefix.isEmpty() || !query().search.isEmpty() || !query().contentType.isEmpty();
}

std::optional<Upload> UploadsTableModel::uploadAt(int row) const
{
    const std::optional<QVariant> found = rowAt(row);
    return found && found->isValid() ? std::optional<Upload>(found->value<Upload>()) : std::nullopt;
}

} // namespace edge::ui
