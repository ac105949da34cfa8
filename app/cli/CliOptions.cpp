#include "CliOptions.h"

namespace edge::cli {

namespace {
const char *const Description = R"(Edge Admin on the command line: the embedded store without a window.

Where: the embedded store (--store PATH, default: the console's default store), a saved
connection profile (--profile NAME) or a Worker (--url https://HOST/api/v1). users commands
work on all of them; against a Worker, sign in first with login.

Commands:
  login --email E               sign in to the Worker (--url or --profile); the password is
                                read from stdin or asked without echo; the token is kept in
                                the keychain (never in a file)
  logout                        revoke the Worker session and delete the stored token
  profiles list                 the saved connection profiles
  profiles add NAME (--url URL [--email E] | --store PATH)
  profiles remove NAME          (and its stored token)
  migrate                       create the store or bring it up to date; list its migrations
  users list [--search S] [--page N] [--page-size N] [--sort F] [--desc] [--json]
                                one page of users (F: createdAt, email, username, role)
  users add --email E --username U --role R
                                add a user; the password is read from stdin when it is not
                                a terminal, otherwise asked twice without echo
  users show ID                 the user's dashboard: details, recent progress, totals
  users delete ID               delete the user and their progress
  users sessions ID             the user's live sign-in sessions on a Worker
  users end-sessions ID         sign the user out everywhere (a Worker's admins)
  seed-demo                     demo users of every role, lessons and progress
                                (refuses if the demo is already there)
  generate-users N              add N synthetic users quickly (load checks), 10,000 per
                                transaction

Each command runs in one transaction (generate-users: one per 10,000 users), so an
interrupted command leaves the store as it was before it (or before the current batch).

Exit codes:
  0  success
  1  the store cannot be used (not a store, read-only, newer version...) or another failure
  2  wrong usage or invalid input; nothing was written
  3  not found
  4  conflict: email already used, record changed meanwhile, demo already seeded
  5  not signed in to the Worker, the sign-in expired, or a wrong password
  6  the signed-in role may not do this)";
} // namespace

void configureParser(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QString::fromUtf8(Description));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("store"), QStringLiteral("The store file (default: the console's default store)."),
         QStringLiteral("path")},
        {QStringLiteral("url"), QStringLiteral("A Worker's API URL (https://..., or http:// to this machine)."),
         QStringLiteral("url")},
        {QStringLiteral("profile"), QStringLiteral("A saved connection profile (see 'profiles list')."),
         QStringLiteral("name")},
        {QStringLiteral("search"), QStringLiteral("users list: part of an email or username."), QStringLiteral("text")},
        {QStringLiteral("page"), QStringLiteral("users list: page number, from 1."), QStringLiteral("n")},
        {QStringLiteral("page-size"), QStringLiteral("users list: users per page (1-200, default 50)."),
         QStringLiteral("n")},
        {QStringLiteral("sort"), QStringLiteral("users list: createdAt, email, username or role."),
         QStringLiteral("field")},
        {QStringLiteral("desc"), QStringLiteral("users list: sort descending (default: ascending, "
                                                "except createdAt: newest first).")},
        {QStringLiteral("asc"), QStringLiteral("users list: sort ascending.")},
        {QStringLiteral("json"), QStringLiteral("users list/show: print JSON instead of a table.")},
        {QStringLiteral("email"), QStringLiteral("users add, login, profiles add: the email address."), QStringLiteral("email")},
        {QStringLiteral("username"), QStringLiteral("users add: the display name."), QStringLiteral("name")},
        {QStringLiteral("role"), QStringLiteral("users add: admin, editor, support or learner."),
         QStringLiteral("role")},
    });
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("What to do (see Commands above)."),
                                 QStringLiteral("command [arguments]"));
}

} // namespace edge::cli
