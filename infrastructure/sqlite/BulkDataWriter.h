#pragma once

#include "domain/DomainEvent.h"

#include <QString>
#include <QtGlobal>

#include <memory>

struct sqlite3;

namespace edge {

class SqliteConnection;

// What `edge-admin-cli generate` makes: counts, the seed every value is derived from, and the
// moment timestamps count back from.
struct GenerationPlan
{
    qint64 users = 0;
    qint64 lessons = 0;
    qint64 progress = 0;  // distinct (user, lesson) pairs among the generated ones
    int tracks = 1;       // lessons are spread over this many tracks, in contiguous blocks
    quint64 seed = 0;
    qint64 anchorMs = 0;  // "now" for the data: every timestamp is before it (ms since epoch)

    // Upper bounds the CLI enforces (anything above is a typo, not a load check).
    static constexpr qint64 MaxUsers = 50'000'000;
    static constexpr qint64 MaxLessons = 1'000'000;
    static constexpr qint64 MaxProgress = 200'000'000;
    static constexpr int MaxTracks = 10'000;
};

// Synthetic users, lessons and progress for load checks, written straight through SQLite's C
// API: values bound (never spliced) into multi-row INSERTs of a TEMP staging table, moved into
// the real table by one INSERT ... SELECT per 100,000 rows (see MultiRowInsert in the .cpp).
//
// Every row is a pure function of (plan, table, row number): nothing is kept between batches
// but the row number to continue from, so memory stays flat whatever the counts, and the same
// seed gives the same rows. Ids are UUIDs (version 7 layout: a millisecond timestamp, the row's
// created_at, then pseudo-random bits), so rows are inserted in id order: the primary keys
// and the progress primary key (user_id, lesson_id) are appended to, never split in the
// middle.
//
// Each phase (users, lessons, progress) is ONE transaction, however many rows: begin() opens
// it and takes the table's insert triggers (users: the FTS index; lessons: their empty
// progress totals; progress: track copy, per-lesson totals, daily completions) and its
// secondary indexes out of the way (users and lessons: only when the table holds fewer rows
// than the run adds); insert() appends rows (call it as often as needed, reporting between
// calls); finish() does the triggers' work for all the new rows at once (the users' FTS index
// in one INSERT ... SELECT; the progress totals from what was counted while writing), puts
// the triggers back, builds each index once by sorting, records one audit row
// (x.bulk_created) and commits. abandon() rolls the phase back (Ctrl+C, an error): the store
// is then as before the phase, indexes and triggers included.
//
// Runs on the SQLite thread. tuneConnection() sets, for this connection only, a 128 MiB page
// cache and a WAL checkpoint every 1 GiB (instead of 4 MiB); memory stays at about the cache
// whatever the counts (170 MB resident for 1,500,000 progress rows).
class BulkDataWriter
{
public:
    enum class Phase { Users, Lessons, Progress };

    BulkDataWriter(SqliteConnection &connection, const GenerationPlan &plan, QString passwordHash, Actor actor);
    ~BulkDataWriter();

    // Larger page cache for this connection (the same setting the bench gives sqlite3).
    static constexpr int CacheKiB = 131072;
    void tuneConnection();

    // Throws ConflictError when the store already holds rows of this seed (nothing written).
    void checkNotGeneratedYet();

    void begin(Phase phase);
    // Rows of the open phase from row `from` on (users and lessons: their numbers; progress:
    // the users whose rows to write, whole users only) until at least `budget` rows are
    // written or the phase's rows run out. Returns where to continue from (end(phase) when
    // done) and adds the rows written to *rows.
    qint64 insert(qint64 from, qint64 budget, qint64 *rows);
    qint64 end(Phase phase) const;
    void finish();
    void abandon();

    // Row values, exposed for tests and the summary.
    QString userId(qint64 number) const;
    QString lessonId(qint64 number) const;
    QString userEmail(qint64 number) const;
    // Progress rows of a user (their sum over all users is plan.progress).
    qint64 progressCountOf(qint64 user) const;

    // The password every generated user has.
    static QString password() { return QStringLiteral("generated-password"); }
    // A deterministic hash of password() for a seed (PBKDF2 once, salt from the seed).
    static QString passwordHashFor(quint64 seed);

private:
    void insertUsers(qint64 first, qint64 count);
    void insertLessons(qint64 first, qint64 count);
    qint64 insertProgress(qint64 firstUser, qint64 rowBudget, qint64 *rows);
    void finishUsers();
    void finishLessons();
    void finishProgress();

    sqlite3 *m_db;
    SqliteConnection &m_connection;
    GenerationPlan m_plan;
    QByteArray m_passwordHash;
    Actor m_actor;
    bool m_progressHasTrack = false;
    char m_tag[8] = {};

    // While a phase's transaction is open: what was taken out of the way (to put back), and
    // what the removed triggers would have counted.
    struct Deferred;
    std::unique_ptr<Deferred> m_deferred;
};

} // namespace edge
