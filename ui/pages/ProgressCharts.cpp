#include "ProgressCharts.h"

#include "common/ProgressFormatting.h"
#include "domain/Text.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QDateTimeAxis>
#include <QHorizontalBarSeries>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>

namespace edge::ui {

namespace {
constexpr int BarHeight = 30; // Qt Charts elides a category label to "..." when rows are closer than its text
constexpr int ChartChrome = 110; // title, axis and margins

QChart *emptyChart()
{
    auto *chart = new QChart;
    chart->legend()->hide();
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    return chart;
}

QString elided(const QString &text, int length = 30)
{
    return text.size() <= length ? text : text.left(length - 1) + QChar(0x2026);
}

QDate nextPeriod(const QDate &start, CompletionBucket bucket)
{
    switch (bucket) {
    case CompletionBucket::Day: return start.addDays(1);
    case CompletionBucket::Week: return start.addDays(7);
    case CompletionBucket::Month: return start.addMonths(1);
    }
    return start.addDays(1);
}
} // namespace

CompletionRateChart::CompletionRateChart(QWidget *parent) : QChartView(emptyChart(), parent)
{
    setObjectName(QStringLiteral("completionRateChart"));
    setRenderHint(QPainter::Antialiasing);
}

void CompletionRateChart::showLessons(const QString &track, const QList<LessonProgressStats> &lessons)
{
    QStringList names;
    QList<double> rates;
    QStringList tooltips;
    for (const LessonProgressStats &lesson : lessons) {
        names << elided(withInvisiblesShown(lesson.title));
        rates << lesson.completionRate() * 100.0;
        tooltips << tr("%1: %2 of %3 learners completed (%4)")
                        .arg(withInvisiblesShown(lesson.title))
                        .arg(lesson.completed)
                        .arg(lesson.learners)
                        .arg(formatRate(lesson.completionRate()));
    }
    showBars(tr("Completion rate by lesson in %1").arg(withInvisiblesShown(track)), names, rates, tooltips);
}

void CompletionRateChart::showTracks(const QList<TrackProgressStats> &tracks)
{
    QStringList names;
    QList<double> rates;
    QStringList tooltips;
    for (const TrackProgressStats &track : tracks) {
        names << elided(withInvisiblesShown(track.track));
        rates << track.completionRate() * 100.0;
        tooltips << tr("%1: %2 of %3 started lessons completed (%4)")
                        .arg(withInvisiblesShown(track.track))
                        .arg(track.completed)
                        .arg(track.learners)
                        .arg(formatRate(track.completionRate()));
    }
    showBars(tr("Completion rate by track (choose a track for its lessons)"), names, rates, tooltips);
}

void CompletionRateChart::showBars(const QString &title, const QStringList &names, const QList<double> &rates,
                                   const QStringList &tooltips)
{
    QChart *chart = emptyChart();
    chart->setTitle(title);
    // Bars run top to bottom in the order given: the category axis counts from the bottom.
    QStringList categories(names.crbegin(), names.crend());
    auto *set = new QBarSet(tr("Completion rate (%)"));
    for (auto it = rates.crbegin(); it != rates.crend(); ++it)
        set->append(*it);
    set->setColor(QColor(0x2e, 0x7d, 0x32));
    auto *series = new QHorizontalBarSeries;
    series->setObjectName(QStringLiteral("completionRateSeries"));
    series->append(set);
    series->setBarWidth(0.7);
    series->setLabelsVisible(true);
    series->setLabelsFormat(QStringLiteral("@value %"));
    series->setLabelsPrecision(3);
    chart->addSeries(series);

    auto *names_ = new QBarCategoryAxis;
    names_->append(categories);
    chart->addAxis(names_, Qt::AlignLeft);
    series->attachAxis(names_);
    auto *percent = new QValueAxis;
    percent->setRange(0, 100);
    percent->setLabelFormat(QStringLiteral("%d %"));
    percent->setTickCount(6);
    chart->addAxis(percent, Qt::AlignBottom);
    series->attachAxis(percent);

    const QStringList reversedTips(tooltips.crbegin(), tooltips.crend());
    connect(series, &QHorizontalBarSeries::hovered, this, [this, reversedTips](bool on, int index) {
        setToolTip(on && index >= 0 && index < reversedTips.size() ? reversedTips.at(index) : QString());
    });

    if (names.isEmpty())
        chart->setTitle(title + QLatin1Char('\n') + tr("No lessons to show"));
    QChart *old = this->chart();
    setChart(chart);
    delete old;
    m_preferredHeight = ChartChrome + int(names.size()) * BarHeight;
}

CompletionsChart::CompletionsChart(QWidget *parent) : QChartView(emptyChart(), parent)
{
    setObjectName(QStringLiteral("completionsChart"));
    setRenderHint(QPainter::Antialiasing);
}

QList<CompletionsPeriod> CompletionsChart::withEmptyPeriods(const QList<CompletionsPeriod> &periods,
                                                           CompletionBucket bucket)
{
    if (periods.isEmpty())
        return {};
    QList<CompletionsPeriod> filled;
    QDate next = periods.first().start;
    for (const CompletionsPeriod &period : periods) {
        while (next.isValid() && next < period.start && filled.size() < MaxPeriods) {
            filled.append({next, 0});
            next = nextPeriod(next, bucket);
        }
        if (filled.size() >= MaxPeriods)
            break;
        filled.append(period);
        next = nextPeriod(period.start, bucket);
    }
    return filled;
}

void CompletionsChart::showPeriods(const QList<CompletionsPeriod> &periods, CompletionBucket bucket,
                                   const QString &track)
{
    const QList<CompletionsPeriod> drawn = withEmptyPeriods(periods, bucket);
    QChart *chart = emptyChart();
    const QString per = bucket == CompletionBucket::Day ? tr("day") : bucket == CompletionBucket::Week ? tr("week") : tr("month");
    chart->setTitle(track.isEmpty() ? tr("Completions per %1, every track").arg(per)
                                    : tr("Completions per %1 in %2").arg(per, withInvisiblesShown(track)));

    auto *line = new QLineSeries;
    line->setObjectName(QStringLiteral("completionsSeries"));
    line->setName(tr("Completions"));
    qint64 highest = 0;
    for (const CompletionsPeriod &period : drawn) {
        line->append(double(period.start.startOfDay(Qt::UTC).toMSecsSinceEpoch()), double(period.completed));
        highest = std::max(highest, period.completed);
    }
    chart->addSeries(line);
    // Points mark the periods when there are few of them (a single period is a point, not a line).
    if (drawn.size() <= 60) {
        auto *points = new QScatterSeries;
        points->setMarkerSize(7);
        points->setColor(line->color());
        points->append(line->points());
        chart->addSeries(points);
    }

    auto *time = new QDateTimeAxis;
    time->setFormat(bucket == CompletionBucket::Month ? QStringLiteral("yyyy-MM") : QStringLiteral("yyyy-MM-dd"));
    time->setTickCount(std::clamp(int(drawn.size()), 2, 7));
    if (!drawn.isEmpty()) {
        const QDateTime first = drawn.first().start.startOfDay(Qt::UTC);
        const QDateTime last = drawn.last().start.startOfDay(Qt::UTC);
        time->setRange(first == last ? first.addDays(-1) : first, first == last ? last.addDays(1) : last);
    }
    auto *count = new QValueAxis;
    count->setRange(0, std::max<qint64>(highest, 1) * 1.1);
    count->setLabelFormat(QStringLiteral("%d"));
    count->applyNiceNumbers();
    chart->addAxis(time, Qt::AlignBottom);
    chart->addAxis(count, Qt::AlignLeft);
    for (QAbstractSeries *series : chart->series()) {
        series->attachAxis(time);
        series->attachAxis(count);
    }
    if (drawn.isEmpty())
        chart->setTitle(chart->title() + QLatin1Char('\n') + tr("No completions in this range"));

    QChart *old = this->chart();
    setChart(chart);
    delete old;
}

} // namespace edge::ui
