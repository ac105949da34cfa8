#pragma once

#include "TestStore.h" // edge::test::await: waits for a task and rethrows what it threw
#include "application/Services.h"

#include <QCoro/QCoroTask>

#include <QObject>
#include <QString>

class QAbstractItemModel;
class QWidget;

namespace testsupport {

// Keeps tests away from the real user's files: HOME and the XDG folders point into `dir`,
// QStandardPaths runs in test mode (QSettings and defaultStorePath() follow), the
// application names are the console's, and message boxes are recorded instead of shown.
void isolateUserFiles(const QString &dir);

// Runs an application-layer task to completion (tests only; the UI never waits) and rethrows
// what it threw, so a failing call fails the test instead of hanging it.
template<typename T>
T finish(QCoro::Task<T> &&task)
{
    return edge::test::await(std::move(task));
}

// A user stored through the real handler (so the EventBus hears of it).
edge::User createUser(edge::Services &services, const QString &email, const QString &username,
                      const QString &role = QStringLiteral("learner"));

// The row whose first column shows this text, or -1 (reads every row: small tables only).
int rowShowing(const QAbstractItemModel *model, const QString &text, int column = 0);

// Lets everything already queued run: zero-delay timers fire in the order they were started,
// so once one started now has fired, work queued before it (a model's batched page requests,
// a dialog's queued save) has been sent. For "nothing happened" checks, instead of a sleep.
[[nodiscard]] bool letQueuedWorkRun();

void reportMissingChild(const char *name);

// The descendant of `parent` with this object name, or nullptr after recording a test
// failure that names what is missing (so a test can QVERIFY the result and stop).
template<typename T>
T *child(const QObject *parent, const char *name)
{
    T *found = parent ? parent->findChild<T *>(QString::fromLatin1(name)) : nullptr;
    if (!found)
        reportMissingChild(name);
    return found;
}

// Shows the window and waits until it is active, so its keyboard shortcuts work.
bool showActive(QWidget *window);

// Saves a picture of the widget as <name>.png into $EDGE_UI_SNAPSHOTS when that is set
// (to look at the screens a test passes through); does nothing otherwise.
void snapshot(QWidget *widget, const QString &name);

} // namespace testsupport
