#include "GuiTestSupport.h"

#include <QSignalSpy>
#include <QTimer>

#include "dialogs/MessageBoxes.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QDir>
#include <QPixmap>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QWidget>

namespace testsupport {

void isolateUserFiles(const QString &dir)
{
    qputenv("HOME", dir.toUtf8());
    qputenv("XDG_CONFIG_HOME", (dir + QStringLiteral("/config")).toUtf8());
    qputenv("XDG_DATA_HOME", (dir + QStringLiteral("/data")).toUtf8());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("EdgeAdmin"));
    QCoreApplication::setApplicationName(QStringLiteral("edge-admin"));
    QSettings().clear();
    edge::ui::MessageBoxes::setTestMode(true);
}

edge::User createUser(edge::Services &services, const QString &email, const QString &username,
                      const QString &role)
{
    return finish(services.createUser.execute(
        edge::CreateUserCommand{email, username, role, QStringLiteral("correct horse battery")}));
}

int rowShowing(const QAbstractItemModel *model, const QString &text, int column)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, column).data().toString() == text)
            return row;
    }
    return -1;
}

void snapshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("EDGE_UI_SNAPSHOTS");
    if (dir.isEmpty() || !widget)
        return;
    QDir().mkpath(dir);
    widget->grab().save(dir + u'/' + name + QStringLiteral(".png"));
}

void reportMissingChild(const char *name)
{
    QTest::qFail(qPrintable(QStringLiteral("no widget called %1").arg(QString::fromLatin1(name))),
                 __FILE__, __LINE__);
}

bool showActive(QWidget *window)
{
    window->show();
    QApplication::setActiveWindow(window);
    return QTest::qWaitForWindowActive(window);
}

bool letQueuedWorkRun()
{
    QTimer marker;
    marker.setSingleShot(true);
    QSignalSpy fired(&marker, &QTimer::timeout);
    marker.start(0);
    return fired.wait(5000);
}

} // namespace testsupport
