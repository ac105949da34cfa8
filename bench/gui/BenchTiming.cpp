#include "BenchTiming.h"

#include <QCoreApplication>
#include <QFile>
#include <QTimer>

#include <cstdio>
#include <ctime>
#include <unistd.h>

namespace guibench {

namespace {
double clockMs(clockid_t clock)
{
    timespec now{};
    clock_gettime(clock, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

// Field 22 of /proc/self/stat: when the process started, in clock ticks since boot (the
// command name in field 2 may hold spaces, so count from its closing parenthesis).
double procStartMsSinceBoot()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state), so field 22 is fields[19].
    const double ticks = fields.value(19).toDouble();
    return ticks * 1e3 / double(sysconf(_SC_CLK_TCK));
}

qint64 statusKib(const char *key)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(qstrlen(key)).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}
} // namespace

QString processStartSource()
{
    return qEnvironmentVariableIsSet("EDGE_BENCH_START") ? QStringLiteral("script") : QStringLiteral("proc");
}

double msSinceProcessStart()
{
    bool ok = false;
    // $EPOCHREALTIME: seconds since the epoch with microseconds ("1764284400.123456").
    const double startSeconds = qEnvironmentVariable("EDGE_BENCH_START").replace(u',', u'.').toDouble(&ok);
    if (ok)
        return clockMs(CLOCK_REALTIME) - startSeconds * 1e3;
    return clockMs(CLOCK_BOOTTIME) - procStartMsSinceBoot();
}

qint64 residentKib()
{
    return statusKib("VmRSS:");
}

qint64 peakResidentKib()
{
    return statusKib("VmHWM:");
}

bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    // Wakes the loop when nothing else happens, so a timeout is noticed.
    QTimer wake;
    wake.start(20);
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
    return true;
}

void report(const QString &name, const QList<double> &values)
{
    QByteArray line = name.toUtf8();
    for (double value : values)
        line += ' ' + QByteArray::number(value, 'f', 2);
    std::printf("%s\n", line.constData());
    std::fflush(stdout);
}

void report(const QString &name, double value)
{
    report(name, QList<double>{value});
}

} // namespace guibench
