#pragma once

#include "application/Backend.h"
#include "application/events/ListEventsHandler.h"
#include "application/lessons/LessonHandlers.h"
#include "application/ports/EventPublisher.h"
#include "application/progress/ProgressHandlers.h"
#include "application/uploads/UploadHandlers.h"
#include "application/users/UserHandlers.h"

#include <memory>

namespace edge {

// The container (the Worker's createContainer, in C++): one connected store, its handlers, and the
// event publisher they announce to. The UI and the CLI get one of these and nothing else.
class Services
{
public:
    Services(std::unique_ptr<Backend> backend, EventPublisher &events, Actor actor);

    Backend &backend() { return *m_backend; }
    const Actor &actor() const { return m_actor; }

    CreateUserHandler createUser;
    UpdateUserHandler updateUser;
    DeleteUserHandler deleteUser;
    GetUserHandler getUser;
    ListUsersHandler listUsers;
    GetUserDashboardHandler userDashboard;
    UserSessionsHandler userSessions;
    ListEventsHandler listEvents;
    LessonCommandHandler lessonCommands;
    LessonQueryHandler lessonQueries;
    ProgressCommandHandler progressCommands;
    ProgressQueryHandler progressQueries;
    UploadCommandHandler uploadCommands;
    UploadQueryHandler uploadQueries;

private:
    std::unique_ptr<Backend> m_backend;
    Actor m_actor;
};

} // namespace edge
