#pragma once

#include "domain/Errors.h"

namespace edge::remote {

// A request stopped on purpose (CancelToken::cancel() or WorkerClient::abortAll()). Nobody
// needs to be told: callers catch it first and return quietly.
class RequestCancelledError final : public DomainError
{
public:
    explicit RequestCancelledError(QString message)
        : DomainError(ErrorKind::Unavailable, std::move(message)) {}
};

} // namespace edge::remote
