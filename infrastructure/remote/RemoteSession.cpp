#include "RemoteSession.h"

#include "ApiJson.h"
#include "RemoteBackend.h"
#include "WorkerClient.h"
#include "domain/Errors.h"

#include <QJsonDocument>
#include <QPointer>

namespace edge::remote {

namespace {
// The claims of a JWT, read without checking the signature (the Worker checks it; these
// only decide when to renew, and whom the CLI acts as). Empty when it is not a JWT.
QJsonObject jwtClaims(const QString &token)
{
    const QStringList parts = token.split(u'.');
    if (parts.size() != 3)
        return {};
    const QByteArray payload = QByteArray::fromBase64(parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding);
    return QJsonDocument::fromJson(payload).object();
}

// The "exp" claim of a JWT. Null when the token holds none.
QDateTime jwtExpiry(const QString &token)
{
    const QJsonValue exp = jwtClaims(token).value(QLatin1String("exp"));
    return exp.isDouble() ? QDateTime::fromSecsSinceEpoch(qint64(exp.toDouble()), Qt::UTC) : QDateTime();
}

constexpr std::chrono::seconds RetryAfterFailure{30};
} // namespace

RemoteSession::RemoteSession(QString profileName, QUrl baseUrl, keychain::TokenStore *tokens, QObject *parent)
    : RemoteSession(std::move(profileName), std::move(baseUrl), tokens, WorkerClientOptions{}, parent)
{
}

RemoteSession::RemoteSession(QString profileName, QUrl baseUrl, keychain::TokenStore *tokens,
                             const WorkerClientOptions &options, QObject *parent)
    : AccountSession(parent)
    , m_profileName(std::move(profileName))
    , m_client(std::make_shared<WorkerClient>(std::move(baseUrl), options))
    , m_tokens(tokens)
{
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, &RemoteSession::refreshFromTimer);
    // The client reports every 401, also a wrong password at sign-in; only a refused token
    // of a signed-in session means "expired".
    connect(m_client.get(), &WorkerClient::unauthorized, this, [this] {
        if (!isSignedIn())
            return;
        forget();
        emit sessionExpired();
    });
}

RemoteSession::~RemoteSession() = default;

QUrl RemoteSession::baseUrl() const
{
    return m_client->baseUrl();
}

QString RemoteSession::tokenKey() const
{
    return keychain::TokenStore::keyFor(m_profileName, m_client->baseUrl());
}

std::optional<Role> RemoteSession::role() const
{
    return m_user ? std::optional<Role>(m_user->role()) : std::nullopt;
}

Actor RemoteSession::actor() const
{
    return m_user ? Actor{m_user->id().value(), m_user->email().value()} : Actor{};
}

std::unique_ptr<Backend> RemoteSession::makeBackend() const
{
    return std::make_unique<RemoteBackend>(m_client);
}

void RemoteSession::adopt(const QString &token, const User &user, const QDateTime &expiresAt)
{
    m_client->setToken(token);
    m_user = user;
    m_expiresAt = expiresAt.isValid() ? expiresAt : jwtExpiry(token);
    scheduleRefresh();
    emit signedIn(user);
}

void RemoteSession::forget()
{
    m_refreshTimer.stop();
    m_client->setToken({});
    m_user.reset();
    m_expiresAt = {};
}

void RemoteSession::scheduleRefresh()
{
    if (!isSignedIn() || !m_expiresAt.isValid()) {
        m_refreshTimer.stop();
        return;
    }
    const qint64 untilExpiry = QDateTime::currentDateTimeUtc().secsTo(m_expiresAt);
    // Never sooner than a tenth of the time left: short-lived tokens are not renewed in a loop.
    const qint64 lead = std::min<qint64>(m_refreshLead.count(), untilExpiry * 9 / 10);
    m_refreshTimer.start(std::chrono::seconds(std::max<qint64>(untilExpiry - lead, 1)));
}

void RemoteSession::refreshFromTimer()
{
    QPointer<RemoteSession> self(this);
    refresh().then([] {}, [self](const std::exception &) {
        // A refused session has already been reported (sessionExpired). Anything else (the
        // Worker unreachable for a moment) is tried again while the token still works.
        if (self && self->isSignedIn()
            && QDateTime::currentDateTimeUtc().addSecs(RetryAfterFailure.count()) < self->m_expiresAt)
            self->m_refreshTimer.start(RetryAfterFailure);
    });
}

QCoro::Task<> RemoteSession::refresh()
{
    QPointer<RemoteSession> self(this);
    const std::shared_ptr<WorkerClient> client = m_client;
    keychain::TokenStore *tokens = m_tokens;
    const QString key = tokenKey();
    const ApiResult result = co_await client->send(ApiRequest::post(QStringLiteral("/auth/refresh"), QJsonObject{}));
    const QJsonObject data = result.data.toObject();
    const QString token = data.value(QLatin1String("token")).toString();
    if (token.isEmpty())
        throw DomainError(ErrorKind::Internal, QStringLiteral("The server's refresh answer holds no token"));
    if (!self || !self->isSignedIn())
        co_return; // signed out meanwhile: the new token is not wanted
    self->m_client->setToken(token);
    self->m_user = userFromJson(data.value(QLatin1String("user")).toObject());
    self->m_expiresAt = fromApiTimestamp(data.value(QLatin1String("expiresAt")));
    if (!self->m_expiresAt.isValid())
        self->m_expiresAt = jwtExpiry(token);
    self->scheduleRefresh();
    emit self->tokenRefreshed(self->m_expiresAt);
    if (tokens)
        co_await tokens->write(key, token); // memory-only without a keychain, as at sign-in
}

