#include "SqliteExecutor.h"

#include <QMetaObject>

namespace edge {

SqliteExecutor::SqliteExecutor(QString databasePath)
    : m_databasePath(std::move(databasePath))
    , m_connection(std::make_unique<SqliteConnection>(m_databasePath))
    , m_context(new QObject)
{
    m_thread.setObjectName(QStringLiteral("sqlite"));
    m_context->moveToThread(&m_thread);
    m_thread.start();
}

SqliteExecutor::~SqliteExecutor()
{
    // Queued after every job already posted, so those finish first; the connection must be
    // closed on the thread that opened it.
    post([connection = m_connection.get()]() {
        connection->close();
        QThread::currentThread()->quit();
    });
    m_thread.wait();
    delete m_context; // the thread has finished: deleting from here is safe
}

void SqliteExecutor::post(std::function<void()> job)
{
    QMetaObject::invokeMethod(m_context, std::move(job), Qt::QueuedConnection);
}

} // namespace edge
