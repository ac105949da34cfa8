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
    // Lesson files (*.lesson.json) and track folders, for import and export.
    static void chooseLessonFile(QWidget *parent, const QString &startDir, ChoiceCallback onChosen);
    static void chooseLessonFileToSave(QWidget *parent, const QString &suggested, ChoiceCallback onChosen);
    // Progress CSV files, for import and export.
    static void chooseCsvFile(QWidget *parent, const QString &title, const QString &startDir, ChoiceCallback onChosen);
    static void chooseCsvFileToSave(QWidget *parent, const QString &title, const QString &suggested,
                                    ChoiceCallback onChosen);
    static void chooseFolder(QWidget *parent, const QString &title, const QString &startDir,
                             ChoiceCallback onChosen);
    // Any files to upload (several at once); the callback gets every chosen path.
    using ChoicesCallback = std::function<void(const QStringList &paths)>;
    static void chooseFilesToUpload(QWidget *parent, const QString &startDir, ChoicesCallback onChosen);
    // Where to save a downloaded file (any name, no filter).
    static void chooseDownloadTarget(QWidget *parent, const QString &suggested, ChoiceCallback onChosen);

    // --- Test hook: the next chooser answers with this path at once (empty = cancelled).
    static void setNextFileName(const QString &path);
    // The next multi-file chooser answers with these paths.
    static void setNextFileNames(const QStringList &paths);

private:
    enum class Mode { OpenFile, OpenFiles, SaveFile, Folder };
    struct Request
    {
        Mode mode = Mode::OpenFile;
        QString title;
        QString objectName;
        QString filter;
        QString defaultSuffix;
    };
    static void choose(QWidget *parent, const Request &request, const QString &start, ChoiceCallback onChosen);
    static void chooseMany(QWidget *parent, const Request &request, const QString &start, ChoicesCallback onChosen);
};

} // namespace edge::ui
