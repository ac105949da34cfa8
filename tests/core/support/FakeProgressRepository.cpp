#include "FakeProgressRepository.h"

#include "application/progress/ProgressCursor.h"

#include <QCoro/QCoroSignal>
#include <QCoro/QCoroTimer>
#include <QUuid>

#include <algorithm>
#include <cmath>

namespace edge::test {

namespace {

QString freshId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// SQLite's BINARY collation: UTF-8 bytes.
int compareValues(const QVariant &a, const QVariant &b)
{
    if (a.typeId() == QMetaType::Int && b.typeId() == QMetaType::Int)
        return a.toInt() < b.toInt() ? -1 : (a.toInt() > b.toInt() ? 1 : 0);
    const QByteArray x = a.toString().toUtf8();
    const QByteArray y = b.toString().toUtf8();
    return x < y ? -1 : (y < x ? 1 : 0);
}

int compareKeys(const QVariant &value, const QString &userId, const QString &lessonId, const ProgressPosition &at)
{
    if (const int order = compareValues(value, at.value); order != 0)
        return order;
    if (const int order = compareValues(userId, at.userId); order != 0)
        return order;
    return compareValues(lessonId, at.lessonId);
}

// The Worker's users search: a trimmed term, ASCII case folded under 3 characters (LIKE),
// case-insensitive trigram matching from 3 on.
bool matchesSearch(const QString &term, const QString &email, const QString &username)
{
    if (term.isEmpty())
        return true;
    if (term.toUcs4().size() >= 3) // the trigram tokenizer counts code points
        return email.contains(term, Qt::CaseInsensitive) || username.contains(term, Qt::CaseInsensitive);
    const auto foldAscii = [](QString text) {
        for (QChar &c : text)
            if (c >= u'A' && c <= u'Z')
                c = QChar(c.unicode() + 32);
        return text;
    };
    const QString folded = foldAscii(term);
    return foldAscii(email).contains(folded) || foldAscii(username).contains(folded);
}

double rounded(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

QDate periodStart(const QDate &day, CompletionBucket bucket)
{
    switch (bucket) {
    case CompletionBucket::Day:
        return day;
    case CompletionBucket::Week:
        return day.addDays(1 - day.dayOfWeek()); // Monday
    case CompletionBucket::Month:
        return QDate(day.year(), day.month(), 1);
    }
    return day;
}

} // namespace

FakeProgressRepository::FakeProgressRepository(QObject *parent) : QObject(parent) {}

QString FakeProgressRepository::addUser(const QString &email, const QString &username, QString id)
{
    if (id.isEmpty())
        id = freshId();
    m_users.append({id, email, username.isEmpty() ? email.section(QLatin1Char('@'), 0, 0) : username});
    return id;
}

QString FakeProgressRepository::addLesson(const QString &title, const QString &track, QString id)
{
    if (id.isEmpty())
        id = freshId();
    m_lessons.append({id, title, track});
    return id;
}

ProgressEntry FakeProgressRepository::named(ProgressEntry entry) const
{
    if (const User *u = user(entry.userId)) {
        entry.userEmail = u->email;
        entry.username = u->username;
    }
    if (const Lesson *l = lesson(entry.lessonId)) {
        entry.lessonTitle = l->title;
        entry.track = l->track;
    }
    return entry;
}

ProgressEntry FakeProgressRepository::put(ProgressEntry entry)
{
    entry = named(std::move(entry));
    if (const qsizetype i = indexOf(entry.userId, entry.lessonId); i >= 0)
        m_rows[i] = entry;
    else
        m_rows.append(entry);
    return entry;
}

QList<ProgressEntry> FakeProgressRepository::seed(int users, int lessons)
{
    static const QStringList tracks{QStringLiteral("cpp"), QStringLiteral("python"), QStringLiteral("web")};
    QStringList userIds;
    QStringList lessonIds;
    for (int u = 0; u < users; ++u) {
        const QString name = QStringLiteral("learner%1").arg(u, 3, 10, QLatin1Char('0'));
        userIds.append(addUser(name + QStringLiteral("@example.com"), name));
    }
    for (int l = 0; l < lessons; ++l)
        lessonIds.append(addLesson(QStringLiteral("Lesson %1").arg(l, 3, 10, QLatin1Char('0')), tracks.at(l % tracks.size())));
    const QDateTime start(QDate(2025, 1, 1), QTime(8, 0), Qt::UTC);
    QList<ProgressEntry> added;
    for (int u = 0; u < users; ++u) {
        for (int l = 0; l < lessons; ++l) {
            ProgressEntry entry;
            entry.userId = userIds.at(u);
            entry.lessonId = lessonIds.at(l);
            entry.score = (u * 7 + l * 13) % 101;
            entry.completed = (u + l) % 3 != 0;
            entry.updatedAt = start.addSecs(60LL * (qint64(u) * lessons + l));
            if (entry.completed)
                entry.completedAt = entry.updatedAt.addSecs(-30 * 60);
            added.append(put(entry));
        }
    }
    return added;
}

std::optional<ProgressEntry> FakeProgressRepository::entry(const QString &userId, const QString &lessonId) const
{
    if (const qsizetype i = indexOf(userId, lessonId); i >= 0)
        return m_rows.at(i);
    return std::nullopt;
}

QList<ProgressEntry> FakeProgressRepository::entries() const
{
    return m_rows;
}

void FakeProgressRepository::clearRows()
{
    m_rows.clear();
}

QDateTime FakeProgressRepository::now() const
{
    return m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
}

int FakeProgressRepository::calls(Call call) const
{
    return m_calls.value(call);
}

int FakeProgressRepository::totalCalls() const
{
    int total = 0;
    for (const int n : m_calls)
        total += n;
    return total;
}

void FakeProgressRepository::resetCalls()
{
    m_calls.clear();
    m_listQueries.clear();
    m_countQueries.clear();
    m_completionsQueries.clear();
    m_upserts.clear();
    m_importReports.clear();
}

void FakeProgressRepository::release(Call call)
{
    m_held.remove(call);
    emit released();
}

void FakeProgressRepository::releaseAll()
{
    m_held.clear();
    emit released();
}

QCoro::Task<> FakeProgressRepository::answer(Call call)
{
    if (!m_atOnce)
        co_await QCoro::sleepFor(std::chrono::milliseconds(0)); // never synchronously
    if (!m_held.contains(call))
        co_return;
    ++m_waiting;
    while (m_held.contains(call))
        co_await qCoro(this, &FakeProgressRepository::released);
    --m_waiting;
}

qsizetype FakeProgressRepository::indexOf(const QString &userId, const QString &lessonId) const
{
    const auto found = std::find_if(m_rows.cbegin(), m_rows.cend(), [&](const ProgressEntry &row) {
        return row.userId == userId && row.lessonId == lessonId;
    });
    return found == m_rows.cend() ? -1 : found - m_rows.cbegin();
}

const FakeProgressRepository::User *FakeProgressRepository::user(const QString &id) const
{
    const auto found = std::find_if(m_users.cbegin(), m_users.cend(), [&](const User &u) { return u.id == id; });
    return found == m_users.cend() ? nullptr : &*found;
}

const FakeProgressRepository::Lesson *FakeProgressRepository::lesson(const QString &id) const
{
    const auto found = std::find_if(m_lessons.cbegin(), m_lessons.cend(), [&](const Lesson &l) { return l.id == id; });
    return found == m_lessons.cend() ? nullptr : &*found;
}

QList<ProgressEntry> FakeProgressRepository::matching(const ProgressListQuery &query) const
{
    query.validate();
    const QString term = query.search.trimmed();
    QList<ProgressEntry> rows;
    for (const ProgressEntry &stored : m_rows) {
        const ProgressEntry row = named(stored);
        if (!query.userId.isEmpty() && row.userId != query.userId.toLower())
            continue;
        if (!query.lessonId.isEmpty() && row.lessonId != query.lessonId.toLower())
            continue;
        if (!query.track.isEmpty() && row.track != query.track)
            continue;
        if (query.completed && row.completed != *query.completed)
            continue;
        if (query.minScore && row.score < *query.minScore)
            continue;
        if (query.maxScore && row.score > *query.maxScore)
            continue;
        if (query.completedFrom.isValid() && (!row.completedAt.isValid() || row.completedAt < query.completedFrom))
            continue;
        if (query.completedTo.isValid() && (!row.completedAt.isValid() || row.completedAt >= query.completedTo))
            continue;
        if (!matchesSearch(term, row.userEmail, row.username))
            continue;
        rows.append(row);
    }
    const bool ascending = query.order == SortOrder::Ascending;
    std::sort(rows.begin(), rows.end(), [&](const ProgressEntry &a, const ProgressEntry &b) {
        const ProgressPosition at{progress_cursor::sortValue(b, query.sort), b.userId, b.lessonId};
        const int order = compareKeys(progress_cursor::sortValue(a, query.sort), a.userId, a.lessonId, at);
        return ascending ? order < 0 : order > 0;
    });
    return rows;
}

QCoro::Task<std::optional<ProgressEntry>> FakeProgressRepository::find(QString userId, QString lessonId)
{
    auto outcome = serve(Call::Find, [&]() -> std::optional<ProgressEntry> {
        if (auto found = entry(userId.toLower(), lessonId.toLower()))
            return named(*found);
        return std::nullopt;
    });
    co_await answer(Call::Find);
    co_return outcome.take();
}

QCoro::Task<ProgressPage> FakeProgressRepository::list(ProgressListQuery query)
{
    m_listQueries.append(query);
    auto outcome = serve(Call::List, [&] {
        QList<ProgressEntry> rows = matching(query);
        ProgressPage page;
        if (query.withTotal)
            page.total = rows.size();
        qsizetype first = qsizetype(query.page - 1) * query.pageSize;
        if (!query.cursor.isEmpty()) {
            const ProgressPosition after = progress_cursor::decode(query.cursor, query.sort, query.order);
            const bool ascending = query.order == SortOrder::Ascending;
            first = std::find_if(rows.cbegin(), rows.cend(),
                                 [&](const ProgressEntry &row) {
                                     const int order = compareKeys(progress_cursor::sortValue(row, query.sort),
                                                                   row.userId, row.lessonId, after);
                                     return ascending ? order > 0 : order < 0;
                                 })
                    - rows.cbegin();
        }
        page.items = rows.mid(first, query.pageSize);
        if (first + query.pageSize < rows.size() && !page.items.isEmpty()) {
            const ProgressEntry &last = page.items.constLast();
            page.nextCursor = progress_cursor::encode(
                query.sort, query.order, {progress_cursor::sortValue(last, query.sort), last.userId, last.lessonId});
        }
        return page;
    });
    co_await answer(Call::List);
    co_return outcome.take();
}

QCoro::Task<qint64> FakeProgressRepository::count(ProgressListQuery query)
{
    m_countQueries.append(query);
    auto outcome = serve(Call::Count, [&] { return qint64(matching(query).size()); });
    co_await answer(Call::Count);
    co_return outcome.take();
}

QCoro::Task<QList<LessonProgressStats>> FakeProgressRepository::lessonStats(QString track)
{
    auto outcome = serve(Call::LessonStats, [&] {
        QList<LessonProgressStats> stats;
        for (const Lesson &l : m_lessons) {
            if (!track.isEmpty() && l.track != track)
                continue;
            LessonProgressStats s;
            s.lessonId = l.id;
            s.title = l.title;
            s.track = l.track;
            qint64 scoreSum = 0;
            for (const ProgressEntry &row : m_rows) {
                if (row.lessonId != l.id)
                    continue;
                ++s.learners;
                s.completed += row.completed ? 1 : 0;
                scoreSum += row.score;
            }
            s.averageScore = s.learners ? rounded(double(scoreSum) / double(s.learners), 2) : 0.0;
            stats.append(s);
        }
        std::sort(stats.begin(), stats.end(), [](const LessonProgressStats &a, const LessonProgressStats &b) {
            return std::tie(a.track, a.title, a.lessonId) < std::tie(b.track, b.title, b.lessonId);
        });
        return stats;
    });
    co_await answer(Call::LessonStats);
    co_return outcome.take();
}

QCoro::Task<QList<TrackProgressStats>> FakeProgressRepository::trackStats()
{
    auto outcome = serve(Call::TrackStats, [&] {
        QMap<QString, TrackProgressStats> byTrack;
        QMap<QString, qint64> scoreSums;
        for (const Lesson &l : m_lessons) {
            TrackProgressStats &s = byTrack[l.track];
            s.track = l.track;
            ++s.lessons;
        }
        for (const ProgressEntry &row : m_rows) {
            const Lesson *l = lesson(row.lessonId);
            if (!l)
                continue;
            TrackProgressStats &s = byTrack[l->track];
            ++s.learners;
            s.completed += row.completed ? 1 : 0;
            scoreSums[l->track] += row.score;
        }
        QList<TrackProgressStats> stats;
        for (TrackProgressStats s : std::as_const(byTrack)) {
            s.averageScore = s.learners ? rounded(double(scoreSums.value(s.track)) / double(s.learners), 2) : 0.0;
            stats.append(s);
        }
        return stats;
    });
    co_await answer(Call::TrackStats);
    co_return outcome.take();
}

QCoro::Task<QList<CompletionsPeriod>> FakeProgressRepository::completions(CompletionsQuery query)
{
    m_completionsQueries.append(query);
    auto outcome = serve(Call::Completions, [&] {
        query.validate();
        QMap<QDate, qint64> periods;
        for (const ProgressEntry &row : m_rows) {
            if (!row.completedAt.isValid())
                continue;
            const Lesson *l = lesson(row.lessonId);
            if (!l || (!query.lessonId.isEmpty() && l->id != query.lessonId.toLower())
                || (!query.track.isEmpty() && l->track != query.track))
                continue;
            if ((query.from.isValid() && row.completedAt < query.from) || (query.to.isValid() && row.completedAt >= query.to))
                continue;
            ++periods[periodStart(row.completedAt.toUTC().date(), query.bucket)];
        }
        QList<CompletionsPeriod> result;
        for (auto it = periods.cbegin(); it != periods.cend(); ++it)
            result.append({it.key(), it.value()});
        return result;
    });
    co_await answer(Call::Completions);
    co_return outcome.take();
}

QCoro::Task<ProgressEntry> FakeProgressRepository::upsert(ProgressWrite write)
{
    m_upserts.append(write);
    auto outcome = serve(Call::Upsert, [&] {
        const ProgressEntry &entry = write.entry;
        if (!user(entry.userId))
            throw NotFoundError(QStringLiteral("User"), entry.userId);
        if (!lesson(entry.lessonId))
            throw NotFoundError(QStringLiteral("Lesson"), entry.lessonId);
        const qsizetype i = indexOf(entry.userId, entry.lessonId);
        const int storedVersion = i >= 0 ? m_rows.at(i).version : 0;
        if (storedVersion != write.expectedVersion) {
            const QVariant current = i >= 0 ? QVariant::fromValue(named(m_rows.at(i))) : QVariant();
            throw ConflictError(QStringLiteral("Progress %1 is at version %2, not %3 (test store)")
                                    .arg(entry.key())
                                    .arg(storedVersion)
                                    .arg(write.expectedVersion),
                                {}, current);
        }
        m_recorded.append(write.event);
        return put(entry);
    });
    co_await answer(Call::Upsert);
    co_return outcome.take();
}

QCoro::Task<ProgressEntry> FakeProgressRepository::remove(QString userId, QString lessonId, ProgressEvent describe)
{
    auto outcome = serve(Call::Remove, [&] {
        const qsizetype i = indexOf(userId.toLower(), lessonId.toLower());
        if (i < 0)
            throw NotFoundError(QStringLiteral("Progress"), userId + QLatin1Char(':') + lessonId);
        const ProgressEntry deleted = named(m_rows.takeAt(i));
        m_recorded.append(describe(deleted, deleted));
        return deleted;
    });
    co_await answer(Call::Remove);
    co_return outcome.take();
}

QCoro::Task<ProgressBatchOutcome> FakeProgressRepository::importRows(QList<ProgressImportRow> rows, bool checkOnly,
                                                                     ProgressEvent describe, ImportProgress progress)
{
    auto outcome = serve(Call::ImportRows, [&] {
        const QMap<QString, QString> problems = progressImportReferenceProblems(
            rows, [this](const QString &id) { return user(id) != nullptr; },
            [this](const QString &id) { return lesson(id) != nullptr; });
        refuseImportProblems(problems, rows.size());
        ProgressBatchOutcome result;
        const qint64 total = rows.size();
        const auto report = [&](qint64 done) {
            m_importReports.append({done, total});
            if (progress && !progress(done, total))
                throw ImportStoppedError();
        };
        // Computed on a copy and kept only when every row is through: all or nothing.
        QList<ProgressEntry> written = m_rows;
        QHash<QString, qsizetype> index;
        for (qsizetype i = 0; i < written.size(); ++i)
            index.insert(written.at(i).key(), i);
        QList<DomainEvent> events;
        const QDateTime at = now();
        for (qint64 i = 0; i < total; ++i) {
            if (i > 0 && i % m_importStep == 0)
                report(i);
            const ProgressImportRow &row = rows.at(i);
            const QString key = row.userId + QLatin1Char(':') + row.lessonId;
            const auto found = index.constFind(key);
            std::optional<ProgressEntry> before;
            if (found != index.cend())
                before = named(written.at(*found));
            ProgressChange change;
            change.completed = row.completed;
            change.score = row.score;
            change.completedAt = row.completedAt;
            const ProgressEntry after = named(applyProgressChange(before, row.userId, row.lessonId, change, at));
            if (before) {
                written[*found] = after;
                ++result.updated;
            } else {
                index.insert(key, written.size());
                written.append(after);
                ++result.created;
            }
            if (describe && !checkOnly)
                events.append(describe(before, after));
        }
        report(total);
        if (!checkOnly) { // checkOnly: what would be created and updated, nothing written
            m_rows = written;
            m_recorded.append(events);
        }
        return result;
    });
    co_await answer(Call::ImportRows);
    co_return outcome.take();
}

} // namespace edge::test
