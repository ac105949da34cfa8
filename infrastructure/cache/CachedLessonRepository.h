#pragma once

#include "application/ports/LessonRepository.h"
#include "infrastructure/cache/TtlCache.h"

#include <QPair>

#include <chrono>
#include <memory>

namespace edge {

// Lesson reads through a cache in front of either store, as the Worker keeps lessons in KV:
// a lesson read by id is kept for an hour and dropped on every write made through this
// repository. Content is kept by (lesson, version): a version's HTML never changes, so a
// cached copy can never be stale, and a writer elsewhere simply moves the version on.
// Lists and counts always go to the store (filters and other writers make them volatile).
// One owner thread (the UI thread), like TtlCache.
class CachedLessonRepository final : public LessonRepository
{
public:
    static constexpr std::chrono::hours LessonTtl{1};

    CachedLessonRepository(std::unique_ptr<LessonRepository> store, std::shared_ptr<const Clock> clock);

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
    std::unique_ptr<LessonRepository> m_store;
    // A read by id that overlaps a write may bring back the lesson as it was before the write
    // (answers can arrive in any order); such a read is returned but not kept.
    int m_writesInFlight = 0;
    quint64 m_writesStarted = 0;
    TtlCache<QString, Lesson> m_lessons;
    TtlCache<QPair<QString, int>, QByteArray> m_content;
};

} // namespace edge
