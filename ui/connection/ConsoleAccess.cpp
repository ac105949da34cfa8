#include "ConsoleAccess.h"

#include <QCoreApplication>

namespace edge::ui {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("edge::ui::ConsoleAccess", text);
}
} // namespace

QString ConsoleAccess::roleName() const
{
    return role ? roleDisplayName(*role) : QString();
}

QString ConsoleAccess::usersReadOnlyReason() const
{
    if (usersWritable())
        return {};
    return tr("Your role (%1) can look users up but not change them; ask an admin.").arg(roleName());
}

QString ConsoleAccess::forbiddenMessage(const QString &action) const
{
    if (!role)
        return tr("This store does not allow %1.").arg(action);
    return tr("Your role (%1) does not allow %2.").arg(roleName(), action);
}

} // namespace edge::ui
