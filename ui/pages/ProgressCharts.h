#pragma once

#include "application/progress/ProgressQueries.h"

#include <QChartView>

namespace edge::ui {

// Completion rate (0..100 %) as horizontal bars: one per lesson of a track (titles on the
// left, where long titles have room), or one per track when no track is chosen.
class CompletionRateChart final : public QChartView
{
    Q_OBJECT

public:
    explicit CompletionRateChart(QWidget *parent = nullptr);

    void showLessons(const QString &track, const QList<LessonProgressStats> &lessons);
    void showTracks(const QList<TrackProgressStats> &tracks);
    // The height the bars need to stay readable (the view scrolls beyond the pane's height).
    int preferredHeight() const { return m_preferredHeight; }

private:
    void showBars(const QString &title, const QStringList &names, const QList<double> &rates,
                  const QStringList &tooltips);

    int m_preferredHeight = 0;
};

// Completions per day, week or month as a line over time; periods without completions
// between the first and the last are drawn as zero (the store leaves them out).
class CompletionsChart final : public QChartView
{
    Q_OBJECT

public:
    // At most this many periods are drawn (a day bucket over decades would be unreadable).
    static constexpr int MaxPeriods = 5000;

    explicit CompletionsChart(QWidget *parent = nullptr);

    void showPeriods(const QList<CompletionsPeriod> &periods, CompletionBucket bucket, const QString &track);

    // The periods as drawn: every period from the first to the last, zeros included.
    static QList<CompletionsPeriod> withEmptyPeriods(const QList<CompletionsPeriod> &periods, CompletionBucket bucket);
};

} // namespace edge::ui
