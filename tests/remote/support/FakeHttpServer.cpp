#include "FakeHttpServer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

namespace edge::remote::test {

ScriptedResponse &ScriptedResponse::withHeader(QByteArray name, QByteArray value)
{
    headers.append({std::move(name), std::move(value)});
    return *this;
}

ScriptedResponse ScriptedResponse::raw(int status, QByteArray reason, QByteArray body,
                                       QByteArray contentType)
{
    ScriptedResponse response;
    response.status = status;
    response.reason = std::move(reason);
    response.body = std::move(body);
    if (!contentType.isEmpty())
        response.withHeader("Content-Type", std::move(contentType));
    return response;
}

ScriptedResponse ScriptedResponse::success(const QJsonValue &data)
{
    const QJsonObject envelope{{QStringLiteral("success"), true}, {QStringLiteral("data"), data}};
    return raw(200, "OK", QJsonDocument(envelope).toJson(QJsonDocument::Compact));
}

ScriptedResponse ScriptedResponse::failure(int status, const QString &code, const QString &message,
                                           const QJsonObject &extra)
{
    QJsonObject envelope = extra;
    envelope.insert(QStringLiteral("success"), false);
    envelope.insert(QStringLiteral("error"), message);
    envelope.insert(QStringLiteral("code"), code);
    return raw(status, "Error", QJsonDocument(envelope).toJson(QJsonDocument::Compact));
}

ScriptedResponse ScriptedResponse::redirect(int status, QByteArray location)
{
    return raw(status, "Redirect", {}, {}).withHeader("Location", std::move(location));
}

ScriptedResponse ScriptedResponse::hang()
{
    ScriptedResponse response;
    response.mode = Mode::Hang;
    return response;
}

ScriptedResponse ScriptedResponse::trickle(QByteArray body, std::chrono::milliseconds interval)
{
    ScriptedResponse response = raw(200, "OK", std::move(body));
    response.mode = Mode::Trickle;
    response.trickleInterval = interval;
    return response;
}

ScriptedResponse ScriptedResponse::resetMidBody(QByteArray body)
{
    ScriptedResponse response = raw(200, "OK", std::move(body));
    response.mode = Mode::ResetMidBody;
    return response;
}

FakeHttpServer::FakeHttpServer(QObject *parent)
    : QObject(parent)
    , m_fallback(ScriptedResponse::failure(500, QStringLiteral("internal"),
                                           QStringLiteral("the test scripted no answer for this")))
{
    connect(&m_server, &QTcpServer::newConnection, this, &FakeHttpServer::accept);
    if (!m_server.listen(QHostAddress::LocalHost, 0))
        qFatal("FakeHttpServer: cannot listen: %s", qPrintable(m_server.errorString()));
}

QUrl FakeHttpServer::url(const QString &path) const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    url.setPath(path);
    return url;
}

void FakeHttpServer::accept()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readFrom(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QObject::destroyed, this, [this, socket] { m_buffers.remove(socket); });
    }
}

void FakeHttpServer::readFrom(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;

    RecordedRequest request;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request.method = requestLine.value(0);
    request.target = requestLine.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                   lines[i].mid(colon + 1).trimmed());
    }
    const qsizetype bodyLength = request.header("content-length").toLongLong();
    if (buffer.size() < headerEnd + 4 + bodyLength)
        return; // the rest of the body is still on its way
    request.body = buffer.mid(headerEnd + 4, bodyLength);
    buffer.clear();

    m_requests.append(request);
    const ScriptedResponse response = m_script.isEmpty() ? m_fallback : m_script.takeFirst();
    answer(socket, response);
    emit requestReceived();
}

static QByteArray headBytes(const ScriptedResponse &response)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + response.reason
                      + "\r\nContent-Length: " + QByteArray::number(response.body.size())
                      + "\r\nConnection: close\r\n";
    for (const auto &[name, value] : response.headers)
        head += name + ": " + value + "\r\n";
    return head + "\r\n";
}

void FakeHttpServer::answer(QTcpSocket *socket, const ScriptedResponse &response)
{
    using Mode = ScriptedResponse::Mode;
    switch (response.mode) {
    case Mode::Hang:
        return;
    case Mode::Respond:
        socket->write(headBytes(response) + response.body);
        socket->disconnectFromHost(); // after the bytes are written
        return;
    case Mode::Trickle: {
        socket->write(headBytes(response));
        auto *timer = new QTimer(socket);
        auto sent = std::make_shared<qsizetype>(0);
        connect(timer, &QTimer::timeout, socket, [socket, timer, sent, body = response.body] {
            if (*sent < body.size())
                socket->write(body.mid((*sent)++, 1));
            if (*sent >= body.size()) {
                timer->stop();
                socket->disconnectFromHost();
            }
        });
        timer->start(response.trickleInterval);
        return;
    }
    case Mode::ResetMidBody: {
        socket->write(headBytes(response) + response.body.left(response.body.size() / 2));
        socket->flush();
        // A moment later, so the client is mid-body; linger 0 makes close() send RST.
        QTimer::singleShot(50, socket, [socket] {
            const linger resetOnClose{1, 0};
            ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &resetOnClose,
                         sizeof resetOnClose);
            socket->abort();
        });
        return;
    }
    }
}

} // namespace edge::remote::test
