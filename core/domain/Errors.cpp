#include "Errors.h"

namespace edge {

DomainError::DomainError(ErrorKind kind, QString message, QMap<QString, QString> fieldErrors)
    : m_kind(kind)
    , m_message(std::move(message))
    , m_fieldErrors(std::move(fieldErrors))
    , m_utf8(m_message.toUtf8())
{
}

int DomainError::statusCode() const
{
    switch (m_kind) {
    case ErrorKind::Validation: return 400;
    case ErrorKind::Unauthorized: return 401;
    case ErrorKind::Forbidden: return 403;
    case ErrorKind::NotFound: return 404;
    case ErrorKind::Conflict: return 409;
    case ErrorKind::PayloadTooLarge: return 413;
    case ErrorKind::RateLimited: return 429;
    case ErrorKind::Unavailable: return 503;
    case ErrorKind::Store:
    case ErrorKind::Internal: return 500;
    }
    return 500;
}

QString DomainError::code() const
{
    switch (m_kind) {
    case ErrorKind::Validation: return QStringLiteral("validation");
    case ErrorKind::Unauthorized: return QStringLiteral("unauthorized");
    case ErrorKind::Forbidden: return QStringLiteral("forbidden");
    case ErrorKind::NotFound: return QStringLiteral("not_found");
    case ErrorKind::Conflict: return QStringLiteral("conflict");
    case ErrorKind::PayloadTooLarge: return QStringLiteral("payload_too_large");
    case ErrorKind::RateLimited: return QStringLiteral("rate_limited");
    case ErrorKind::Unavailable: return QStringLiteral("unavailable");
    case ErrorKind::Store: return QStringLiteral("store");
    case ErrorKind::Internal: return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

ErrorKind DomainError::kindForStatus(int httpStatus)
{
    switch (httpStatus) {
    case 400: return ErrorKind::Validation;
    case 401: return ErrorKind::Unauthorized;
    case 403: return ErrorKind::Forbidden;
    case 404: return ErrorKind::NotFound;
    case 409: return ErrorKind::Conflict;
    case 413: return ErrorKind::PayloadTooLarge;
    case 429: return ErrorKind::RateLimited;
    case 502:
    case 503:
    case 504: return ErrorKind::Unavailable;
    default: return httpStatus >= 400 && httpStatus < 500 ? ErrorKind::Validation
                                                           : ErrorKind::Internal;
    }
}

ErrorKind DomainError::kindForCode(const QString &code)
{
    static const QMap<QString, ErrorKind> kinds{
        {QStringLiteral("validation"), ErrorKind::Validation},
        {QStringLiteral("unauthorized"), ErrorKind::Unauthorized},
        {QStringLiteral("forbidden"), ErrorKind::Forbidden},
        {QStringLiteral("not_found"), ErrorKind::NotFound},
        {QStringLiteral("conflict"), ErrorKind::Conflict},
        {QStringLiteral("payload_too_large"), ErrorKind::PayloadTooLarge},
        {QStringLiteral("rate_limited"), ErrorKind::RateLimited},
        {QStringLiteral("unavailable"), ErrorKind::Unavailable},
        {QStringLiteral("store"), ErrorKind::Store},
    };
    return kinds.value(code, ErrorKind::Internal);
}

ValidationError ValidationError::field(const QString &field, const QString &problem)
{
    return ValidationError(problem, {{field, problem}});
}

NotFoundError::NotFoundError(const QString &entity, const QString &id)
    : DomainError(ErrorKind::NotFound, QStringLiteral("%1 not found: %2").arg(entity, id))
{
}

NotFoundError::NotFoundError(MessageTag, QString message)
    : DomainError(ErrorKind::NotFound, std::move(message))
{
}

NotFoundError NotFoundError::withMessage(QString message)
{
    return NotFoundError(MessageTag{}, std::move(message));
}

} // namespace edge
