#include "TokenStore.h"

#include "domain/Errors.h"

#include <QCoro/QCoroSignal>
#include <QLoggingCategory>
#include <qt6keychain/keychain.h>

#include <memory>

Q_LOGGING_CATEGORY(lcTokenStore, "edge.remote.tokens")

namespace edge::keychain {

namespace {

// What a finished (or abandoned) keychain job came to.
struct JobOutcome
{
    QKeychain::Error error = QKeychain::NoError;
    QString errorString;
    QString text; // read jobs only
};

// Starts the job and waits for it without blocking. The job is ours until it finishes; if
// the keychain does not answer in time it is left to delete itself whenever it does.
template<typename Job>
QCoro::Task<JobOutcome> runJob(Job *job, std::chrono::milliseconds timeout)
{
    job->setAutoDelete(false);
    job->setInsecureFallback(false); // never a plain-text file instead of the keychain
    job->start();
    const auto finished = co_await qCoro(job, &QKeychain::Job::finished, timeout);
    if (!finished) {
        job->setAutoDelete(true);
        co_return JobOutcome{QKeychain::OtherError,
                             QStringLiteral("the keychain did not answer within %1 s")
                                 .arg(std::chrono::duration_cast<std::chrono::seconds>(timeout).count()),
                             {}};
    }
    JobOutcome outcome{job->error(), job->errorString(), {}};
    if constexpr (std::is_same_v<Job, QKeychain::ReadPasswordJob>)
        outcome.text = job->textData();
    job->deleteLater();
    co_return outcome;
}

// No keychain on this machine or session, as opposed to a keychain that said no.
bool meansUnavailable(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented
           || error == QKeychain::OtherError; // libsecret's answer when no Secret Service runs
}

[[noreturn]] void throwFailure(const QString &doing, const QString &key, const JobOutcome &outcome)
{
    throw StoreError(QStringLiteral("Could not %1 the sign-in token %2 in the keychain: %3")
                         .arg(doing, key, outcome.errorString));
}

} // namespace

TokenStore::TokenStore(QString service, QObject *parent)
    : QObject(parent)
    , m_service(std::move(service))
{
}

QString TokenStore::keyFor(const QString &profileName, const QUrl &baseUrl)
{
    QString host = baseUrl.host().toLower();
    if (baseUrl.port() != -1)
        host += QLatin1Char(':') + QString::number(baseUrl.port());
    return QStringLiteral("edge-admin/%1@%2").arg(profileName, host);
}

void TokenStore::switchToMemory(const QString &detail)
{
    if (!available())
        return;
    m_unavailableReason = QStringLiteral("No keychain is available (%1). You stay signed in until "
                                         "Edge Admin closes; the token is not saved.")
                              .arg(detail);
    qCWarning(lcTokenStore) << m_unavailableReason;
    emit keychainUnavailable(m_unavailableReason);
}

QCoro::Task<std::optional<QString>> TokenStore::read(QString key)
{
    if (available()) {
        auto *job = new QKeychain::ReadPasswordJob(m_service, this);
        job->setKey(key);
        const JobOutcome outcome = co_await runJob(job, m_timeout);
        if (outcome.error == QKeychain::NoError)
            co_return outcome.text;
        if (outcome.error == QKeychain::EntryNotFound)
            co_return std::nullopt;
        if (!meansUnavailable(outcome.error))
            throwFailure(QStringLiteral("read"), key, outcome);
        switchToMemory(outcome.errorString);
    }
    const auto it = m_memory.constFind(key);
    co_return it == m_memory.cend() ? std::nullopt : std::optional<QString>(*it);
}

QCoro::Task<TokenPersistence> TokenStore::write(QString key, QString token)
{
    if (available()) {
        auto *job = new QKeychain::WritePasswordJob(m_service, this);
        job->setKey(key);
        job->setTextData(token);
        const JobOutcome outcome = co_await runJob(job, m_timeout);
        if (outcome.error == QKeychain::NoError)
            co_return TokenPersistence::Keychain;
        if (!meansUnavailable(outcome.error))
            throwFailure(QStringLiteral("save"), key, outcome);
        switchToMemory(outcome.errorString);
    }
    m_memory.insert(key, token);
    co_return TokenPersistence::MemoryOnly;
}

QCoro::Task<> TokenStore::remove(QString key)
{
    m_memory.remove(key);
    if (!available())
        co_return;
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(key);
    const JobOutcome outcome = co_await runJob(job, m_timeout);
    if (outcome.error == QKeychain::NoError || outcome.error == QKeychain::EntryNotFound)
        co_return;
    if (!meansUnavailable(outcome.error))
        throwFailure(QStringLiteral("remove"), key, outcome);
    switchToMemory(outcome.errorString);
}

} // namespace edge::keychain
