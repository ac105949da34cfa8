#pragma once

#include "application/ports/LessonRepository.h"
#include "infrastructure/sqlite/LessonContentFiles.h"

#include <memory>

namespace edge {

class SqliteExecutor;

// LessonRepository over the embedded store: every call runs as one job on the SQLite thread
// (LessonTable), file I/O included, and resumes the awaiting coroutine on its own thread with
// the result. The HTML lives in files beside the store (LessonContentFiles). content() ignores
// knownVersion: reading a local file costs what comparing would (CachedLessonRepository in
// front of it answers a known version from memory).
class SqliteLessonRepository final : public LessonRepository
{
public:
    // contentFolder: where the HTML files go (LessonContentFiles::folderForStore of the file).
    SqliteLessonRepository(std::shared_ptr<SqliteExecutor> executor, QString contentFolder);

    const QString &contentFolder() const { return m_files.folder(); }

    QCoro::Task<std::optional<Lesson>> findById(QString id) override;
    QCoro::Task<LessonPage> list(LessonListQuery query) override;
    QCoro::Task<qint64> count(LessonListQuery query) override;
    QCoro::Task<qint64> progressCount(QString id) override;
    QCoro::Task<Lesson> insert(Lesson lesson, DomainEvent event) override;
    QCoro::Task<Lesson> update(LessonWrite write) override;
    QCoro::Task<Lesson> remove(QString id, LessonEvent describe) override;
    QCoro::Task<LessonContent> content(QString id, int knownVersion) override;
    QCoro::Task<Lesson> putContent(QString id, QByteArray html, int expectedVersion,
                                   LessonEvent describe) override;

private:
    std::shared_ptr<SqliteExecutor> m_executor;
    // Immutable after construction, so jobs may copy it onto the SQLite thread.
    LessonContentFiles m_files;
};

} // namespace edge
