#pragma once

#include "KeysetPager.h"
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
    bool fullText = false; // the trigram index answers the term (3+ characters)
};

UserSearchFilter userSearchFilter(const QString &search);

// The matches of a filter in a list's order, for KeysetPager: (column, id) from a whitelist,
// never from caller text. Ties are broken on the id, as the Worker does, so both stores page
// through ties in one order.
OrderedListing userListing(const UserSearchFilter &filter, UserSortField field, SortOrder order);

// A full-text term that matches many users is read fastest by walking the sort's index and
// keeping the matches (a page is full after a few thousand index entries), while a rare one
// is read fastest by sorting its matches: picks the plan from the number of matches.
void chooseUserSearchPlan(OrderedListing &listing, const UserSearchFilter &filter, UserSortField field,
                          qint64 matches);


// The term as one FTS5 string literal: in quotes, with any quote doubled, so operators and
// punctuation in the term are matched literally.
QString ftsPhrase(const QString &term);
// The term for LIKE ... ESCAPE '\': %, _ and \ match themselves.
QString likePattern(const QString &term);

} // namespace edge
