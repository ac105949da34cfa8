#pragma once

#include "models/RowSource.h"

#include <QList>
#include <QObject>
#include <QSet>
#include <QVariant>

#include <memory>

namespace edge::ui {

// Fetches pages of rows and the match count for PagedTableModel from its RowSource, so the
// UI thread never waits (DB Browser for SQLite's RowLoader idea). Answers carry the
// generation they were asked for; the model drops answers of an older generation (the
// query changed meanwhile), pages and counts alike.
//
// Scrolling a million rows asks for many pages quickly: at most MaxInFlight run at once,
// the newest request goes first (it is what is on screen now) and the oldest queued ones
// are forgotten; the model asks again for any page that is still visible.
class PageLoader final : public QObject
{
    Q_OBJECT

public:
    static constexpr int MaxInFlight = 2;
    static constexpr int MaxQueued = 6;

    PageLoader(RowSource &source, int pageSize, QObject *parent = nullptr);

    void setServices(std::shared_ptr<Services> services);
    // Starts a new generation: queued pages are forgotten; pages in flight finish but are
    // reported with their old generation.
    void restart(quint64 generation);

    void requestPage(int page); // 0-based; does nothing if already queued or running
    void requestCount();
    bool isPending(int page) const;
    bool isBusy() const;

signals:
    void pageLoaded(quint64 generation, int page, const QList<QVariant> &rows);
    void countLoaded(quint64 generation, qint64 total);
    void loadFailed(quint64 generation, int page, const QString &message); // page -1: the count
    void busyChanged(bool busy);

private:
    void startQueued();
    void finishPage(bool ofThisGeneration, int page);
    void finishCount();
    void reportBusy();

    RowSource &m_source;
    const int m_pageSize;
    std::shared_ptr<Services> m_services;
    quint64 m_generation = 0;
    QList<int> m_queue;          // newest first
    QSet<int> m_runningPages;    // of the current generation
    int m_runningPageCount = 0;  // pages of any generation: the store is busy with them
    int m_runningCounts = 0;     // counted apart: a slow COUNT must not hold pages back
    bool m_wasBusy = false;
};

} // namespace edge::ui
