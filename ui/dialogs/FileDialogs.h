#pragma once

#include <QString>
#include <QWidget>

#include <functional>

namespace edge::ui {

// File choosers behind a facade with a test hook (KeePassXC's setNextFileName), opened with
// open() so the caller never waits in a nested event loop: the choice arrives in a callback,
// and only if the user chose something.
class FileDialogs
{
public:
    using ChoiceCallback = std::function<void(const QString &path)>;

    static void chooseStoreToOpen(QWidget *parent, const QString &startDir, ChoiceCallback onChosen);
    static void chooseNewStore(QWidget *parent, const QString &startDir, ChoiceCallback onChosen);

    // --- Test hook: the next chooser answers with this path at once (empty = cancelled).
    static void setNextFileName(const QString &path);

private:
    static void choose(QWidget *parent, bool forSaving, const QString &title,
                       const QString &startDir, ChoiceCallback onChosen);
};

} // namespace edge::ui
