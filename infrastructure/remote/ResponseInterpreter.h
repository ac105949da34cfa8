#pragma once

#include "ApiTypes.h"

#include <QDateTime>
#include <QUrl>

namespace edge::remote {

// What was being done, for error messages: "GET https://edge.example.com/api/v1/users".
struct RequestLabel
{
    QByteArray verb;
    QUrl url;

    QString toString() const;
};

// An HTTP answer as it came off the wire.
struct HttpAnswer
{
    int status = 0;
    QByteArray reason; // "Not Found"
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // names lower-cased
};

// Turns an answer into an ApiResult, or throws the DomainError it stands for:
// - envelope errors by "code" (else by status): ValidationError with "details" as field
//   errors, UnauthorizedError, ForbiddenError, ConflictError carrying "current" (a
//   QJsonObject in the QVariant), DomainError of kind NotFound / PayloadTooLarge /
//   RateLimited / Unavailable / Internal. 4xx messages are the server's, meant for the user;
//   5xx and 429 messages also name the request.
// - anything that is not the API's envelope (HTML error pages, invalid JSON, a proxy's
//   answer): Unavailable for 502/503/504, else Internal, naming the URL and status; never a
//   NotFound, so a wrong base URL cannot pass for "no such user".
// - 304 Not Modified to a Raw request (a conditional download) is a result with status 304
//   and no body; to an Envelope request it is not an API answer (Internal).
// `now` resolves Retry-After dates in 429/503 messages.
ApiResult interpretResponse(const RequestLabel &what, const HttpAnswer &answer,
                            ResponseFormat format, const QDateTime &now);

// "try again in 120 s (at 14:05:03)" for a Retry-After header, empty without one.
QString retryHint(const QByteArray &retryAfter, const QDateTime &now);

} // namespace edge::remote
