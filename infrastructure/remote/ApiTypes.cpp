#include "ApiTypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace edge::remote {

QByteArray verbOf(HttpMethod method)
{
    switch (method) {
    case HttpMethod::Get: return QByteArrayLiteral("GET");
    case HttpMethod::Post: return QByteArrayLiteral("POST");
    case HttpMethod::Put: return QByteArrayLiteral("PUT");
    case HttpMethod::Patch: return QByteArrayLiteral("PATCH");
    case HttpMethod::Delete: return QByteArrayLiteral("DELETE");
    }
    return QByteArrayLiteral("GET");
}

bool ApiRequest::isIdempotent() const
{
    if (idempotent)
        return *idempotent;
    return method == HttpMethod::Get || method == HttpMethod::Put || method == HttpMethod::Delete;
}

ApiRequest &ApiRequest::setJson(const QJsonValue &json)
{
    // QJsonDocument only holds objects and arrays; wrap scalars by hand.
    if (json.isObject())
        body = QJsonDocument(json.toObject()).toJson(QJsonDocument::Compact);
    else if (json.isArray())
        body = QJsonDocument(json.toArray()).toJson(QJsonDocument::Compact);
    else
        body = QJsonDocument(QJsonArray{json}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    contentType = QByteArrayLiteral("application/json");
    return *this;
}

ApiRequest &ApiRequest::setHeader(QByteArray name, QByteArray value)
{
    headers.append({std::move(name), std::move(value)});
    return *this;
}

ApiRequest ApiRequest::get(QString path, QUrlQuery query)
{
    ApiRequest request;
    request.path = std::move(path);
    request.query = std::move(query);
    return request;
}

static ApiRequest withJson(HttpMethod method, QString path, const QJsonValue &json)
{
    ApiRequest request;
    request.method = method;
    request.path = std::move(path);
    request.setJson(json);
    return request;
}

ApiRequest ApiRequest::post(QString path, const QJsonValue &json)
{
    return withJson(HttpMethod::Post, std::move(path), json);
}

ApiRequest ApiRequest::put(QString path, const QJsonValue &json)
{
    return withJson(HttpMethod::Put, std::move(path), json);
}

ApiRequest ApiRequest::patch(QString path, const QJsonValue &json)
{
    return withJson(HttpMethod::Patch, std::move(path), json);
}

ApiRequest ApiRequest::remove(QString path)
{
    ApiRequest request;
    request.method = HttpMethod::Delete;
    request.path = std::move(path);
    return request;
}

} // namespace edge::remote
