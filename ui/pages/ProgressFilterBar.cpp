#include "ProgressFilterBar.h"

#include "domain/Text.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <utility>

namespace edge::ui {

namespace {
// A date edit whose lowest value reads "any": no bound on that side (as the Activity page).
const QDate NoDate(2000, 1, 1);

QDateEdit *makeDateEdit(const QString &objectName, const QString &toolTip)
{
    auto *edit = new QDateEdit;
    edit->setObjectName(objectName);
    edit->setCalendarPopup(true);
    edit->setMinimumDate(NoDate);
    edit->setSpecialValueText(ProgressFilterBar::tr("any"));
    edit->setDate(NoDate);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    edit->setKeyboardTracking(false);
    edit->setToolTip(toolTip);
    return edit;
}

QSpinBox *makeScoreEdit(const QString &objectName, int value, const QString &toolTip)
{
    auto *edit = new QSpinBox;
    edit->setObjectName(objectName);
    edit->setRange(ProgressEntry::MinScore, ProgressEntry::MaxScore);
    edit->setValue(value);
    edit->setKeyboardTracking(false); // one query when the number is typed, not per digit
    edit->setToolTip(toolTip);
    return edit;
}

QDate dateOf(const QDateEdit *edit)
{
    return edit->date() == NoDate ? QDate() : edit->date();
}
} // namespace

ProgressFilterBar::ProgressFilterBar(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("progressFilterBar"));
    const auto report = [this] {
        if (!m_quiet)
            emit changed();
    };

    m_track = new QComboBox;
    m_track->setObjectName(QStringLiteral("progressTrackFilter"));
    m_track->addItem(tr("All tracks"), QString());
    m_track->setMinimumWidth(140);
    m_track->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_track, &QComboBox::currentIndexChanged, this, [this, report] {
        const bool wasQuiet = std::exchange(m_quiet, true);
        setLessons({}); // not another track's lessons while this one's are read
        m_quiet = wasQuiet;
        if (!m_quiet)
            emit trackChanged(track());
        report();
    });

    m_lesson = new QComboBox;
    m_lesson->setObjectName(QStringLiteral("progressLessonFilter"));
    m_lesson->addItem(tr("All lessons"), QString());
    m_lesson->setMinimumWidth(200);
    m_lesson->setMaximumWidth(340);
    m_lesson->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_lesson->setMinimumContentsLength(22);
    connect(m_lesson, &QComboBox::currentIndexChanged, this, report);

    m_completed = new QComboBox;
    m_completed->setObjectName(QStringLiteral("progressCompletedFilter"));
    m_completed->addItem(tr("Any"), QVariant());
    m_completed->addItem(tr("Completed"), true);
    m_completed->addItem(tr("Not completed"), false);
    connect(m_completed, &QComboBox::currentIndexChanged, this, report);

    m_minScore = makeScoreEdit(QStringLiteral("progressMinScore"), ProgressEntry::MinScore, tr("Lowest score shown"));
    m_maxScore = makeScoreEdit(QStringLiteral("progressMaxScore"), ProgressEntry::MaxScore, tr("Highest score shown"));
    // The range never turns inside out: moving one end past the other moves that one too.
    connect(m_minScore, &QSpinBox::valueChanged, this, [this, report](int value) {
        if (m_maxScore->value() < value) {
            const QSignalBlocker quiet(m_maxScore);
            m_maxScore->setValue(value);
        }
        report();
    });
    connect(m_maxScore, &QSpinBox::valueChanged, this, [this, report](int value) {
        if (m_minScore->value() > value) {
            const QSignalBlocker quiet(m_minScore);
            m_minScore->setValue(value);
        }
        report();
    });

    m_from = makeDateEdit(QStringLiteral("progressCompletedFrom"), tr("Completed on or after this day"));
    m_to = makeDateEdit(QStringLiteral("progressCompletedTo"), tr("Completed on or before this day"));
    connect(m_from, &QDateEdit::dateChanged, this, report);
    connect(m_to, &QDateEdit::dateChanged, this, report);

    m_clear = new QPushButton(tr("Clear filters"));
    m_clear->setObjectName(QStringLiteral("progressClearFilters"));
    connect(m_clear, &QPushButton::clicked, this, &ProgressFilterBar::clear);

    auto *first = new QHBoxLayout;
    first->setContentsMargins(0, 0, 0, 0);
    first->addWidget(new QLabel(tr("Track:")));
    first->addWidget(m_track);
    first->addSpacing(12);
    first->addWidget(new QLabel(tr("Lesson:")));
    first->addWidget(m_lesson, 1);
    first->addSpacing(12);
    first->addWidget(new QLabel(tr("Status:")));
    first->addWidget(m_completed);
    first->addStretch();

    auto *second = new QHBoxLayout;
    second->setContentsMargins(0, 0, 0, 0);
    second->addWidget(new QLabel(tr("Score:")));
    second->addWidget(m_minScore);
    second->addWidget(new QLabel(tr("to")));
    second->addWidget(m_maxScore);
    second->addSpacing(12);
    second->addWidget(new QLabel(tr("Completed between:")));
    second->addWidget(m_from);
    second->addWidget(new QLabel(tr("and")));
    second->addWidget(m_to);
    second->addSpacing(12);
    second->addWidget(m_clear);
    second->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 2);
    layout->setSpacing(4);
    layout->addLayout(first);
    layout->addLayout(second);
}

