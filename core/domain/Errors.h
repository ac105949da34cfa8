#pragma once

#include <QMap>
#include <QString>
#include <QVariant>

#include <exception>

namespace edge {

// What went wrong, independent of where (SQLite or HTTP). Maps to HTTP status codes both
// ways so the embedded store and the Worker report the same failures the same way.
enum class ErrorKind {
    Validation,      // 400
    Unauthorized,    // 401
    Forbidden,       // 403
    NotFound,        // 404
    Conflict,        // 409
    PayloadTooLarge, // 413
    RateLimited,     // 429
    Unavailable,     // 503, network faults, timeouts
    Store,           // the store itself cannot be used: not a database, read-only, newer schema
    Internal,        // 500
};

// Base of the error hierarchy. Thrown from handlers and repositories, caught by the UI and
// the CLI, which show message() (and fieldErrors() next to the fields they name).
class DomainError : public std::exception
{
public:
    DomainError(ErrorKind kind, QString message, QMap<QString, QString> fieldErrors = {});

    ErrorKind kind() const { return m_kind; }
    const QString &message() const { return m_message; }
    // Per-field problems, keyed by the field's API name ("email", "username", ...).
    const QMap<QString, QString> &fieldErrors() const { return m_fieldErrors; }

    int statusCode() const;
    QString code() const; // "validation", "not_found", ... as in the Worker's envelope
    const char *what() const noexcept override { return m_utf8.constData(); }

    static ErrorKind kindForStatus(int httpStatus);
    static ErrorKind kindForCode(const QString &code);

private:
    ErrorKind m_kind;
    QString m_message;
    QMap<QString, QString> m_fieldErrors;
    QByteArray m_utf8;
};

class ValidationError : public DomainError
{
public:
    explicit ValidationError(QString message, QMap<QString, QString> fieldErrors = {})
        : DomainError(ErrorKind::Validation, std::move(message), std::move(fieldErrors)) {}
    // A single bad field: the message names it.
    static ValidationError field(const QString &field, const QString &problem);
};

class UnauthorizedError : public DomainError
{
public:
    explicit UnauthorizedError(QString message = QStringLiteral("Not signed in"))
        : DomainError(ErrorKind::Unauthorized, std::move(message)) {}
};

class ForbiddenError : public DomainError
{
public:
    explicit ForbiddenError(QString message = QStringLiteral("Your role does not allow this"))
        : DomainError(ErrorKind::Forbidden, std::move(message)) {}
};

class NotFoundError : public DomainError
{
public:
    NotFoundError(const QString &entity, const QString &id);
    // When the message comes from elsewhere (the Worker's envelope) rather than entity and id.
    static NotFoundError withMessage(QString message);

private:
    struct MessageTag {};
    NotFoundError(MessageTag, QString message);
};

// Someone else changed the record first (version mismatch), or a unique value is taken.
// current() holds the record as it is now when known (e.g. a User), so the UI can show
// both versions and let the user decide.
class ConflictError : public DomainError
{
public:
    explicit ConflictError(QString message, QMap<QString, QString> fieldErrors = {},
                           QVariant current = {})
        : DomainError(ErrorKind::Conflict, std::move(message), std::move(fieldErrors))
        , m_current(std::move(current)) {}
    const QVariant &current() const { return m_current; }

private:
    QVariant m_current;
};

class StoreError : public DomainError
{
public:
    explicit StoreError(QString message) : DomainError(ErrorKind::Store, std::move(message)) {}
};

} // namespace edge
