#pragma once

#include "application/Services.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QSet>

#include <memory>

namespace edge::ui {

// What the Activity page asks for. Empty fields do not filter.
struct ActivityFilter
{
    QString type;  // an event type ("user.updated")
    QString actor; // a user id (sent to the store) or part of an email (matched here)
    QDate from;    // inclusive, local days
    QDate to;      // inclusive
    bool operator==(const ActivityFilter &other) const = default;
};

// The audit trail, newest first, read page by page as the view scrolls (fetchMore) through
// ListEventsHandler. Events this window publishes on the EventBus are put at the top at
// once (addLiveEvent); rows fetched later that are already shown are skipped by id.
class ActivityModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, ActorColumn, WhatColumn, SubjectColumn, ColumnCount };
    enum Role { EntryRole = Qt::UserRole + 1 }; // the ActivityEntry
    static constexpr int PageSize = 50;

    explicit ActivityModel(QObject *parent = nullptr);

    void setServices(std::shared_ptr<Services> services);
    void setFilter(const ActivityFilter &filter);
    const ActivityFilter &filter() const { return m_filter; }
    // The store query for one page under the current filter.
    EventQuery queryFor(int page) const;
    void refresh();
    void addLiveEvent(const DomainEvent &event);

    bool isLoading() const { return m_loading; }
    qint64 total() const { return m_total; }
    ActivityEntry entryAt(int row) const { return m_rows.value(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void loadingChanged(bool loading);
    void loadFailed(const QString &message);
    void totalChanged(qint64 total);

private:
    void fetchPage(int page);
    void appendPage(const EventPage &page);
    bool passesLocalFilter(const ActivityEntry &entry) const;
    bool passesFilter(const ActivityEntry &entry) const;
    void setLoading(bool loading);

    std::shared_ptr<Services> m_services;
    ActivityFilter m_filter;
    QList<ActivityEntry> m_rows;
    QSet<qint64> m_ids;
    int m_pagesLoaded = 0;
    int m_totalPages = -1; // unknown until the first page arrives
    qint64 m_total = -1;
    quint64 m_generation = 0; // answers for an older filter or store are dropped
    bool m_loading = false;
};

} // namespace edge::ui

Q_DECLARE_METATYPE(edge::ui::ActivityFilter)
