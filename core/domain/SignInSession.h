#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace edge {

// One live sign-in of a user on a Worker (a device or a console), without its secret.
struct SignInSession
{
    QString id;
    QDateTime createdAt;
    QDateTime expiresAt; // the session's end (tokens are renewed within it)
    bool current = false; // the one this console is signed in with
};

} // namespace edge
