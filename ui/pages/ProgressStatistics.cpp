#include "ProgressStatistics.h"

#include "async/RunTask.h"
#include "common/ErrorText.h"

namespace edge::ui {

ProgressStatistics::ProgressStatistics(QObject *parent) : QObject(parent)
{
}

void ProgressStatistics::setServices(std::shared_ptr<Services> services)
{
    m_services = std::move(services);
    ++m_tracksRequest;
    ++m_lessonsRequest;
    ++m_completionsRequest;
    m_tracks.clear();
    m_lessons.clear();
    m_lessonsTrack.clear();
    m_completions.clear();
    emit tracksChanged();
    emit lessonsChanged();
    emit completionsChanged();
    refresh();
}

void ProgressStatistics::setScope(const Scope &scope)
{
    if (scope == m_scope)
        return;
    const bool trackChanged = scope.track != m_scope.track;
    m_scope = scope;
    if (trackChanged)
        loadLessons();
    m_completionsStale = true;
    loadCompletions();
}

void ProgressStatistics::setCompletionsWanted(bool wanted)
{
    m_completionsWanted = wanted;
    loadCompletions();
}

void ProgressStatistics::refresh()
{
    loadTracks();
    loadLessons();
    m_completionsStale = true;
    loadCompletions();
}

// Runs a read; `apply` takes its answer only if no newer read of the same kind started since.
template<typename T, typename Apply>
void ProgressStatistics::run(QCoro::Task<T> &&task, quint64 *latest, Apply apply)
{
    const quint64 request = ++*latest;
    if (m_running++ == 0)
        emit busyChanged(true);
    const auto finished = [this] {
        if (--m_running == 0)
            emit busyChanged(false);
    };
    runTask(
        std::move(task), this,
        [this, request, latest, apply, finished, keep = m_services](T value) mutable {
            finished();
            if (request == *latest)
                apply(std::move(value));
        },
        [this, request, latest, finished](const std::exception &error) {
            finished();
            if (request == *latest)
                emit failed(errorMessage(error));
        });
}

void ProgressStatistics::loadTracks()
{
    if (!m_services)
        return;
    run(m_services->progressQueries.trackStats(), &m_tracksRequest, [this](QList<TrackProgressStats> tracks) {
        m_tracks = std::move(tracks);
        emit tracksChanged();
    });
}

void ProgressStatistics::loadLessons()
{
    if (!m_services)
        return;
    const QString track = m_scope.track;
    run(m_services->progressQueries.lessonStats(track), &m_lessonsRequest,
        [this, track](QList<LessonProgressStats> lessons) {
            m_lessons = std::move(lessons);
            m_lessonsTrack = track;
            emit lessonsChanged();
        });
}

void ProgressStatistics::loadCompletions()
{
    if (!m_services || !m_completionsWanted || !m_completionsStale)
        return;
    m_completionsStale = false;
    CompletionsQuery query;
    query.track = m_scope.track;
    query.from = m_scope.from;
    query.to = m_scope.to;
    query.bucket = m_scope.bucket;
    run(m_services->progressQueries.completions(query), &m_completionsRequest,
        [this, scope = m_scope](QList<CompletionsPeriod> periods) {
            m_completions = std::move(periods);
            m_completionsScope = scope;
            emit completionsChanged();
        });
}

} // namespace edge::ui
