#include "ProgressTableModel.h"

#include "common/ProgressFormatting.h"
#include "common/UserFormatting.h"
#include "domain/Text.h"
#include "models/ProgressRowSource.h"

namespace edge::ui {

namespace {
QHash<int, ProgressSortField> sortableColumns()
{
    return {
        {ProgressTableModel::LearnerColumn, ProgressSortField::Email},
        {ProgressTableModel::LessonColumn, ProgressSortField::Title},
        {ProgressTableModel::ScoreColumn, ProgressSortField::Score},
        {ProgressTableModel::CompletedAtColumn, ProgressSortField::CompletedAt},
        {ProgressTableModel::UpdatedColumn, ProgressSortField::UpdatedAt},
    };
}

QVariant timestampValue(const QDateTime &when, int role)
{
    switch (role) {
    case Qt::DisplayRole: return when.isValid() ? formatTimestamp(when) : QString();
    case Qt::ToolTipRole: return when.isValid() ? formatTimestampLong(when) : QVariant();
    default: return when;
    }
}

QList<TableColumn> progressColumns()
{
    using Entry = ProgressEntry;
    return {
        tableColumn<Entry>(ProgressTableModel::tr("Learner"), [](const Entry &entry, int role) -> QVariant {
            if (role == Qt::DisplayRole)
                return learnerName(entry);
            if (role == Qt::ToolTipRole)
                return entry.username.isEmpty()
                    ? learnerName(entry)
                    : ProgressTableModel::tr("%1\nusername %2").arg(learnerName(entry), withInvisiblesShown(entry.username));
            return entry.userEmail;
        }),
        tableColumn<Entry>(ProgressTableModel::tr("Lesson"), [](const Entry &entry, int role) -> QVariant {
            if (role == Qt::DisplayRole)
                return lessonName(entry);
            if (role == Qt::ToolTipRole)
                return ProgressTableModel::tr("%1\ntrack %2").arg(lessonName(entry), withInvisiblesShown(entry.track));
            return entry.lessonTitle;
        }),
        tableColumn<Entry>(ProgressTableModel::tr("Track"), [](const Entry &entry, int role) -> QVariant {
            return role == Qt::DisplayRole ? withInvisiblesShown(entry.track) : entry.track;
        }),
        tableColumn<Entry>(ProgressTableModel::tr("Completed"), [](const Entry &entry, int role) -> QVariant {
            if (role == Qt::DisplayRole)
                return entry.completed ? ProgressTableModel::tr("Yes") : ProgressTableModel::tr("No");
            if (role == Qt::ToolTipRole)
                return completionText(entry.completed);
            return entry.completed;
        }),
        tableColumn<Entry>(ProgressTableModel::tr("Score"), [](const Entry &entry, int role) -> QVariant {
            if (role == Qt::DisplayRole)
                return QString::number(entry.score);
            if (role == Qt::ToolTipRole)
                return ProgressTableModel::tr("Score %1 of %2").arg(entry.score).arg(ProgressEntry::MaxScore);
            return entry.score;
        }),
        tableColumn<Entry>(ProgressTableModel::tr("Completed at"),
                           [](const Entry &entry, int role) { return timestampValue(entry.completedAt, role); }),
        tableColumn<Entry>(ProgressTableModel::tr("Updated"),
                           [](const Entry &entry, int role) { return timestampValue(entry.updatedAt, role); }),
    };
}
} // namespace

ProgressTableModel::ProgressTableModel(QObject *parent)
    : PagedTableModel(std::make_unique<ProgressRowSource>(sortableColumns()), progressColumns(), parent,
                      ProgressListQuery::MaxPageSize)
{
}

ProgressRowSource &ProgressTableModel::rowSource() const
{
    return static_cast<ProgressRowSource &>(source());
}

const ProgressListQuery &ProgressTableModel::query() const
{
    return rowSource().query();
}

void ProgressTableModel::changeFilters(const std::function<void(ProgressListQuery &)> &change)
{
    ProgressListQuery changed = query();
    change(changed);
    changed.sort = query().sort;
    changed.order = query().order;
    if (changed.sameFilters(query()))
        return;
    rowSource().setQuery(changed);
    restart();
}

void ProgressTableModel::setSearch(const QString &search)
{
    const QString trimmed = search.trimmed();
    changeFilters([&trimmed](ProgressListQuery &query) { query.search = trimmed; });
}

bool ProgressTableModel::isFiltered() const
{
    const ProgressListQuery &q = query();
    return !q.search.isEmpty() || !q.userId.isEmpty() || !q.lessonId.isEmpty() || !q.track.isEmpty()
        || q.completed || q.minScore || q.maxScore || q.completedFrom.isValid() || q.completedTo.isValid();
}

std::optional<ProgressEntry> ProgressTableModel::progressAt(int row) const
{
    const std::optional<QVariant> found = rowAt(row);
    return found ? std::optional<ProgressEntry>(found->value<ProgressEntry>()) : std::nullopt;
}

} // namespace edge::ui
