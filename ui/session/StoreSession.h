#pragma once

#include "application/EventBus.h"
#include "application/Services.h"
#include "application/ports/StoreOpener.h"

#include <QObject>

#include <memory>

namespace edge::ui {

// The store this window works on, and its wiring: one EventBus for the window's lifetime,
// and the Services (handlers) of the open store, acting as this machine's user. Opening is
// asynchronous; a store that fails to open leaves the previous one open.
class StoreSession final : public QObject
{
    Q_OBJECT

public:
    // Store files are opened with `stores`, which outlives the session.
    explicit StoreSession(StoreOpener &stores, QObject *parent = nullptr);
    ~StoreSession() override;

    EventBus &events() { return m_events; }
    // Null until a store has opened. Holders keep a closed store alive until they let go.
    std::shared_ptr<Services> services() const { return m_services; }
    bool isOpen() const { return m_services != nullptr; }
    bool isOpening() const { return !m_openingPath.isEmpty(); }
    QString openingPath() const { return m_openingPath; }
    // The open store's file path (or URL) and kind ("Embedded store"); empty when none.
    QString location() const;
    QString kindName() const;

    // Starts opening; a later call supersedes an earlier one still opening.
    void open(const QString &path, OpenMode mode);
    // Uses a store that is already connected (a signed-in Worker), acting as `actor`;
    // supersedes any open still running. Emits opened().
    void adopt(std::unique_ptr<Backend> backend, const Actor &actor);
    // Lets go of the store (sign-out); emits closed().
    void close();

signals:
    void openingStarted(const QString &path);
    void opened(const QString &location);
    void openFailed(const QString &path, const QString &message);
    void closed();

private:
    StoreOpener &m_stores;
    EventBus m_events;
    std::shared_ptr<Services> m_services;
    QString m_openingPath;
    quint64 m_openAttempt = 0;
};

} // namespace edge::ui
