#include "Email.h"

#include "Errors.h"

#include <QRegularExpression>

namespace edge {

QString Email::problem(const QString &text)
{
    // The Worker's rule: something@something.something, no spaces.
    static const QRegularExpression shape(QStringLiteral("^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$"));
    const QString normalized = text.trimmed().toLower();
    if (normalized.isEmpty())
        return QStringLiteral("Email is required");
    if (normalized.size() > MaxLength)
        return QStringLiteral("Email is too long (at most %1 characters)").arg(MaxLength);
    if (!shape.match(normalized).hasMatch())
        return QStringLiteral("Email \"%1\" is not a valid address").arg(text.trimmed());
    return {};
}

Email Email::parse(const QString &text)
{
    if (const QString why = problem(text); !why.isEmpty())
        throw ValidationError::field(QStringLiteral("email"), why);
    return Email(text.trimmed().toLower());
}

} // namespace edge
