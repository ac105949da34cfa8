#pragma once

#include "application/users/UserQueries.h"

#include <QString>
#include <QVariantList>

namespace edge {

// The WHERE clause of a user search and the values to bind to it. Terms of 3+ characters
// use the trigram FTS index (case-insensitive substring); shorter ones fall back to LIKE,
// because a trigram index cannot match fewer than three characters.
struct UserSearchFilter
{
    QString where;        // "" (everyone) or "WHERE ..." over table users
    QString countSql;     // SELECT COUNT(*) of the matches
    QVariantList values;  // bound in order, for both statements
};

UserSearchFilter userSearchFilter(const QString &search);

// "ORDER BY <column> <dir>, id <dir>" from a whitelist, never from caller text. Ties are
// broken on the id, as the Worker does, so both stores page through ties in one order.
QString userOrderBy(UserSortField field, SortOrder order);

// The term as one FTS5 string literal: in quotes, with any quote doubled, so operators and
// punctuation in the term are matched literally.
QString ftsPhrase(const QString &term);
// The term for LIKE ... ESCAPE '\': %, _ and \ match themselves.
QString likePattern(const QString &term);

} // namespace edge
