#include "LessonsTableModel.h"

#include "common/LessonFormatting.h"
#include "common/UserFormatting.h"
#include "domain/Text.h"

namespace edge::ui {

namespace {
std::optional<LessonSortField> sortFieldForColumn(int column)
{
    switch (column) {
    case LessonsTableModel::TitleColumn: return LessonSortField::Title;
    case LessonsTableModel::TrackColumn: return LessonSortField::Track;
    case LessonsTableModel::DifficultyColumn: return LessonSortField::Difficulty;
    case LessonsTableModel::UpdatedColumn: return LessonSortField::UpdatedAt;
    default: return std::nullopt; // the API has no sort by status
    }
}

class LessonRowSource final : public RowSource
{
public:
    LessonListQuery query;

    QCoro::Task<QList<QVariant>> fetchPage(Services &services, int page, int pageSize) override
    {
        LessonListQuery pageQuery = query;
        pageQuery.page = page + 1; // the API's pages are 1-based
        pageQuery.pageSize = pageSize;
        pageQuery.withTotal = false; // counted once per query, by count()
        const LessonPage result = co_await services.lessonQueries.list(pageQuery);
        co_return toRows(result.items);
    }
    QCoro::Task<qint64> count(Services &services) override { return services.lessonQueries.count(query); }
    QString rowId(const QVariant &row) const override { return row.value<Lesson>().id; }
    bool isSortable(int column) const override { return sortFieldForColumn(column).has_value(); }
    bool setSort(int column, Qt::SortOrder order) override
    {
        const std::optional<LessonSortField> field = sortFieldForColumn(column);
        const SortOrder wanted = order == Qt::AscendingOrder ? SortOrder::Ascending : SortOrder::Descending;
        if (!field || (*field == query.sort && wanted == query.order))
            return false;
        query.sort = *field;
        query.order = wanted;
        return true;
    }
};

QList<TableColumn> lessonColumns()
{
    return {
        tableColumn<Lesson>(LessonsTableModel::tr("Title"), [](const Lesson &lesson, int role) -> QVariant {
            if (role == Qt::DisplayRole)
                return withInvisiblesShown(lesson.title);
            if (role == Qt::ToolTipRole)
                return LessonsTableModel::tr("%1\nversion %2%3")
                    .arg(withInvisiblesShown(lesson.title))
                    .arg(lesson.version)
                    .arg(lesson.hasContent ? QString() : LessonsTableModel::tr(", no content yet"));
            return lesson.title;
        }),
        tableColumn<Lesson>(LessonsTableModel::tr("Track"), [](const Lesson &lesson, int role) -> QVariant {
            return role == Qt::DisplayRole ? withInvisiblesShown(lesson.track) : lesson.track;
        }),
        tableColumn<Lesson>(LessonsTableModel::tr("Difficulty"), [](const Lesson &lesson, int role) -> QVariant {
            if (role == Qt::DisplayRole)
                return difficultyStars(lesson.difficulty);
            if (role == Qt::ToolTipRole)
                return LessonsTableModel::tr("Difficulty %1 of %2").arg(lesson.difficulty).arg(Lesson::MaxDifficulty);
            return lesson.difficulty;
        }),
        tableColumn<Lesson>(LessonsTableModel::tr("Status"), [](const Lesson &lesson, int role) -> QVariant {
            if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
                return statusDisplayName(lesson.status);
            return lessonStatusToString(lesson.status);
        }),
        tableColumn<Lesson>(LessonsTableModel::tr("Updated"), [](const Lesson &lesson, int role) -> QVariant {
            if (role == Qt::DisplayRole)
                return formatTimestamp(lesson.updatedAt);
            if (role == Qt::ToolTipRole)
                return formatTimestampLong(lesson.updatedAt);
            return lesson.updatedAt;
        }),
    };
}
} // namespace

LessonsTableModel::LessonsTableModel(QObject *parent)
    : PagedTableModel(std::make_unique<LessonRowSource>(), lessonColumns(), parent, LessonListQuery::MaxPageSize)
{
}

LessonListQuery &LessonsTableModel::mutableQuery()
{
    return static_cast<LessonRowSource &>(source()).query;
}

void LessonsTableModel::setSearch(const QString &search)
{
    if (search.trimmed() == query().search)
        return;
    mutableQuery().search = search.trimmed();
    restart();
}

void LessonsTableModel::setTrack(const QString &track)
{
    if (track.trimmed() == query().track)
        return;
    mutableQuery().track = track.trimmed();
    restart();
}

void LessonsTableModel::setStatus(std::optional<LessonStatus> status)
{
    if (status == query().status)
        return;
    mutableQuery().status = status;
    restart();
}

void LessonsTableModel::setDifficulty(int difficulty)
{
    if (difficulty == query().difficulty)
        return;
    mutableQuery().difficulty = difficulty;
    restart();
}

const LessonListQuery &LessonsTableModel::query() const
{
    return static_cast<const LessonRowSource &>(source()).query;
}

std::optional<Lesson> LessonsTableModel::lessonAt(int row) const
{
    const std::optional<QVariant> found = rowAt(row);
    return found ? std::optional<Lesson>(found->value<Lesson>()) : std::nullopt;
}

} // namespace edge::ui
