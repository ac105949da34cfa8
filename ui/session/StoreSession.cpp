#include "StoreSession.h"

#include "async/RunTask.h"
#include "common/ErrorText.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPointer>

namespace edge::ui {

namespace {
// A store's services are released when the last holder lets go, which can be inside the
// store's own completion callback; deleting it there would pull the store out from under
// itself, so the deletion waits for the event loop.
std::shared_ptr<Services> makeServices(std::unique_ptr<Backend> backend, EventBus &events,
                                       const Actor &actor)
{
    auto *services = new Services(std::move(backend), events, actor);
    return std::shared_ptr<Services>(services, [](Services *doomed) {
        if (QCoreApplication *app = QCoreApplication::instance())
            QMetaObject::invokeMethod(app, [doomed] { delete doomed; }, Qt::QueuedConnection);
        else
            delete doomed;
    });
}
} // namespace

StoreSession::StoreSession(StoreOpener &stores, QObject *parent)
    : QObject(parent)
    , m_stores(stores)
{
}

StoreSession::~StoreSession() = default;

QString StoreSession::location() const
{
    return m_services ? m_services->backend().location() : QString();
}

QString StoreSession::kindName() const
{
    return m_services ? m_services->backend().kindName() : QString();
}

void StoreSession::open(const QString &path, OpenMode mode)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const quint64 attempt = ++m_openAttempt;
    m_openingPath = absolute;
    emit openingStarted(absolute);

    runTask(
        m_stores.open(absolute, mode), this,
        [this, attempt](std::unique_ptr<Backend> backend) {
            if (attempt != m_openAttempt) {
                // Superseded by a later open: close this one from the event loop, not
                // from inside its own completion.
                QMetaObject::invokeMethod(
                    this, [doomed = std::shared_ptr<Backend>(std::move(backend))] {},
                    Qt::QueuedConnection);
                return;
            }
            m_openingPath.clear();
            m_services = makeServices(std::move(backend), m_events, Actor::localUser());
            emit opened(location());
        },
        [this, attempt, absolute](const std::exception &error) {
            if (attempt != m_openAttempt)
                return;
            m_openingPath.clear();
            emit openFailed(absolute, errorMessage(error));
        });
}

void StoreSession::adopt(std::unique_ptr<Backend> backend, const Actor &actor)
{
    ++m_openAttempt; // an embedded store still opening is dropped when it arrives
    m_openingPath.clear();
    m_services = makeServices(std::move(backend), m_events, actor);
    emit opened(location());
}

void StoreSession::close()
{
    ++m_openAttempt;
    m_openingPath.clear();
    m_services.reset();
    emit closed();
}

} // namespace edge::ui
