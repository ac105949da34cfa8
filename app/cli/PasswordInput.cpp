#include "PasswordInput.h"

#include "CliCommon.h"

#include <cstdio>
#include <iostream>
#include <string>

#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#endif

namespace edge::cli {

namespace {
bool stdinIsTerminal()
{
#ifdef Q_OS_UNIX
    return isatty(STDIN_FILENO) == 1;
#else
    return false;
#endif
}

QString readLine()
{
    std::string line;
    if (!std::getline(std::cin, line))
        throw UsageError{QStringLiteral("No password given on standard input")};
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return QString::fromStdString(line);
}

// Restores the terminal's echo however the prompt ends.
class EchoOff
{
public:
    EchoOff()
    {
#ifdef Q_OS_UNIX
        m_active = tcgetattr(STDIN_FILENO, &m_saved) == 0;
        if (m_active) {
            termios quiet = m_saved;
            quiet.c_lflag &= ~tcflag_t(ECHO);
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        }
#endif
    }
    ~EchoOff()
    {
#ifdef Q_OS_UNIX
        if (m_active)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
#endif
        err() << Qt::endl; // the Enter the user typed was not echoed
    }

private:
#ifdef Q_OS_UNIX
    termios m_saved{};
    bool m_active = false;
#endif
};

QString prompt(const QString &text)
{
    err() << text << Qt::flush;
    const EchoOff quiet;
    return readLine();
}
} // namespace

QString readNewPassword()
{
    if (!stdinIsTerminal())
        return readLine();
    const QString first = prompt(QStringLiteral("Password: "));
    const QString second = prompt(QStringLiteral("Repeat password: "));
    if (first != second)
        throw UsageError{QStringLiteral("The two passwords differ; nothing was written")};
    return first;
}

QString readPassword(const QString &account)
{
    if (!stdinIsTerminal())
        return readLine();
    return prompt(QStringLiteral("Password for %1: ").arg(account));
}

} // namespace edge::cli
