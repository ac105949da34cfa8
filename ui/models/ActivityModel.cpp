#include "ActivityModel.h"

#include "common/ActivityFormatting.h"
#include "common/UserFormatting.h"

#include <QUuid>

namespace edge::ui {

namespace {
QString userIdIn(const QString &text)
{
    const QUuid id = QUuid::fromString(text.trimmed());
    return id.isNull() ? QString() : id.toString(QUuid::WithoutBraces);
}

// Whose events: an id as it is; an email is looked up among the users, once per source
// (the answers are kept in `known`, shared so a request outliving its model stays safe).
struct ActorLookup
{
    bool filters = false; // false: everyone's events
    QString id;           // empty while filtering: nobody has that email
};
using KnownActors = std::shared_ptr<QHash<QString, ActorLookup>>;

QCoro::Task<ActorLookup> lookUpActor(Services &services, QString actor, KnownActors known)
{
    actor = actor.trimmed();
    if (actor.isEmpty())
        co_return ActorLookup{};
    if (const QString id = userIdIn(actor); !id.isEmpty())
        co_return ActorLookup{true, id};
    if (const auto it = known->constFind(actor.toLower()); it != known->cend())
        co_return *it;
    UserListQuery query;
    query.search = actor;
    query.pageSize = 20;
    query.withTotal = false;
    const UserPage matches = co_await services.listUsers.execute(query);
    ActorLookup found{true, QString()};
    for (const User &user : matches.items) {
        if (user.email().value().compare(actor, Qt::CaseInsensitive) == 0)
            found.id = user.id().value();
    }
    known->insert(actor.toLower(), found);
    co_return found;
}

// The audit trail under a filter; the actor's email is resolved to an id on first use.
class EventRowSource final : public RowSource
{
public:
    ActivityFilter filter;
    KnownActors known = std::make_shared<QHash<QString, ActorLookup>>();

    QCoro::Task<QList<QVariant>> fetchPage(Services &services, int page, int pageSize) override
    {
        const ActivityFilter wanted = filter;
        const ActorLookup actor = co_await lookUpActor(services, wanted.actor, known);
        if (actor.filters && actor.id.isEmpty())
            co_return QList<QVariant>();
        EventQuery query = eventQueryFor(wanted, actor.id, page + 1, pageSize);
        query.withTotal = false; // counted once per filter, by count()
        const EventPage result = co_await services.listEvents.execute(query);
        co_return toRows(result.items);
    }
    QCoro::Task<qint64> count(Services &services) override
    {
        const ActivityFilter wanted = filter;
        const ActorLookup actor = co_await lookUpActor(services, wanted.actor, known);
        if (actor.filters && actor.id.isEmpty())
            co_return 0;
        const EventPage first = co_await services.listEvents.execute(eventQueryFor(wanted, actor.id, 1, 1));
        co_return first.total;
    }
    QString rowId(const QVariant &row) const override
    {
        return QString::number(row.value<ActivityEntry>().id);
    }
};

QList<TableColumn> activityColumns()
{
    return {
        tableColumn<ActivityEntry>(ActivityModel::tr("Time"), [](const ActivityEntry &entry, int role) -> QVariant {
            if (role == Qt::DisplayRole)
                return formatTimestamp(entry.occurredAt);
            if (role == Qt::ToolTipRole)
                return formatTimestampLong(entry.occurredAt);
            return entry.occurredAt;
        }),
        tableColumn<ActivityEntry>(ActivityModel::tr("Who"), [](const ActivityEntry &entry, int) -> QVariant {
            return describeActor(entry);
        }),
        tableColumn<ActivityEntry>(ActivityModel::tr("What"), [](const ActivityEntry &entry, int) -> QVariant {
            return describeActivity(entry);
        }),
        tableColumn<ActivityEntry>(ActivityModel::tr("Record"), [](const ActivityEntry &entry, int role) -> QVariant {
            return role == Qt::ToolTipRole ? entry.subjectId : describeSubject(entry);
        }),
    };
}

EventRowSource &eventsOf(RowSource &source)
{
    return static_cast<EventRowSource &>(source);
}
} // namespace

EventQuery eventQueryFor(const ActivityFilter &filter, const QString &actorId, int page, int pageSize)
{
    EventQuery query;
    query.type = filter.type;
    query.actorId = actorId;
    if (filter.from.isValid())
        query.from = filter.from.startOfDay().toUTC();
    if (filter.to.isValid())
        query.to = filter.to.addDays(1).startOfDay().toUTC();
    query.page = page;
    query.pageSize = pageSize;
    return query;
}

ActivityModel::ActivityModel(QObject *parent)
    : PagedTableModel(std::make_unique<EventRowSource>(), activityColumns(), parent, EventQuery::MaxPageSize)
{
}

void ActivityModel::setFilter(const ActivityFilter &filter)
{
    if (filter == this->filter())
        return;
    eventsOf(source()).filter = filter;
    restart();
}

const ActivityFilter &ActivityModel::filter() const
{
    return eventsOf(source()).filter;
}

bool ActivityModel::actorNotFound() const
{
    const EventRowSource &events = eventsOf(source());
    const auto found = events.known->constFind(events.filter.actor.trimmed().toLower());
    return found != events.known->cend() && found->filters && found->id.isEmpty();
}

ActivityEntry ActivityModel::entryAt(int row) const
{
    const std::optional<QVariant> found = rowAt(row);
    return found ? found->value<ActivityEntry>() : ActivityEntry{};
}

void ActivityModel::addLiveEvent(const DomainEvent &event)
{
    const ActivityEntry entry{0, event.type, event.actor.id, event.actor.label, event.subjectType,
                              event.subjectId, event.payload, event.occurredAt};
    const ActivityFilter &wanted = filter();
    const QString actor = wanted.actor.trimmed();
    const QString actorId = userIdIn(actor);
    const EventQuery query = eventQueryFor(wanted, actorId, 1, 1);
    if (!query.type.isEmpty() && entry.type != query.type)
        return;
    if (!actor.isEmpty() && actorId.isEmpty() && entry.actorLabel.compare(actor, Qt::CaseInsensitive) != 0)
        return;
    if (!actorId.isEmpty() && entry.actorId.compare(actorId, Qt::CaseInsensitive) != 0)
        return;
    if ((query.from.isValid() && entry.occurredAt < query.from) || (query.to.isValid() && entry.occurredAt >= query.to))
        return;
    prependLocalRow(QVariant::fromValue(entry));
}

} // namespace edge::ui
