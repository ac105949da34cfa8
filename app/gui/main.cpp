// edge-admin: the desktop console. main() is the composition root: it builds the real ports
// (DesktopPorts) and gives them to the window; everything else lives in ui/.
#include "DesktopPorts.h"
#include "session/StoreSession.h"
#include "window/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("EdgeAdmin"));
    QApplication::setApplicationName(QStringLiteral("edge-admin"));
    QApplication::setApplicationDisplayName(QStringLiteral("Edge Admin"));
    QApplication::setApplicationVersion(QStringLiteral(EDGE_ADMIN_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("edge-admin"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/edge-admin.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Administration console for the learning platform."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("store"),
                                 QStringLiteral("The store file to open (default: the last one used)."),
                                 QStringLiteral("[STORE_FILE]"));
    parser.process(app);

    edge::app::DesktopPorts desktop;
    edge::ui::StoreSession session(desktop.ports().stores);
    edge::ui::MainWindow window(session, desktop.ports());
    window.show();
    window.openInitialStore(parser.positionalArguments().value(0));
    return app.exec();
}
