// edge-admin-cli: parses the command line, runs one command as a coroutine on the event
// loop, and exits with its code (see --help for the codes).

#include "AccountCommands.h"
#include "BenchCommands.h"
#include "CliCommon.h"
#include "CliOptions.h"
#include "DemoCommands.h"
#include "GenerateCommands.h"
#include "LessonCommands.h"
#include "ProfileCommands.h"
#include "ProgressCommands.h"
#include "StoreCommands.h"
#include "UploadCommands.h"
#include "UserCommands.h"
#include "CliPorts.h"
#include "Connection.h"
#include "infrastructure/sqlite/EmbeddedStore.h"

#include <QCoreApplication>
#include <QTimer>

#include <optional>

using namespace edge;
using namespace edge::cli;

namespace {

QCoro::Task<int> dispatch(Invocation invocation)
{
    if (invocation.arguments.isEmpty())
        throw UsageError{QStringLiteral("No command given")};
    const QString command = invocation.arguments.takeFirst();
    if (command == QLatin1String("migrate"))
        co_return co_await migrateCommand(invocation);
    if (command == QLatin1String("users"))
        co_return co_await usersCommand(invocation);
    if (command == QLatin1String("lessons"))
        co_return co_await lessonsCommand(invocation);
    if (command == QLatin1String("progress"))
        co_return co_await progressCommand(invocation);
    if (command == QLatin1String("uploads"))
        co_return co_await uploadsCommand(invocation);
    if (command == QLatin1String("bench-progress"))
        co_return co_await benchProgressCommand(invocation);
    if (command == QLatin1String("seed-demo"))
        co_return co_await seedDemoCommand(invocation);
    if (command == QLatin1String("login"))
        co_return co_await loginCommand(invocation);
    if (command == QLatin1String("logout"))
        co_return co_await logoutCommand(invocation);
    if (command == QLatin1String("profiles"))
        co_return co_await profilesCommand(invocation);
    if (command == QLatin1String("generate"))
        co_return co_await generateCommand(invocation);
    if (command == QLatin1String("generate-users"))
        co_return co_await generateUsersCommand(invocation);
    throw UsageError{QStringLiteral("Unknown command \"%1\"").arg(command)};
}

bool signsIn(const Invocation &invocation)
{
    const QString command = invocation.arguments.value(0);
    return command == QLatin1String("login") || command == QLatin1String("logout");
}

// Every failure ends here as a message on stderr and an exit code; nothing escapes.
QCoro::Task<int> runCommand(Invocation invocation)
{
    std::optional<UnauthorizedError> refused;
    try {
        co_return co_await dispatch(invocation);
    } catch (const NotSignedInError &error) {
        co_return report(error);
    } catch (const UnauthorizedError &error) {
        if (signsIn(invocation))
            co_return report(error); // a wrong password, not a refused token
        refused = error;
    } catch (const UsageError &error) {
        err() << "error: " << error.message << Qt::endl
              << "Run 'edge-admin-cli --help' for the commands and options." << Qt::endl;
        co_return BadInput;
    } catch (const DomainError &error) {
        co_return report(error);
    } catch (const std::exception &error) {
        err() << "error: " << error.what() << Qt::endl;
        co_return Failure;
    }
    // The Worker refused the stored token (nothing checks it before the command's request).
    const int code = report(*refused);
    try {
        if (const QString login = co_await forgetRefusedToken(invocation); !login.isEmpty())
            err() << "The stored sign-in was refused and is deleted; run '" << login << "'." << Qt::endl;
    } catch (const std::exception &) {
        // Reported already; a keychain that fails now changes nothing about the answer.
    }
    co_return code;
}

QCoro::Task<> runAndQuit(Invocation invocation)
{
    const int code = co_await runCommand(invocation);
    out().flush();
    err().flush();
    QCoreApplication::exit(code);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // The GUI's names, so the default store is the same file.
    QCoreApplication::setOrganizationName(QStringLiteral("EdgeAdmin"));
    QCoreApplication::setApplicationName(QStringLiteral("edge-admin"));
    QCoreApplication::setApplicationVersion(QStringLiteral(EDGE_ADMIN_VERSION));

    // "--version" alone is the program's version ("--version N" is a lesson's, see CliOptions).
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() == 2 && (arguments[1] == QLatin1String("--version") || arguments[1] == QLatin1String("-v"))) {
        out() << "edge-admin-cli " << QCoreApplication::applicationVersion() << Qt::endl;
        return Success;
    }

    QCommandLineParser parser;
    configureParser(parser);
    if (!parser.parse(arguments)) {
        err() << "error: " << parser.errorText() << Qt::endl
              << "Run 'edge-admin-cli --help' for the commands and options." << Qt::endl;
        return BadInput;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        return Success;
    }

    const QString storePath = parser.isSet(QStringLiteral("store")) ? parser.value(QStringLiteral("store"))
                                                                     : defaultStorePath();
    CliPorts ports;
    const Invocation invocation{parser, parser.positionalArguments(), storePath, ports};
    // Started from inside the event loop so that exit() always has a loop to end.
    std::optional<QCoro::Task<>> running;
    QTimer::singleShot(0, &app, [&running, &invocation]() { running.emplace(runAndQuit(invocation)); });
    return app.exec();
}
