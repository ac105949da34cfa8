#pragma once

#include "application/Backend.h"

#include <memory>

namespace edge::remote {

class WorkerClient;

// The Worker as a Backend: HTTP repositories over one signed-in WorkerClient. Shares the client with
// the RemoteSession that signed in, so a new sign-in applies to this backend at once.
class RemoteBackend final : public Backend
{
public:
    explicit RemoteBackend(std::shared_ptr<WorkerClient> client);
    ~RemoteBackend() override;

    QString location() const override; // the base URL
    QString kindName() const override; // "Worker"
    UserRepository &users() override;
    // HttpLessonRepository behind the read cache (CachedLessonRepository, an hour per lesson).
    LessonRepository &lessons() override;
    ProgressRepository &progress() override;
    // HttpUploadStorage with the client's current token.
    UploadStorage &uploads() override;
    EventLog &events() override;

    WorkerClient &client() { return *m_client; }

private:
    std::shared_ptr<WorkerClient> m_client;
    std::unique_ptr<UserRepository> m_users;
    std::unique_ptr<LessonRepository> m_lessons;
    std::unique_ptr<ProgressRepository> m_progress;
    std::unique_ptr<UploadStorage> m_uploads;
    std::unique_ptr<EventLog> m_events;
};

} // namespace edge::remote
