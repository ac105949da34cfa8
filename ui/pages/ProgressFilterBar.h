#pragma once

#include "application/progress/ProgressQueries.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QPushButton;
class QSpinBox;

namespace edge::ui {

// The Progress screen's filters: track, lesson (of the chosen track), completed or not,
// score range and completion date range (local days), and a button that clears them.
// Each change is reported once it is made (spin boxes and dates when committed, not per
// keystroke); the page puts them into the list's query and the statistics' scope.
class ProgressFilterBar final : public QWidget
{
    Q_OBJECT

public:
    explicit ProgressFilterBar(QWidget *parent = nullptr);

    // What to offer; the current choice stays when it is still offered.
    void setTracks(const QList<TrackProgressStats> &tracks);
    void setLessons(const QList<LessonProgressStats> &lessons);

    // Writes the filters into a list query (search, sort and paging untouched).
    void applyTo(ProgressListQuery &query) const;
    QString track() const;
    QDateTime completedFrom() const; // UTC start of the first local day; null: open
    QDateTime completedTo() const;   // UTC start of the day after the last; null: open
    void chooseTrack(const QString &track);
    void clear();
    bool isClear() const;

signals:
    void changed();
    void trackChanged(const QString &track);

private:
    QComboBox *m_track = nullptr;
    QComboBox *m_lesson = nullptr;
    QComboBox *m_completed = nullptr;
    QSpinBox *m_minScore = nullptr;
    QSpinBox *m_maxScore = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QPushButton *m_clear = nullptr;
    bool m_quiet = false; // set while filling combos or clearing: one change, reported once
};

} // namespace edge::ui
