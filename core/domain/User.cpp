#include "User.h"

#include "Errors.h"
#include "Text.h"

namespace edge {

namespace {
bool hasControlCharacters(const QString &text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) { return c.category() == QChar::Other_Control; });
}
// Lengths count characters (code points), as the Worker's JavaScript does with [...text],
// not UTF-16 units: an emoji is one character on both sides.
qsizetype characterCount(const QString &text)
{
    return text.toUcs4().size();
}
} // namespace

QString User::usernameProblem(const QString &text)
{
    const QString name = text.trimmed();
    if (characterCount(name) < UsernameMinLength)
        return QStringLiteral("Username must be at least %1 characters").arg(UsernameMinLength);
    if (characterCount(name) > UsernameMaxLength)
        return QStringLiteral("Username must be at most %1 characters").arg(UsernameMaxLength);
    if (hasControlCharacters(name))
        return QStringLiteral("Username must not contain control characters");
    if (hasFormatCharacters(name))
        return formatCharactersProblem(QStringLiteral("Username"));
    return {};
}

QString User::parseUsername(const QString &text)
{
    if (const QString why = usernameProblem(text); !why.isEmpty())
        throw ValidationError::field(QStringLiteral("username"), why);
    return text.trimmed();
}

QString User::passwordProblem(const QString &password)
{
    if (characterCount(password) < PasswordMinLength)
        return QStringLiteral("Password must be at least %1 characters").arg(PasswordMinLength);
    if (characterCount(password) > PasswordMaxLength)
        return QStringLiteral("Password must be at most %1 characters").arg(PasswordMaxLength);
    return {};
}

void User::checkPassword(const QString &password)
{
    if (const QString why = passwordProblem(password); !why.isEmpty())
        throw ValidationError::field(QStringLiteral("password"), why);
}

User User::create(Email email, const QString &username, Role role)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return reconstitute(UserId::generate(), std::move(email), parseUsername(username), role, 1,
                        now, now);
}

User User::reconstitute(UserId id, Email email, QString username, Role role, int version,
                        QDateTime createdAt, QDateTime updatedAt)
{
    User user;
    user.m_id = std::move(id);
    user.m_email = std::move(email);
    user.m_username = std::move(username);
    user.m_role = role;
    user.m_version = version;
    user.m_createdAt = std::move(createdAt);
    user.m_updatedAt = std::move(updatedAt);
    return user;
}

User User::withEmail(Email email) const
{
    User copy = *this;
    copy.m_email = std::move(email);
    return copy;
}

User User::withUsername(const QString &username) const
{
    User copy = *this;
    copy.m_username = parseUsername(username);
    return copy;
}

User User::withRole(Role role) const
{
    User copy = *this;
    copy.m_role = role;
    return copy;
}

User User::bumped() const
{
    User copy = *this;
    copy.m_version += 1;
    copy.m_updatedAt = QDateTime::currentDateTimeUtc();
    return copy;
}

} // namespace edge
