#pragma once

#include "application/ports/AccountSession.h"

#include <QCoro/QCoroTask>
#include <QHash>
#include <QObject>
#include <QUrl>

#include <chrono>
#include <optional>

namespace edge::keychain {

// Bearer tokens in the OS keychain (QtKeychain: Secret Service, macOS Keychain, Windows
// Credential Store), one entry per profile and host. There is no insecure fallback: when no
// keychain is available the store says so (available(), keychainUnavailable()) and keeps
// tokens in memory for this run only. Keychain failures other than "not available" are
// thrown as StoreError naming the key. All calls are asynchronous; nothing blocks.
class TokenStore final : public QObject
{
    Q_OBJECT
public:
    static QString defaultService() { return QStringLiteral("Edge Admin"); }

    explicit TokenStore(QString service = defaultService(), QObject *parent = nullptr);

    // "edge-admin/<profile>@<host>" (":<port>" added when the URL has one), so two profiles,
    // or one profile pointed at another server, never share a token.
    static QString keyFor(const QString &profileName, const QUrl &baseUrl);

    // nullopt when there is no token under the key.
    QCoro::Task<std::optional<QString>> read(QString key);
    QCoro::Task<TokenPersistence> write(QString key, QString token);
    // Removing a key that holds nothing is fine.
    QCoro::Task<> remove(QString key);

    // False once the keychain turned out to be missing (known after the first call).
    bool available() const { return m_unavailableReason.isEmpty(); }
    // Why not, in words for the user; empty while available.
    const QString &unavailableReason() const { return m_unavailableReason; }

    // How long to wait for the keychain before treating it as unavailable (a Secret Service
    // that never answers must not freeze sign-in forever).
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

signals:
    // Emitted once, when the store falls back to memory for the rest of the run.
    void keychainUnavailable(const QString &reason);

private:
    void switchToMemory(const QString &detail);

    QString m_service;
    QString m_unavailableReason;
    QHash<QString, QString> m_memory; // only used once the keychain is unavailable
    std::chrono::milliseconds m_timeout{std::chrono::minutes(2)};
};

} // namespace edge::keychain
