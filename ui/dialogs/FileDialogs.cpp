#include "FileDialogs.h"

#include <QFileDialog>
#include <QMetaObject>
#include <QPointer>

#include <optional>

namespace edge::ui {

namespace {
std::optional<QString> &nextFileName()
{
    static std::optional<QString> value;
    return value;
}

QString storeFilter()
{
    return QFileDialog::tr("Edge Admin stores (*.db *.sqlite *.sqlite3);;All files (*)");
}
} // namespace

void FileDialogs::setNextFileName(const QString &path)
{
    nextFileName() = path;
}

void FileDialogs::chooseStoreToOpen(QWidget *parent, const QString &startDir, ChoiceCallback onChosen)
{
    choose(parent, false, QFileDialog::tr("Open store"), startDir, std::move(onChosen));
}

void FileDialogs::chooseNewStore(QWidget *parent, const QString &startDir, ChoiceCallback onChosen)
{
    choose(parent, true, QFileDialog::tr("New store"), startDir, std::move(onChosen));
}

void FileDialogs::choose(QWidget *parent, bool forSaving, const QString &title,
                         const QString &startDir, ChoiceCallback onChosen)
{
    QPointer<QWidget> guard(parent);
    if (std::optional<QString> path = std::exchange(nextFileName(), std::nullopt)) {
        QMetaObject::invokeMethod(
            parent,
            [guard, onChosen, chosen = *path] {
                if (guard && !chosen.isEmpty())
                    onChosen(chosen);
            },
            Qt::QueuedConnection);
        return;
    }

    auto *dialog = new QFileDialog(parent, title, startDir, storeFilter());
    dialog->setObjectName(forSaving ? QStringLiteral("newStoreDialog")
                                    : QStringLiteral("openStoreDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    if (forSaving) {
        dialog->setAcceptMode(QFileDialog::AcceptSave);
        dialog->setFileMode(QFileDialog::AnyFile);
        dialog->setDefaultSuffix(QStringLiteral("db"));
    } else {
        dialog->setAcceptMode(QFileDialog::AcceptOpen);
        dialog->setFileMode(QFileDialog::ExistingFile);
    }
    QObject::connect(dialog, &QFileDialog::fileSelected, dialog, [guard, onChosen](const QString &path) {
        if (guard && !path.isEmpty())
            onChosen(path);
    });
    dialog->open();
}

} // namespace edge::ui
