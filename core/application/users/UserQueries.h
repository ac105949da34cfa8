#pragma once

#include "domain/Progress.h"
#include "domain/User.h"

#include <QList>
#include <QString>

namespace edge {

enum class UserSortField { CreatedAt, Email, Username, Role };
enum class SortOrder { Ascending, Descending };

QString sortFieldToString(UserSortField field); // "createdAt", "email", ... as in the API

struct UserListQuery
{
    static constexpr int MaxPageSize = 200;
    static constexpr int MaxSearchLength = 254; // the Worker's limit, in UTF-16 units

    QString search; // case-insensitive substring of email or username; empty: everyone
    int page = 1;   // 1-based
    int pageSize = 50;
    UserSortField sort = UserSortField::CreatedAt;
    SortOrder order = SortOrder::Descending;
    // Counting every match costs a scan; a windowed view asks once, not for every page.
    bool withTotal = true;

    // Throws ValidationError naming "page" or "pageSize" when out of range, or "search" when
    // the term is too long or holds control characters (the Worker's rules).
    void validate() const;
    bool operator==(const UserListQuery &other) const = default;
};

struct UserPage
{
    QList<User> items;
    int page = 1;
    int pageSize = 0;
    qint64 total = -1;  // -1 when withTotal was false
    int totalPages = -1;
};

struct UserTotals
{
    int lessons = 0;    // lessons the user has progress on
    int completed = 0;
    double averageScore = 0; // over all progress rows; 0 when none
};

// The dashboard batch (as the Worker answers it): the user, their latest progress and totals, in one read.
struct UserDashboard
{
    User user;
    QList<ProgressEntry> recentProgress; // newest first, at most 10
    UserTotals totals;
};

} // namespace edge
