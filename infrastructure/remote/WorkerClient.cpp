#include "WorkerClient.h"

#include "PendingCall.h"
#include "RemoteErrors.h"
#include "ResponseInterpreter.h"
#include "RetryPolicy.h"

#include <QCoro/QCoroNetworkReply>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QRandomGenerator>
#include <QSslError>

Q_LOGGING_CATEGORY(lcWorkerClient, "edge.remote.client")

namespace edge::remote {

using std::chrono::milliseconds;
using detail::AttemptOutcome;
using detail::PendingCall;

namespace {

struct DeleteLater
{
    void operator()(QObject *object) const { object->deleteLater(); }
};
using ReplyPtr = std::unique_ptr<QNetworkReply, DeleteLater>;

QString seconds(milliseconds duration)
{
    return QStringLiteral("%1 s").arg(double(duration.count()) / 1000.0, 0, 'g', 3);
}

// 1-99 are failures below HTTP (refused, reset, timeouts, TLS, redirects). Qt also sets
// errors for HTTP statuses; those answers are read as answers.
bool isTransportError(QNetworkReply::NetworkError error)
{
    return error > QNetworkReply::NoError && error <= QNetworkReply::UnknownNetworkError;
}

[[noreturn]] void throwWithNote(const std::exception_ptr &error, const QString &note)
{
    try {
        std::rethrow_exception(error);
    } catch (const DomainError &domainError) {
        // Retryable failures are plain DomainErrors (Unavailable/RateLimited), nothing lost.
        throw DomainError(domainError.kind(), domainError.message() + note,
                          domainError.fieldErrors());
    }
}

} // namespace

WorkerClient::WorkerClient(QUrl baseUrl, WorkerClientOptions options, QObject *parent)
    : QObject(parent)
    , m_baseUrl(std::move(baseUrl))
    , m_options(options)
    , m_network(new QNetworkAccessManager(this))
{
    QString path = m_baseUrl.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    m_baseUrl.setPath(path);
    // Belt and braces: the per-request attribute says the same.
    m_network->setRedirectPolicy(QNetworkRequest::SameOriginRedirectPolicy);
    m_network->setStrictTransportSecurityEnabled(true);
}

WorkerClient::~WorkerClient()
{
    abortAll();
}

void WorkerClient::setToken(QString token)
{
    m_token = std::move(token);
}

QUrl WorkerClient::urlFor(const ApiRequest &request) const
{
    QUrl url = m_baseUrl;
    QString path = request.path;
    if (!path.isEmpty() && !path.startsWith(QLatin1Char('/')))
        path.prepend(QLatin1Char('/'));
    url.setPath(m_baseUrl.path() + path, QUrl::DecodedMode);
    if (!request.query.isEmpty())
        url.setQuery(request.query);
    return url;
}

void WorkerClient::abortAll()
{
    const QPointer<WorkerClient> self(this);
    const QList<QPointer<PendingCall>> pending(m_pending.begin(), m_pending.end());
    for (const QPointer<PendingCall> &call : pending) {
        if (!self)
            return;
        if (call)
            call->stop(PendingCall::Stop::Cancelled);
    }
}

QNetworkRequest WorkerClient::buildRequest(const ApiRequest &request, const QUrl &url) const
{
    QNetworkRequest networkRequest(url);
    networkRequest.setTransferTimeout(int(m_options.transferTimeout.count()));
    // The bearer token must never reach another origin: follow only same-origin redirects.
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                QNetworkRequest::SameOriginRedirectPolicy);
    networkRequest.setMaximumRedirectsAllowed(m_options.maxRedirects);
    networkRequest.setRawHeader("Accept", "application/json");
    if (!request.contentType.isEmpty())
        networkRequest.setHeader(QNetworkRequest::ContentTypeHeader, request.contentType);
    for (const auto &[name, value] : request.headers)
        networkRequest.setRawHeader(name, value);
    // Last, so no caller-supplied header can replace it.
    if (!m_token.isEmpty())
        networkRequest.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    return networkRequest;
}

QNetworkReply *WorkerClient::startReply(const QNetworkRequest &networkRequest,
                                        const ApiRequest &request)
{
    switch (request.method) {
    case HttpMethod::Get: return m_network->get(networkRequest);
    case HttpMethod::Post: return m_network->post(networkRequest, request.body);
    case HttpMethod::Put: return m_network->put(networkRequest, request.body);
    case HttpMethod::Delete:
        if (request.body.isEmpty())
            return m_network->deleteResource(networkRequest);
        break;
    case HttpMethod::Patch: break;
    }
    return m_network->sendCustomRequest(networkRequest, verbOf(request.method), request.body);
}

