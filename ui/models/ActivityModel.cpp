#include "ActivityModel.h"

#include "async/RunTask.h"
#include "common/ActivityFormatting.h"
#include "common/ErrorText.h"
#include "common/UserFormatting.h"

#include <QUuid>

namespace edge::ui {

namespace {
bool isUserId(const QString &text)
{
    return !QUuid::fromString(text.trimmed()).isNull();
}
} // namespace

ActivityModel::ActivityModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ActivityModel::setServices(std::shared_ptr<Services> services)
{
    m_services = std::move(services);
    refresh();
}

void ActivityModel::setFilter(const ActivityFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    refresh();
}

EventQuery ActivityModel::queryFor(int page) const
{
    EventQuery query;
    query.type = m_filter.type;
    if (isUserId(m_filter.actor))
        query.actorId = QUuid::fromString(m_filter.actor.trimmed()).toString(QUuid::WithoutBraces);
    if (m_filter.from.isValid())
        query.from = m_filter.from.startOfDay().toUTC();
    if (m_filter.to.isValid())
        query.to = m_filter.to.addDays(1).startOfDay().toUTC();
    query.page = page;
    query.pageSize = PageSize;
    return query;
}

void ActivityModel::refresh()
{
    ++m_generation;
    beginResetModel();
    m_rows.clear();
    m_ids.clear();
    m_pagesLoaded = 0;
    m_totalPages = -1;
    endResetModel();
    m_total = -1;
    emit totalChanged(m_total);
    setLoading(false);
    if (m_services)
        fetchPage(1);
}

void ActivityModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

void ActivityModel::fetchPage(int page)
{
    if (!m_services || m_loading)
        return;
    setLoading(true);
    const quint64 generation = m_generation;
    auto task = m_services->listEvents.execute(queryFor(page));
    runTask(
        std::move(task), this,
        [this, generation](EventPage result) {
            if (generation != m_generation)
                return;
            setLoading(false);
            appendPage(result);
        },
        [this, generation](const std::exception &error) {
            if (generation != m_generation)
                return;
            setLoading(false);
            m_totalPages = m_pagesLoaded; // stop asking until refreshed
            emit loadFailed(errorMessage(error));
        });
}

void ActivityModel::appendPage(const EventPage &page)
{
    m_pagesLoaded = page.page;
    m_totalPages = page.totalPages;
    QList<ActivityEntry> fresh;
    for (const ActivityEntry &entry : page.items) {
        if (m_ids.contains(entry.id) || !passesLocalFilter(entry))
            continue;
        fresh.append(entry);
    }
    if (!fresh.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + fresh.size() - 1));
        for (const ActivityEntry &entry : std::as_const(fresh)) {
            m_rows.append(entry);
            m_ids.insert(entry.id);
        }
        endInsertRows();
    }
    m_total = page.total;
    emit totalChanged(m_total);
    // A filter applied here (part of an email) may leave a page nearly empty: read on, so
    // the view is not left without rows to scroll to.
    if (fresh.size() < PageSize / 2 && !m_filter.actor.isEmpty() && canFetchMore({}))
        fetchPage(m_pagesLoaded + 1);
}

bool ActivityModel::passesLocalFilter(const ActivityEntry &entry) const
{
    const QString actor = m_filter.actor.trimmed();
    if (actor.isEmpty() || isUserId(actor))
        return true;
    return entry.actorLabel.contains(actor, Qt::CaseInsensitive);
}

bool ActivityModel::passesFilter(const ActivityEntry &entry) const
{
    const EventQuery query = queryFor(1);
    if (!query.type.isEmpty() && entry.type != query.type)
        return false;
    if (!query.actorId.isEmpty() && entry.actorId.compare(query.actorId, Qt::CaseInsensitive) != 0)
        return false;
    if (query.from.isValid() && entry.occurredAt < query.from)
        return false;
    if (query.to.isValid() && entry.occurredAt >= query.to)
        return false;
    return passesLocalFilter(entry);
}

void ActivityModel::addLiveEvent(const DomainEvent &event)
{
    if (!m_services)
        return;
    const ActivityEntry entry{0, event.type, event.actor.id, event.actor.label, event.subjectType,
                              event.subjectId, event.payload, event.occurredAt};
    if (!passesFilter(entry))
        return;
    beginInsertRows({}, 0, 0);
    m_rows.prepend(entry);
    endInsertRows();
    if (m_total >= 0)
        emit totalChanged(++m_total);
}

int ActivityModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ActivityModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ActivityModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ActivityEntry &entry = m_rows.at(index.row());
    if (role == EntryRole)
        return QVariant::fromValue(entry);
    if (role == Qt::ToolTipRole) {
        if (index.column() == TimeColumn)
            return formatTimestampLong(entry.occurredAt);
        if (index.column() == SubjectColumn)
            return entry.subjectId;
        return data(index, Qt::DisplayRole);
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TimeColumn: return formatTimestamp(entry.occurredAt);
    case ActorColumn: return describeActor(entry);
    case WhatColumn: return describeActivity(entry);
    case SubjectColumn: return describeSubject(entry);
    default: return {};
    }
}

QVariant ActivityModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case ActorColumn: return tr("Who");
    case WhatColumn: return tr("What");
    case SubjectColumn: return tr("Record");
    default: return {};
    }
}

bool ActivityModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_services && m_totalPages >= 0 && m_pagesLoaded < m_totalPages;
}

void ActivityModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        fetchPage(m_pagesLoaded + 1);
}

} // namespace edge::ui
