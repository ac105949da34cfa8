// TLS errors are never ignored: a certificate the system does not trust ends the request,
// and the message says what was wrong with it.
#include "TaskWatcher.h"
#include "infrastructure/remote/WorkerClient.h"

#include <QFile>
#include <QProcess>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace edge;
using namespace edge::remote;
using namespace edge::remote::test;
using namespace std::chrono_literals;
using namespace Qt::Literals::StringLiterals;

class TestWorkerClientTls final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void untrustedCertificateFailsWithoutSendingTheRequest();

private:
    QTemporaryDir m_dir;
    QSslConfiguration m_serverTls;
};

void TestWorkerClientTls::initTestCase()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend in this Qt");
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    if (openssl.isEmpty())
        QSKIP("openssl is needed to make a throw-away certificate");

    // A self-signed certificate for 127.0.0.1, made fresh so no key lives in the repository.
    QProcess make;
    make.setWorkingDirectory(m_dir.path());
    make.start(openssl, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s,
                         u"-keyout"_s, u"key.pem"_s, u"-out"_s, u"cert.pem"_s, u"-days"_s, u"2"_s,
                         u"-subj"_s, u"/CN=127.0.0.1"_s, u"-addext"_s,
                         u"subjectAltName=IP:127.0.0.1"_s});
    QVERIFY(make.waitForFinished(60000));
    QCOMPARE(make.exitCode(), 0);

    QFile certFile(m_dir.filePath(u"cert.pem"_s));
    QFile keyFile(m_dir.filePath(u"key.pem"_s));
    QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
    m_serverTls = QSslConfiguration::defaultConfiguration();
    m_serverTls.setLocalCertificate(QSslCertificate(certFile.readAll(), QSsl::Pem));
    m_serverTls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa, QSsl::Pem));
    m_serverTls.setPeerVerifyMode(QSslSocket::VerifyNone); // the server does not check clients
}

void TestWorkerClientTls::untrustedCertificateFailsWithoutSendingTheRequest()
{
    QSslServer server;
    server.setSslConfiguration(m_serverTls);
    QByteArray received;
    connect(&server, &QSslServer::pendingConnectionAvailable, this, [&] {
        while (QTcpSocket *socket = server.nextPendingConnection())
            connect(socket, &QTcpSocket::readyRead, this, [&received, socket] {
                received += socket->readAll();
            });
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));

    WorkerClientOptions options;
    options.transferTimeout = 5s;
    options.deadline = 10s;
    options.backoffBase = 10ms;
    QUrl base(u"https://127.0.0.1/api/v1"_s);
    base.setPort(server.serverPort());
    WorkerClient client(base, options);
    client.setToken(u"must-not-leak"_s);

    auto call = watch(client.send(ApiRequest::get(u"/users"_s)));
    QTRY_VERIFY_WITH_TIMEOUT(call.isDone(), 10000);

    const auto error = call.error();
    QVERIFY2(error, qPrintable(call.describe()));
    QCOMPARE(error->kind(), ErrorKind::Unavailable);
    QVERIFY2(error->message().contains(u"insecure connection"_s), qPrintable(error->message()));
    QVERIFY2(error->message().contains(base.authority()), qPrintable(error->message()));
    QVERIFY2(error->message().contains(u"self signed"_s, Qt::CaseInsensitive)
                 || error->message().contains(u"self-signed"_s, Qt::CaseInsensitive),
             qPrintable(error->message()));
    QVERIFY2(!received.contains("must-not-leak"), "the request went out over an untrusted connection");
    QVERIFY(received.isEmpty());
}

QTEST_GUILESS_MAIN(TestWorkerClientTls)
#include "tst_workerclienttls.moc"
