#include "ResponseInterpreter.h"

#include "RetryPolicy.h"
#include "domain/Errors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace edge::remote {

QString RequestLabel::toString() const
{
    return QStringLiteral("%1 %2").arg(QString::fromLatin1(verb),
                                       url.toDisplayString(QUrl::RemoveUserInfo));
}

namespace {

struct ParsedBody
{
    QJsonObject envelope; // valid when isEnvelope
    bool isEnvelope = false;
    QString problem; // why it is not an envelope, for messages
};

ParsedBody parseBody(const HttpAnswer &answer)
{
    ParsedBody parsed;
    if (answer.body.trimmed().isEmpty()) {
        parsed.problem = QStringLiteral("an empty body");
        return parsed;
    }
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(answer.body, &error);
    if (error.error != QJsonParseError::NoError) {
        const QByteArray type = answer.headers.value("content-type");
        parsed.problem = QStringLiteral("invalid JSON (%1 at offset %2%3)")
                             .arg(error.errorString())
                             .arg(error.offset)
                             .arg(type.isEmpty() ? QString()
                                                 : QStringLiteral(", content type ")
                                                       + QString::fromLatin1(type));
        return parsed;
    }
    if (!document.isObject() || !document.object().value(QLatin1String("success")).isBool()) {
        parsed.problem = QStringLiteral("JSON that has no boolean \"success\"");
        return parsed;
    }
    parsed.envelope = document.object();
    parsed.isEnvelope = true;
    return parsed;
}

std::optional<Pagination> readPagination(const QJsonObject &envelope)
{
    const QJsonValue value = envelope.value(QLatin1String("pagination"));
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject object = value.toObject();
    Pagination pagination;
    pagination.page = object.value(QLatin1String("page")).toInt();
    pagination.pageSize = object.value(QLatin1String("pageSize")).toInt();
    // Null when the list was asked withTotal=false: the Worker did not count.
    const QJsonValue total = object.value(QLatin1String("total"));
    const QJsonValue totalPages = object.value(QLatin1String("totalPages"));
    pagination.total = total.isNull() ? -1 : total.toInteger();
    pagination.totalPages = totalPages.isNull() ? -1 : totalPages.toInt();
    return pagination;
}

QMap<QString, QString> readDetails(const QJsonObject &envelope)
{
    QMap<QString, QString> fieldErrors;
    const QJsonObject details = envelope.value(QLatin1String("details")).toObject();
    for (auto it = details.begin(); it != details.end(); ++it) {
        // The Worker sends one message per field; anything else is shown as it came.
        const QJsonValue value = it.value();
        QString text = value.toString();
        if (value.isObject())
            text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        else if (value.isArray())
            text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        else if (!value.isString())
            text = value.toVariant().toString();
        fieldErrors.insert(it.key(), text);
    }
    return fieldErrors;
}

QString statusText(const HttpAnswer &answer)
{
    return answer.reason.isEmpty()
               ? QString::number(answer.status)
               : QStringLiteral("%1 %2").arg(answer.status).arg(QString::fromLatin1(answer.reason));
}

[[noreturn]] void throwNotAnEnvelope(const RequestLabel &what, const HttpAnswer &answer,
                                     const ParsedBody &parsed, const QDateTime &now)
{
    const bool gatewayTrouble = answer.status == 502 || answer.status == 503 || answer.status == 504;
    QString message = QStringLiteral("%1: expected the Edge Admin API's JSON envelope, but the "
                                     "server answered %2 with %3")
                          .arg(what.toString(), statusText(answer), parsed.problem);
    if (answer.status == 404)
        message += QStringLiteral("; is the profile's base URL right (it ends in /api/v1)?");
    const QString hint = retryHint(answer.headers.value("retry-after"), now);
    if (!hint.isEmpty())
        message += QStringLiteral("; ") + hint;
    throw DomainError(gatewayTrouble ? ErrorKind::Unavailable : ErrorKind::Internal, message);
}

[[noreturn]] void throwEnvelopeError(const RequestLabel &what, const HttpAnswer &answer,
                                     const QJsonObject &envelope, const QDateTime &now)
{
    const QString code = envelope.value(QLatin1String("code")).toString();
    const ErrorKind kind = code.isEmpty() ? DomainError::kindForStatus(answer.status)
                                          : DomainError::kindForCode(code);
    QString message = envelope.value(QLatin1String("error")).toString();
    if (message.isEmpty())
        message = QStringLiteral("%1: the server answered %2").arg(what.toString(), statusText(answer));
    QMap<QString, QString> fieldErrors = readDetails(envelope);

    switch (kind) {
    case ErrorKind::Validation:
        throw ValidationError(message, std::move(fieldErrors));
    case ErrorKind::Unauthorized:
        throw UnauthorizedError(message);
    case ErrorKind::Forbidden:
        throw ForbiddenError(message);
    case ErrorKind::Conflict: {
        // The repository layer turns this into the domain type (e.g. a User).
        const QJsonValue current = envelope.value(QLatin1String("current"));
        throw ConflictError(message, std::move(fieldErrors),
                            current.isObject() ? QVariant(current.toObject()) : QVariant());
    }
    case ErrorKind::RateLimited:
    case ErrorKind::Unavailable:
    case ErrorKind::Internal:
    case ErrorKind::Store: {
        // Not the user's input: say which request and what the server said.
        QString full = QStringLiteral("%1 failed on the server (%2): %3")
                           .arg(what.toString(), statusText(answer), message);
        const QString hint = retryHint(answer.headers.value("retry-after"), now);
        if (!hint.isEmpty())
            full += QStringLiteral("; ") + hint;
        throw DomainError(kind, full, std::move(fieldErrors));
    }
    case ErrorKind::NotFound:
        throw NotFoundError::withMessage(message);
    case ErrorKind::PayloadTooLarge:
        break;
    }
    throw DomainError(kind, message, std::move(fieldErrors));
}

} // namespace