void ProgressFilterBar::setTracks(const QList<TrackProgressStats> &tracks)
{
    const QString chosen = track();
    const QSignalBlocker quiet(m_track);
    m_track->clear();
    m_track->addItem(tr("All tracks"), QString());
    for (const TrackProgressStats &stats : tracks)
        m_track->addItem(withInvisiblesShown(stats.track), stats.track);
    int index = m_track->findData(chosen);
    if (index < 0 && !chosen.isEmpty()) { // a filter by a track without lessons now stays
        m_track->addItem(withInvisiblesShown(chosen), chosen);
        index = m_track->count() - 1;
    }
    m_track->setCurrentIndex(std::max(index, 0));
}

void ProgressFilterBar::setLessons(const QList<LessonProgressStats> &lessons)
{
    const QString chosen = m_lesson->currentData().toString();
    const QSignalBlocker quiet(m_lesson);
    m_lesson->clear();
    m_lesson->addItem(tr("All lessons"), QString());
    const bool everyTrack = track().isEmpty();
    for (const LessonProgressStats &lesson : lessons) {
        const QString title = withInvisiblesShown(lesson.title);
        m_lesson->addItem(everyTrack ? tr("%1 (%2)").arg(title, withInvisiblesShown(lesson.track)) : title,
                          lesson.lessonId);
        m_lesson->setItemData(m_lesson->count() - 1, title, Qt::ToolTipRole);
    }
    const int index = m_lesson->findData(chosen);
    m_lesson->setCurrentIndex(std::max(index, 0));
    if (index < 0 && !chosen.isEmpty() && !m_quiet)
        emit changed(); // the chosen lesson is gone (or in another track): the filter is too
}

void ProgressFilterBar::applyTo(ProgressListQuery &query) const
{
    query.track = track();
    query.lessonId = m_lesson->currentData().toString();
    const QVariant completed = m_completed->currentData();
    query.completed = completed.isValid() ? std::optional<bool>(completed.toBool()) : std::nullopt;
    query.minScore = m_minScore->value() > ProgressEntry::MinScore ? std::optional<int>(m_minScore->value()) : std::nullopt;
    query.maxScore = m_maxScore->value() < ProgressEntry::MaxScore ? std::optional<int>(m_maxScore->value()) : std::nullopt;
    query.completedFrom = completedFrom();
    query.completedTo = completedTo();
}

QString ProgressFilterBar::track() const
{
    return m_track->currentData().toString();
}

QDateTime ProgressFilterBar::completedFrom() const
{
    const QDate from = dateOf(m_from);
    return from.isValid() ? from.startOfDay().toUTC() : QDateTime();
}

QDateTime ProgressFilterBar::completedTo() const
{
    const QDate to = dateOf(m_to);
    return to.isValid() ? to.addDays(1).startOfDay().toUTC() : QDateTime();
}

void ProgressFilterBar::chooseTrack(const QString &track)
{
    int index = m_track->findData(track);
    if (index < 0) {
        m_track->addItem(withInvisiblesShown(track), track);
        index = m_track->count() - 1;
    }
    m_track->setCurrentIndex(index);
}

bool ProgressFilterBar::isClear() const
{
    ProgressListQuery query;
    applyTo(query);
    return query.sameFilters(ProgressListQuery());
}

void ProgressFilterBar::clear()
{
    if (isClear())
        return;
    const QString oldTrack = track();
    m_quiet = true;
    m_track->setCurrentIndex(0);
    m_lesson->setCurrentIndex(0);
    m_completed->setCurrentIndex(0);
    m_minScore->setValue(ProgressEntry::MinScore);
    m_maxScore->setValue(ProgressEntry::MaxScore);
    m_from->setDate(NoDate);
    m_to->setDate(NoDate);
    m_quiet = false;
    if (!oldTrack.isEmpty())
        emit trackChanged(track());
    emit changed();
}

} // namespace edge::ui
