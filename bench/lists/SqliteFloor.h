#pragma once

#include <QString>
#include <QStringList>

namespace edge::bench {

// What the sqlite3 CLI took for some statements on a warm connection, by its own `.timer on`,
// and the rows the first statement printed (to check both sides read the same rows).
struct FloorTiming
{
    double ms = 0;        // per run: the statements' times added up
    int runs = 0;
    bool mean = false;    // the mean of the runs (fast statements), else their median
    QStringList rows;     // the first statement's rows, "|"-separated (.mode list)
};

// Runs statements through the sqlite3 CLI on the store, read-only (-readonly: the store is
// shared and never written). `.timer on` reports whole milliseconds (the difference of two
// millisecond clock readings), so a statement under a millisecond reads 0 or 1: the mean of
// many runs is exact, the median is not. Statements that take 10 ms or more report the
// median instead, which a noisy neighbour moves less.
class SqliteFloor
{
public:
    SqliteFloor(QString program, QString store, double budgetMs, int minRuns);

    // Throws std::runtime_error when sqlite3 fails (the message is its stderr).
    FloorTiming time(const QStringList &statements) const;

private:
    QString run(const QString &script) const;

    QString m_program;
    QString m_store;
    double m_budgetMs;
    int m_minRuns;
};

// An SQL string literal.
QString sqlText(const QString &value);

} // namespace edge::bench
