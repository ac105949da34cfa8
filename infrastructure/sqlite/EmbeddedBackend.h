#pragma once

#include "application/Backend.h"
#include "infrastructure/sqlite/EmbeddedStore.h"

#include <QStringList>

#include <memory>

namespace edge {

class SqliteExecutor;
class SqliteUploadStorage;

// The embedded store as a Backend: one SQLite file, one SQLite thread, repositories over it
// (users, lessons, and the audit trail's events). Lesson HTML lives in files in a folder
// beside the store file (lessonContentFolder(); see LessonContentFiles).
class EmbeddedBackend final : public Backend
{
public:
    EmbeddedBackend(std::shared_ptr<SqliteExecutor> executor, QStringList migrationsAppliedNow);
    ~EmbeddedBackend() override;

    QString location() const override; // absolute path of the file
    QString kindName() const override;
    UserRepository &users() override;
    // SqliteLessonRepository behind a CachedLessonRepository (lessons by id and content by
    // version kept in memory, as the Worker keeps them in KV).
    LessonRepository &lessons() override;
    ProgressRepository &progress() override;
    // Blobs in <lessonContentFolder()>/files, rows in the uploads table.
    UploadStorage &uploads() override;
    EventLog &events() override;

    // "<store dir>/<store name without suffix>-content": edge-admin.db keeps its lessons'
    // HTML in edge-admin-content/lessons/{id}/{uuid}.html beside it.
    QString lessonContentFolder() const;

    // For the CLI's bulk commands (seed-demo, generate-users): direct jobs on the store's thread.
    SqliteExecutor &executor() { return *m_executor; }
    // What opening the store applied (empty when it was up to date).
    const QStringList &migrationsAppliedNow() const { return m_migrationsAppliedNow; }

private:
    std::shared_ptr<SqliteExecutor> m_executor;
    std::unique_ptr<UserRepository> m_users;
    std::unique_ptr<LessonRepository> m_lessons;
    std::unique_ptr<ProgressRepository> m_progress;
    std::unique_ptr<SqliteUploadStorage> m_uploads;
    std::unique_ptr<EventLog> m_events;
    QStringList m_migrationsAppliedNow;
};

// openEmbeddedStore() with the concrete type, for callers that need executor().
QCoro::Task<std::unique_ptr<EmbeddedBackend>> openEmbeddedBackend(QString path, OpenMode mode);

} // namespace edge
