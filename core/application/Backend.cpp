#include "Backend.h"

#include "domain/Errors.h"

namespace edge {

namespace {
class NoEventLog final : public EventLog
{
public:
    QCoro::Task<EventPage> list(EventQuery) override
    {
        throw StoreError(QStringLiteral("This store keeps no audit trail"));
        co_return {};
    }
};
} // namespace

EventLog &Backend::events()
{
    static NoEventLog none;
    return none;
}

} // namespace edge
