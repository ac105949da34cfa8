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

QString lessonFilter()
{
    return QFileDialog::tr("Lessons (*.lesson.json);;All files (*)");
}
QString csvFilter()
{
    return QFileDialog::tr("CSV files (*.csv);;All files (*)");
}
} // namespace

void FileDialogs::setNextFileName(const QString &path)
{
    nextFileName() = path;
}

void FileDialogs::setNextFileNames(const QStringList &paths)
{
    nextFileName() = paths.join(QLatin1Char('\n'));
}

void FileDialogs::chooseFilesToUpload(QWidget *parent, const QString &startDir, ChoicesCallback onChosen)
{
    chooseMany(parent, {Mode::OpenFiles, QFileDialog::tr("Upload files"), QStringLiteral("uploadFilesDialog"),
                        QFileDialog::tr("All files (*)"), {}},
               startDir, std::move(onChosen));
}

void FileDialogs::chooseDownloadTarget(QWidget *parent, const QString &suggested, ChoiceCallback onChosen)
{
    choose(parent, {Mode::SaveFile, QFileDialog::tr("Download to"), QStringLiteral("downloadFileDialog"),
                    QFileDialog::tr("All files (*)"), {}},
           suggested, std::move(onChosen));
}

void FileDialogs::chooseMany(QWidget *parent, const Request &request, const QString &start, ChoicesCallback onChosen)
{
    QPointer<QWidget> guard(parent);
    if (std::optional<QString> paths = std::exchange(nextFileName(), std::nullopt)) {
        QMetaObject::invokeMethod(
            parent,
            [guard, onChosen, chosen = paths->split(QLatin1Char('\n'), Qt::SkipEmptyParts)] {
                if (guard && !chosen.isEmpty())
                    onChosen(chosen);
            },
            Qt::QueuedConnection);
        return;
    }
    auto *dialog = new QFileDialog(parent, request.title, start, request.filter);
    dialog->setObjectName(request.objectName);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    QObject::connect(dialog, &QFileDialog::filesSelected, dialog, [guard, onChosen](const QStringList &paths) {
        if (guard && !paths.isEmpty())
            onChosen(paths);
    });
    dialog->open();
}

void FileDialogs::chooseStoreToOpen(QWidget *parent, const QString &startDir, ChoiceCallback onChosen)
{
    choose(parent, {Mode::OpenFile, QFileDialog::tr("Open store"), QStringLiteral("openStoreDialog"), storeFilter(), {}},
           startDir, std::move(onChosen));
}

void FileDialogs::chooseNewStore(QWidget *parent, const QString &startDir, ChoiceCallback onChosen)
{
    choose(parent,
           {Mode::SaveFile, QFileDialog::tr("New store"), QStringLiteral("newStoreDialog"), storeFilter(),
            QStringLiteral("db")},
           startDir, std::move(onChosen));
}

void FileDialogs::chooseLessonFile(QWidget *parent, const QString &startDir, ChoiceCallback onChosen)
{
    choose(parent,
           {Mode::OpenFile, QFileDialog::tr("Import a lesson"), QStringLiteral("importLessonDialog"),
            lessonFilter(), {}},
           startDir, std::move(onChosen));
}

void FileDialogs::chooseLessonFileToSave(QWidget *parent, const QString &suggested, ChoiceCallback onChosen)
{
    choose(parent,
           {Mode::SaveFile, QFileDialog::tr("Export the lesson"), QStringLiteral("exportLessonDialog"),
            lessonFilter(), QStringLiteral("lesson.json")},
           suggested, std::move(onChosen));
}

void FileDialogs::chooseCsvFile(QWidget *parent, const QString &title, const QString &startDir, ChoiceCallback onChosen)
{
    choose(parent, {Mode::OpenFile, title, QStringLiteral("openCsvDialog"), csvFilter(), {}}, startDir,
           std::move(onChosen));
}

void FileDialogs::chooseCsvFileToSave(QWidget *parent, const QString &title, const QString &suggested,
                                      ChoiceCallback onChosen)
{
    choose(parent, {Mode::SaveFile, title, QStringLiteral("saveCsvDialog"), csvFilter(), QStringLiteral("csv")},
           suggested, std::move(onChosen));
}

void FileDialogs::chooseFolder(QWidget *parent, const QString &title, const QString &startDir, ChoiceCallback onChosen)
{
    choose(parent, {Mode::Folder, title, QStringLiteral("chooseFolderDialog"), {}, {}}, startDir, std::move(onChosen));
}

void FileDialogs::choose(QWidget *parent, const Request &request, const QString &start, ChoiceCallback onChosen)
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

    auto *dialog = new QFileDialog(parent, request.title, start, request.filter);
    dialog->setObjectName(request.objectName);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    switch (request.mode) {
    case Mode::SaveFile:
        dialog->setAcceptMode(QFileDialog::AcceptSave);
        dialog->setFileMode(QFileDialog::AnyFile);
        dialog->setDefaultSuffix(request.defaultSuffix);
        break;
    case Mode::OpenFile:
    case Mode::OpenFiles: // chooseMany() opens those
        dialog->setAcceptMode(QFileDialog::AcceptOpen);
        dialog->setFileMode(QFileDialog::ExistingFile);
        break;
    case Mode::Folder:
        dialog->setAcceptMode(QFileDialog::AcceptOpen);
        dialog->setFileMode(QFileDialog::Directory);
        dialog->setOption(QFileDialog::ShowDirsOnly);
        break;
    }
    QObject::connect(dialog, &QFileDialog::fileSelected, dialog, [guard, onChosen](const QString &path) {
        if (guard && !path.isEmpty())
            onChosen(path);
    });
    dialog->open();
}

} // namespace edge::ui
