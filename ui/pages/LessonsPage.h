#pragma once

#include "pages/ListPage.h"

#include <QHash>
#include <QPointer>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QAction;
class QComboBox;

namespace edge {
class EventBus;
struct DomainEvent;
} // namespace edge

namespace edge::ui {

class LessonDetailPane;
class LessonEditor;
class LessonTransfer;
class LessonsTableModel;

// Browse, filter, create, edit, publish and delete lessons: the shared list page over the
// lessons table with filters for track, status and difficulty, a title search, a detail
// pane with a preview, several rows at once for publish, unpublish and delete, and one
// editor window per lesson. Editing actions are hidden from roles that may only read.
class LessonsPage final : public ListPage
{
    Q_OBJECT

public:
    explicit LessonsPage(EventBus &events, QWidget *parent = nullptr);

    bool isAvailableTo(const ConsoleAccess &access) const override { return access.lessonsVisible(); }
    void setServices(std::shared_ptr<Services> services, const QString &noStoreMessage) override;
    void setAccess(const ConsoleAccess &access) override;
    void retryInterruptedWork() override;

    LessonsTableModel *lessonsModel() const { return m_model; }
    // The open editor of this lesson, if any.
    LessonEditor *editorFor(const QString &lessonId) const;

private:
    using LessonOperation = std::function<QCoro::Task<Lesson>(Services &, Lesson)>;

    void buildActions();
    void buildTransferActions();
    QWidget *buildFilterBar();
    void createLesson();
    void openSelectedLesson();
    LessonEditor *openEditor(const Lesson &lesson);
    void duplicateSelectedLesson();
    void setStatusOfSelected(LessonStatus status);
    void deleteSelectedLessons();
    void askToDelete(const QList<Lesson> &lessons, qint64 progressRows);
    // Runs `operation` on each lesson in turn, showing progress; Stop ends it between two.
    void applyInTurn(const QList<Lesson> &lessons, const QString &doing, const QString &done,
                     LessonOperation operation);
    void onDomainEvent(const DomainEvent &event);
    void onSelectionChanged();
    void rememberTracks(int firstRow, int lastRow);
    void updateActions();
    QList<Lesson> selectedLessons() const;
    std::optional<Lesson> currentLesson() const;

    LessonsTableModel *m_model;
    LessonDetailPane *m_detail = nullptr;
    QTimer m_eventRefreshDelay; // one refresh for a burst of events
    QString m_deletedLessonId;
    ConsoleAccess m_access;
    QHash<QString, QPointer<LessonEditor>> m_editors;
    std::shared_ptr<std::atomic_bool> m_stopRequested; // set while a batch runs
    LessonTransfer *m_transfer = nullptr;

    QComboBox *m_trackFilter = nullptr;
    QComboBox *m_statusFilter = nullptr;
    QComboBox *m_difficultyFilter = nullptr;
    QTimer m_trackDelay;

    QAction *m_newAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_duplicateAction = nullptr;
    QAction *m_publishAction = nullptr;
    QAction *m_unpublishAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_transferMenuAction = nullptr;
    QAction *m_importFileAction = nullptr;
    QAction *m_importFolderAction = nullptr;
    QAction *m_exportLessonAction = nullptr;
    QAction *m_exportTrackAction = nullptr;
};

} // namespace edge::ui
