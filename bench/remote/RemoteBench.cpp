// edge-remote-bench: one page of users from a Worker through the console's own HTTP store
// (HttpUserRepository on a WorkerClient that is already signed in, as the Users screen reads
// it), timed per request in the process. bench/remote.sh runs it beside curl.
//
//   edge-remote-bench API_URL REPEAT [--page-size N] [--with-total] [--warm-up N]
//
// The token is read from the first line of stdin (kept out of argv, where `ps` shows it).
// The query is the Users screen's: page 1, newest first, PAGE_SIZE rows (200, the screen's
// page), without the count unless --with-total. WARM_UP requests (default 5) open the
// connection and are not timed; then REPEAT requests are timed one by one, each from the
// call to the parsed page. Prints "median_ms", "min_ms", "max_ms", "rows" and "target" (the
// request's path and query, for curl to fetch the same), or the error and exit code 1.
#include "infrastructure/remote/HttpUserRepository.h"
#include "infrastructure/remote/WorkerClient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>
#include <QTimer>

#include <QCoro/QCoroTask>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>

namespace {

struct Options
{
    QUrl api;
    int repeat = 0;
    int pageSize = 200; // UserListQuery::MaxPageSize: what the Users screen asks for
    bool withTotal = false;
    int warmUp = 5;
};

int usage()
{
    std::fputs("usage: edge-remote-bench API_URL REPEAT [--page-size N] [--with-total] [--warm-up N]\n"
               "       (the token on the first line of stdin)\n", stderr);
    return 2;
}

std::optional<Options> parse(const QStringList &args)
{
    if (args.size() < 2)
        return std::nullopt;
    Options options;
    options.api = QUrl(args[0], QUrl::StrictMode);
    bool ok = false;
    options.repeat = args[1].toInt(&ok);
    if (!options.api.isValid() || !ok || options.repeat < 1)
        return std::nullopt;
    for (int i = 2; i < args.size(); ++i) {
        const QString &arg = args[i];
        if (arg == u"--with-total") {
            options.withTotal = true;
        } else if ((arg == u"--page-size" || arg == u"--warm-up") && i + 1 < args.size()) {
            const int value = args[++i].toInt(&ok);
            if (!ok || value < 0)
                return std::nullopt;
            (arg == u"--page-size" ? options.pageSize : options.warmUp) = value;
        } else {
            return std::nullopt;
        }
    }
    return options;
}

// The path and query HttpUserRepository sends for this query (the script hands it to curl).
QString targetOf(const Options &options)
{
    QString target = QStringLiteral("/users?page=1&pageSize=%1&sort=createdAt&order=desc").arg(options.pageSize);
    if (!options.withTotal)
        target += QStringLiteral("&withTotal=false");
    return target;
}

QCoro::Task<int> run(Options options, QString token)
{
    auto client = std::make_shared<edge::remote::WorkerClient>(options.api);
    client->setToken(token);
    edge::remote::HttpUserRepository users(client);
    edge::UserListQuery query;
    query.pageSize = options.pageSize;
    query.withTotal = options.withTotal;

    QTextStream out(stdout);
    int rows = 0;
    try {
        for (int i = 0; i < options.warmUp; ++i)
            rows = int((co_await users.list(query)).items.size());
        QList<double> times;
        for (int i = 0; i < options.repeat; ++i) {
            QElapsedTimer clock;
            clock.start();
            const edge::UserPage page = co_await users.list(query);
            times.append(double(clock.nsecsElapsed()) / 1e6);
            rows = int(page.items.size());
        }
        std::sort(times.begin(), times.end());
        const qsizetype n = times.size();
        const double median = n % 2 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
        out << "median_ms " << QString::number(median, 'f', 3) << '\n'
            << "min_ms " << QString::number(times.first(), 'f', 3) << '\n'
            << "max_ms " << QString::number(times.last(), 'f', 3) << '\n'
            << "rows " << rows << '\n'
            << "target " << targetOf(options) << '\n';
        co_return 0;
    } catch (const std::exception &error) {
        QTextStream(stderr) << "edge-remote-bench: " << error.what() << '\n';
        co_return 1;
    }
}

QCoro::Task<> runAndExit(Options options, QString token)
{
    QCoreApplication::exit(co_await run(std::move(options), std::move(token)));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const std::optional<Options> options = parse(app.arguments().mid(1));
    if (!options)
        return usage();
    std::string line;
    std::getline(std::cin, line);
    const QString token = QString::fromStdString(line).trimmed();
    if (token.isEmpty()) {
        std::fputs("edge-remote-bench: no token on stdin\n", stderr);
        return 2;
    }

    std::optional<QCoro::Task<>> running;
    // Started from inside the event loop, which it ends with the exit code.
    QTimer::singleShot(0, &app, [&] { running.emplace(runAndExit(*options, token)); });
    return app.exec();
}
