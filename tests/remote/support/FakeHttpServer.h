#pragma once

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

#include <chrono>

class QTcpSocket;

namespace edge::remote::test {

// A request as the fake server received it.
struct RecordedRequest
{
    QByteArray method;
    QByteArray target; // path and query, as sent
    QHash<QByteArray, QByteArray> headers; // names lower-cased
    QByteArray body;

    bool hasHeader(const QByteArray &name) const { return headers.contains(name.toLower()); }
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
};

// How the fake server answers one request; the misbehaviours are what a real network does.
struct ScriptedResponse
{
    enum class Mode {
        Respond,      // the whole answer at once, then close
        Hang,         // read the request, never answer
        Trickle,      // headers, then one body byte per trickleInterval
        ResetMidBody, // headers and part of the body, then a TCP reset
    };

    Mode mode = Mode::Respond;
    int status = 200;
    QByteArray reason = "OK";
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    std::chrono::milliseconds trickleInterval{100};

    ScriptedResponse &withHeader(QByteArray name, QByteArray value);

    static ScriptedResponse raw(int status, QByteArray reason, QByteArray body,
                                QByteArray contentType = "application/json");
    // {"success": true, "data": data}
    static ScriptedResponse success(const QJsonValue &data);
    // {"success": false, "error": message, "code": code, ...extra}
    static ScriptedResponse failure(int status, const QString &code, const QString &message,
                                    const QJsonObject &extra = {});
    static ScriptedResponse redirect(int status, QByteArray location);
    static ScriptedResponse hang();
    static ScriptedResponse trickle(QByteArray body, std::chrono::milliseconds interval);
    static ScriptedResponse resetMidBody(QByteArray body);
};

// A minimal HTTP/1.1 server on 127.0.0.1 (a free port) that answers from a script, for
// testing the client against faults a test cannot get from a well-behaved server.
class FakeHttpServer final : public QObject
{
    Q_OBJECT
public:
    explicit FakeHttpServer(QObject *parent = nullptr);

    quint16 port() const { return m_server.serverPort(); }
    QUrl url(const QString &path = {}) const;

    // Answers requests in the order queued; once the queue is empty, every request gets the
    // fallback (by default a 500 saying the test did not expect it).
    void enqueue(ScriptedResponse response) { m_script.append(std::move(response)); }
    void setFallback(ScriptedResponse response) { m_fallback = std::move(response); }

    const QList<RecordedRequest> &requests() const { return m_requests; }
    int requestCount() const { return int(m_requests.size()); }

signals:
    void requestReceived();

private:
    void accept();
    void readFrom(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const ScriptedResponse &response);

    QTcpServer m_server;
    QList<ScriptedResponse> m_script;
    ScriptedResponse m_fallback;
    QList<RecordedRequest> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace edge::remote::test
