#pragma once

#include "models/PagedTableModel.h"

#include <QDate>

namespace edge::ui {

// What the Activity page asks for. Empty fields do not filter.
struct ActivityFilter
{
    QString type;  // an event type ("user.updated")
    QString actor; // a user id, or a user's email (looked up to their id)
    QDate from;    // inclusive, local days
    QDate to;      // inclusive
    bool operator==(const ActivityFilter &other) const = default;
};

// The audit trail, newest first: a PagedTableModel over ListEventsHandler. Events this
// window publishes on the EventBus show at the top at once (addLiveEvent) when they pass
// the filter, until the store's own copy arrives with the next refresh.
class ActivityModel final : public PagedTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, ActorColumn, WhatColumn, SubjectColumn, ColumnCount };
    static constexpr int EntryRole = RowRole; // the ActivityEntry

    explicit ActivityModel(QObject *parent = nullptr);

    void setFilter(const ActivityFilter &filter);
    const ActivityFilter &filter() const;
    void addLiveEvent(const DomainEvent &event);

    qint64 total() const { return totalCount(); }
    // The actor filter names an email no user has (so the empty list is not a surprise).
    bool actorNotFound() const;
    ActivityEntry entryAt(int row) const;
};

// The store query for one page (1-based) of the filter, the actor already resolved to a
// user id (empty: no actor filter).
EventQuery eventQueryFor(const ActivityFilter &filter, const QString &actorId, int page, int pageSize);

} // namespace edge::ui

Q_DECLARE_METATYPE(edge::ui::ActivityFilter)
