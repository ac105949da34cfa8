#include "ProgressStatsPane.h"

#include "common/ProgressFormatting.h"
#include "domain/Text.h"
#include "pages/ProgressCharts.h"
#include "pages/ProgressStatistics.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace edge::ui {

namespace {
enum TracksColumn { TrackName, TrackLessons, TrackLearners, TrackCompleted, TrackRate, TrackAverage };
enum LessonsColumn { LessonTitle, LessonTrack, LessonLearners, LessonCompleted, LessonRate, LessonAverage };

QTableWidget *statsTable(const QString &objectName, const QStringList &headers)
{
    auto *table = new QTableWidget(0, int(headers.size()));
    table->setObjectName(objectName);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // The name takes the room; numbers get what their header needs (they are short).
    QHeaderView *header = table->horizontalHeader();
    header->setStretchLastSection(false);
    header->setMinimumSectionSize(48);
    header->setSectionResizeMode(0, QHeaderView::Stretch);
    header->setSortIndicator(0, Qt::AscendingOrder); // by name, as the charts
    for (int column = 1; column < headers.size(); ++column)
        header->resizeSection(column, std::max(56, table->fontMetrics().horizontalAdvance(headers.at(column)) + 22));
    return table;
}

QTableWidgetItem *textItem(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setToolTip(text);
    return item;
}

// Numbers sort as numbers; the display keeps them readable.
QTableWidgetItem *numberItem(const QVariant &value, const QString &display = {})
{
    auto *item = new QTableWidgetItem;
    item->setData(Qt::DisplayRole, value);
    if (!display.isEmpty())
        item->setData(Qt::ToolTipRole, display);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

double percent(double rate)
{
    return std::round(rate * 1000.0) / 10.0;
}

double rounded(double value)
{
    return std::round(value * 10.0) / 10.0;
}
} // namespace

ProgressStatsPane::ProgressStatsPane(ProgressStatistics &statistics, QWidget *parent)
    : QWidget(parent)
    , m_statistics(statistics)
{
    setObjectName(QStringLiteral("progressStatsPane"));

    auto *title = new QLabel(tr("<b>Statistics</b>"));
    m_busy = new QProgressBar;
    m_busy->setObjectName(QStringLiteral("progressStatsBusy"));
    m_busy->setRange(0, 0);
    m_busy->setMaximumSize(60, 12);
    m_busy->setTextVisible(false);
    m_busy->setToolTip(tr("Computing…"));
    m_busy->setVisible(statistics.isBusy());
    auto *busyText = new QLabel(tr("Computing…"));
    busyText->setEnabled(false);
    busyText->setVisible(statistics.isBusy());
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("progressStatsError"));
    m_error->setStyleSheet(QStringLiteral("color: #8a1f11;"));
    m_error->setWordWrap(true);
    m_error->hide();

    m_bucket = new QComboBox;
    m_bucket->setObjectName(QStringLiteral("completionsBucketCombo"));
    m_bucket->addItem(tr("Per day"), int(CompletionBucket::Day));
    m_bucket->addItem(tr("Per week"), int(CompletionBucket::Week));
    m_bucket->addItem(tr("Per month"), int(CompletionBucket::Month));
    m_bucket->setCurrentIndex(m_bucket->findData(int(statistics.scope().bucket)));
    m_bucket->setToolTip(tr("How completions over time are counted"));
    connect(m_bucket, &QComboBox::currentIndexChanged, this,
            [this] { emit bucketChosen(CompletionBucket(m_bucket->currentData().toInt())); });

    auto *header = new QHBoxLayout;
    header->setContentsMargins(0, 0, 0, 0);
    header->addWidget(title);
    header->addSpacing(8);
    header->addWidget(m_busy);
    header->addWidget(busyText);
    header->addWidget(m_error, 1);
    header->addStretch();
    header->addWidget(new QLabel(tr("Completions:")));
    header->addWidget(m_bucket);

    m_tracksTable = statsTable(QStringLiteral("trackStatsTable"),
                               {tr("Track"), tr("Lessons"), tr("Started"), tr("Completed"), tr("Rate %"), tr("Avg score")});
    m_tracksTable->setToolTip(tr("Double-click a track to filter the list and the charts by it"));
    connect(m_tracksTable, &QTableWidget::itemActivated, this, [this](QTableWidgetItem *item) {
        if (const QTableWidgetItem *name = m_tracksTable->item(item->row(), TrackName))
            emit trackChosen(name->data(Qt::UserRole).toString());
    });
    m_lessonsTable = statsTable(QStringLiteral("lessonStatsTable"),
                                {tr("Lesson"), tr("Track"), tr("Started"), tr("Completed"), tr("Rate %"), tr("Avg score")});
    m_lessonsTable->horizontalHeader()->resizeSection(LessonTrack, 100);
    m_tables = new QTabWidget;
    m_tables->setObjectName(QStringLiteral("progressStatsTables"));
    m_tables->addTab(m_tracksTable, tr("Tracks"));
    m_tables->addTab(m_lessonsTable, tr("Lessons"));
    m_tables->setDocumentMode(true);

