#pragma once

#include <QNetworkAccessManager>
#include <QPointer>
#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>

namespace edge::test {

// `wrangler dev` for a test run: worker/scripts/serve-test.sh on a free loopback port with a
// fresh state directory (an empty D1 with the migrations and one admin), in its own process
// group so stop() ends wrangler and its workerd children together. Readiness is polled
// from the test (QTRY_*) with probe(): no sleeps.
class WorkerServer
{
public:
    explicit WorkerServer(QString workerDir);
    ~WorkerServer(); // stop()

    // Starts the script; false (and why in errorText()) if it cannot be started.
    bool start(const QString &adminEmail, const QString &adminPassword);
    // Sends a health check unless one is in flight; isHealthy() tells the outcome.
    void probe();
    bool isHealthy() const { return m_healthy; }
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    void stop();

    QUrl apiUrl() const; // http://127.0.0.1:<port>/api/v1
    QString errorText() const { return m_error; }
    QString logTail(int lines = 40) const;

private:
    QString m_workerDir;
    QTemporaryDir m_state;
    QProcess m_process;
    QNetworkAccessManager m_network;
    QPointer<QNetworkReply> m_probe;
    quint16 m_port = 0;
    bool m_healthy = false;
    QString m_error;
};

} // namespace edge::test
