#pragma once

#include "ApiTypes.h"

#include <QCoro/QCoroTask>
#include <QObject>
#include <QUrl>

#include <chrono>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace edge::remote {

struct RequestLabel;

namespace detail {
class PendingCall;
struct AttemptOutcome;
} // namespace detail

// How patient the client is. The defaults suit a person waiting at a window; tests shrink
// them (milliseconds) so backoff and timeouts take no real time.
struct WorkerClientOptions
{
    // Abort an attempt when no byte moves for this long (QNetworkRequest::setTransferTimeout).
    std::chrono::milliseconds transferTimeout{std::chrono::seconds(20)};
    // Upper bound for a whole send(): all attempts and the waits between them.
    std::chrono::milliseconds deadline{std::chrono::seconds(60)};
    // Attempts for idempotent requests; POST/PATCH are always sent once.
    int maxAttempts = 3;
    // Backoff before retry n waits between half and all of min(cap, base * 2^(n-1)).
    std::chrono::milliseconds backoffBase{500};
    std::chrono::milliseconds backoffCap{std::chrono::seconds(8)};
    // A Retry-After longer than this is not waited for: the call fails and says when to retry.
    std::chrono::milliseconds maxRetryAfter{std::chrono::seconds(60)};
    int maxRedirects = 5;
};

// The one way the console talks to the Worker API at a base URL (".../api/v1").
//
// send() resolves to the envelope's data on 2xx and throws a DomainError subclass otherwise
// (see interpretResponse() for the mapping); transport failures are DomainErrors of kind
// Unavailable whose message names the URL and the cause, cancellation is
// RequestCancelledError. Security: the bearer token goes only to the base URL's origin
// (redirects elsewhere are refused), TLS errors are never ignored.
//
// Retries: only idempotent requests (ApiRequest::isIdempotent), only after network errors,
// transfer timeouts, 429 and 503; waits honour Retry-After (seconds or HTTP-date) up to
// maxRetryAfter, otherwise exponential backoff with jitter. Everything stays within the
// request's deadline. No nested event loops: all waiting is co_await.
class WorkerClient final : public QObject
{
    Q_OBJECT
public:
    explicit WorkerClient(QUrl baseUrl, WorkerClientOptions options = {},
                          QObject *parent = nullptr);
    // Aborts whatever is still in flight (see abortAll()).
    ~WorkerClient() override;

    const QUrl &baseUrl() const { return m_baseUrl; }
    const WorkerClientOptions &options() const { return m_options; }

    // The bearer token sent with every request from now on; empty to send none.
    void setToken(QString token);
    bool hasToken() const { return !m_token.isEmpty(); }
    // For requests sent outside send() (streamed upload bodies), to the same origin only.
    const QString &token() const { return m_token; }

    QCoro::Task<ApiResult> send(ApiRequest request);

    // Stops every pending send() now: each throws RequestCancelledError before abortAll()
    // returns, so nothing of them runs later. Handlers of that error must not delete this
    // client (the destructor calls abortAll() itself).
    void abortAll();
    int pendingCount() const { return int(m_pending.size()); }

    // The full URL a request goes to (base URL + path + query).
    QUrl urlFor(const ApiRequest &request) const;

signals:
    // The server rejected the current token (401): expired, revoked or never valid. Lets the
    // UI ask for a new sign-in in one place; the send() still throws UnauthorizedError.
    // Not emitted for requests sent without a token or with a token replaced since.
    void unauthorized();

private:
    QNetworkRequest buildRequest(const ApiRequest &request, const QUrl &url) const;
    QNetworkReply *startReply(const QNetworkRequest &networkRequest, const ApiRequest &request);
    QCoro::Task<detail::AttemptOutcome> attemptOnce(detail::PendingCall *call,
                                                    const ApiRequest &request,
                                                    const RequestLabel &what);
    detail::AttemptOutcome classify(const detail::PendingCall &call, QNetworkReply &reply,
                                    const RequestLabel &what, const ApiRequest &request,
                                    const QStringList &tlsProblems);

    QUrl m_baseUrl;
    WorkerClientOptions m_options;
    QString m_token;
    QNetworkAccessManager *m_network;
    QList<detail::PendingCall *> m_pending;
};

} // namespace edge::remote