QCoro::Task<SignInResult> RemoteSession::login(QString email, QString password)
{
    const QJsonObject body{{QStringLiteral("email"), email.trimmed()}, {QStringLiteral("password"), password}};
    m_client->setToken({}); // a sign-in never carries an old token
    const ApiResult result = co_await m_client->send(ApiRequest::post(QStringLiteral("/auth/login"), body));
    const QJsonObject data = result.data.toObject();
    const QString token = data.value(QLatin1String("token")).toString();
    if (token.isEmpty())
        throw DomainError(ErrorKind::Internal, QStringLiteral("The server's sign-in answer holds no token"));

    SignInResult signIn;
    signIn.user = userFromJson(data.value(QLatin1String("user")).toObject());
    signIn.expiresAt = fromApiTimestamp(data.value(QLatin1String("expiresAt")));
    adopt(token, signIn.user, signIn.expiresAt);
    if (m_tokens) {
        signIn.persistence = co_await m_tokens->write(tokenKey(), token);
        if (signIn.persistence == TokenPersistence::MemoryOnly)
            signIn.notSavedReason = m_tokens->unavailableReason();
    } else {
        signIn.notSavedReason = QStringLiteral("no token store was given");
    }
    co_return signIn;
}

QCoro::Task<std::optional<User>> RemoteSession::resume()
{
    if (!m_tokens)
        co_return std::nullopt;
    const std::optional<QString> token = co_await m_tokens->read(tokenKey());
    if (!token || token->isEmpty())
        co_return std::nullopt;
    m_client->setToken(*token);
    bool refused = false;
    std::optional<User> user;
    try {
        const ApiResult result = co_await m_client->send(ApiRequest::get(QStringLiteral("/auth/me")));
        user = userFromJson(result.data.toObject());
    } catch (const UnauthorizedError &) {
        refused = true; // expired or revoked: not an error, just no session
    }
    if (refused) {
        forget();
        co_await m_tokens->remove(tokenKey());
        co_return std::nullopt;
    }
    adopt(*token, *user, QDateTime());
    co_return user;
}

QCoro::Task<std::optional<Actor>> RemoteSession::resumeUnchecked()
{
    if (!m_tokens)
        co_return std::nullopt;
    const QString key = tokenKey();
    const std::optional<QString> token = co_await m_tokens->read(key);
    if (!token || token->isEmpty())
        co_return std::nullopt;
    const QJsonObject claims = jwtClaims(*token);
    const QDateTime expiresAt = jwtExpiry(*token);
    const QString userId = claims.value(QLatin1String("sub")).toString();
    if (!expiresAt.isValid() || expiresAt <= QDateTime::currentDateTimeUtc() || userId.isEmpty()) {
        co_await m_tokens->remove(key); // of no use to anyone any more
        co_return std::nullopt;
    }
    m_client->setToken(*token);
    m_expiresAt = expiresAt;
    co_return Actor{userId, claims.value(QLatin1String("email")).toString()};
}

QCoro::Task<User> RemoteSession::me()
{
    const ApiResult result = co_await m_client->send(ApiRequest::get(QStringLiteral("/auth/me")));
    User user = userFromJson(result.data.toObject());
    m_user = user;
    co_return user;
}

QCoro::Task<> RemoteSession::logout()
{
    std::exception_ptr failure;
    if (m_client->hasToken()) {
        try {
            co_await m_client->send(ApiRequest::post(QStringLiteral("/auth/logout"), QJsonObject{}));
        } catch (const UnauthorizedError &) {
            // Already expired or revoked: what logout wanted.
        } catch (...) {
            failure = std::current_exception();
        }
    }
    const bool wasSignedIn = isSignedIn();
    forget();
    if (m_tokens)
        co_await m_tokens->remove(tokenKey());
    if (wasSignedIn)
        emit signedOut();
    if (failure)
        std::rethrow_exception(failure);
}

RemoteSessionFactory::RemoteSessionFactory(keychain::TokenStore &tokens, QObject *parent)
    : AccountSessionFactory(parent)
    , m_tokens(tokens)
{
    connect(&m_tokens, &keychain::TokenStore::keychainUnavailable, this,
            &AccountSessionFactory::keychainUnavailable);
}

AccountSession *RemoteSessionFactory::create(const ConnectionProfile &profile, QObject *parent)
{
    return new RemoteSession(profile.name, profile.baseUrl, &m_tokens, parent);
}

} // namespace edge::remote
