#pragma once

#include "application/ports/ProgressRepository.h"
#include "domain/Errors.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QSet>

#include <exception>
#include <optional>
#include <type_traits>

namespace edge::test {

// An in-memory ProgressRepository, for testing what sits above the port (the progress
// handlers, table models, the Progress page, CSV import and export); the real stores have
// their own conformance suite.
//
// It behaves like a store that serves calls in the order they are made: each call reads or
// writes at once (upsert is a compare-and-swap on the version, imports are all or nothing, as
// the port says), and its answer arrives later from the event loop, as from the store's thread
// or the network. Lists order and page as the Worker does (ties by userId then lessonId in the
// sort's direction; keyset cursor, opaque, refused as "cursor" for another sort or order).
// Tests can also
// - seed users, lessons and rows directly (not counted, no events),
// - count the calls of each kind and see the queries asked,
// - make the next call of a kind fail with a given DomainError (before it reads or writes),
// - hold the answers of a kind back and release them, to choose the order they arrive in.
class FakeProgressRepository final : public QObject, public ProgressRepository
{
    Q_OBJECT

public:
    enum class Call { Find, List, Count, LessonStats, TrackStats, Completions, Upsert, Remove, ImportRows };
    Q_ENUM(Call)

    struct User
    {
        QString id;
        QString email;
        QString username;
    };
    struct Lesson
    {
        QString id;
        QString title;
        QString track;
    };

    explicit FakeProgressRepository(QObject *parent = nullptr);

    // --- Seeding and looking (no counters, no failures, no holds, no events)

    // A learner or lesson rows may refer to; a fresh lower-case UUID when `id` is empty.
    // Returns the id.
    QString addUser(const QString &email, const QString &username = {}, QString id = {});
    QString addLesson(const QString &title, const QString &track = QStringLiteral("general"), QString id = {});
    QList<User> users() const { return m_users; }
    QList<Lesson> lessons() const { return m_lessons; }
    // Stores `entry` as it is (replacing the row with its key), with the names of its user and
    // lesson filled in when they are known. Returns what is stored.
    ProgressEntry put(ProgressEntry entry);
    // A small realistic store: `users` learners "learner000@example.com" (username
    // "learner000"), `lessons` lessons "Lesson 000", ... on tracks cycling "cpp", "python",
    // "web", and a row for every pair: user u on lesson l has score (u * 7 + l * 13) % 101,
    // completed when (u + l) % 3 != 0, updated at 2025-01-01 08:00 UTC + (u * lessons + l)
    // minutes, completed 30 minutes before that. Returns the rows in that order.
    QList<ProgressEntry> seed(int users, int lessons);
    std::optional<ProgressEntry> entry(const QString &userId, const QString &lessonId) const;
    QList<ProgressEntry> entries() const; // in the order they were added
    void clearRows();

    // The time writes are stamped with (default: the wall clock).
    void setNow(const QDateTime &now) { m_now = now; }
    QDateTime now() const;

    // --- What the store was asked

    int calls(Call call) const;
    int totalCalls() const;
    void resetCalls(); // counters and the recorded queries
    // The events stored with the successful writes (the audit trail), in order.
    const QList<DomainEvent> &recordedEvents() const { return m_recorded; }
    const QList<ProgressListQuery> &listQueries() const { return m_listQueries; }
    const QList<ProgressListQuery> &countQueries() const { return m_countQueries; }
    const QList<CompletionsQuery> &completionsQueries() const { return m_completionsQueries; }
    // The writes asked of upsert(), in order (also the refused ones).
    const QList<ProgressWrite> &upserts() const { return m_upserts; }
    // Every (done, total) an import reported, in order.
    const QList<QPair<qint64, qint64>> &importProgressReports() const { return m_importReports; }
    // An import reports progress every `rows` rows (and at the end); default 1000.
    void setImportProgressStep(int rows) { m_importStep = qMax(1, rows); }

    // --- Failures

    // The next call of that kind throws `error` (a copy, of its own type) instead of reading
    // or writing anything. Queued: failing twice fails the next two calls.
    template<class Error>
    void failNext(Call call, const Error &error)
    {
        static_assert(std::is_base_of_v<DomainError, Error>, "a DomainError, as the real stores throw");
        m_failures[call].append(std::make_exception_ptr(error));
    }
    void clearFailures() { m_failures.clear(); }

    // --- Timing

    // Answer without a trip through the event loop (default: never synchronously).
    void setAnswersAtOnce(bool atOnce) { m_atOnce = atOnce; }
    // Answers of that kind wait until released (the work itself was done when called).
    void hold(Call call) { m_held.insert(call); }
    void release(Call call);
    void releaseAll();
    int heldAnswers() const { return m_waiting; } // answers waiting for a release now

    // --- ProgressRepository

    QCoro::Task<std::optional<ProgressEntry>> find(QString userId, QString lessonId) override;
    QCoro::Task<ProgressPage> list(ProgressListQuery query) override;
    QCoro::Task<qint64> count(ProgressListQuery query) override;
    QCoro::Task<QList<LessonProgressStats>> lessonStats(QString track) override;
    QCoro::Task<QList<TrackProgressStats>> trackStats() override;
    QCoro::Task<QList<CompletionsPeriod>> completions(CompletionsQuery query) override;
    QCoro::Task<ProgressEntry> upsert(ProgressWrite write) override;
    QCoro::Task<ProgressEntry> remove(QString userId, QString lessonId, ProgressEvent describe) override;
    QCoro::Task<ProgressBatchOutcome> importRows(QList<ProgressImportRow> rows, bool checkOnly,
                                                 ProgressEvent describe, ImportProgress progress) override;

signals:
    void released(); // a hold ended

private:
    template<class T>
    struct Outcome
    {
        std::optional<T> value;
        std::exception_ptr error;
        T take()
        {
            if (error)
                std::rethrow_exception(error);
            return std::move(*value);
        }
    };

    template<class Work>
    auto serve(Call call, Work &&work) -> Outcome<std::invoke_result_t<Work>>
    {
        ++m_calls[call];
        Outcome<std::invoke_result_t<Work>> outcome;
        if (QList<std::exception_ptr> &failures = m_failures[call]; !failures.isEmpty()) {
            outcome.error = failures.takeFirst();
            return outcome;
        }
        try {
            outcome.value = work();
        } catch (...) {
            outcome.error = std::current_exception();
        }
        return outcome;
    }
    QCoro::Task<> answer(Call call);

    QList<ProgressEntry> matching(const ProgressListQuery &query) const; // filtered and sorted
    ProgressEntry named(ProgressEntry entry) const;
    qsizetype indexOf(const QString &userId, const QString &lessonId) const;
    const User *user(const QString &id) const;
    const Lesson *lesson(const QString &id) const;

    QList<User> m_users;
    QList<Lesson> m_lessons;
    QList<ProgressEntry> m_rows;
    QDateTime m_now;
    QMap<Call, int> m_calls;
    QMap<Call, QList<std::exception_ptr>> m_failures;
    QSet<Call> m_held;
    QList<DomainEvent> m_recorded;
    QList<ProgressListQuery> m_listQueries;
    QList<ProgressListQuery> m_countQueries;
    QList<CompletionsQuery> m_completionsQueries;
    QList<ProgressWrite> m_upserts;
    QList<QPair<qint64, qint64>> m_importReports;
    int m_importStep = 1000;
    bool m_atOnce = false;
    int m_waiting = 0;
};

} // namespace edge::test
