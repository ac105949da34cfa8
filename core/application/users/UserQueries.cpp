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
    if (search.size() > MaxSearchLength)
        throw ValidationError::field(
            QStringLiteral("search"),
            QStringLiteral("Search text must be at most %1 characters").arg(MaxSearchLength));
    const bool hasControl = std::any_of(search.begin(), search.end(), [](QChar c) {
        return c.unicode() < 0x20 || c.unicode() == 0x7f;
    });
    if (hasControl)
        throw ValidationError::field(QStringLiteral("search"),
                                     QStringLiteral("Search text must not contain control characters"));
}

} // namespace edge
