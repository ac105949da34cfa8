#pragma once

#include "DesktopPorts.h"
#include "session/StoreSession.h"
#include "window/MainWindow.h"

#include <QString>

#include <memory>
#include <optional>

namespace testsupport {

// One console as the GUI tests drive it, wired as app/gui's main() wires it: the real
// DesktopPorts (or ports a test passes in), a StoreSession and the main window. Tests
// create one in init() and destroy it in cleanup(); isolateUserFiles() must have run.
class ConsoleFixture
{
public:
    // `show`: shown and active (keyboard shortcuts work); else shown only.
    explicit ConsoleFixture(bool activate = true);
    ConsoleFixture(edge::ConsolePorts ports, bool activate);
    ~ConsoleFixture(); // also lets the closed store's queued deletion run

    edge::ui::MainWindow &window() { return *m_window; }
    edge::ui::StoreSession &session() { return *m_session; }
    edge::ConsolePorts ports() { return m_ports; }
    // The open store's handlers; the test fails (throws) when none is open.
    edge::Services &services();

    // Opens the file (created if missing) through the window and waits until it is open;
    // false when it failed to open in time.
    [[nodiscard]] bool openStore(const QString &path);

    // Replaces the window and session with new ones over the same ports (a restart).
    void restart(bool activate = true);

private:
    void build(bool activate);

    std::optional<edge::app::DesktopPorts> m_desktop;
    edge::ConsolePorts m_ports;
    std::unique_ptr<edge::ui::StoreSession> m_session;
    std::unique_ptr<edge::ui::MainWindow> m_window;
};

} // namespace testsupport
