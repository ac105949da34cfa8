#include "FakeLessonRepository.h"

#include <QCoro/QCoroSignal>
#include <QCoro/QCoroTimer>
#include <QUuid>

#include <algorithm>

namespace edge::test {

FakeLessonRepository::FakeLessonRepository(QObject *parent) : QObject(parent) {}

Lesson FakeLessonRepository::makeLesson(const QString &title, const QString &track, int difficulty,
                                        LessonStatus status)
{
    Lesson lesson;
    lesson.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    lesson.title = title;
    lesson.track = track;
    lesson.difficulty = difficulty;
    lesson.status = status;
    lesson.createdAt = QDateTime::currentDateTimeUtc();
    lesson.updatedAt = lesson.createdAt;
    return lesson;
}

QList<Lesson> FakeLessonRepository::seed(int count)
{
    static const QStringList tracks{QStringLiteral("cpp"), QStringLiteral("python"), QStringLiteral("web")};
    const QDateTime start(QDate(2024, 1, 1), QTime(8, 0), Qt::UTC);
    QList<Lesson> added;
    for (int i = 0; i < count; ++i) {
        Lesson lesson = makeLesson(QStringLiteral("Lesson %1").arg(i, 3, 10, QLatin1Char('0')),
                                   tracks.at(i % tracks.size()), 1 + i % 5,
                                   i % 3 == 0 ? LessonStatus::Published : LessonStatus::Draft);
        lesson.createdAt = start.addSecs(60 * i);
        lesson.updatedAt = lesson.createdAt;
        added.append(put(lesson));
    }
    return added;
}

Lesson FakeLessonRepository::put(Lesson lesson, std::optional<QByteArray> html)
{
    if (html) {
        lesson.hasContent = true;
        m_content.insert(lesson.id, *html);
    } else if (!lesson.hasContent) {
        m_content.remove(lesson.id);
    }
    if (const qsizetype i = indexOf(lesson.id); i >= 0)
        m_lessons[i] = lesson;
    else
        m_lessons.append(lesson);
    return lesson;
}

std::optional<Lesson> FakeLessonRepository::lesson(const QString &id) const
{
    if (const qsizetype i = indexOf(id); i >= 0)
        return m_lessons.at(i);
    return std::nullopt;
}

QList<Lesson> FakeLessonRepository::lessons() const
{
    return m_lessons;
}

std::optional<QByteArray> FakeLessonRepository::contentOf(const QString &id) const
{
    if (const auto found = m_content.constFind(id); found != m_content.cend())
        return *found;
    return std::nullopt;
}

void FakeLessonRepository::setProgressCount(const QString &id, qint64 count)
{
    m_progress.insert(id, count);
}

int FakeLessonRepository::calls(Call call) const
{
    return m_calls.value(call);
}

int FakeLessonRepository::totalCalls() const
{
    int total = 0;
    for (const int n : m_calls)
        total += n;
    return total;
}

void FakeLessonRepository::resetCalls()
{
    m_calls.clear();
    m_listQueries.clear();
    m_countQueries.clear();
    m_knownVersions.clear();
}

void FakeLessonRepository::release(Call call)
{
    m_held.remove(call);
    emit released();
}

void FakeLessonRepository::releaseAll()
{
    m_held.clear();
    emit released();
}

QCoro::Task<> FakeLessonRepository::answer(Call call)
{
    if (!m_atOnce)
        co_await QCoro::sleepFor(std::chrono::milliseconds(0)); // never synchronously
    if (!m_held.contains(call))
        co_return;
    ++m_waiting;
    while (m_held.contains(call))
        co_await qCoro(this, &FakeLessonRepository::released);
    --m_waiting;
}

qsizetype FakeLessonRepository::indexOf(const QString &id) const
{
    const auto found = std::find_if(m_lessons.cbegin(), m_lessons.cend(),
                                    [&id](const Lesson &lesson) { return lesson.id == id; });
    return found == m_lessons.cend() ? -1 : found - m_lessons.cbegin();
}

ConflictError FakeLessonRepository::conflict(const Lesson &stored, int expectedVersion) const
{
    return ConflictError(QStringLiteral("Lesson %1 is at version %2, not %3 (test store)")
                             .arg(stored.id)
                             .arg(stored.version)
                             .arg(expectedVersion),
                         {}, QVariant::fromValue(stored));
}

QList<Lesson> FakeLessonRepository::matching(const LessonListQuery &query) const
{
    // As the Worker's D1 query: the search folds ASCII letters only (SQLite's lower()).
    const auto foldAscii = [](const QString &text) {
        QString folded = text;
        for (QChar &c : folded) {
            if (c >= u'A' && c <= u'Z')
                c = QChar(c.unicode() + 32);
        }
        return folded;
    };
    const QString search = foldAscii(query.search);
    QList<Lesson> rows;
    for (const Lesson &lesson : m_lessons) {
        if (!search.isEmpty() && !foldAscii(lesson.title).contains(search))
            continue;
        if (!query.track.isEmpty() && lesson.track != query.track)
            continue;
        if (query.status && lesson.status != *query.status)
            continue;
        if (query.difficulty != 0 && lesson.difficulty != query.difficulty)
            continue;
        rows.append(lesson);
    }
    // Sorted by the column, ties by id, both in the query's order.
    const auto compare = [&query](const Lesson &a, const Lesson &b) -> int {
        switch (query.sort) {
        case LessonSortField::CreatedAt:
            return a.createdAt == b.createdAt ? 0 : (a.createdAt < b.createdAt ? -1 : 1);
        case LessonSortField::UpdatedAt:
            return a.updatedAt == b.updatedAt ? 0 : (a.updatedAt < b.updatedAt ? -1 : 1);
        case LessonSortField::Title:
            return a.title.compare(b.title);
        case LessonSortField::Difficulty:
            return a.difficulty - b.difficulty;
        case LessonSortField::Track:
            return a.track.compare(b.track);
        }
        return 0;
    };
    std::sort(rows.begin(), rows.end(), [&](const Lesson &a, const Lesson &b) {
        int order = compare(a, b);
        if (order == 0)
            order = a.id.compare(b.id);
        return query.order == SortOrder::Ascending ? order < 0 : order > 0;
    });
    return rows;
}

QCoro::Task<std::optional<Lesson>> FakeLessonRepository::findById(QString id)
{
    auto outcome = serve(Call::FindById, [&] { return lesson(id); });
    co_await answer(Call::FindById);
    co_return outcome.take();
}

QCoro::Task<LessonPage> FakeLessonRepository::list(LessonListQuery query)
{
    m_listQueries.append(query);
    auto outcome = serve(Call::List, [&] {
        const QList<Lesson> rows = matching(query);
        LessonPage page;
        page.page = query.page;
        page.pageSize = query.pageSize;
        page.items = rows.mid(qsizetype(query.page - 1) * query.pageSize, query.pageSize);
        if (query.withTotal) {
            page.total = rows.size();
            page.totalPages = int((rows.size() + query.pageSize - 1) / query.pageSize);
        }
        return page;
    });
    co_await answer(Call::List);
    co_return outcome.take();
}

QCoro::Task<qint64> FakeLessonRepository::count(LessonListQuery query)
{
    m_countQueries.append(query);
    auto outcome = serve(Call::Count, [&] { return qint64(matching(query).size()); });
    co_await answer(Call::Count);
    co_return outcome.take();
}

QCoro::Task<qint64> FakeLessonRepository::progressCount(QString id)
{
    auto outcome = serve(Call::ProgressCount, [&] {
        if (indexOf(id) < 0)
            throw NotFoundError(QStringLiteral("Lesson"), id);
        return m_progress.value(id);
    });
    co_await answer(Call::ProgressCount);
    co_return outcome.take();
}

QCoro::Task<Lesson> FakeLessonRepository::insert(Lesson lesson, DomainEvent event)
{
    auto outcome = serve(Call::Insert, [&] {
        if (indexOf(lesson.id) >= 0)
            throw ConflictError(QStringLiteral("A lesson with id %1 already exists (test store)").arg(lesson.id));
        m_lessons.append(lesson);
        m_recorded.append(event);
        return lesson;
    });
    co_await answer(Call::Insert);
    co_return outcome.take();
}

QCoro::Task<Lesson> FakeLessonRepository::update(LessonWrite write)
{
    auto outcome = serve(Call::Update, [&] {
        const qsizetype i = indexOf(write.lesson.id);
        if (i < 0)
            throw NotFoundError(QStringLiteral("Lesson"), write.lesson.id);
        Lesson &stored = m_lessons[i];
        if (stored.version != write.expectedVersion)
            throw conflict(stored, write.expectedVersion);
        // The metadata only: content and creation stay the store's.
        stored.title = write.lesson.title;
        stored.track = write.lesson.track;
        stored.difficulty = write.lesson.difficulty;
        stored.status = write.lesson.status;
        stored.version = write.lesson.version;
        stored.updatedAt = write.lesson.updatedAt;
        m_recorded.append(write.event);
        return stored;
    });
    co_await answer(Call::Update);
    co_return outcome.take();
}

QCoro::Task<Lesson> FakeLessonRepository::remove(QString id, LessonEvent describe)
{
    auto outcome = serve(Call::Remove, [&] {
        const qsizetype i = indexOf(id);
        if (i < 0)
            throw NotFoundError(QStringLiteral("Lesson"), id);
        const Lesson deleted = m_lessons.takeAt(i);
        m_content.remove(id);
        m_progress.remove(id);
        m_recorded.append(describe(deleted));
        return deleted;
    });
    co_await answer(Call::Remove);
    co_return outcome.take();
}

QCoro::Task<LessonContent> FakeLessonRepository::content(QString id, int knownVersion)
{
    m_knownVersions.append(knownVersion);
    auto outcome = serve(Call::Content, [&] {
        const std::optional<Lesson> stored = lesson(id);
        if (!stored)
            throw NotFoundError(QStringLiteral("Lesson"), id);
        return LessonContent{m_content.value(id), stored->version};
    });
    co_await answer(Call::Content);
    co_return outcome.take();
}

QCoro::Task<Lesson> FakeLessonRepository::putContent(QString id, QByteArray html, int expectedVersion,
                                                     LessonEvent describe)
{
    auto outcome = serve(Call::PutContent, [&] {
        const qsizetype i = indexOf(id);
        if (i < 0)
            throw NotFoundError(QStringLiteral("Lesson"), id);
        Lesson &stored = m_lessons[i];
        if (stored.version != expectedVersion)
            throw conflict(stored, expectedVersion);
        stored = stored.bumped();
        stored.hasContent = true;
        m_content.insert(id, html);
        m_recorded.append(describe(stored));
        return stored;
    });
    co_await answer(Call::PutContent);
    co_return outcome.take();
}

} // namespace edge::test
