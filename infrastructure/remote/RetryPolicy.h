#pragma once

#include <QByteArray>
#include <QDateTime>

#include <chrono>
#include <optional>

class QRandomGenerator;

namespace edge::remote {

// The wait a Retry-After header asks for: delta-seconds ("120") or an HTTP-date in any of the
// three forms RFC 9110 says recipients must accept. A date in the past means "now" (0).
// nullopt when the header is missing or unreadable.
std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &value,
                                                         const QDateTime &now);

// Exponential backoff with "equal jitter": after the n-th failed attempt (n >= 1) the wait is
// between half and all of min(cap, base * 2^(n-1)). The random half spreads clients that
// failed together; the fixed half keeps a minimum pause.
std::chrono::milliseconds backoffDelay(int failedAttempts, std::chrono::milliseconds base,
                                       std::chrono::milliseconds cap, QRandomGenerator &random);

} // namespace edge::remote
