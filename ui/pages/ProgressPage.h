#pragma once

#include "pages/ListPage.h"

#include <optional>

class QAction;

namespace edge {
class EventBus;
struct DomainEvent;
} // namespace edge

namespace edge::ui {

class ProgressCorrections;
class ProgressFilterBar;
class ProgressStatistics;
class ProgressStatsPane;
class ProgressTableModel;
class ProgressTransfer;

// Learners' progress across users, lessons and tracks: the shared list page over the progress
// table (paged by keyset), a learner search, filters for track, lesson, completion, score and
// completion date, statistics with charts below the table (read when the track or the date
// range changes, not per keystroke), corrections and resets for admins, and a learner's
// dashboard from any row. Refreshes live from the EventBus.
class ProgressPage final : public ListPage
{
    Q_OBJECT

public:
    explicit ProgressPage(EventBus &events, QWidget *parent = nullptr);

    bool isAvailableTo(const ConsoleAccess &access) const override { return access.progressVisible(); }
    void setServices(std::shared_ptr<Services> services, const QString &noStoreMessage) override;
    void setAccess(const ConsoleAccess &access) override;

    ProgressTableModel *progressModel() const { return m_model; }
    ProgressFilterBar *filterBar() const { return m_filters; }
    ProgressStatsPane *statsPane() const { return m_statsPane; }
    ProgressStatistics *statistics() const { return m_statistics; }

private:
    void buildActions();
    void buildTransferActions();
    void applyFilters();
    void applyStatisticsScope();
    void openLearnerOfSelected();
    void onDomainEvent(const DomainEvent &event);
    void updateActions();
    std::optional<ProgressEntry> currentEntry() const;

    EventBus &m_events;
    ProgressTableModel *m_model;
    ProgressFilterBar *m_filters = nullptr;
    ProgressStatistics *m_statistics = nullptr;
    ProgressStatsPane *m_statsPane = nullptr;
    ProgressCorrections *m_corrections = nullptr;
    ProgressTransfer *m_transfer = nullptr;
    ConsoleAccess m_access;
    QTimer m_eventRefreshDelay; // one refresh for a burst of events
    QString m_resetKey;         // just reset: nothing to keep selected
    CompletionBucket m_bucket = CompletionBucket::Week;

    QAction *m_correctAction = nullptr;
    QAction *m_resetAction = nullptr;
    QAction *m_openLearnerAction = nullptr;
    QAction *m_statisticsAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_transferMenuAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_importAction = nullptr;
};

} // namespace edge::ui
