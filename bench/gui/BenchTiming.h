#pragma once

#include <QElapsedTimer>
#include <QString>

#include <functional>

namespace guibench {

// Milliseconds since this process started: from EDGE_BENCH_START (the script's
// $EPOCHREALTIME, taken just before it runs the program) when set, else from the start time
// in /proc/self/stat (10 ms resolution).
double msSinceProcessStart();
// Where msSinceProcessStart() counts from: "script" or "proc".
QString processStartSource();

// Resident memory now (VmRSS) and the most the process has had (VmHWM), in KiB.
qint64 residentKib();
qint64 peakResidentKib();

// Turns the event loop until `done()` holds or `timeoutMs` passes; false on timeout. It wakes
// on every event (a page arriving from the store's thread posts one), so the moment `done()`
// turns true is seen within one batch of events, not after a polling sleep.
bool waitUntil(const std::function<bool()> &done, int timeoutMs);

// Elapsed wall time with sub-millisecond resolution.
class Stopwatch
{
public:
    Stopwatch() { m_timer.start(); }
    void restart() { m_timer.restart(); }
    double ms() const { return double(m_timer.nsecsElapsed()) / 1e6; }

private:
    QElapsedTimer m_timer;
};

// One line of the program's output: "name value ..." (bench/gui.sh reads these).
void report(const QString &name, const QList<double> &values);
void report(const QString &name, double value);

} // namespace guibench
