#include "BulkUserWriter.h"

#include "SqlEventLog.h"
#include "SqlStatements.h"
#include "SqlTimestamps.h"
#include "SqlTransaction.h"
#include "UserTable.h"
#include "domain/Errors.h"
#include "domain/Lesson.h"

#include <QJsonObject>
#include <QUuid>

#include <array>

namespace edge {

namespace {
constexpr std::array FirstNames{"ada", "grace", "alan", "katherine", "linus", "margaret", "dennis",
                                "barbara", "ken", "frances", "edsger", "radia", "donald", "hedy",
                                "tim", "sophie", "john", "mary", "guido", "anita"};
constexpr std::array LastNames{"lovelace", "hopper", "turing", "johnson", "torvalds", "hamilton",
                               "ritchie", "liskov", "thompson", "allen", "dijkstra", "perlman",
                               "knuth", "lamarr", "berners-lee", "wilson", "backus", "keller",
                               "van-rossum", "borg"};

QString capitalised(const char *word)
{
    QString text = QString::fromLatin1(word);
    text[0] = text[0].toUpper();
    return text;
}

// Mostly learners, as on a real platform; a few of every other role.
Role roleFor(qint64 number)
{
    switch (number % 100) {
    case 0: return Role::Admin;
    case 1: case 2: return Role::Editor;
    case 3: case 4: case 5: return Role::Support;
    default: return Role::Learner;
    }
}
} // namespace

BulkUserWriter::BulkUserWriter(QSqlDatabase &database, QString passwordHash, QString runTag, Actor actor)
    : m_database(database)
    , m_passwordHash(std::move(passwordHash))
    , m_runTag(std::move(runTag))
    , m_actor(std::move(actor))
{
}

void BulkUserWriter::insertBatch(qint64 first, int count)
{
    SqlTransaction write(m_database, SqlTransaction::Kind::Write);
    QSqlQuery insert = prepareSql(m_database, QStringLiteral(
        "INSERT INTO users (id, email, username, password_hash, role, version, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, 1, ?, ?)"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (qint64 number = first; number < first + count; ++number) {
        const char *firstName = FirstNames[number % FirstNames.size()];
        const char *lastName = LastNames[(number / FirstNames.size()) % LastNames.size()];
        const QString created = toStoreTimestamp(now.addMSecs(number - first - count));
        insert.bindValue(0, QUuid::createUuid().toString(QUuid::WithoutBraces));
        insert.bindValue(1, QStringLiteral("%1.%2.%3%4@example.org")
                                .arg(QLatin1String(firstName), QLatin1String(lastName), m_runTag)
                                .arg(number));
        insert.bindValue(2, QStringLiteral("%1 %2 %3").arg(capitalised(firstName), capitalised(lastName)).arg(number));
        insert.bindValue(3, m_passwordHash);
        insert.bindValue(4, roleToString(roleFor(number)));
        insert.bindValue(5, created);
        insert.bindValue(6, created);
        execPrepared(insert);
    }
    // One audit row per batch: a million user.created rows would say nothing more.
    recordEvent(m_database, DomainEvent{QStringLiteral("user.bulk_created"), QStringLiteral("user"),
                                        QStringLiteral("generated:%1").arg(m_runTag), m_actor,
                                        QJsonObject{{QStringLiteral("first"), first},
                                                    {QStringLiteral("count"), count}},
                                        now});
    write.commit();
}

namespace {
struct DemoUser
{
    const char *email;
    const char *username;
    Role role;
};
constexpr std::array DemoUsers{
    DemoUser{"admin@demo.edge-admin.test", "Avery Admin", Role::Admin},
    DemoUser{"editor@demo.edge-admin.test", "Eddie Editor", Role::Editor},
    DemoUser{"support@demo.edge-admin.test", "Sam Support", Role::Support},
    DemoUser{"lena.learner@demo.edge-admin.test", "Lena Learner", Role::Learner},
    DemoUser{"omar.learner@demo.edge-admin.test", "Omar Learner", Role::Learner},
    DemoUser{"yuki.learner@demo.edge-admin.test", "Yuki Learner", Role::Learner},
};

struct DemoLesson
{
    const char *title;
    const char *track;
    int difficulty;
    const char *status;
};
constexpr std::array DemoLessons{
    DemoLesson{"Tables and rows", "SQL basics", 1, "published"},
    DemoLesson{"Filtering with WHERE", "SQL basics", 2, "published"},
    DemoLesson{"Joins without tears", "SQL basics", 3, "draft"},
    DemoLesson{"What runs at the edge", "Edge computing", 1, "published"},
    DemoLesson{"Caching with KV", "Edge computing", 3, "published"},
    DemoLesson{"Hashing passwords", "Security", 2, "published"},
};
} // namespace

int demoUserCount()
{
    return int(DemoUsers.size());
}

QStringList seedDemoData(QSqlDatabase &database, const QList<QString> &passwordHashes, const Actor &actor)
{
    SqlTransaction write(database, SqlTransaction::Kind::Write);
    QSqlQuery existing = prepareSql(database, QStringLiteral("SELECT COUNT(*) FROM users WHERE email = ?"));
    existing.addBindValue(QString::fromLatin1(DemoUsers[0].email));
    execPrepared(existing);
    if (existing.next() && existing.value(0).toInt() > 0)
        throw ConflictError(QStringLiteral("The demo data is already in this store (%1 exists); nothing was added")
                                .arg(QLatin1String(DemoUsers[0].email)));
    existing.finish();

    UserTable users(database);
    QList<User> created;
    QStringList emails;
    for (std::size_t i = 0; i < DemoUsers.size(); ++i) {
        const DemoUser &demo = DemoUsers[i];
        const User user = User::create(Email::parse(QString::fromLatin1(demo.email)),
                                       QString::fromLatin1(demo.username), demo.role);
        users.insertRow(user, passwordHashes.value(qsizetype(i)));
        recordEvent(database, DomainEvent::userCreated(user, actor));
        created << user;
        emails << user.email().value();
    }

    // Lesson ids are UUIDs like every other id, so the lesson handlers accept them.
    QSqlQuery insertLesson = prepareSql(database, QStringLiteral(
        "INSERT INTO lessons (id, title, track, difficulty, status) VALUES (?, ?, ?, ?, ?)"));
    QStringList lessonIds;
    const QDateTime seededAt = QDateTime::currentDateTimeUtc();
    for (const DemoLesson &demo : DemoLessons) {
        Lesson lesson;
        lesson.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        lesson.title = QString::fromUtf8(demo.title);
        lesson.track = QString::fromUtf8(demo.track);
        lesson.difficulty = demo.difficulty;
        lesson.status = parseLessonStatus(QString::fromLatin1(demo.status));
        lesson.createdAt = lesson.updatedAt = seededAt;
        insertLesson.bindValue(0, lesson.id);
        insertLesson.bindValue(1, lesson.title);
        insertLesson.bindValue(2, lesson.track);
        insertLesson.bindValue(3, lesson.difficulty);
        insertLesson.bindValue(4, lessonStatusToString(lesson.status));
        execPrepared(insertLesson);
        recordEvent(database, DomainEvent::lessonCreated(lesson, actor));
        lessonIds << lesson.id;
    }

    // Learners progress through the published lessons at different paces.
    QSqlQuery progress = prepareSql(database, QStringLiteral(
        "INSERT INTO progress (user_id, lesson_id, completed, score, completed_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?)"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (qsizetype u = 3; u < created.size(); ++u) {
        for (std::size_t l = 0; l < DemoLessons.size(); ++l) {
            if (qsizetype(l) > u + 1 || qstrcmp(DemoLessons[l].status, "published") != 0)
                continue;
            const bool completed = (l + std::size_t(u)) % 3 != 0;
            const QDateTime when = now.addSecs(-3600 * qint64(24 * (6 - l) + u));
            progress.bindValue(0, created[u].id().value());
            progress.bindValue(1, lessonIds.at(qsizetype(l)));
            progress.bindValue(2, completed ? 1 : 0);
            progress.bindValue(3, completed ? int(60 + (l * 7 + std::size_t(u) * 5) % 40) : int(10 * l));
            progress.bindValue(4, completed ? QVariant(toStoreTimestamp(when)) : QVariant(QMetaType::fromType<QString>()));
            progress.bindValue(5, toStoreTimestamp(when));
            execPrepared(progress);
        }
    }
    write.commit();
    return emails;
}

} // namespace edge
