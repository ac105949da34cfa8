#include "UsersTableModel.h"

#include "common/UserFormatting.h"
#include "domain/Text.h"

namespace edge::ui {

namespace {
std::optional<UserSortField> sortFieldForColumn(int column)
{
    switch (column) {
    case UsersTableModel::EmailColumn: return UserSortField::Email;
    case UsersTableModel::UsernameColumn: return UserSortField::Username;
    case UsersTableModel::RoleColumn: return UserSortField::Role;
    case UsersTableModel::CreatedColumn: return UserSortField::CreatedAt;
    default: return std::nullopt; // the API has no sort by update time
    }
}

// The users query: search and sort; pages go to ListUsersHandler, counts to its count().
class UserRowSource final : public RowSource
{
public:
    UserListQuery query;

    QCoro::Task<QList<QVariant>> fetchPage(Services &services, int page, int pageSize) override
    {
        UserListQuery pageQuery = query;
        pageQuery.page = page + 1; // the API's pages are 1-based
        pageQuery.pageSize = pageSize;
        pageQuery.withTotal = false; // counted once per query, by count()
        const UserPage result = co_await services.listUsers.execute(pageQuery);
        co_return toRows(result.items);
    }
    QCoro::Task<qint64> count(Services &services) override
    {
        return services.listUsers.count(query.search);
    }
    QString rowId(const QVariant &row) const override { return row.value<User>().id().value(); }
    bool isSortable(int column) const override { return sortFieldForColumn(column).has_value(); }
    bool setSort(int column, Qt::SortOrder order) override
    {
        const std::optional<UserSortField> field = sortFieldForColumn(column);
        const SortOrder wanted = order == Qt::AscendingOrder ? SortOrder::Ascending : SortOrder::Descending;
        if (!field || (*field == query.sort && wanted == query.order))
            return false;
        query.sort = *field;
        query.order = wanted;
        return true;
    }
};

QVariant timestampValue(const QDateTime &when, int role)
{
    switch (role) {
    case Qt::DisplayRole: return formatTimestamp(when);
    case Qt::ToolTipRole: return formatTimestampLong(when);
    default: return when;
    }
}

// Text columns show the value and, as a tooltip, the whole user.
QVariant textValue(const QString &display, const QString &underlying, const User &user, int role)
{
    switch (role) {
    case Qt::DisplayRole: return display;
    case Qt::ToolTipRole: return describeUser(user);
    default: return underlying;
    }
}

QList<TableColumn> userColumns()
{
    return {
        tableColumn<User>(UsersTableModel::tr("Email"), [](const User &user, int role) {
            return textValue(user.email().value(), user.email().value(), user, role);
        }),
        tableColumn<User>(UsersTableModel::tr("Username"), [](const User &user, int role) {
            return textValue(withInvisiblesShown(user.username()), user.username(), user, role);
        }),
        tableColumn<User>(UsersTableModel::tr("Role"), [](const User &user, int role) {
            return textValue(roleDisplayName(user.role()), roleToString(user.role()), user, role);
        }),
        tableColumn<User>(UsersTableModel::tr("Created"),
                          [](const User &user, int role) { return timestampValue(user.createdAt(), role); }),
        tableColumn<User>(UsersTableModel::tr("Updated"),
                          [](const User &user, int role) { return timestampValue(user.updatedAt(), role); }),
    };
}
} // namespace

UsersTableModel::UsersTableModel(QObject *parent)
    : PagedTableModel(std::make_unique<UserRowSource>(), userColumns(), parent,
                      UserListQuery::MaxPageSize)
{
}

void UsersTableModel::setSearch(const QString &search)
{
    auto &users = static_cast<UserRowSource &>(source());
    const QString trimmed = search.trimmed();
    if (trimmed == users.query.search)
        return;
    users.query.search = trimmed;
    restart();
}

QString UsersTableModel::search() const
{
    return static_cast<const UserRowSource &>(source()).query.search;
}

UserSortField UsersTableModel::sortField() const
{
    return static_cast<const UserRowSource &>(source()).query.sort;
}

SortOrder UsersTableModel::sortOrder() const
{
    return static_cast<const UserRowSource &>(source()).query.order;
}

std::optional<User> UsersTableModel::userAt(int row) const
{
    const std::optional<QVariant> found = rowAt(row);
    return found ? std::optional<User>(found->value<User>()) : std::nullopt;
}

} // namespace edge::ui