QString retryHint(const QByteArray &retryAfter, const QDateTime &now)
{
    const std::optional<std::chrono::milliseconds> wait = parseRetryAfter(retryAfter, now);
    if (!wait)
        return {};
    const qint64 seconds = (wait->count() + 999) / 1000;
    if (seconds > 7 * 24 * 3600)
        return QStringLiteral("try again much later (the server asks to wait %1 s)").arg(seconds);
    return QStringLiteral("try again in %1 s (at %2)")
        .arg(seconds)
        .arg(now.addMSecs(wait->count()).toLocalTime().toString(QStringLiteral("HH:mm:ss")));
}

ApiResult interpretResponse(const RequestLabel &what, const HttpAnswer &answer,
                            ResponseFormat format, const QDateTime &now)
{
    const bool success = answer.status >= 200 && answer.status < 300;
    ApiResult result;
    result.status = answer.status;
    result.headers = answer.headers;

    if (success && format == ResponseFormat::Raw) {
        result.body = answer.body;
        return result;
    }
    // 304 answers a conditional download (If-None-Match naming what the caller has): nothing
    // changed, no body; ApiResult::status tells the caller to use its own copy.
    if (answer.status == 304 && format == ResponseFormat::Raw)
        return result;
    if (success && answer.status == 204)
        return result;

    const ParsedBody parsed = parseBody(answer);
    if (!parsed.isEnvelope)
        throwNotAnEnvelope(what, answer, parsed, now);

    const bool envelopeSuccess = parsed.envelope.value(QLatin1String("success")).toBool();
    if (!success || !envelopeSuccess) {
        if (success) // {"success": false} under a 2xx status: believe the envelope
            throwEnvelopeError(what, HttpAnswer{500, answer.reason, answer.body, answer.headers},
                               parsed.envelope, now);
        throwEnvelopeError(what, answer, parsed.envelope, now);
    }
    result.data = parsed.envelope.value(QLatin1String("data"));
    result.pagination = readPagination(parsed.envelope);
    return result;
}

} // namespace edge::remote
