#include "BulkDataWriter.h"

#include "SqlEventLog.h"
#include "SqliteConnection.h"
#include "domain/Errors.h"
#include "infrastructure/security/PasswordHasher.h"

#include <QDateTime>
#include <QJsonObject>

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cctype>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace edge {

namespace {

constexpr qint64 DayMs = 24LL * 3600 * 1000;
constexpr qint64 YearMs = 365 * DayMs;

// ---- deterministic pseudo-random values: every row's from (seed, table, row number) ----------

constexpr quint64 mix64(quint64 x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

// splitmix64: small, fast, good enough for test data.
struct Rng
{
    quint64 state;
    quint64 next() { return mix64(state += 0x9E3779B97F4A7C15ULL); }
    quint64 below(quint64 bound) { return bound == 0 ? 0 : next() % bound; }
};

enum Table : quint64 { UsersTable = 1, LessonsTable = 2, ProgressUser = 3, ProgressPair = 4, ProgressSplit = 5, Salt = 9 };

Rng rowRng(quint64 seed, Table table, quint64 number)
{
    return Rng{mix64(mix64(seed ^ (quint64(table) * 0xD1B54A32D192ED03ULL)) + number)};
}

// ---- text formatting without allocations -----------------------------------------------------

constexpr char Hex[] = "0123456789abcdef";

// A version 7 UUID: 48-bit Unix milliseconds, version 7, 12 random bits, variant 10, 62
// random bits. Text order is creation order.
void formatUuid(char *out, qint64 ms, Rng &rng)
{
    unsigned char bytes[16];
    const quint64 time = quint64(ms);
    for (int i = 0; i < 6; ++i)
        bytes[i] = static_cast<unsigned char>(time >> (8 * (5 - i)));
    const quint64 a = rng.next();
    const quint64 b = rng.next();
    bytes[6] = static_cast<unsigned char>(0x70 | (a & 0x0F));
    bytes[7] = static_cast<unsigned char>(a >> 8);
    bytes[8] = static_cast<unsigned char>(0x80 | (b & 0x3F));
    for (int i = 9; i < 16; ++i)
        bytes[i] = static_cast<unsigned char>(b >> (8 * (i - 8)));
    int o = 0;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[o++] = '-';
        out[o++] = Hex[bytes[i] >> 4];
        out[o++] = Hex[bytes[i] & 0x0F];
    }
    out[o] = '\0';
}

void put2(char *out, int value)
{
    out[0] = char('0' + value / 10);
    out[1] = char('0' + value % 10);
}

// "2026-01-31T12:00:00.000Z", the store's form (JavaScript's toISOString()).
void formatTimestamp(char *out, qint64 ms)
{
    qint64 days = ms / DayMs;
    qint64 rest = ms % DayMs;
    if (rest < 0) {
        rest += DayMs;
        --days;
    }
    // Howard Hinnant's civil_from_days.
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned doe = unsigned(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned day = doy - (153 * mp + 2) / 5 + 1;
    const unsigned month = mp < 10 ? mp + 3 : mp - 9;
    const int year = int(yoe + era * 400 + (month <= 2));
    put2(out, year / 100);
    put2(out + 2, year % 100);
    out[4] = '-';
    put2(out + 5, int(month));
    out[7] = '-';
    put2(out + 8, int(day));
    out[10] = 'T';
    const int seconds = int(rest / 1000);
    put2(out + 11, seconds / 3600);
    out[13] = ':';
    put2(out + 14, seconds / 60 % 60);
    out[16] = ':';
    put2(out + 17, seconds % 60);
    out[19] = '.';
    const int millis = int(rest % 1000);
    out[20] = char('0' + millis / 100);
    put2(out + 21, millis % 100);
    out[23] = 'Z';
    out[24] = '\0';
}

// ---- what the rows are made of ----------------------------------------------------------------

constexpr std::array FirstNames{
    "ada", "grace", "alan", "katherine", "linus", "margaret", "dennis", "barbara", "ken", "frances",
    "edsger", "radia", "donald", "hedy", "tim", "sophie", "john", "mary", "guido", "anita",
    "amir", "priya", "chen", "fatima", "lucas", "ingrid", "mateo", "aiko", "kwame", "elena",
    "noah", "zara", "olga", "rahul", "sven", "leila", "diego", "hana", "tomas", "yara"};
constexpr std::array LastNames{
    "lovelace", "hopper", "turing", "johnson", "torvalds", "hamilton", "ritchie", "liskov",
    "thompson", "allen", "dijkstra", "perlman", "knuth", "lamarr", "lee", "wilson", "backus",
    "keller", "rossum", "borg", "okafor", "nakamura", "schmidt", "garcia", "kowalski", "haddad",
    "nguyen", "silva", "andersen", "petrova", "mensah", "rossi", "dubois", "khan", "yilmaz",
    "murphy", "tanaka", "fischer", "moreau", "costa"};
constexpr std::array Domains{"example.org", "example.com", "example.net", "mail.example.org",
                             "school.example.edu", "example.co.uk"};
constexpr std::array TrackNames{
    "SQL basics",   "Edge computing", "Security",      "Web performance", "JavaScript",
    "Accessibility", "Data modelling", "Testing",       "Observability",   "Networking",
    "CSS layout",   "APIs"};
constexpr std::array TitleTemplates{
    "Introduction to %s", "%s in practice", "Getting started with %s", "Advanced %s",
    "%s: common mistakes", "Debugging %s",  "Patterns for %s",        "Testing %s"};
constexpr std::array Topics{
    "joins", "indexes", "caching", "edge functions", "authentication", "rate limiting", "queues",
    "key-value storage", "object storage", "migrations", "transactions", "web sockets", "logging",
    "CSS grid", "screen readers", "types", "async code", "HTTP headers", "service workers", "forms"};

void capitalise(char *to, const char *word)
{
    std::strcpy(to, word);
    if (to[0] >= 'a' && to[0] <= 'z')
        to[0] = char(to[0] - 'a' + 'A');
}

struct UserRow
{
    char id[40];
    char email[96];
    char username[64];
    const char *role;
    char created[32];
};

struct LessonRow
{
    char id[40];
    qint64 createdMs;
    int difficulty;
    int track;
};

struct Sqlite
{
    static void check(sqlite3 *db, int code, const char *what)
    {
        if (code == SQLITE_OK || code == SQLITE_DONE || code == SQLITE_ROW)
            return;
        const QString text = QStringLiteral("%1: %2").arg(QLatin1String(what), QString::fromUtf8(sqlite3_errmsg(db)));
        if ((code & 0xFF) == SQLITE_CONSTRAINT)
            throw ConflictError(QStringLiteral("The store refused a generated row: %1").arg(text));
        throw StoreError(QStringLiteral("Store error while generating: %1").arg(text));
    }
};

struct Finalize
{
    void operator()(sqlite3_stmt *statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, Finalize>;

Statement prepare(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *statement = nullptr;
    Sqlite::check(db, sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr), sql);
    return Statement(statement);
}

void stepAndReset(sqlite3 *db, sqlite3_stmt *statement, const char *what)
{
    const int code = sqlite3_step(statement);
    sqlite3_reset(statement);
    Sqlite::check(db, code, what);
}

void bindText(sqlite3_stmt *statement, int index, const char *text)
{
    sqlite3_bind_text(statement, index, text, -1, SQLITE_STATIC);
}

// Rows are bound into multi-row INSERT ... VALUES statements (RowsPerStatement rows each,
// prepared once). While the real table still has insert triggers, they go first into a
// staging table (TEMP, no index, no trigger), and every StageRows rows into the real table
// with one INSERT ... SELECT ... ORDER BY rowid, which is how the sqlite3 shell copies rows
// too: the real table's triggers then see one statement per StageRows rows instead of one
// per 500 (SQLite opens a statement journal, a copy of every page the statement first
// touches, for each statement that runs triggers, and FTS5 flushes its pending terms into a
// new segment at each). Once begin() has taken the insert triggers out, rows go straight
// into the real table: staging would only write and read every row once more.
class MultiRowInsert
{
public:
    static constexpr int RowsPerStatement = 500;
    static constexpr int StageRows = 100'000;

    MultiRowInsert(sqlite3 *db, const char *table, const char *columns, const char *row, const char *what)
        : m_db(db), m_row(row), m_what(what)
    {
        m_values.reserve(4096);
        m_text.reserve(1 << 16);
        if (!hasInsertTriggers(table)) {
            // OR ROLLBACK: a refused row ends the phase's transaction anyway (the caller rolls
            // back), and a statement that cannot stop half way needs no statement journal,
            // which would otherwise copy every index page each 500 rows first touch (the email
            // index: one page per row) into a temporary file.
            m_head = QByteArrayLiteral("INSERT OR ROLLBACK INTO main.") + table + " (" + columns + ") VALUES ";
            return;
        }
        const QByteArray staging = QByteArrayLiteral("generate_") + table;
        exec(QByteArrayLiteral("CREATE TEMP TABLE IF NOT EXISTS ") + staging + " (" + columns + ")");
        m_clear = QByteArrayLiteral("DELETE FROM temp.") + staging;
        exec(m_clear);
        m_head = QByteArrayLiteral("INSERT INTO temp.") + staging + " (" + columns + ") VALUES ";
        m_move = QByteArrayLiteral("INSERT INTO main.") + table + " (" + columns + ") SELECT " + columns
                 + " FROM temp." + staging + " ORDER BY rowid";
    }

    // Everything written into the real table (the caller commits).
    void finish()
    {
        flush();
        move();
    }

    void text(const char *value)
    {
        const std::size_t length = std::strlen(value);
        m_values.push_back(Value{Value::Text, 0, m_text.size(), length});
        m_text.append(value, length);
    }
    void integer(qint64 value) { m_values.push_back(Value{Value::Integer, value, 0, 0}); }
    void null() { m_values.push_back(Value{Value::Null, 0, 0, 0}); }
    void endRow()
    {
        if (++m_rows == RowsPerStatement)
            flush();
        if (++m_staged == StageRows)
            move();
    }

private:
    void exec(const QByteArray &sql)
    {
        Sqlite::check(m_db, sqlite3_exec(m_db, sql.constData(), nullptr, nullptr, nullptr), m_what);
    }

    bool hasInsertTriggers(const char *table) const
    {
        Statement query = prepare(m_db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? "
                                        "AND upper(sql) LIKE '% INSERT ON %'");
        bindText(query.get(), 1, table);
        return sqlite3_step(query.get()) == SQLITE_ROW && sqlite3_column_int(query.get(), 0) > 0;
    }

    void move()
    {
        if (m_staged == 0 || m_move.isEmpty()) {
            m_staged = 0;
            return;
        }
        exec(m_move);
        exec(m_clear);
        m_staged = 0;
    }

    void flush()
    {
        if (m_rows == 0)
            return;
        Statement partial;
        sqlite3_stmt *statement;
        if (m_rows == RowsPerStatement) {
            if (!m_full)
                m_full = prepare(m_db, sqlFor(m_rows).constData());
            statement = m_full.get();
        } else {
            partial = prepare(m_db, sqlFor(m_rows).constData());
            statement = partial.get();
        }
        int index = 1;
        for (const Value &value : m_values) {
            switch (value.kind) {
            case Value::Text:
                sqlite3_bind_text(statement, index, m_text.data() + value.offset, int(value.length), SQLITE_STATIC);
                break;
            case Value::Integer: sqlite3_bind_int64(statement, index, value.number); break;
            case Value::Null: sqlite3_bind_null(statement, index); break;
            }
            ++index;
        }
        stepAndReset(m_db, statement, m_what);
        m_values.clear();
        m_text.clear();
        m_rows = 0;
    }

    struct Value
    {
        enum Kind { Text, Integer, Null } kind;
        qint64 number;
        std::size_t offset;
        std::size_t length;
    };

    QByteArray sqlFor(int rows) const
    {
        QByteArray sql = m_head;
        sql.reserve(sql.size() + rows * (int(std::strlen(m_row)) + 2));
        for (int i = 0; i < rows; ++i) {
            if (i > 0)
                sql += ", ";
            sql += m_row;
        }
        return sql;
    }

    sqlite3 *m_db;
    QByteArray m_head;
    QByteArray m_move;
    QByteArray m_clear;
    const char *m_row;
    const char *m_what;
    int m_staged = 0;
    Statement m_full;
    std::vector<Value> m_values;
    std::string m_text;
    int m_rows = 0;
};

} // namespace

// ---- the rows ------------------------------------------------------------------------------

namespace {

struct Rows
{
    const GenerationPlan &plan;
    const char *tag;

    // Users joined over the three years before the anchor (minus a day), in order.
    qint64 userCreatedMs(qint64 number) const
    {
        const qint64 span = 3 * YearMs - DayMs;
        return plan.anchorMs - 3 * YearMs + (plan.users > 0 ? number * span / plan.users : 0);
    }
    // Lessons were written over the two years before the anchor (minus a month).
    qint64 lessonCreatedMs(qint64 number) const
    {
        const qint64 span = 2 * YearMs - 30 * DayMs;
        return plan.anchorMs - 2 * YearMs + (plan.lessons > 0 ? number * span / plan.lessons : 0);
    }

    void user(qint64 number, UserRow &row) const
    {
        Rng rng = rowRng(plan.seed, UsersTable, quint64(number));
        const qint64 created = userCreatedMs(number);
        formatUuid(row.id, created, rng); // first: userId() repeats only this
        const char *first = FirstNames[rng.below(FirstNames.size())];
        const char *last = LastNames[rng.below(LastNames.size())];
        const char *domain = Domains[rng.below(Domains.size())];
        std::snprintf(row.email, sizeof row.email, "%s.%s.%s%lld@%s", first, last, tag, static_cast<long long>(number), domain);
        char firstCap[32];
        char lastCap[32];
        capitalise(firstCap, first);
        capitalise(lastCap, last);
        std::snprintf(row.username, sizeof row.username, "%s %s", firstCap, lastCap);
        // Mostly learners, as on a real platform: 0.2% admins, 1% editors, 2% support.
        const quint64 role = rng.below(1000);
        row.role = role < 2 ? "admin" : role < 12 ? "editor" : role < 32 ? "support" : "learner";
        formatTimestamp(row.created, created);
    }

    void userId(qint64 number, char *out) const
    {
        Rng rng = rowRng(plan.seed, UsersTable, quint64(number));
        formatUuid(out, userCreatedMs(number), rng);
    }

    // Contiguous blocks: lessons of a track were written together.
    int trackOf(qint64 number) const { return int(number * plan.tracks / std::max<qint64>(plan.lessons, 1)); }

    void trackName(int track, char *out, std::size_t size) const
    {
        const char *name = TrackNames[std::size_t(track) % TrackNames.size()];
        const int round = track / int(TrackNames.size());
        if (round == 0)
            std::snprintf(out, size, "%s", name);
        else
            std::snprintf(out, size, "%s %d", name, round + 1);
    }

    void lesson(qint64 number, LessonRow &row) const
    {
        Rng rng = rowRng(plan.seed, LessonsTable, quint64(number));
        row.createdMs = lessonCreatedMs(number);
        formatUuid(row.id, row.createdMs, rng);
        // Difficulty 1-5, most lessons in the middle.
        static constexpr int Difficulty[10] = {1, 1, 2, 2, 2, 3, 3, 3, 4, 5};
        row.difficulty = Difficulty[rng.below(10)];
        row.track = trackOf(number);
    }
};

} // namespace

// What the open phase took out of the way (to put back), and for progress the counts its
// removed triggers would have kept.
struct BulkDataWriter::Deferred
{
    Phase phase = Phase::Users;
    std::vector<QByteArray> indexes;  // CREATE INDEX statements, run again at the end
    std::vector<QByteArray> triggers; // CREATE TRIGGER statements, run again at the end
    std::vector<const char *> removed; // names of the triggers taken out
    qint64 lastRowidBefore = 0;       // the table's rows before this phase end here
    bool totals = false;              // progress_totals_after_insert was removed
    bool daily = false;               // progress_daily_after_insert was removed
    std::vector<qint64> learners;     // per lesson number: rows, completed, sum of scores
    std::vector<qint64> completed;
    std::vector<qint64> scoreSum;
    std::map<qint64, qint64> completions; // (lesson number, UTC day number) -> completed rows
    qint64 first = -1;                // first user or lesson number of the phase
    qint64 rows = 0;

    bool removedTrigger(const char *name) const
    {
        return std::any_of(removed.begin(), removed.end(), [name](const char *n) { return std::strcmp(n, name) == 0; });
    }
};

namespace {
// The insert triggers each phase does the work of once, for all its rows, at the end:
// users: the FTS index (one INSERT ... SELECT of the new rows instead of one FTS insert and
// segment flush per row); lessons: their empty progress totals; progress (migration 0005):
// the track copy (the generator writes the lesson's track itself), the per-lesson totals and
// the daily completions.
constexpr std::array UserTriggers{"users_fts_after_insert"};
constexpr std::array LessonTriggers{"lessons_totals_after_insert"};
constexpr std::array ProgressTriggers{"progress_track_after_insert", "progress_totals_after_insert",
                                      "progress_daily_after_insert"};
constexpr qint64 DaysPerLesson = 1'000'000; // key = lesson * DaysPerLesson + day number
// FTS5 keeps new terms in memory and writes a segment each time they pass its hash size
// (1 MiB by default), merging segments as they pile up; for the one statement that indexes
// all the new users, 64 MiB makes a few large segments instead of hundreds of small ones.
constexpr qint64 FtsFillHashBytes = 64LL << 20;
constexpr qint64 FtsDefaultHashBytes = 1LL << 20;

void exec(sqlite3 *db, const char *sql, const char *what)
{
    Sqlite::check(db, sqlite3_exec(db, sql, nullptr, nullptr, nullptr), what);
}

qint64 scalar(sqlite3 *db, const char *sql)
{
    Statement query = prepare(db, sql);
    const int code = sqlite3_step(query.get());
    Sqlite::check(db, code, sql);
    return code == SQLITE_ROW ? sqlite3_column_int64(query.get(), 0) : 0;
}
} // namespace

BulkDataWriter::~BulkDataWriter() = default;

BulkDataWriter::BulkDataWriter(SqliteConnection &connection, const GenerationPlan &plan, QString passwordHash, Actor actor)
    : m_db(connection.handle())
    , m_connection(connection)
    , m_plan(plan)
    , m_passwordHash(passwordHash.toUtf8())
    , m_actor(std::move(actor))
{
    // Six letters from the seed keep emails of different seeds apart.
    Rng rng = rowRng(plan.seed, Salt, 1);
    for (int i = 0; i < 6; ++i)
        m_tag[i] = char('a' + rng.below(26));
    m_tag[6] = '\0';
}

void BulkDataWriter::tuneConnection()
{
    // temp_store stays FILE: a statement journal holds every page its statement first touches
    // (up to a page per random index per row on a big store), and the staging tables (below)
    // are small; in memory both would grow with the store, in files the OS caches what fits.
    // Checkpoint the WAL every 1 GiB rather than every 4 MiB: a page of a randomly ordered
    // index (progress by updated_at) that several batches touch is copied into the file once
    // per checkpoint, not once per batch. The WAL is emptied and removed when the store closes.
    Sqlite::check(m_db, sqlite3_exec(m_db, "PRAGMA wal_autocheckpoint = 262144", nullptr, nullptr, nullptr),
                  "wal_autocheckpoint");
    const QByteArray pragma = QByteArrayLiteral("PRAGMA cache_size = -") + QByteArray::number(CacheKiB);
    Sqlite::check(m_db, sqlite3_exec(m_db, pragma.constData(), nullptr, nullptr, nullptr), "cache_size");
    // CREATE INDEX sorts with a helper thread (the progress indexes are built at the end).
    Sqlite::check(m_db, sqlite3_exec(m_db, "PRAGMA threads = 2", nullptr, nullptr, nullptr), "threads");
    Statement column = prepare(m_db, "SELECT COUNT(*) FROM pragma_table_info('progress') WHERE name = 'track'");
    m_progressHasTrack = sqlite3_step(column.get()) == SQLITE_ROW && sqlite3_column_int(column.get(), 0) == 1;
}

void BulkDataWriter::checkNotGeneratedYet()
{
    const Rows rows{m_plan, m_tag};
    if (m_plan.users > 0) {
        UserRow user;
        rows.user(0, user);
        Statement query = prepare(m_db, "SELECT 1 FROM users WHERE id = ? OR email = ?");
        bindText(query.get(), 1, user.id);
        bindText(query.get(), 2, user.email);
        if (sqlite3_step(query.get()) == SQLITE_ROW)
            throw ConflictError(QStringLiteral("This store already holds users generated with --seed %1 (%2); "
                                               "give another --seed. Nothing was written")
                                    .arg(m_plan.seed)
                                    .arg(QString::fromUtf8(user.email)));
    }
    if (m_plan.lessons > 0) {
        LessonRow lesson;
        rows.lesson(0, lesson);
        Statement query = prepare(m_db, "SELECT 1 FROM lessons WHERE id = ?");
        bindText(query.get(), 1, lesson.id);
        if (sqlite3_step(query.get()) == SQLITE_ROW)
            throw ConflictError(QStringLiteral("This store already holds lessons generated with --seed %1; give "
                                               "another --seed. Nothing was written")
                                    .arg(m_plan.seed));
    }
}

namespace {
void recordBatch(QSqlDatabase &database, const QString &type, const QString &subject, quint64 seed, const Actor &actor,
                 qint64 first, qint64 count)
{
    // One audit row per batch: millions of x.created rows would say nothing more.
    recordEvent(database, DomainEvent{type, subject, QStringLiteral("generated:seed-%1").arg(seed), actor,
                                      QJsonObject{{QStringLiteral("first"), first}, {QStringLiteral("count"), count}},
                                      QDateTime::currentDateTimeUtc()});
}
} // namespace

void BulkDataWriter::insertUsers(qint64 first, qint64 count)
{
    if (m_deferred->first < 0)
        m_deferred->first = first;
    MultiRowInsert insert(m_db, "users", "id, email, username, password_hash, role, version, created_at, updated_at",
                          "(?, ?, ?, ?, ?, 1, ?, ?)", "INSERT INTO users");
    const Rows rows{m_plan, m_tag};
    UserRow row;
    for (qint64 number = first; number < first + count; ++number) {
        rows.user(number, row);
        insert.text(row.id);
        insert.text(row.email);
        insert.text(row.username);
        insert.text(m_passwordHash.constData());
        insert.text(row.role);
        insert.text(row.created);
        insert.text(row.created);
        insert.endRow();
    }
    insert.finish();
    m_deferred->rows += count;
}

void BulkDataWriter::insertLessons(qint64 first, qint64 count)
{
    if (m_deferred->first < 0)
        m_deferred->first = first;
    MultiRowInsert insert(m_db, "lessons",
                          "id, title, track, difficulty, status, content_key, version, created_at, updated_at",
                          "(?, ?, ?, ?, ?, NULL, 1, ?, ?)", "INSERT INTO lessons");
    const Rows rows{m_plan, m_tag};
    LessonRow row;
    char title[160];
    char track[64];
    char created[32];
    char updated[32];
    const qint64 combinations = qint64(TitleTemplates.size() * Topics.size());
    for (qint64 number = first; number < first + count; ++number) {
        rows.lesson(number, row);
        Rng rng = rowRng(m_plan.seed, LessonsTable, quint64(number) ^ 0x5A5A5A5AULL);
        // Every (template, topic) once before any repeats; repeats are numbered parts.
        const qint64 kind = number % combinations;
        char topicTitle[120];
        std::snprintf(topicTitle, sizeof topicTitle, TitleTemplates[std::size_t(kind) % TitleTemplates.size()],
                      Topics[std::size_t(kind) / TitleTemplates.size()]);
        if (number < combinations)
            std::snprintf(title, sizeof title, "%s", topicTitle);
        else
            std::snprintf(title, sizeof title, "%s, part %lld", topicTitle, static_cast<long long>(number / combinations + 1));
        title[0] = char(std::toupper(static_cast<unsigned char>(title[0])));
        rows.trackName(row.track, track, sizeof track);
        // Most lessons are published; one in eight is still a draft.
        const bool published = rng.below(8) != 0;
        formatTimestamp(created, row.createdMs);
        // Edited at some point between its creation and the anchor.
        formatTimestamp(updated, row.createdMs + qint64(rng.below(quint64(m_plan.anchorMs - row.createdMs - 60000))));
        insert.text(row.id);
        insert.text(title);
        insert.text(track);
        insert.integer(row.difficulty);
        insert.text(published ? "published" : "draft");
        insert.text(created);
        insert.text(updated);
        insert.endRow();
    }
    insert.finish();
    m_deferred->rows += count;
}

qint64 BulkDataWriter::progressCountOf(qint64 user) const
{
    const qint64 users = m_plan.users;
    const qint64 total = m_plan.progress;
    auto base = [users, total](qint64 i) {
        // Even shares that add up to total exactly (128-bit: users x progress can exceed 2^63).
        return qint64(__int128(i + 1) * total / users - __int128(i) * total / users);
    };
    const qint64 pair = user / 2;
    if (2 * pair + 1 >= users)
        return base(user);
    // Two users split their two shares unevenly (one keen, one not), so the sum stays exact
    // and no one exceeds the number of lessons.
    const qint64 even = base(2 * pair);
    const qint64 odd = base(2 * pair + 1);
    const qint64 room = std::min(odd, m_plan.lessons - even);
    Rng rng = rowRng(m_plan.seed, ProgressSplit, quint64(pair));
    const qint64 shift = qint64(rng.below(quint64(room * 4 / 5 + 1)));
    return user % 2 == 0 ? even + shift : odd - shift;
}

void BulkDataWriter::begin(Phase phase)
{
    if (m_deferred)
        throw StoreError(QStringLiteral("generate: a phase's transaction is already open"));
    const char *table = phase == Phase::Users ? "users" : phase == Phase::Lessons ? "lessons" : "progress";
    exec(m_db, "BEGIN IMMEDIATE", "BEGIN");
    auto deferred = std::make_unique<Deferred>();
    deferred->phase = phase;
    try {
        deferred->lastRowidBefore = scalar(m_db, (QByteArrayLiteral("SELECT IFNULL(MAX(rowid), 0) FROM ") + table).constData());
        // Secondary indexes are built once by sorting at the end rather than kept in order row
        // by row, unless the table already holds more rows than this run adds (rebuilding
        // would then cost more than it saves). Progress always (its rows land at random
        // places in the by-date indexes).
        const qint64 adding = phase == Phase::Users ? m_plan.users : phase == Phase::Lessons ? m_plan.lessons : 0;
        if (phase == Phase::Progress || deferred->lastRowidBefore < adding) {
            std::vector<QByteArray> names;
            Statement indexes = prepare(m_db, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                                              "tbl_name = ? AND sql IS NOT NULL ORDER BY name");
            bindText(indexes.get(), 1, table);
            while (sqlite3_step(indexes.get()) == SQLITE_ROW) {
                names.emplace_back(reinterpret_cast<const char *>(sqlite3_column_text(indexes.get(), 0)));
                deferred->indexes.emplace_back(reinterpret_cast<const char *>(sqlite3_column_text(indexes.get(), 1)));
            }
            for (const QByteArray &name : names)
                exec(m_db, (QByteArrayLiteral("DROP INDEX \"") + name + "\"").constData(), "DROP INDEX");
        }
        std::vector<const char *> triggers;
        if (phase == Phase::Users)
            triggers.assign(UserTriggers.begin(), UserTriggers.end());
        else if (phase == Phase::Lessons)
            triggers.assign(LessonTriggers.begin(), LessonTriggers.end());
        else
            triggers.assign(ProgressTriggers.begin(), ProgressTriggers.end());
        Statement trigger = prepare(m_db, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?");
        for (const char *name : triggers) {
            bindText(trigger.get(), 1, name);
            if (sqlite3_step(trigger.get()) == SQLITE_ROW) {
                deferred->triggers.emplace_back(reinterpret_cast<const char *>(sqlite3_column_text(trigger.get(), 0)));
                exec(m_db, (QByteArrayLiteral("DROP TRIGGER \"") + name + "\"").constData(), "DROP TRIGGER");
                deferred->removed.push_back(name);
            }
            sqlite3_reset(trigger.get());
        }
    } catch (...) {
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    if (phase == Phase::Progress) {
        deferred->totals = deferred->removedTrigger("progress_totals_after_insert");
        deferred->daily = deferred->removedTrigger("progress_daily_after_insert");
        const std::size_t lessons = std::size_t(m_plan.lessons);
        deferred->learners.assign(lessons, 0);
        deferred->completed.assign(lessons, 0);
        deferred->scoreSum.assign(lessons, 0);
    }
    m_deferred = std::move(deferred);
}

qint64 BulkDataWriter::insert(qint64 from, qint64 budget, qint64 *rows)
{
    if (!m_deferred)
        throw StoreError(QStringLiteral("generate: rows are written between begin() and finish()"));
    switch (m_deferred->phase) {
    case Phase::Users: {
        const qint64 count = std::min(budget, m_plan.users - from);
        insertUsers(from, count);
        *rows += count;
        return from + count;
    }
    case Phase::Lessons: {
        const qint64 count = std::min(budget, m_plan.lessons - from);
        insertLessons(from, count);
        *rows += count;
        return from + count;
    }
    case Phase::Progress: return insertProgress(from, budget, rows);
    }
    return from;
}

qint64 BulkDataWriter::end(Phase phase) const
{
    return phase == Phase::Lessons ? m_plan.lessons : m_plan.users;
}

void BulkDataWriter::finishUsers()
{
    const Deferred &deferred = *m_deferred;
    if (!deferred.removedTrigger("users_fts_after_insert"))
        return;
    // The new users into the search index in one statement, with a larger in-memory hash for
    // it; the setting is put back as it was (it is stored in the index's config table).
    Statement previous = prepare(m_db, "SELECT v FROM users_fts_config WHERE k = 'hashsize'");
    const bool hadSetting = sqlite3_step(previous.get()) == SQLITE_ROW;
    const qint64 before = hadSetting ? sqlite3_column_int64(previous.get(), 0) : FtsDefaultHashBytes;
    previous.reset();
    auto setHashSize = [this](qint64 bytes) {
        const QByteArray sql = QByteArrayLiteral("INSERT INTO users_fts(users_fts, rank) VALUES ('hashsize', ")
                               + QByteArray::number(bytes) + ")";
        exec(m_db, sql.constData(), "users_fts hashsize");
    };
    setHashSize(FtsFillHashBytes);
    Statement fill = prepare(m_db, "INSERT INTO users_fts (rowid, email, username) SELECT rowid, email, username "
                                   "FROM users WHERE rowid > ? ORDER BY rowid");
    sqlite3_bind_int64(fill.get(), 1, deferred.lastRowidBefore);
    stepAndReset(m_db, fill.get(), "INSERT INTO users_fts");
    setHashSize(before);
    if (!hadSetting)
        exec(m_db, "DELETE FROM users_fts_config WHERE k = 'hashsize'", "users_fts hashsize");
}

void BulkDataWriter::finishLessons()
{
    const Deferred &deferred = *m_deferred;
    if (!deferred.removedTrigger("lessons_totals_after_insert"))
        return;
    // What the trigger does for each lesson: an empty totals row.
    Statement totals = prepare(m_db, "INSERT OR IGNORE INTO progress_lesson_totals (lesson_id) SELECT id FROM lessons "
                                     "WHERE rowid > ? ORDER BY rowid");
    sqlite3_bind_int64(totals.get(), 1, deferred.lastRowidBefore);
    stepAndReset(m_db, totals.get(), "INSERT INTO progress_lesson_totals");
}

void BulkDataWriter::finishProgress()
{
    Deferred &deferred = *m_deferred;
    const Rows rows{m_plan, m_tag};
    LessonRow lesson;
    if (deferred.totals) {
        Statement add = prepare(m_db, "UPDATE progress_lesson_totals SET learners = learners + ?1, completed = "
                                      "completed + ?2, score_sum = score_sum + ?3 WHERE lesson_id = ?4");
        for (std::size_t number = 0; number < deferred.learners.size(); ++number) {
            if (deferred.learners[number] == 0)
                continue;
            rows.lesson(qint64(number), lesson);
            sqlite3_bind_int64(add.get(), 1, deferred.learners[number]);
            sqlite3_bind_int64(add.get(), 2, deferred.completed[number]);
            sqlite3_bind_int64(add.get(), 3, deferred.scoreSum[number]);
            bindText(add.get(), 4, lesson.id);
            stepAndReset(m_db, add.get(), "UPDATE progress_lesson_totals");
        }
    }
    if (deferred.daily) {
        Statement add = prepare(m_db, "INSERT INTO progress_daily_completions (lesson_id, day, completed) VALUES "
                                      "(?1, ?2, ?3) ON CONFLICT (lesson_id, day) DO UPDATE SET completed = "
                                      "completed + excluded.completed");
        char day[32];
        qint64 lastLesson = -1;
        for (const auto &[key, count] : deferred.completions) {
            const qint64 number = key / DaysPerLesson;
            if (number != lastLesson) {
                rows.lesson(number, lesson);
                lastLesson = number;
            }
            formatTimestamp(day, (key % DaysPerLesson) * DayMs);
            day[10] = '\0';
            bindText(add.get(), 1, lesson.id);
            bindText(add.get(), 2, day);
            sqlite3_bind_int64(add.get(), 3, count);
            stepAndReset(m_db, add.get(), "INSERT INTO progress_daily_completions");
        }
    }
}

void BulkDataWriter::finish()
{
    if (!m_deferred)
        throw StoreError(QStringLiteral("generate: no phase's transaction to finish"));
    const Deferred &deferred = *m_deferred;
    switch (deferred.phase) {
    case Phase::Users: finishUsers(); break;
    case Phase::Lessons: finishLessons(); break;
    case Phase::Progress: finishProgress(); break;
    }
    for (const QByteArray &sql : deferred.triggers)
        exec(m_db, sql.constData(), "CREATE TRIGGER");
    // Each index is built once from a sort of the table: far cheaper than keeping it in
    // order row by row.
    for (const QByteArray &sql : deferred.indexes)
        exec(m_db, sql.constData(), "CREATE INDEX");
    // One audit row per phase: millions of x.created rows would say nothing more.
    const QString kind = deferred.phase == Phase::Users     ? QStringLiteral("user")
                         : deferred.phase == Phase::Lessons ? QStringLiteral("lesson")
                                                            : QStringLiteral("progress");
    recordBatch(m_connection.database(), kind + QStringLiteral(".bulk_created"), kind, m_plan.seed, m_actor,
                std::max<qint64>(deferred.first, 0), deferred.rows);
    exec(m_db, "COMMIT", "COMMIT");
    m_deferred.reset();
}

void BulkDataWriter::abandon()
{
    if (!m_deferred)
        return;
    m_deferred.reset();
    // Puts back the indexes and triggers too: they were dropped in this transaction.
    sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
}

qint64 BulkDataWriter::insertProgress(qint64 firstUser, qint64 rowBudget, qint64 *written)
{
    Deferred &deferred = *m_deferred;
    if (deferred.first < 0)
        deferred.first = firstUser;
    MultiRowInsert insert(m_db, "progress",
                          m_progressHasTrack ? "user_id, lesson_id, completed, score, completed_at, updated_at, track"
                                             : "user_id, lesson_id, completed, score, completed_at, updated_at",
                          m_progressHasTrack ? "(?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?)", "INSERT INTO progress");
    const Rows rows{m_plan, m_tag};
    const qint64 lessons = m_plan.lessons;
    const qint64 yearAgo = m_plan.anchorMs - YearMs;
    const qint64 latest = m_plan.anchorMs - 60000;
    char userId[40];
    char track[64];
    char updated[32];
    char completedAt[32];
    LessonRow lesson;
    qint64 rowsNow = 0;
    qint64 user = firstUser;
    for (; user < m_plan.users && rowsNow < rowBudget; ++user) {
        const qint64 count = progressCountOf(user);
        if (count == 0)
            continue;
        rows.userId(user, userId);
        const qint64 userCreated = rows.userCreatedMs(user);
        Rng userRng = rowRng(m_plan.seed, ProgressUser, quint64(user));
        // A run of consecutive lessons (a learner works through a track), from a random
        // start, wrapping around; written in lesson order, so in (user_id, lesson_id) order.
        const qint64 start = qint64(userRng.below(quint64(lessons)));
        const qint64 wrapped = std::max<qint64>(0, start + count - lessons);
        auto writeOne = [&](qint64 number) {
            rows.lesson(number, lesson);
            Rng rng{mix64(userRng.state ^ mix64(quint64(number) + 0x632BE59BD9B4E019ULL))};
            const qint64 earliest = std::max({yearAgo, userCreated, lesson.createdMs});
            const qint64 updatedMs = earliest + qint64(rng.below(quint64(std::max<qint64>(latest - earliest, 1))));
            // Harder lessons are completed less often: 78% at difficulty 1, 46% at 5.
            const bool completed = rng.below(100) < quint64(78 - 8 * (lesson.difficulty - 1));
            const int score = completed ? int(50 + rng.below(51)) : int(rng.below(71));
            deferred.learners[std::size_t(number)] += 1;
            deferred.completed[std::size_t(number)] += completed ? 1 : 0;
            deferred.scoreSum[std::size_t(number)] += score;
            formatTimestamp(updated, updatedMs);
            insert.text(userId);
            insert.text(lesson.id);
            insert.integer(completed ? 1 : 0);
            insert.integer(score);
            if (completed) {
                // Completed at the last update or shortly before it (a later retry, a note).
                const qint64 before = std::min<qint64>(updatedMs - earliest, 7 * DayMs);
                const qint64 completedMs = updatedMs - qint64(rng.below(quint64(before) + 1));
                formatTimestamp(completedAt, completedMs);
                deferred.completions[number * DaysPerLesson + completedMs / DayMs] += 1;
                insert.text(completedAt);
            } else {
                insert.null();
            }
            insert.text(updated);
            if (m_progressHasTrack) {
                rows.trackName(lesson.track, track, sizeof track);
                insert.text(track);
            }
            insert.endRow();
        };
        for (qint64 number = 0; number < wrapped; ++number)
            writeOne(number);
        for (qint64 number = start; number < start + count - wrapped; ++number)
            writeOne(number);
        rowsNow += count;
    }
    insert.finish();
    deferred.rows += rowsNow;
    *written += rowsNow;
    return user;
}

QString BulkDataWriter::userId(qint64 number) const
{
    char id[40];
    Rows{m_plan, m_tag}.userId(number, id);
    return QString::fromLatin1(id);
}

QString BulkDataWriter::lessonId(qint64 number) const
{
    LessonRow row;
    Rows{m_plan, m_tag}.lesson(number, row);
    return QString::fromLatin1(row.id);
}

QString BulkDataWriter::userEmail(qint64 number) const
{
    UserRow row;
    Rows{m_plan, m_tag}.user(number, row);
    return QString::fromLatin1(row.email);
}

QString BulkDataWriter::passwordHashFor(quint64 seed)
{
    Rng rng = rowRng(seed, Salt, 0);
    QByteArray salt;
    for (int i = 0; i < PasswordHasher::SaltBytes; ++i)
        salt.append(char(rng.below(256)));
    return PasswordHasher::hashWithSalt(password(), salt, PasswordHasher::DefaultIterations);
}

} // namespace edge
