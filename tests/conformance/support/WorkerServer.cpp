#include "WorkerServer.h"

#include <QFile>
#include <QNetworkReply>
#include <QTcpServer>

#include <csignal>
#include <unistd.h>

namespace edge::test {

namespace {
quint16 freeLoopbackPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort(); // released when server goes; wrangler binds it next
}
} // namespace

WorkerServer::WorkerServer(QString workerDir)
    : m_workerDir(std::move(workerDir))
{
}

WorkerServer::~WorkerServer()
{
    stop();
}

bool WorkerServer::start(const QString &adminEmail, const QString &adminPassword)
{
    m_port = freeLoopbackPort();
    if (!m_state.isValid() || m_port == 0) {
        m_error = QStringLiteral("no temporary directory or free port");
        return false;
    }
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("EDGE_ADMIN_EMAIL"), adminEmail);
    environment.insert(QStringLiteral("EDGE_ADMIN_PASSWORD"), adminPassword);
    // The suites sign in more often than the production limit allows per client.
    environment.insert(QStringLiteral("LOGIN_RATE_LIMIT"), QStringLiteral("100000"));
    m_process.setProcessEnvironment(environment);
    const QString log = m_state.filePath(QStringLiteral("wrangler.log"));
    m_process.setStandardOutputFile(log);
    m_process.setStandardErrorFile(log, QIODevice::Append);
    // Own session and process group: stop() signals the whole group.
    m_process.setChildProcessModifier([] { ::setsid(); });
    m_process.start(QStringLiteral("bash"),
                    {m_workerDir + QStringLiteral("/scripts/serve-test.sh"), QString::number(m_port),
                     m_state.filePath(QStringLiteral("data"))});
    if (!m_process.waitForStarted()) {
        m_error = m_process.errorString();
        return false;
    }
    return true;
}

void WorkerServer::probe()
{
    if (m_healthy || m_probe)
        return;
    QNetworkRequest request(QUrl(apiUrl().toString() + QStringLiteral("/health")));
    request.setTransferTimeout(5000);
    m_probe = m_network.get(request);
    QNetworkReply *reply = m_probe;
    QObject::connect(reply, &QNetworkReply::finished, reply, [this, reply] {
        m_healthy = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
        reply->deleteLater();
    });
}

void WorkerServer::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    const pid_t group = pid_t(m_process.processId());
    ::kill(-group, SIGTERM);
    if (!m_process.waitForFinished(15000)) {
        ::kill(-group, SIGKILL);
        m_process.waitForFinished(5000);
    }
    // workerd children may outlive the script's exit briefly: the group gets the same end.
    ::kill(-group, SIGKILL);
}

QUrl WorkerServer::apiUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1").arg(m_port));
}

QString WorkerServer::logTail(int lines) const
{
    QFile file(m_state.filePath(QStringLiteral("wrangler.log")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QStringList all = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    return all.mid(std::max<qsizetype>(0, all.size() - lines)).join(QLatin1Char('\n'));
}

} // namespace edge::test
