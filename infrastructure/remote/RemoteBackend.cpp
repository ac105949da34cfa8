#include "RemoteBackend.h"

#include "HttpEventLog.h"
#include "HttpLessonRepository.h"
#include "HttpProgressRepository.h"
#include "HttpUploadStorage.h"
#include "HttpUserRepository.h"
#include "WorkerClient.h"
#include "infrastructure/cache/CachedLessonRepository.h"

namespace edge::remote {

RemoteBackend::RemoteBackend(std::shared_ptr<WorkerClient> client)
    : m_client(std::move(client))
    , m_users(std::make_unique<HttpUserRepository>(m_client))
    , m_lessons(std::make_unique<CachedLessonRepository>(std::make_unique<HttpLessonRepository>(m_client),
                                                         std::make_shared<SteadyClock>()))
    , m_progress(std::make_unique<HttpProgressRepository>(m_client))
    , m_uploads(std::make_unique<HttpUploadStorage>(
          m_client->baseUrl(),
          // Read per request, so a renewed sign-in applies; weak, as the storage may outlive
          // nothing but must not keep the client alive.
          [client = std::weak_ptr<WorkerClient>(m_client)] {
              const auto alive = client.lock();
              return alive ? alive->token() : QString();
          }))
    , m_events(std::make_unique<HttpEventLog>(m_client))
{
}

RemoteBackend::~RemoteBackend() = default;

QString RemoteBackend::location() const
{
    return m_client->baseUrl().toDisplayString();
}

QString RemoteBackend::kindName() const
{
    return QStringLiteral("Worker");
}

UserRepository &RemoteBackend::users()
{
    return *m_users;
}

LessonRepository &RemoteBackend::lessons()
{
    return *m_lessons;
}

ProgressRepository &RemoteBackend::progress()
{
    return *m_progress;
}

UploadStorage &RemoteBackend::uploads()
{
    return *m_uploads;
}

EventLog &RemoteBackend::events()
{
    return *m_events;
}

} // namespace edge::remote
