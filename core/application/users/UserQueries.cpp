#include "UserQueries.h"

#include "domain/Errors.h"

namespace edge {

QString sortFieldToString(UserSortField field)
{
    switch (field) {
    case UserSortField::CreatedAt: return QStringLiteral("createdAt");
    case UserSortField::Email: return QStringLiteral("email");
    case UserSortField::Username: return QStringLiteral("username");
    case UserSortField::Role: return QStringLiteral("role");
    }
    return QStringLiteral("createdAt");
}

void UserListQuery::validate() const
{
    if (page < 1)
        throw ValidationError::field(QStringLiteral("page"),
                                     QStringLiteral("Page must be 1 or more (got %1)").arg(page));
    if (pageSize < 1 || pageSize > MaxPageSize)
        throw ValidationError::field(
            QStringLiteral("pageSize"),
            QStringLiteral("Page size must be between 1 and %1 (got %2)").arg(MaxPageSize).arg(pageSize));
}

} // namespace edge
