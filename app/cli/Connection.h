#pragma once

#include "CliCommon.h"
#include "application/Services.h"
#include "application/EventBus.h"

#include <QCoro/QCoroTask>
#include <QUrl>

#include <memory>

namespace edge::cli {

// Which store a command works on: --store (or the default store), --profile NAME (a saved
// connection profile: embedded or remote), or --url URL (a Worker, no profile needed).
struct Target
{
    QString storePath;   // embedded, when url is empty
    QUrl url;            // remote
    QString profileName; // remote: scopes the token ("url" for --url)
    QString accountEmail; // remote profile's account, if saved

    bool isRemote() const { return !url.isEmpty(); }
    QString tokenKey() const;
};

// No token is stored for a remote target, or it has expired: the command never reached the
// Worker (unlike an UnauthorizedError from the Worker, which refused the stored token).
class NotSignedInError : public UnauthorizedError
{
public:
    using UnauthorizedError::UnauthorizedError;
};

// UsageError for unknown profiles, bad URLs or conflicting options.
Target resolveTarget(const Invocation &invocation);

// Services for the target: the store opened, or the Worker with the token the keychain holds
// (UnauthorizedError with what to run when there is none or it expired). The token is not
// checked with the Worker first: the command's own request does that (see
// forgetRefusedToken()).
QCoro::Task<std::unique_ptr<Services>> openServices(const Invocation &invocation, EventBus &events);

// After a command's request was refused with 401 (the token revoked, or its user deleted):
// deletes the stored token of a remote target, as a checked sign-in would have, and returns
// what to run to sign in again; empty for other targets.
QCoro::Task<QString> forgetRefusedToken(const Invocation &invocation);

} // namespace edge::cli