QCoro::Task<ApiResult> WorkerClient::send(ApiRequest request)
{
    const RequestLabel what{verbOf(request.method), urlFor(request)};
    if (request.cancelToken && request.cancelToken->isCancelled())
        throw RequestCancelledError(QStringLiteral("Cancelled: %1").arg(what.toString()));

    // Unregisters and stops the call however send() ends (result, throw or destruction).
    const auto unregister = [this](PendingCall *call) {
        m_pending.removeOne(call);
        call->finish();
        call->deleteLater();
    };
    const std::unique_ptr<PendingCall, decltype(unregister)> call(
        new PendingCall(m_options.deadline), unregister);
    m_pending.append(call.get());
    if (request.cancelToken) {
        connect(request.cancelToken->state(), &detail::CancelState::cancelled, call.get(),
                [call = call.get()] { call->stop(PendingCall::Stop::Cancelled); });
    }

    const int maxAttempts = request.isIdempotent() ? std::max(1, m_options.maxAttempts) : 1;
    for (int attempt = 1;; ++attempt) {
        AttemptOutcome outcome = co_await attemptOnce(call.get(), request, what);
        if (outcome.result) {
            outcome.result->attempts = attempt;
            co_return std::move(*outcome.result);
        }
        if (!outcome.retryable)
            std::rethrow_exception(outcome.error);
        if (attempt >= maxAttempts) {
            if (attempt == 1)
                std::rethrow_exception(outcome.error);
            throwWithNote(outcome.error, QStringLiteral(" (gave up after %1 attempts)").arg(attempt));
        }

        milliseconds delay = backoffDelay(attempt, m_options.backoffBase, m_options.backoffCap,
                                          *QRandomGenerator::global());
        if (outcome.retryAfter) {
            // The message already says when the server wants to hear from us again.
            if (*outcome.retryAfter > m_options.maxRetryAfter)
                std::rethrow_exception(outcome.error);
            delay = *outcome.retryAfter;
        }
        if (delay >= call->timeLeft()) {
            throwWithNote(outcome.error,
                          QStringLiteral(" (no time left to retry within the %1 deadline)")
                              .arg(seconds(m_options.deadline)));
        }
        qCInfo(lcWorkerClient) << "retrying" << what.toString() << "in" << delay.count() << "ms";
        co_await call->pause(delay);
        if (call->stopReason() == PendingCall::Stop::Cancelled)
            throw RequestCancelledError(QStringLiteral("Cancelled: %1").arg(what.toString()));
        if (call->stopReason() == PendingCall::Stop::Deadline)
            throwWithNote(outcome.error, QStringLiteral(" (the %1 deadline passed before a retry)")
                                             .arg(seconds(m_options.deadline)));
    }
}

QCoro::Task<AttemptOutcome> WorkerClient::attemptOnce(PendingCall *call,
                                                      const ApiRequest &request,
                                                      const RequestLabel &what)
{
    // request and what live in send()'s frame, which awaits this coroutine to the end.
    ReplyPtr reply(startReply(buildRequest(request, what.url), request));
    QStringList tlsProblems;
    // Collected for the message only: the handshake fails, nothing is ever ignored.
    const QMetaObject::Connection tlsWatch = connect(
        reply.get(), &QNetworkReply::sslErrors, reply.get(),
        [&tlsProblems](const QList<QSslError> &errors) {
            for (const QSslError &error : errors)
                tlsProblems.append(error.errorString());
        });
    call->setReply(reply.get());
    co_await reply.get();
    call->setReply(nullptr);
    disconnect(tlsWatch);
    co_return classify(*call, *reply, what, request, tlsProblems);
}

