#pragma once

#include "models/PagedTableModel.h"

#include <optional>

namespace edge::ui {

// The users table: a PagedTableModel over the users query (search over email and username,
// sort by any column but Updated).
class UsersTableModel final : public PagedTableModel
{
    Q_OBJECT

public:
    enum Column { EmailColumn, UsernameColumn, RoleColumn, CreatedColumn, UpdatedColumn, ColumnCount };
    static constexpr int UserRole = RowRole; // the edge::User of the row

    explicit UsersTableModel(QObject *parent = nullptr);

    void setSearch(const QString &search);
    QString search() const;
    UserSortField sortField() const;
    SortOrder sortOrder() const;

    std::optional<User> userAt(int row) const;
    QModelIndex indexOfUser(const QString &userId) const { return indexOfRow(userId); }
};

} // namespace edge::ui
