#include "UserId.h"

#include "Errors.h"

#include <QRegularExpression>

namespace edge {

QString UserId::problem(const QString &text, const QString &record)
{
    static const QRegularExpression uuid(QStringLiteral(
        "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    if (uuid.match(text).hasMatch())
        return {};
    return QStringLiteral("\"%1\" is not a %2 id (a UUID)").arg(text, record);
}

UserId UserId::parse(const QString &text, const QString &field)
{
    if (const QString why = problem(text); !why.isEmpty())
        throw ValidationError::field(field, why);
    return UserId(text.toLower());
}

} // namespace edge
