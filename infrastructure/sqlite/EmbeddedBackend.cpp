#include "EmbeddedBackend.h"

#include "LessonContentFiles.h"
#include "MigrationRunner.h"
#include "SqliteEventLog.h"
#include "SqliteExecutor.h"
#include "SqliteLessonRepository.h"
#include "SqliteProgressRepository.h"
#include "SqliteUploadStorage.h"
#include "SqliteUserRepository.h"
#include "StoreFileCheck.h"
#include "infrastructure/cache/CachedLessonRepository.h"

#include <QCoro/QCoroFuture>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace edge {

EmbeddedBackend::EmbeddedBackend(std::shared_ptr<SqliteExecutor> executor, QStringList migrationsAppliedNow)
    : m_executor(std::move(executor))
    , m_users(std::make_unique<SqliteUserRepository>(m_executor))
    , m_lessons(std::make_unique<CachedLessonRepository>(
          std::make_unique<SqliteLessonRepository>(m_executor,
                                                   LessonContentFiles::folderForStore(m_executor->databasePath())),
          std::make_shared<SteadyClock>()))
    , m_progress(std::make_unique<SqliteProgressRepository>(m_executor))
    , m_uploads(std::make_unique<SqliteUploadStorage>(m_executor,
                                                      LessonContentFiles::folderForStore(m_executor->databasePath())))
    , m_events(std::make_unique<SqliteEventLog>(m_executor))
    , m_migrationsAppliedNow(std::move(migrationsAppliedNow))
{
    m_uploads->startSweep();
}

EmbeddedBackend::~EmbeddedBackend() = default;

QString EmbeddedBackend::location() const
{
    return m_executor->databasePath();
}

QString EmbeddedBackend::kindName() const
{
    return QStringLiteral("Embedded store");
}

UserRepository &EmbeddedBackend::users()
{
    return *m_users;
}

LessonRepository &EmbeddedBackend::lessons()
{
    return *m_lessons;
}

ProgressRepository &EmbeddedBackend::progress()
{
    return *m_progress;
}

UploadStorage &EmbeddedBackend::uploads()
{
    return *m_uploads;
}

QString EmbeddedBackend::lessonContentFolder() const
{
    return LessonContentFiles::folderForStore(m_executor->databasePath());
}

EventLog &EmbeddedBackend::events()
{
    return *m_events;
}

QCoro::Task<std::unique_ptr<EmbeddedBackend>> openEmbeddedBackend(QString path, OpenMode mode)
{
    const QString absolutePath = path.trimmed().isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
    auto executor = std::make_shared<SqliteExecutor>(absolutePath);
    // Everything below runs on the SQLite thread; the order matters: nothing opens the file
    // for writing until the checks and the read-only inspection have accepted it.
    auto open = [absolutePath, mode](SqliteConnection &connection) {
        const StoreFileState state = checkStoreFile(absolutePath, mode);
        const MigrationRunner runner;
        if (state == StoreFileState::SqliteDatabase)
            runner.inspect(absolutePath);
        return runner.applyPending(connection);
    };
    // A named job, not a temporary in the co_await (GCC 12 would destroy it twice).
    const QStringList appliedNow = co_await executor->run(std::move(open));
    co_return std::make_unique<EmbeddedBackend>(std::move(executor), appliedNow);
}

QCoro::Task<std::unique_ptr<Backend>> openEmbeddedStore(QString path, OpenMode mode)
{
    co_return co_await openEmbeddedBackend(std::move(path), mode);
}

QString defaultStorePath()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(folder);
    return folder + QStringLiteral("/edge-admin.db");
}

} // namespace edge