    m_rateChart = new CompletionRateChart;
    m_rateScroll = new QScrollArea;
    m_rateScroll->setWidget(m_rateChart);
    m_rateScroll->setWidgetResizable(true);
    m_rateScroll->setFrameShape(QFrame::NoFrame);
    m_completionsChart = new CompletionsChart;
    m_charts = new QTabWidget;
    m_charts->setObjectName(QStringLiteral("progressCharts"));
    m_charts->addTab(m_rateScroll, tr("Completion rate"));
    m_charts->addTab(m_completionsChart, tr("Completions over time"));
    m_charts->setDocumentMode(true);
    connect(m_charts, &QTabWidget::currentChanged, this, &ProgressStatsPane::updateCompletionsWanted);

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(QStringLiteral("progressStatsSplitter"));
    splitter->addWidget(m_tables);
    splitter->addWidget(m_charts);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({480, 520});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(header);
    layout->addWidget(splitter, 1);

    connect(&statistics, &ProgressStatistics::busyChanged, m_busy, &QWidget::setVisible);
    connect(&statistics, &ProgressStatistics::busyChanged, busyText, &QWidget::setVisible);
    connect(&statistics, &ProgressStatistics::busyChanged, this, [this](bool busy) {
        if (busy)
            m_error->hide();
    });
    connect(&statistics, &ProgressStatistics::failed, this, [this](const QString &message) {
        m_error->setText(tr("Could not compute: %1").arg(message));
        m_error->show();
    });
    connect(&statistics, &ProgressStatistics::tracksChanged, this, &ProgressStatsPane::showTracks);
    connect(&statistics, &ProgressStatistics::lessonsChanged, this, &ProgressStatsPane::showLessons);
    connect(&statistics, &ProgressStatistics::completionsChanged, this, &ProgressStatsPane::showCompletions);
    showTracks();
    showLessons();
    showCompletions();
}

void ProgressStatsPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    updateCompletionsWanted();
}

void ProgressStatsPane::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    updateCompletionsWanted();
}

// Completions over time are the one statistic not kept as totals: read only when looked at.
void ProgressStatsPane::updateCompletionsWanted()
{
    m_statistics.setCompletionsWanted(isVisible() && m_charts->currentWidget() == m_completionsChart);
}

void ProgressStatsPane::showTracks()
{
    m_tracksTable->setSortingEnabled(false);
    m_tracksTable->setRowCount(0);
    for (const TrackProgressStats &track : m_statistics.tracks()) {
        const int row = m_tracksTable->rowCount();
        m_tracksTable->insertRow(row);
        QTableWidgetItem *name = textItem(withInvisiblesShown(track.track));
        name->setData(Qt::UserRole, track.track);
        m_tracksTable->setItem(row, TrackName, name);
        m_tracksTable->setItem(row, TrackLessons, numberItem(track.lessons));
        m_tracksTable->setItem(row, TrackLearners, numberItem(track.learners));
        m_tracksTable->setItem(row, TrackCompleted, numberItem(track.completed));
        m_tracksTable->setItem(row, TrackRate, numberItem(percent(track.completionRate()), formatRate(track.completionRate())));
        m_tracksTable->setItem(row, TrackAverage, numberItem(rounded(track.averageScore)));
    }
    m_tracksTable->setSortingEnabled(true);
    showRateChart();
}

void ProgressStatsPane::showLessons()
{
    const QString track = m_statistics.lessonsTrack();
    m_tables->setTabText(1, track.isEmpty() ? tr("Lessons") : tr("Lessons in %1").arg(withInvisiblesShown(track)));
    if (track != m_shownTrack) { // a track chosen: its lessons are what one looks at next
        m_shownTrack = track;
        m_tables->setCurrentIndex(track.isEmpty() ? 0 : 1);
    }
    m_lessonsTable->setSortingEnabled(false);
    m_lessonsTable->setRowCount(0);
    for (const LessonProgressStats &lesson : m_statistics.lessons()) {
        const int row = m_lessonsTable->rowCount();
        m_lessonsTable->insertRow(row);
        QTableWidgetItem *title = textItem(withInvisiblesShown(lesson.title));
        title->setData(Qt::UserRole, lesson.lessonId);
        m_lessonsTable->setItem(row, LessonTitle, title);
        m_lessonsTable->setItem(row, LessonTrack, textItem(withInvisiblesShown(lesson.track)));
        m_lessonsTable->setItem(row, LessonLearners, numberItem(lesson.learners));
        m_lessonsTable->setItem(row, LessonCompleted, numberItem(lesson.completed));
        m_lessonsTable->setItem(row, LessonRate,
                                numberItem(percent(lesson.completionRate()), formatRate(lesson.completionRate())));
        m_lessonsTable->setItem(row, LessonAverage, numberItem(rounded(lesson.averageScore)));
    }
    m_lessonsTable->setSortingEnabled(true);
    showRateChart();
}

void ProgressStatsPane::showRateChart()
{
    const QString track = m_statistics.lessonsTrack();
    if (track.isEmpty())
        m_rateChart->showTracks(m_statistics.tracks());
    else
        m_rateChart->showLessons(track, m_statistics.lessons());
    m_rateChart->setMinimumHeight(std::max(180, m_rateChart->preferredHeight()));
}

void ProgressStatsPane::showCompletions()
{
    const ProgressStatistics::Scope &scope = m_statistics.completionsScope();
    m_completionsChart->showPeriods(m_statistics.completions(), scope.bucket, scope.track);
}

} // namespace edge::ui
