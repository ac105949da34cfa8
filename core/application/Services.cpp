#include "Services.h"

namespace edge {

Services::Services(std::unique_ptr<Backend> backend, EventPublisher &events, Actor actor)
    : createUser(backend->users(), events, actor)
    , updateUser(backend->users(), events, actor)
    , deleteUser(backend->users(), events, actor)
    , getUser(backend->users())
    , listUsers(backend->users())
    , userDashboard(backend->users())
    , userSessions(backend->users(), events, actor)
    , listEvents(backend->events())
    , lessonCommands(backend->lessons(), events, actor)
    , lessonQueries(backend->lessons())
    , progressCommands(backend->progress(), events, actor)
    , progressQueries(backend->progress())
    , uploadCommands(backend->uploads(), events, actor)
    , uploadQueries(backend->uploads())
    , m_backend(std::move(backend))
    , m_actor(std::move(actor))
{
}

} // namespace edge
