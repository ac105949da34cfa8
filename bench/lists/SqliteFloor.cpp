#include "SqliteFloor.h"

#include <QProcess>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace edge::bench {

namespace {
constexpr int MaxRuns = 200;
constexpr double MedianFromMs = 10;
const QString TimerPrefix = QStringLiteral("Run Time: real ");

QString joined(const QStringList &statements)
{
    QString script;
    for (const QString &statement : statements)
        script += statement + QLatin1Char('\n');
    return script;
}

// The "Run Time" lines of an output, in milliseconds, in order; the other lines go to rows.
std::vector<double> timings(const QString &output, QStringList *rows = nullptr)
{
    std::vector<double> ms;
    for (const QString &line : output.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (line.startsWith(TimerPrefix))
            ms.push_back(line.mid(TimerPrefix.size()).section(QLatin1Char(' '), 0, 0).toDouble() * 1000.0);
        else if (rows)
            rows->append(line);
    }
    return ms;
}
} // namespace

QString sqlText(const QString &value)
{
    QString quoted = value;
    quoted.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

SqliteFloor::SqliteFloor(QString program, QString store, double budgetMs, int minRuns)
    : m_program(std::move(program))
    , m_store(std::move(store))
    , m_budgetMs(budgetMs)
    , m_minRuns(std::max(1, minRuns))
{
}

QString SqliteFloor::run(const QString &script) const
{
    QProcess sqlite;
    sqlite.start(m_program, {QStringLiteral("-readonly"), QStringLiteral("-batch"), m_store});
    if (!sqlite.waitForStarted())
        throw std::runtime_error(QStringLiteral("cannot start %1").arg(m_program).toStdString());
    sqlite.write(script.toUtf8());
    sqlite.closeWriteChannel();
    if (!sqlite.waitForFinished(-1) || sqlite.exitCode() != 0 || !sqlite.readAllStandardError().isEmpty()) {
        throw std::runtime_error(QStringLiteral("sqlite3 failed on:\n%1\n%2")
                                     .arg(script.left(2000), QString::fromUtf8(sqlite.readAllStandardError()))
                                     .toStdString());
    }
    return QString::fromUtf8(sqlite.readAllStandardOutput());
}

FloorTiming SqliteFloor::time(const QStringList &statements) const
{
    const int count = int(statements.size());
    FloorTiming floor;
    // 1. The first statement's rows (which also warms the cache), then every statement once,
    //    timed: how long a run takes, to choose how many runs fit the budget.
    const QString probe = QStringLiteral(".mode list\n") + statements.first() + QStringLiteral("\n.output /dev/null\n")
                          + QStringLiteral(".timer on\n") + joined(statements);
    const std::vector<double> once = timings(run(probe), &floor.rows);
    double estimate = 0;
    for (double ms : once)
        estimate += ms;
    // Statements slower than the whole budget (a naive OFFSET deep in two million joined rows
    // takes seconds) run three times in all, counting the probe's run.
    const bool slow = estimate > m_budgetMs;
    const int runs = slow ? 2 : std::clamp(int(std::ceil(m_budgetMs / std::max(estimate, 0.5))), m_minRuns, MaxRuns);

    // 2. A warm-up run untimed (none for slow statements: the probe warmed them), then `runs`
    //    timed runs on the same connection.
    QString script = QStringLiteral(".output /dev/null\n") + (slow ? QString() : joined(statements))
                     + QStringLiteral(".timer on\n");
    for (int i = 0; i < runs; ++i)
        script += joined(statements);
    const std::vector<double> each = timings(run(script));
    if (int(each.size()) != runs * count)
        throw std::runtime_error("sqlite3 printed fewer timings than statements run");
    std::vector<double> perRun;
    if (slow)
        perRun.push_back(estimate);
    for (int i = 0; i < runs; ++i) {
        double sum = 0;
        for (int j = 0; j < count; ++j)
            sum += each[size_t(i * count + j)];
        perRun.push_back(sum);
    }
    std::sort(perRun.begin(), perRun.end());
    floor.runs = int(perRun.size());
    const double median = perRun[perRun.size() / 2];
    floor.mean = median < MedianFromMs;
    if (floor.mean) {
        double sum = 0;
        for (double ms : perRun)
            sum += ms;
        floor.ms = sum / double(perRun.size());
    } else {
        floor.ms = median;
    }
    return floor;
}

} // namespace edge::bench
