#include "EventBus.h"

namespace edge {

EventBus::EventBus(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<edge::DomainEvent>();
}

void EventBus::publish(const DomainEvent &event)
{
    emit published(event);
}

} // namespace edge
