#include "UserSearchSql.h"

namespace edge {

namespace {
constexpr int TrigramLength = 3;
}

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
                {ftsPhrase(term)}};
    }
    // LIKE folds ASCII case only; the emails are lower case already.
    const QString where = QStringLiteral("WHERE email LIKE ? ESCAPE '\\' OR username LIKE ? ESCAPE '\\'");
    const QString pattern = likePattern(term);
    return {where, QStringLiteral("SELECT COUNT(*) FROM users ") + where, {pattern, pattern}};
}

QString userOrderBy(UserSortField field, SortOrder order)
{
    QString column;
    switch (field) {
    case UserSortField::CreatedAt: column = QStringLiteral("created_at"); break;
    case UserSortField::Email: column = QStringLiteral("email"); break;
    case UserSortField::Username: column = QStringLiteral("username"); break;
    case UserSortField::Role: column = QStringLiteral("role"); break;
    }
    const QString direction = order == SortOrder::Ascending ? QStringLiteral("ASC") : QStringLiteral("DESC");
    return QStringLiteral("ORDER BY %1 %2, id %2").arg(column, direction);
}

} // namespace edge
