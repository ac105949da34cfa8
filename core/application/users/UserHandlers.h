#pragma once

#include "application/ports/EventPublisher.h"
#include "application/ports/UserRepository.h"
#include "application/users/UserCommands.h"
#include "application/users/UserQueries.h"

#include <QCoro/QCoroTask>

namespace edge {

// The Commanders for users: they own the rules (validation, which version a change is
// based on, what really changed, which event it is), have the repository store the result
// (a compare-and-swap on the version), and publish what happened. Each throws DomainError
// subclasses; nothing is written when a rule says no.

class CreateUserHandler
{
public:
    CreateUserHandler(UserRepository &users, EventPublisher &events, Actor actor)
        : m_users(users), m_events(events), m_actor(std::move(actor)) {}
    // Reports every bad field at once (ValidationError::fieldErrors), then duplicates (409).
    QCoro::Task<User> execute(CreateUserCommand command);

private:
    UserRepository &m_users;
    EventPublisher &m_events;
    Actor m_actor;
};

class UpdateUserHandler
{
public:
    UpdateUserHandler(UserRepository &users, EventPublisher &events, Actor actor)
        : m_users(users), m_events(events), m_actor(std::move(actor)) {}
    QCoro::Task<User> execute(UpdateUserCommand command);

private:
    // The record the change is based on: the caller's copy, or the stored one.
    QCoro::Task<User> baseOf(const UpdateUserCommand &command);

    UserRepository &m_users;
    EventPublisher &m_events;
    Actor m_actor;
};

class DeleteUserHandler
{
public:
    DeleteUserHandler(UserRepository &users, EventPublisher &events, Actor actor)
        : m_users(users), m_events(events), m_actor(std::move(actor)) {}
    QCoro::Task<void> execute(DeleteUserCommand command);

private:
    UserRepository &m_users;
    EventPublisher &m_events;
    Actor m_actor;
};

class GetUserHandler
{
public:
    explicit GetUserHandler(UserRepository &users) : m_users(users) {}
    QCoro::Task<User> execute(QString id); // NotFoundError when missing

private:
    UserRepository &m_users;
};

class ListUsersHandler
{
public:
    explicit ListUsersHandler(UserRepository &users) : m_users(users) {}
    QCoro::Task<UserPage> execute(UserListQuery query);
    QCoro::Task<qint64> count(QString search);

private:
    UserRepository &m_users;
};

// An admin's view of a user's sign-ins: list them, or end them all (signs the user out
// everywhere at once; the Worker refuses the ended sessions' tokens and their renewal).
class UserSessionsHandler
{
public:
    UserSessionsHandler(UserRepository &users, EventPublisher &events, Actor actor)
        : m_users(users), m_events(events), m_actor(std::move(actor)) {}
    QCoro::Task<QList<SignInSession>> list(QString userId);
    QCoro::Task<int> endAll(QString userId);

private:
    UserRepository &m_users;
    EventPublisher &m_events;
    Actor m_actor;
};

class GetUserDashboardHandler
{
public:
    explicit GetUserDashboardHandler(UserRepository &users) : m_users(users) {}
    QCoro::Task<UserDashboard> execute(QString id);

private:
    UserRepository &m_users;
};

} // namespace edge
