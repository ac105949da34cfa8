#pragma once

#include <QList>
#include <QString>

namespace guibench {

class Screen;

// Milliseconds, one per repetition; a negative value: it did not happen within the time limit.
struct JumpTimes
{
    QList<double> firstPage; // model restarted (as a new sort or search does) to rows shown
    QList<double> counted;   // same start, to the count shown
    QList<double> end;       // Ctrl+End on the table to the last rows shown real
    QList<double> middle;    // the scroll bar's value set to half its maximum, to rows shown real
};

// The screen must be shown. Each repetition starts the model over (so no page is cached),
// waits for the first rows and the count, then jumps to the end and to the middle.
JumpTimes measureJumps(Screen &screen, int repetitions);

struct SearchTimes
{
    QList<double> rows;    // last keystroke to the matching rows shown
    QList<double> counted; // last keystroke to the count shown
    qint64 matches = -1;
};

// Types `term` into the screen's search box with QTest::keyClicks (`keyDelayMs` between
// keys; 0 types at once), times the answer, then clears the box and waits for the whole list
// again. The screen must be shown and have a search box.
SearchTimes measureSearch(Screen &screen, const QString &term, int repetitions, int keyDelayMs = 0);

struct ScrollRun
{
    int steps = 0;
    double seconds = 0;
    int lastRowShown = -1;
    bool reachedEnd = false;
    QString how;
};

// Scrolls the whole table from the top to the bottom, waiting for real rows at every step:
// `stepRows` 0 presses Page Down on the table; more moves the scroll bar by that many rows.
// Stops early after `limitSeconds`.
ScrollRun scrollTopToBottom(Screen &screen, int stepRows, double limitSeconds);

} // namespace guibench
