#pragma once

#include "application/progress/ProgressQueries.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QProgressBar;
class QScrollArea;
class QTabWidget;
class QTableWidget;

namespace edge::ui {

class CompletionRateChart;
class CompletionsChart;
class ProgressStatistics;

// The Progress screen's statistics below its table: per track and per lesson of the chosen
// track in tables (learners started, completed, completion rate, average score), a bar chart
// of completion rates and a chart of completions over time with its bucket. It shows what
// ProgressStatistics read and says when it is reading; it reads nothing itself.
class ProgressStatsPane final : public QWidget
{
    Q_OBJECT

public:
    explicit ProgressStatsPane(ProgressStatistics &statistics, QWidget *parent = nullptr);

    CompletionRateChart *rateChart() const { return m_rateChart; }
    CompletionsChart *completionsChart() const { return m_completionsChart; }

signals:
    // A track row was activated: the page filters by it.
    void trackChosen(const QString &track);
    // The completions' bucket was changed.
    void bucketChosen(edge::CompletionBucket bucket);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void showTracks();
    void showLessons();
    void showCompletions();
    void showRateChart();
    void updateCompletionsWanted();

    ProgressStatistics &m_statistics;
    QProgressBar *m_busy = nullptr;
    QLabel *m_error = nullptr;
    QTabWidget *m_tables = nullptr;
    QTableWidget *m_tracksTable = nullptr;
    QTableWidget *m_lessonsTable = nullptr;
    QTabWidget *m_charts = nullptr;
    QScrollArea *m_rateScroll = nullptr;
    CompletionRateChart *m_rateChart = nullptr;
    CompletionsChart *m_completionsChart = nullptr;
    QComboBox *m_bucket = nullptr;
    QString m_shownTrack; // whose lessons the Lessons tab shows
};

} // namespace edge::ui
