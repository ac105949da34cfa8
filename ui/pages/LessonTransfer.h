#pragma once

#include "application/Services.h"
#include "application/lessons/LessonArchive.h"
#include "application/lessons/LessonImporter.h"

#include <QObject>

#include <atomic>
#include <memory>

class QWidget;

namespace edge::ui {

// Lessons to and from files for the Lessons page: export one lesson to a file or a whole
// track to a folder, and import a file or a folder. Imports are read and checked off the UI
// thread, every problem is listed (file:line: field: problem) and nothing is written while
// any is left; a valid import says what it will create and update and asks first, shows its
// progress, can be stopped (what it wrote is then undone), and reports what it did.
class LessonTransfer final : public QObject
{
    Q_OBJECT

public:
    explicit LessonTransfer(QWidget *page);

    void setServices(std::shared_ptr<Services> services) { m_services = std::move(services); }
    bool isBusy() const { return m_cancel != nullptr; }

    void exportLesson(const Lesson &lesson);
    void exportTrack(const QString &track);
    void importLessons(bool folder);
    // Stops a running import after the lesson being written, and undoes it.
    void stop();

signals:
    void statusMessage(const QString &text);
    void busyChanged(bool busy);

private:
    void exportTrackTo(const QString &track, const QString &folder, bool overwrite);
    void importFrom(const QString &path);
    void confirmImport(const LessonBatch &batch, const QString &path);
    void runImport(const LessonBatch &batch);
    void setBusy(bool busy);

    QWidget *m_page;
    std::shared_ptr<Services> m_services;
    std::shared_ptr<std::atomic_bool> m_cancel; // set while an import runs
};

} // namespace edge::ui
