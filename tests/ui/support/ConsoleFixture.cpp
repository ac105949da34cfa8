#include "ConsoleFixture.h"

#include "GuiTestSupport.h"

#include <QCoreApplication>
#include <QTest>

#include <stdexcept>

namespace testsupport {

namespace {
edge::ConsolePorts portsOf(std::optional<edge::app::DesktopPorts> &desktop)
{
    desktop.emplace();
    return desktop->ports();
}
} // namespace

ConsoleFixture::ConsoleFixture(bool activate)
    : m_ports(portsOf(m_desktop))
{
    build(activate);
}

ConsoleFixture::ConsoleFixture(edge::ConsolePorts ports, bool activate)
    : m_ports(ports)
{
    build(activate);
}

ConsoleFixture::~ConsoleFixture()
{
    m_window.reset();
    m_session.reset();
    QCoreApplication::sendPostedEvents(); // closes the store (its deletion is queued)
}

void ConsoleFixture::build(bool activate)
{
    m_session = std::make_unique<edge::ui::StoreSession>(m_ports.stores);
    m_window = std::make_unique<edge::ui::MainWindow>(*m_session, m_ports);
    if (activate)
        showActive(m_window.get());
    else
        m_window->show();
}

void ConsoleFixture::restart(bool activate)
{
    m_window.reset();
    m_session.reset();
    QCoreApplication::sendPostedEvents();
    build(activate);
}

edge::Services &ConsoleFixture::services()
{
    if (!m_session->services())
        throw std::logic_error("no store is open");
    return *m_session->services();
}

bool ConsoleFixture::openStore(const QString &path)
{
    m_window->openStore(path, edge::OpenMode::CreateIfMissing);
    return QTest::qWaitFor([this] { return m_session->isOpen() && !m_session->isOpening(); });
}

} // namespace testsupport
