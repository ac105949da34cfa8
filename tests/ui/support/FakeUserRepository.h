#pragma once

#include "application/Backend.h"
#include "application/ports/UserRepository.h"
#include "FakeLessonRepository.h"
#include "FakeProgressRepository.h"
#include "FakeUploadStorage.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

// A test double of the UserRepository port for testing the UI layer above it (the real
// store has its own conformance suite). Every answer arrives later from the event loop, as
// from the real store's thread; tests can hold answers back and release them to control
// the order in which they arrive.
class FakeUserRepository final : public QObject, public edge::UserRepository
{
    Q_OBJECT

public:
    // user00000@example.com ... created one minute apart, the newest last.
    explicit FakeUserRepository(int userCount = 0);

    void holdLists(bool hold);
    // Holds only the pages of this search (to make an old search answer last).
    void holdListsFor(const QString &search);
    void holdCounts(bool hold);
    // Holds only the counts of this search (to make an old search's total arrive last).
    void holdCountsFor(const QString &search);
    void failLists(bool fail);
    void release(); // lets held answers go (they read the data as it is then)

    const QList<edge::UserListQuery> &listQueries() const { return m_listQueries; }
    const QStringList &countSearches() const { return m_countSearches; }
    int listAnswersDelivered() const { return m_listAnswers; }
    int countAnswersDelivered() const { return m_countAnswers; }
    QList<edge::User> &users() { return m_users; }

    QCoro::Task<std::optional<edge::User>> findById(QString id) override;
    QCoro::Task<std::optional<edge::User>> findByEmail(edge::Email email) override;
    QCoro::Task<edge::UserPage> list(edge::UserListQuery query) override;
    QCoro::Task<qint64> count(QString search) override;
    QCoro::Task<edge::User> insert(edge::User user, QString password, edge::DomainEvent event) override;
    QCoro::Task<edge::User> update(edge::UserWrite write) override;
    QCoro::Task<edge::User> remove(QString id, edge::DeletionEvent describe) override;
    QCoro::Task<edge::UserDashboard> dashboard(QString id) override;
    QCoro::Task<QList<edge::SignInSession>> sessions(QString) override { co_return {}; }
    QCoro::Task<int> endSessions(QString, edge::SessionsEndedEvent) override { co_return 0; }

signals:
    void released();

private:
    QList<edge::User> matching(const QString &search) const;
    // `held` must outlive the wait (a named local of the caller, not a temporary).
    QCoro::Task<> answerLater(const std::function<bool()> &held);

    QList<edge::User> m_users;
    QList<edge::UserListQuery> m_listQueries;
    QStringList m_countSearches;
    bool m_holdLists = false;
    std::optional<QString> m_heldSearch;
    bool m_holdCounts = false;
    std::optional<QString> m_heldCountSearch;
    int m_countAnswers = 0;
    bool m_failLists = false;
    int m_listAnswers = 0;
};

// An audit trail that is always empty (the user-model tests do not look at it).
class EmptyEventLog final : public edge::EventLog
{
public:
    QCoro::Task<edge::EventPage> list(edge::EventQuery query) override
    {
        edge::EventPage page;
        page.page = query.page;
        page.pageSize = query.pageSize;
        page.total = 0;
        page.totalPages = 0;
        co_return page;
    }
};

// A Backend over the fake repository, so tests can build real edge::Services.
// A Backend of test doubles; it owns the repositories it is given (fresh empty ones when not).
class FakeBackend final : public edge::Backend
{
public:
    explicit FakeBackend(FakeUserRepository *users,
                         edge::test::FakeLessonRepository *lessons = new edge::test::FakeLessonRepository,
                         edge::test::FakeProgressRepository *progress = new edge::test::FakeProgressRepository,
                         edge::test::FakeUploadStorage *uploads = new edge::test::FakeUploadStorage)
        : m_users(users), m_lessons(lessons), m_progress(progress), m_uploads(uploads) {}
    QString location() const override { return QStringLiteral("fake://users"); }
    QString kindName() const override { return QStringLiteral("Test double"); }
    edge::UserRepository &users() override { return *m_users; }
    edge::LessonRepository &lessons() override { return *m_lessons; }
    edge::ProgressRepository &progress() override { return *m_progress; }
    edge::UploadStorage &uploads() override { return *m_uploads; }
    edge::EventLog &events() override { return m_events; }

private:
    std::unique_ptr<FakeUserRepository> m_users;
    std::unique_ptr<edge::test::FakeLessonRepository> m_lessons;
    std::unique_ptr<edge::test::FakeProgressRepository> m_progress;
    std::unique_ptr<edge::test::FakeUploadStorage> m_uploads;
    EmptyEventLog m_events;
};
