#include "CachedLessonRepository.h"

#include "domain/Errors.h"

namespace edge {

namespace {
// Content is the big part: a few dozen lessons' HTML at the 2 MiB limit is already plenty.
constexpr qsizetype MaxCachedContents = 64;

// Marks a write as on its way for as long as it lives (stored or failed).
struct WriteInFlight
{
    WriteInFlight(int &inFlight, quint64 &started) : m_inFlight(inFlight)
    {
        ++m_inFlight;
        ++started;
    }
    ~WriteInFlight() { --m_inFlight; }
    int &m_inFlight;
};
}

CachedLessonRepository::CachedLessonRepository(std::unique_ptr<LessonRepository> store,
                                               std::shared_ptr<const Clock> clock)
    : m_store(std::move(store))
    , m_lessons(LessonTtl, clock)
    , m_content(LessonTtl, clock, MaxCachedContents)
{
}

QCoro::Task<std::optional<Lesson>> CachedLessonRepository::findById(QString id)
{
    if (std::optional<Lesson> cached = m_lessons.get(id))
        co_return cached;
    const bool overlapsWrite = m_writesInFlight > 0;
    const quint64 writesStarted = m_writesStarted;
    const std::optional<Lesson> stored = co_await m_store->findById(id);
    if (stored && !overlapsWrite && writesStarted == m_writesStarted)
        m_lessons.set(id, *stored);
    co_return stored;
}

QCoro::Task<LessonPage> CachedLessonRepository::list(LessonListQuery query)
{
    co_return co_await m_store->list(std::move(query));
}

QCoro::Task<qint64> CachedLessonRepository::count(LessonListQuery query)
{
    co_return co_await m_store->count(std::move(query));
}

QCoro::Task<qint64> CachedLessonRepository::progressCount(QString id)
{
    co_return co_await m_store->progressCount(std::move(id));
}

QCoro::Task<Lesson> CachedLessonRepository::insert(Lesson lesson, DomainEvent event)
{
    const Lesson stored = co_await m_store->insert(std::move(lesson), std::move(event));
    m_lessons.set(stored.id, stored);
    co_return stored;
}

QCoro::Task<Lesson> CachedLessonRepository::update(LessonWrite write)
{
    const QString id = write.lesson.id;
    const WriteInFlight writing(m_writesInFlight, m_writesStarted);
    m_lessons.remove(id); // dropped first: a failed write must not leave a stale copy either
    const Lesson stored = co_await m_store->update(std::move(write));
    m_lessons.set(id, stored);
    co_return stored;
}

QCoro::Task<Lesson> CachedLessonRepository::remove(QString id, LessonEvent describe)
{
    const WriteInFlight writing(m_writesInFlight, m_writesStarted);
    m_lessons.remove(id);
    const Lesson deleted = co_await m_store->remove(id, std::move(describe));
    // Its HTML of every version goes too: a deleted lesson's content is not found, not cached.
    m_content.removeIf([&id](const QPair<QString, int> &key) { return key.first == id; });
    co_return deleted;
}

QCoro::Task<LessonContent> CachedLessonRepository::content(QString id, int knownVersion)
{
    if (knownVersion > 0) {
        if (std::optional<QByteArray> cached = m_content.get({id, knownVersion}))
            co_return LessonContent{*cached, knownVersion};
    }
    const LessonContent stored = co_await m_store->content(id, knownVersion);
    m_content.set({id, stored.version}, stored.html);
    co_return stored;
}

QCoro::Task<Lesson> CachedLessonRepository::putContent(QString id, QByteArray html, int expectedVersion,
                                                       LessonEvent describe)
{
    const WriteInFlight writing(m_writesInFlight, m_writesStarted);
    m_lessons.remove(id);
    const Lesson stored = co_await m_store->putContent(id, html, expectedVersion, std::move(describe));
    m_lessons.set(id, stored);
    m_content.set({id, stored.version}, html);
    co_return stored;
}

} // namespace edge
