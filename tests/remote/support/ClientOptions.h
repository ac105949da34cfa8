#pragma once

#include "infrastructure/remote/WorkerClient.h"

#include <chrono>

namespace edge::remote::test {

// Client options for tests: each suite picks its timeouts and attempts; backoff is always tiny
// so retries do not slow the suite down.
inline WorkerClientOptions testClientOptions(std::chrono::milliseconds transferTimeout,
                                             std::chrono::milliseconds deadline, int maxAttempts = 3)
{
    using namespace std::chrono_literals;
    WorkerClientOptions options;
    options.transferTimeout = transferTimeout;
    options.deadline = deadline;
    options.maxAttempts = maxAttempts;
    options.backoffBase = 10ms;
    options.backoffCap = 50ms;
    return options;
}

} // namespace edge::remote::test