AttemptOutcome WorkerClient::classify(const PendingCall &call, QNetworkReply &reply,
                                      const RequestLabel &what, const ApiRequest &request,
                                      const QStringList &tlsProblems)
{
    AttemptOutcome outcome;
    const QNetworkReply::NetworkError error = reply.error();
    const QVariant status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute);

    if (isTransportError(error) || !status.isValid()) {
        // The request may have reached the server before things went wrong; for a request
        // that is not safe to repeat the user has to know that before trying again.
        const QString mayHaveHappened =
            request.isIdempotent() ? QString()
                                   : QStringLiteral("; the server may have carried it out, check "
                                                    "before trying again");
        const auto fail = [&](auto exception, bool retryable) {
            outcome.error = std::make_exception_ptr(exception);
            outcome.retryable = retryable;
            return outcome;
        };
        if (call.stopReason() == PendingCall::Stop::Cancelled)
            return fail(RequestCancelledError(QStringLiteral("Cancelled: %1").arg(what.toString())),
                        false);
        if (call.stopReason() == PendingCall::Stop::Deadline)
            return fail(DomainError(ErrorKind::Unavailable,
                                    QStringLiteral("%1: no complete answer within %2 (deadline)%3")
                                        .arg(what.toString(), seconds(m_options.deadline),
                                             mayHaveHappened)),
                        false);
        if (error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError)
            return fail(DomainError(ErrorKind::Unavailable,
                                    QStringLiteral("%1: the server sent nothing for %2 "
                                                   "(transfer timeout)%3")
                                        .arg(what.toString(), seconds(m_options.transferTimeout),
                                             mayHaveHappened)),
                        true);
        if (error == QNetworkReply::SslHandshakeFailedError || !tlsProblems.isEmpty())
            return fail(DomainError(ErrorKind::Unavailable,
                                    QStringLiteral("Refused an insecure connection to %1: %2")
                                        .arg(what.url.toDisplayString(),
                                             tlsProblems.isEmpty() ? reply.errorString()
                                                                   : tlsProblems.join(QStringLiteral("; ")))),
                        false);
        if (error == QNetworkReply::InsecureRedirectError
            || error == QNetworkReply::TooManyRedirectsError) {
            // A refused redirect has no RedirectionTargetAttribute; the header still says.
            QUrl target = reply.attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
            if (target.isEmpty())
                target = QUrl::fromEncoded(reply.rawHeader("Location"));
            target = reply.url().resolved(target);
            return fail(DomainError(ErrorKind::Unavailable,
                                    QStringLiteral("%1: refused to follow the redirect to %2 (%3); "
                                                   "the access token only goes to %4")
                                        .arg(what.toString(), target.toDisplayString(),
                                             reply.errorString(),
                                             m_baseUrl.adjusted(QUrl::RemovePath).toDisplayString())),
                        false);
        }
        if (error == QNetworkReply::RemoteHostClosedError && !reply.rawHeaderPairs().isEmpty())
            return fail(DomainError(ErrorKind::Unavailable,
                                    QStringLiteral("%1: the connection broke off in the middle of "
                                                   "the answer (%2)%3")
                                        .arg(what.toString(), reply.errorString(), mayHaveHappened)),
                        true);
        return fail(DomainError(ErrorKind::Unavailable,
                                QStringLiteral("Could not reach %1: %2%3")
                                    .arg(what.url.toDisplayString(), reply.errorString(),
                                         error == QNetworkReply::RemoteHostClosedError
                                             ? mayHaveHappened
                                             : QString())),
                    true);
    }

    HttpAnswer answer;
    answer.status = status.toInt();
    answer.reason = reply.attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    answer.body = reply.readAll();
    for (const auto &[name, value] : reply.rawHeaderPairs())
        answer.headers.insert(name.toLower(), value);
    const QDateTime now = QDateTime::currentDateTimeUtc();

    // Only a refusal of the token in use now counts: a reply to a request sent with an older
    // token (still in flight while the user signed in again) must not end the new sign-in.
    const bool refusedCurrentToken = !m_token.isEmpty()
        && reply.request().rawHeader("Authorization") == "Bearer " + m_token.toUtf8();
    if (answer.status == 401 && refusedCurrentToken) // queued: a handler may tear this client down
        QMetaObject::invokeMethod(this, &WorkerClient::unauthorized, Qt::QueuedConnection);
    try {
        outcome.result = interpretResponse(what, answer, request.expect, now);
    } catch (...) {
        outcome.error = std::current_exception();
        // Rate limits and a briefly unavailable Worker are worth another try.
        outcome.retryable = answer.status == 429 || answer.status == 503;
        if (outcome.retryable)
            outcome.retryAfter = parseRetryAfter(answer.headers.value("retry-after"), now);
    }
    return outcome;
}

} // namespace edge::remote
