#pragma once

#include <QAction>
#include <QIcon>
#include <QKeySequence>
#include <QString>

namespace edge::ui {

// The desktop theme's icon, or the console's own where the theme has none (Xvfb, Windows).
inline QIcon themedIcon(const QString &themeName, const QString &fallback)
{
    return QIcon::fromTheme(themeName, QIcon(fallback));
}

// "New user (Ctrl+N)": the shortcut in the tooltip, as people look for it there.
inline void setToolTipWithShortcut(QAction *action, const QString &text)
{
    const QString keys = action->shortcut().toString(QKeySequence::NativeText);
    action->setToolTip(keys.isEmpty() ? text : QStringLiteral("%1 (%2)").arg(text, keys));
}

} // namespace edge::ui
