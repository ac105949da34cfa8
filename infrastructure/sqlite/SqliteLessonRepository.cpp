#include "SqliteLessonRepository.h"

#include "LessonTable.h"
#include "SqliteExecutor.h"

#include <QCoro/QCoroFuture>

namespace edge {

SqliteLessonRepository::SqliteLessonRepository(std::shared_ptr<SqliteExecutor> executor, QString contentFolder)
    : m_executor(std::move(executor))
    , m_files(std::move(contentFolder))
{
}

// Each job captures its arguments (and the content folder) by value: it runs later, on
// another thread. The job is a named local, never a temporary inside the co_await
// expression: GCC 12 destroys such temporaries twice (a double free of every captured QString).

QCoro::Task<std::optional<Lesson>> SqliteLessonRepository::findById(QString id)
{
    auto job = [id, files = m_files](SqliteConnection &connection) {
        return LessonTable(connection.database(), files).findById(id);
    };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<LessonPage> SqliteLessonRepository::list(LessonListQuery query)
{
    auto job = [query, files = m_files](SqliteConnection &connection) {
        return LessonTable(connection.database(), files, connection.pager()).list(query);
    };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<qint64> SqliteLessonRepository::count(LessonListQuery query)
{
    auto job = [query, files = m_files](SqliteConnection &connection) {
        return LessonTable(connection.database(), files, connection.pager()).count(query);
    };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<qint64> SqliteLessonRepository::progressCount(QString id)
{
    auto job = [id, files = m_files](SqliteConnection &connection) {
        return LessonTable(connection.database(), files).progressCount(id);
    };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<Lesson> SqliteLessonRepository::insert(Lesson lesson, DomainEvent event)
{
    auto job = [lesson, event, files = m_files](SqliteConnection &connection) {
        return LessonTable(connection.database(), files).insert(lesson, event);
    };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<Lesson> SqliteLessonRepository::update(LessonWrite write)
{
    auto job = [write, files = m_files](SqliteConnection &connection) {
        return LessonTable(connection.database(), files).update(write);
    };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<Lesson> SqliteLessonRepository::remove(QString id, LessonEvent describe)
{
    auto job = [id, describe, files = m_files](SqliteConnection &connection) {
        return LessonTable(connection.database(), files).remove(id, describe);
    };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<LessonContent> SqliteLessonRepository::content(QString id, int knownVersion)
{
    Q_UNUSED(knownVersion) // a local file is read whole either way
    auto job = [id, files = m_files](SqliteConnection &connection) {
        return LessonTable(connection.database(), files).content(id);
    };
    co_return co_await m_executor->run(std::move(job));
}

QCoro::Task<Lesson> SqliteLessonRepository::putContent(QString id, QByteArray html, int expectedVersion,
                                                       LessonEvent describe)
{
    auto job = [id, html, expectedVersion, describe, files = m_files](SqliteConnection &connection) {
        return LessonTable(connection.database(), files).putContent(id, html, expectedVersion, describe);
    };
    co_return co_await m_executor->run(std::move(job));
}

} // namespace edge
