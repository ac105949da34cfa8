#pragma once

#include "application/progress/ProgressQueries.h"
#include "models/PagedTableModel.h"

#include <functional>
#include <optional>

namespace edge::ui {

class ProgressRowSource;

// The progress table: a PagedTableModel over the progress query (learner search, filters by
// learner, lesson, track, completion, score and completion time; the store's five sorts),
// paged by keyset (see ProgressRowSource). Every filter goes into the query, for the pages
// and the count alike.
class ProgressTableModel final : public PagedTableModel
{
    Q_OBJECT

public:
    enum Column {
        LearnerColumn,
        LessonColumn,
        TrackColumn,
        CompletedColumn,
        ScoreColumn,
        CompletedAtColumn,
        UpdatedColumn,
        ColumnCount
    };

    explicit ProgressTableModel(QObject *parent = nullptr);

    const ProgressListQuery &query() const;
    ProgressRowSource &rowSource() const;
    // Changes the query's filters (not its sort); restarts when something changed.
    void changeFilters(const std::function<void(ProgressListQuery &)> &change);
    void setSearch(const QString &search);
    // Whether any filter narrows the rows (the search included).
    bool isFiltered() const;

    std::optional<ProgressEntry> progressAt(int row) const;
};

} // namespace edge::ui
