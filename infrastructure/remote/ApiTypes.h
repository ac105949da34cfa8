#pragma once

#include "CancelToken.h"

#include <QByteArray>
#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QUrlQuery>

#include <optional>
#include <utility>

namespace edge::remote {

enum class HttpMethod { Get, Post, Put, Patch, Delete };

QByteArray verbOf(HttpMethod method);

// How the body of a successful answer is read.
enum class ResponseFormat {
    Envelope, // {"success": true, "data": ..., "pagination": ...}: the normal API answer
    Raw,      // bytes as they came (downloads, lesson HTML); errors still use the envelope
};

// One call of the Worker API, relative to the client's base URL (".../api/v1").
struct ApiRequest
{
    HttpMethod method = HttpMethod::Get;
    QString path; // decoded, e.g. "/users/42"; ids are percent-encoded by the client
    QUrlQuery query;
    QByteArray body;
    QByteArray contentType; // set with the body; "application/json" via setJson()
    QList<std::pair<QByteArray, QByteArray>> headers; // e.g. {"If-Match", "\"7\""}
    // Whether sending twice does no more harm than once, which is what makes a retry safe.
    // Unset: GET, PUT and DELETE are, POST and PATCH are not (HTTP semantics).
    std::optional<bool> idempotent;
    ResponseFormat expect = ResponseFormat::Envelope;
    // Lets the caller cancel this request, e.g. when the window that asked closes.
    std::optional<CancelToken> cancelToken;

    bool isIdempotent() const;
    ApiRequest &setJson(const QJsonValue &json);
    ApiRequest &setHeader(QByteArray name, QByteArray value);

    static ApiRequest get(QString path, QUrlQuery query = {});
    static ApiRequest post(QString path, const QJsonValue &json);
    static ApiRequest put(QString path, const QJsonValue &json);
    static ApiRequest patch(QString path, const QJsonValue &json);
    static ApiRequest remove(QString path);
};

// The "pagination" member of a list answer.
struct Pagination
{
    int page = 0;
    int pageSize = 0;
    qint64 total = 0;   // -1 when the Worker did not count (withTotal=false: null)
    int totalPages = 0; // -1 likewise
};

// A successful answer (2xx). Failures are thrown as DomainError subclasses instead.
struct ApiResult
{
    int status = 0;
    QJsonValue data;                      // the envelope's "data" (Envelope format)
    std::optional<Pagination> pagination; // present on list answers
    QByteArray body;                      // the raw body (Raw format only)
    QHash<QByteArray, QByteArray> headers; // names lower-cased
    int attempts = 1;                      // how many times the request was sent

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
};

} // namespace edge::remote
