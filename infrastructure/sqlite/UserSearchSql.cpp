#include "UserSearchSql.h"

#include "UserRowMapper.h"

namespace edge {

namespace {
constexpr int TrigramLength = 3;
// Above this many matches, walking the sort's index beats sorting the matches (measured on
// a million users: 25,000 matches sort in 150 ms, walk in 25 ms; 1 match sorts at once).
constexpr qint64 ManyMatches = 2000;

QString sortColumn(UserSortField field)
{
    switch (field) {
    case UserSortField::CreatedAt: return QStringLiteral("created_at");
    case UserSortField::Email: return QStringLiteral("email");
    case UserSortField::Username: return QStringLiteral("username");
    case UserSortField::Role: return QStringLiteral("role");
    }
    return QStringLiteral("created_at");
}

// The index each sort walks (migrations/0001 and 0003); email walks its UNIQUE index, which
// SQLite names itself, so it gets no hint.
QString sortIndex(UserSortField field)
{
    switch (field) {
    case UserSortField::CreatedAt: return QStringLiteral("idx_users_created_at");
    case UserSortField::Username: return QStringLiteral("idx_users_username");
    case UserSortField::Role: return QStringLiteral("idx_users_role");
    case UserSortField::Email: break;
    }
    return QString();
}
} // namespace

QString ftsPhrase(const QString &term)
{
    QString quoted = term;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString likePattern(const QString &term)
{
    QString escaped;
    escaped.reserve(term.size() + 2);
    for (QChar c : term) {
        if (c == QLatin1Char('%') || c == QLatin1Char('_') || c == QLatin1Char('\\'))
            escaped += QLatin1Char('\\');
        escaped += c;
    }
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

UserSearchFilter userSearchFilter(const QString &search)
{
    const QString term = search.trimmed();
    if (term.isEmpty())
        return {QString(), QStringLiteral("SELECT COUNT(*) FROM users"), {}};

    // The trigram tokenizer counts characters (code points), not UTF-16 units.
    if (term.toUcs4().size() >= TrigramLength) {
        return {QStringLiteral("WHERE rowid IN (SELECT rowid FROM users_fts WHERE users_fts MATCH ?)"),
                QStringLiteral("SELECT COUNT(*) FROM users_fts WHERE users_fts MATCH ?"),
                {ftsPhrase(term)}, true};
    }
    // LIKE folds ASCII case only; the emails are lower case already.
    const QString where = QStringLiteral("WHERE email LIKE ? ESCAPE '\\' OR username LIKE ? ESCAPE '\\'");
    const QString pattern = likePattern(term);
    return {where, QStringLiteral("SELECT COUNT(*) FROM users ") + where, {pattern, pattern}};
}

OrderedListing userListing(const UserSearchFilter &filter, UserSortField field, SortOrder order)
{
    OrderedListing listing;
    listing.table = QStringLiteral("users");
    listing.columns = UserColumns;
    listing.where = filter.where;
    listing.values = filter.values;
    listing.countSql = filter.countSql;
    listing.sortColumn = sortColumn(field);
    listing.descending = order == SortOrder::Descending;
    // Every statement evaluates a full-text match whole, so stepping from landmark to
    // landmark would repeat it; such lists are read by offset from the nearer end.
    listing.seekable = !filter.fullText;
    return listing;
}

void chooseUserSearchPlan(OrderedListing &listing, const UserSearchFilter &filter, UserSortField field,
                          qint64 matches)
{
    const QString index = sortIndex(field);
    if (filter.fullText && matches > ManyMatches && !index.isEmpty())
        listing.from = QStringLiteral("INDEXED BY ") + index;
}

} // namespace edge
