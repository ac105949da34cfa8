#pragma once

#include "models/PagedTableModel.h"

#include <optional>

namespace edge::ui {

// The lessons table: a PagedTableModel over the lessons query (title search, filters by
// track, status and difficulty, sort by any column).
class LessonsTableModel final : public PagedTableModel
{
    Q_OBJECT

public:
    enum Column { TitleColumn, TrackColumn, DifficultyColumn, StatusColumn, UpdatedColumn, ColumnCount };

    explicit LessonsTableModel(QObject *parent = nullptr);

    // Each restarts the query when it changes something.
    void setSearch(const QString &search);
    void setTrack(const QString &track); // empty: every track
    void setStatus(std::optional<LessonStatus> status);
    void setDifficulty(int difficulty); // 0: any
    const LessonListQuery &query() const;

    std::optional<Lesson> lessonAt(int row) const;

private:
    LessonListQuery &mutableQuery();
};

} // namespace edge::ui
