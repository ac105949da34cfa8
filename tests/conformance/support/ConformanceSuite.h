#pragma once

// The shared harness of the backend conformance suites (tst_conformance_<screen>.cpp): every
// suite is a ConformanceSuite, so it runs against the store EDGE_CONFORMANCE_STORE names
// ("embedded" or "worker"), which initTestCase() starts and cleanupTestCase() stops, and gets
// its Services and the common helpers from here. CTest runs each suite once per store (see
// edge_conformance_suite() in CMakeLists.txt); a difference in behaviour between the stores
// fails one of the two runs. Cases that need roles (sign-in) skip themselves on the embedded
// store with SKIP_UNLESS_ROLES.
//
// A new screen's suite:
//
//     class TestConformanceLessons final : public edge::test::ConformanceSuite
//     {
//         Q_OBJECT
//     private slots:
//         void someCase() { ... services() ... create(...) ... }
//     };
//     QTEST_GUILESS_MAIN(TestConformanceLessons)
//     #include "tst_conformance_lessons.moc"
//
// (a suite that needs its own initTestCase/cleanupTestCase calls the base's first/last).

#include "ConformanceTarget.h"
#include "TestStore.h"
#include "domain/Errors.h"

#include <QObject>
#include <QTest>
#include <QUuid>

#include <optional>

// QSKIP returns from the function it is written in, so this is a macro, not a helper.
#define SKIP_UNLESS_ROLES(target)                                                                   \
    if (!(target).hasRoles())                                                                       \
        QSKIP("remote-only: roles need a sign-in, and the embedded store has none (it acts as the " \
              "local user)")

namespace edge::test {

// A fresh tag per case keeps cases apart in one database without cleaning up.
inline QString newTag()
{
    return QUuid::createUuid().toString(QUuid::Id128).left(8);
}

// The error of type Error the task threw; nullopt if it succeeded (other errors propagate).
template<class Error, class T>
std::optional<Error> failureOf(QCoro::Task<T> &&task)
{
    try {
        await(std::move(task));
    } catch (const Error &error) {
        return error;
    }
    return std::nullopt;
}

inline QStringList keysOf(const QMap<QString, QString> &fields)
{
    return fields.keys();
}

inline QString someUnknownId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

class ConformanceSuite : public QObject
{
    Q_OBJECT

public:
    ConformanceSuite();
    ~ConformanceSuite() override;

protected:
    ConformanceTarget &target() { return m_target; }
    Services &services() { return m_target.services(); }

    // A user through the admin's Services (password "password-123").
    User create(const QString &email, const QString &username, const QString &role = QStringLiteral("learner"));
    // Every user matching term (one page of the maximum size), in the given order.
    QList<User> searchAll(const QString &term, UserSortField sort = UserSortField::Email,
                          SortOrder order = SortOrder::Ascending);
    // The recorded events about one subject, newest first (one page of the maximum size).
    QList<ActivityEntry> eventsAbout(const QString &subjectId);

protected slots:
    // Not test functions: QTest runs only private slots as tests (and these two by name).
    void initTestCase();
    void cleanupTestCase();

private:
    ConformanceTarget m_target;
};

} // namespace edge::test
