#pragma once

#include "application/Services.h"

#include <QObject>

#include <memory>

namespace edge::ui {

// The Progress screen's statistics, read through the handlers (the stores answer from
// precomputed totals) and never on the UI thread: per track, per lesson of the chosen track,
// and completions over time in the chosen range and bucket. A change of scope reads only
// what it touches (a new bucket does not read the track totals again); nothing is read for
// a keystroke, only when the scope is set. Answers for an older scope are dropped. Completions
// are read only while someone looks at them (setCompletionsWanted).
class ProgressStatistics final : public QObject
{
    Q_OBJECT

public:
    struct Scope
    {
        QString track;        // empty: every track
        QDateTime from;       // completions from (inclusive); null: open
        QDateTime to;         // completions to (exclusive); null: open
        CompletionBucket bucket = CompletionBucket::Week;
        bool operator==(const Scope &other) const = default;
    };

    explicit ProgressStatistics(QObject *parent = nullptr);

    void setServices(std::shared_ptr<Services> services);
    void setScope(const Scope &scope);
    const Scope &scope() const { return m_scope; }
    void setCompletionsWanted(bool wanted);
    // Reads everything again (F5, or after progress changed).
    void refresh();
    bool isBusy() const { return m_running > 0; }

    const QList<TrackProgressStats> &tracks() const { return m_tracks; }
    // Every lesson of the scope's track (of every track when none), with its numbers.
    const QList<LessonProgressStats> &lessons() const { return m_lessons; }
    const QString &lessonsTrack() const { return m_lessonsTrack; }
    const QList<CompletionsPeriod> &completions() const { return m_completions; }
    // The scope the completions shown were read for (its track and bucket).
    const Scope &completionsScope() const { return m_completionsScope; }

signals:
    void tracksChanged();
    void lessonsChanged();
    void completionsChanged();
    void busyChanged(bool busy);
    void failed(const QString &message);

private:
    void loadTracks();
    void loadLessons();
    void loadCompletions();
    template<typename T, typename Apply>
    void run(QCoro::Task<T> &&task, quint64 *latest, Apply apply);

    std::shared_ptr<Services> m_services;
    Scope m_scope;
    bool m_completionsWanted = false;
    bool m_completionsStale = true;
    int m_running = 0;
    quint64 m_tracksRequest = 0;
    quint64 m_lessonsRequest = 0;
    quint64 m_completionsRequest = 0;
    QList<TrackProgressStats> m_tracks;
    QList<LessonProgressStats> m_lessons;
    QString m_lessonsTrack;
    QList<CompletionsPeriod> m_completions;
    Scope m_completionsScope;
};

} // namespace edge::ui
