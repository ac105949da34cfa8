#pragma once

#include "domain/DomainEvent.h"

namespace edge {

// Where handlers announce what they changed (the Messenger). Implemented by the Qt
// signal EventBus in infrastructure/messaging.
class EventPublisher
{
public:
    virtual ~EventPublisher() = default;
    virtual void publish(const DomainEvent &event) = 0;
};

} // namespace edge
