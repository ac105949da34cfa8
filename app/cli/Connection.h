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

// UsageError for unknown profiles, bad URLs or conflicting options.
Target resolveTarget(const Invocation &invocation);

// Services for the target: the store opened, or the Worker signed in with the token the
// keychain holds (UnauthorizedError with what to run when there is none or it expired).
QCoro::Task<std::unique_ptr<Services>> openServices(const Invocation &invocation, EventBus &events);

} // namespace edge::cli
