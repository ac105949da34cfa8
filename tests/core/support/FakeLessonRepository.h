#pragma once

#include "application/ports/LessonRepository.h"
#include "domain/Errors.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QSet>

#include <exception>
#include <optional>
#include <type_traits>

namespace edge::test {

// An in-memory LessonRepository, for testing what sits above the port (the lesson handlers,
// the read cache, table models); the real stores have their own conformance suite.
//
// It behaves like a store that serves calls in the order they are made: each call reads or
// writes at once (updates and content writes are compare-and-swaps on the version, as the
// port says), and its answer arrives later from the event loop, as from the store's thread
// or the network. Tests can also
// - seed and look at lessons, content and progress counts directly (not counted, no events),
// - count the calls of each kind,
// - make the next call of a kind fail with a given DomainError (before it reads or writes),
// - hold the answers of a kind back and release them, to choose the order they arrive in.
class FakeLessonRepository final : public QObject, public LessonRepository
{
    Q_OBJECT

public:
    enum class Call { FindById, List, Count, ProgressCount, Insert, Update, Remove, Content, PutContent };
    Q_ENUM(Call)

    explicit FakeLessonRepository(QObject *parent = nullptr);

    // --- Seeding and looking (no counters, no failures, no holds, no events)

    // A valid lesson (as the handlers would create it) with a fresh lower-case id, version 1.
    static Lesson makeLesson(const QString &title, const QString &track = QStringLiteral("general"),
                             int difficulty = 1, LessonStatus status = LessonStatus::Draft);
    // Adds `count` lessons "Lesson 000", "Lesson 001", ... created a minute apart (the newest
    // last), tracks cycling through "cpp", "python", "web", difficulties 1..5 cycling, every
    // third one (0, 3, ...) published. Returns them in that order.
    QList<Lesson> seed(int count);
    // Stores `lesson` as it is (replacing the one with its id); `html`, when given, becomes its
    // content (and hasContent follows). Returns what is stored.
    Lesson put(Lesson lesson, std::optional<QByteArray> html = std::nullopt);
    std::optional<Lesson> lesson(const QString &id) const;
    QList<Lesson> lessons() const; // in the order they were added
    std::optional<QByteArray> contentOf(const QString &id) const; // none: no content
    void setProgressCount(const QString &id, qint64 count);

    // --- What the store was asked

    int calls(Call call) const;
    int totalCalls() const;
    void resetCalls(); // counters and the recorded queries
    // The events stored with the successful writes (the audit trail), in order.
    const QList<DomainEvent> &recordedEvents() const { return m_recorded; }
    const QList<LessonListQuery> &listQueries() const { return m_listQueries; }
    const QList<LessonListQuery> &countQueries() const { return m_countQueries; }
    // The knownVersion of each content() call, in order.
    const QList<int> &contentKnownVersions() const { return m_knownVersions; }

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

    // --- LessonRepository

    QCoro::Task<std::optional<Lesson>> findById(QString id) override;
    QCoro::Task<LessonPage> list(LessonListQuery query) override;
    QCoro::Task<qint64> count(LessonListQuery query) override;
    QCoro::Task<qint64> progressCount(QString id) override;
    QCoro::Task<Lesson> insert(Lesson lesson, DomainEvent event) override;
    QCoro::Task<Lesson> update(LessonWrite write) override;
    QCoro::Task<Lesson> remove(QString id, LessonEvent describe) override;
    QCoro::Task<LessonContent> content(QString id, int knownVersion) override;
    QCoro::Task<Lesson> putContent(QString id, QByteArray html, int expectedVersion,
                                   LessonEvent describe) override;

signals:
    void released(); // a hold ended

private:
    // What a call produced, kept until its answer is delivered.
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

    // Counts the call, applies a queued failure, or does the work now.
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
    // Waits until the answer may be delivered (the event loop, then any hold).
    QCoro::Task<> answer(Call call);

    QList<Lesson> matching(const LessonListQuery &query) const;
    qsizetype indexOf(const QString &id) const;
    ConflictError conflict(const Lesson &stored, int expectedVersion) const;

    QList<Lesson> m_lessons;
    QHash<QString, QByteArray> m_content;
    QHash<QString, qint64> m_progress;
    QMap<Call, int> m_calls;
    QMap<Call, QList<std::exception_ptr>> m_failures;
    QSet<Call> m_held;
    QList<DomainEvent> m_recorded;
    QList<LessonListQuery> m_listQueries;
    QList<LessonListQuery> m_countQueries;
    QList<int> m_knownVersions;
    bool m_atOnce = false;
    int m_waiting = 0;
};

} // namespace edge::test
