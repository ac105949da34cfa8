#pragma once

#include <QMap>
#include <QString>
#include <QUrl>

namespace edge {

enum class ProfileKind {
    Embedded, // one SQLite file on this machine
    Remote,   // a deployed Worker over HTTPS
};

// Where the console's data lives; the user picks one at start. Holds no secret: a remote
// profile's token is in the TokenStore under TokenStore::keyFor(name, baseUrl).
struct ConnectionProfile
{
    static constexpr int NameMaxLength = 64;

    QString name;
    ProfileKind kind = ProfileKind::Embedded;
    QString storePath;    // Embedded: absolute path of the SQLite file
    QUrl baseUrl;         // Remote: the Worker API, e.g. https://edge.example.com/api/v1
    QString accountEmail; // Remote, optional: who signs in (pre-filled at sign-in)

    static ConnectionProfile embedded(QString name, QString storePath);
    static ConnectionProfile remote(QString name, QUrl baseUrl, QString accountEmail = {});

    // Problems by field ("name", "storePath", "baseUrl", "accountEmail"), each a message
    // that names the field; empty when the profile can be saved. Uniqueness of the name is
    // the repository's to check.
    QMap<QString, QString> problems() const;
    // Throws ValidationError carrying problems() as field errors.
    void validate() const;
    // Trimmed text, lower-case email, no trailing '/' on the URL path, and the other kind's
    // fields cleared: what gets stored.
    ConnectionProfile normalized() const;

    bool operator==(const ConnectionProfile &other) const = default;
};

// Empty when a Worker base URL is acceptable: https://, or http:// only to this machine
// (127.0.0.1, ::1, localhost) for `wrangler dev`; no credentials, query or fragment.
QString baseUrlProblem(const QUrl &url);

} // namespace edge
