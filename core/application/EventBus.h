#pragma once

#include "application/ports/EventPublisher.h"

#include <QObject>

namespace edge {

// The Messenger: handlers publish domain events after a change is committed; pages
// connect to `published` to refresh live. Lives on (and emits from) the UI thread.
class EventBus final : public QObject, public EventPublisher
{
    Q_OBJECT

public:
    explicit EventBus(QObject *parent = nullptr);
    void publish(const DomainEvent &event) override;

signals:
    void published(const edge::DomainEvent &event);
};

} // namespace edge
