#include "ConnectionProfile.h"

#include "domain/Email.h"
#include "domain/Errors.h"

#include <QDir>

namespace edge {

ConnectionProfile ConnectionProfile::embedded(QString name, QString storePath)
{
    ConnectionProfile profile;
    profile.name = std::move(name);
    profile.kind = ProfileKind::Embedded;
    profile.storePath = std::move(storePath);
    return profile;
}

ConnectionProfile ConnectionProfile::remote(QString name, QUrl baseUrl, QString accountEmail)
{
    ConnectionProfile profile;
    profile.name = std::move(name);
    profile.kind = ProfileKind::Remote;
    profile.baseUrl = std::move(baseUrl);
    profile.accountEmail = std::move(accountEmail);
    return profile;
}

static QString nameProblem(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return QStringLiteral("Profile name: enter a name");
    if (trimmed.size() > ConnectionProfile::NameMaxLength)
        return QStringLiteral("Profile name: at most %1 characters").arg(ConnectionProfile::NameMaxLength);
    // '@' and '/' would make keychain keys ("edge-admin/<name>@<host>") ambiguous.
    for (const QChar c : trimmed) {
        if (c == QLatin1Char('/') || c == QLatin1Char('\\') || c == QLatin1Char('@') || c.isNonCharacter()
            || c.category() == QChar::Other_Control)
            return QStringLiteral("Profile name: must not contain '/', '\\', '@' or control characters");
    }
    return {};
}

QString baseUrlProblem(const QUrl &url)
{
    if (url.isEmpty())
        return QStringLiteral("Server address: enter the Worker's address, e.g. "
                              "https://edge.example.com/api/v1");
    if (!url.isValid() || url.isRelative() || url.host().isEmpty())
        return QStringLiteral("Server address: not a complete URL (%1); e.g. "
                              "https://edge.example.com/api/v1")
            .arg(url.toDisplayString());
    if (!url.userInfo().isEmpty())
        return QStringLiteral("Server address: must not contain a user name or password; you sign "
                              "in separately");
    if (url.hasQuery() || url.hasFragment())
        return QStringLiteral("Server address: must not contain '?' or '#' parts");
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return {};
    const QString host = url.host().toLower();
    const bool thisMachine = host == QLatin1String("127.0.0.1") || host == QLatin1String("::1")
                             || host == QLatin1String("localhost");
    if (scheme == QLatin1String("http") && thisMachine)
        return {}; // `wrangler dev` on this machine: nothing crosses a network
    if (scheme == QLatin1String("http"))
        return QStringLiteral("Server address: use https:// (http:// is only allowed for a Worker on "
                              "this machine: 127.0.0.1 or localhost)");
    return QStringLiteral("Server address: must start with https://");
}

QMap<QString, QString> ConnectionProfile::problems() const
{
    QMap<QString, QString> found;
    if (const QString problem = nameProblem(name); !problem.isEmpty())
        found.insert(QStringLiteral("name"), problem);

    if (kind == ProfileKind::Embedded) {
        const QString path = storePath.trimmed();
        if (path.isEmpty())
            found.insert(QStringLiteral("storePath"), QStringLiteral("Database file: choose a file"));
        else if (!QDir::isAbsolutePath(path))
            found.insert(QStringLiteral("storePath"),
                         QStringLiteral("Database file: needs a full path, not '%1'").arg(path));
        return found;
    }

    if (const QString problem = baseUrlProblem(baseUrl); !problem.isEmpty())
        found.insert(QStringLiteral("baseUrl"), problem);
    if (!accountEmail.trimmed().isEmpty()) {
        if (const QString problem = Email::problem(accountEmail.trimmed()); !problem.isEmpty())
            found.insert(QStringLiteral("accountEmail"), QStringLiteral("Account email: %1").arg(problem));
    }
    return found;
}

void ConnectionProfile::validate() const
{
    const QMap<QString, QString> found = problems();
    if (found.isEmpty())
        return;
    QStringList messages = found.values();
    throw ValidationError(messages.join(QStringLiteral("; ")), found);
}

ConnectionProfile ConnectionProfile::normalized() const
{
    ConnectionProfile profile;
    profile.name = name.trimmed();
    profile.kind = kind;
    if (kind == ProfileKind::Embedded) {
        profile.storePath = QDir::cleanPath(storePath.trimmed());
        return profile;
    }
    profile.baseUrl = baseUrl.adjusted(QUrl::StripTrailingSlash | QUrl::NormalizePathSegments);
    profile.accountEmail = accountEmail.trimmed().toLower();
    return profile;
}

} // namespace edge
