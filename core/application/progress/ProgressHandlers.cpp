#include "ProgressHandlers.h"

#include "domain/UserId.h"

#include <memory>

namespace edge {

namespace {

void throwIfProblems(const QMap<QString, QString> &problems)
{
    if (problems.isEmpty())
        return;
    QStringList lines;
    for (auto it = problems.cbegin(); it != problems.cend(); ++it)
        lines << it.key() + QLatin1Char(' ') + it.value();
    throw ValidationError(lines.join(QStringLiteral("; ")), problems);
}

// Ids are compared and stored lower case, as the Worker's crypto.randomUUID() makes them.
void checkKey(QString &userId, QString &lessonId)
{
    QMap<QString, QString> problems;
    if (const QString why = UserId::problem(userId, QStringLiteral("user")); !why.isEmpty())
        problems.insert(QStringLiteral("userId"), why);
    if (const QString why = UserId::problem(lessonId, QStringLiteral("lesson")); !why.isEmpty())
        problems.insert(QStringLiteral("lessonId"), why);
    throwIfProblems(problems);
    userId = userId.toLower();
    lessonId = lessonId.toLower();
}

ConflictError staleProgress(const QString &key, const std::optional<ProgressEntry> &current, int baseVersion)
{
    if (!current)
        return ConflictError(QStringLiteral("Progress %1 no longer exists (you edited version %2)").arg(key).arg(baseVersion),
                             {{QStringLiteral("version"), QStringLiteral("is stale; the row does not exist")}}, QVariant());
    return ConflictError(QStringLiteral("Progress %1 was changed by someone else (now version %2, you edited version %3)")
                             .arg(key)
                             .arg(current->version)
                             .arg(baseVersion),
                         {{QStringLiteral("version"), QStringLiteral("is stale; current version is %1").arg(current->version)}},
                         QVariant::fromValue(*current));
}

// Imports of more rows than this publish no per-row events (pages refresh instead).
constexpr qsizetype MaxPublishedImportEvents = 100;

} // namespace

QMap<QString, QString> progressFieldProblems(const QString &userId, const QString &lessonId,
                                             const ProgressChange &change, bool completedAfter,
                                             const QDateTime &now)
{
    QMap<QString, QString> problems;
    const auto add = [&problems](const char *field, const QString &problem) {
        if (!problem.isEmpty())
            problems.insert(QString::fromLatin1(field), problem);
    };
    add("userId", UserId::problem(userId, QStringLiteral("user")));
    add("lessonId", UserId::problem(lessonId, QStringLiteral("lesson")));
    if (change.score)
        add("score", ProgressEntry::scoreProblem(*change.score));
    if (change.completedAt)
        add("completedAt", ProgressEntry::completedAtProblem(*change.completedAt, completedAfter, now));
    return problems;
}

QCoro::Task<ProgressEntry> ProgressCommandHandler::set(SetProgressCommand command)
{
    // Every field at once; whether the row ends completed may depend on the stored row, so
    // that rule waits for it (unless the command says).
    throwIfProblems(progressFieldProblems(command.userId, command.lessonId, command.change,
                                          command.change.completed.value_or(true), QDateTime::currentDateTimeUtc()));
    checkKey(command.userId, command.lessonId);
    const QString key = command.userId + QLatin1Char(':') + command.lessonId;
    if (command.baseVersion < 0)
        throw ValidationError::field(QStringLiteral("version"), QStringLiteral("must be 1 or more"));
    if (command.base && (command.baseVersion < 1 || command.base->key() != key || command.base->version != command.baseVersion))
        throw ValidationError(QStringLiteral("The row a correction is based on must be the one it names, at its version"));

    // Without baseVersion a row changed between the read and the write is read again, once.
    for (int attempt = 0;; ++attempt) {
        std::optional<ProgressEntry> before;
        if (command.base && attempt == 0) {
            before = command.base;
        } else {
            before = co_await m_progress.find(command.userId, command.lessonId);
            if (command.baseVersion > 0 && (!before || before->version != command.baseVersion))
                throw staleProgress(key, before, command.baseVersion);
        }
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const bool completedAfter = command.change.completed.value_or(before && before->completed);
        throwIfProblems(progressFieldProblems(command.userId, command.lessonId, command.change, completedAfter, now));

        ProgressWrite write;
        write.entry = applyProgressChange(before, command.userId, command.lessonId, command.change, now);
        write.expectedVersion = before ? before->version : 0;
        write.event = DomainEvent::progressUpserted(write.entry, before, m_actor);
        try {
            const ProgressEntry stored = co_await m_progress.upsert(write);
            m_events.publish(write.event);
            co_return stored;
        } catch (const ConflictError &conflict) {
            if (command.baseVersion > 0) {
                const std::optional<ProgressEntry> current = conflict.current().isValid()
                                                                 ? std::optional(conflict.current().value<ProgressEntry>())
                                                                 : std::nullopt;
                throw staleProgress(key, current, command.baseVersion);
            }
            if (attempt >= 1)
                throw;
        }
    }
}

QCoro::Task<ProgressEntry> ProgressCommandHandler::reset(ResetProgressCommand command)
{
    checkKey(command.userId, command.lessonId);
    const Actor actor = m_actor;
    const ProgressEvent describe = [actor](const std::optional<ProgressEntry> &, const ProgressEntry &deleted) {
        return DomainEvent::progressDeleted(deleted, actor);
    };
    const ProgressEntry deleted = co_await m_progress.remove(command.userId, command.lessonId, describe);
    m_events.publish(DomainEvent::progressDeleted(deleted, m_actor));
    co_return deleted;
}

QCoro::Task<ProgressBatchOutcome> ProgressCommandHandler::import(QList<ProgressImportRow> rows, bool checkOnly,
                                                                 ImportProgress progress)
{
    if (rows.isEmpty())
        throw ValidationError::field(QStringLiteral("rows"), QStringLiteral("must hold at least one row"));
    // The rows' own values first, every row: nothing is sent to the store unless all are good.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QMap<QString, QString> problems;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        ProgressImportRow &row = rows[i];
        ProgressChange change;
        change.completed = row.completed;
        change.score = row.score;
        change.completedAt = row.completedAt;
        const QMap<QString, QString> rowProblems = progressFieldProblems(row.userId, row.lessonId, change, row.completed, now);
        for (auto it = rowProblems.cbegin(); it != rowProblems.cend(); ++it)
            problems.insert(QStringLiteral("rows[%1].%2").arg(i).arg(it.key()), it.value());
        row.userId = row.userId.toLower();
        row.lessonId = row.lessonId.toLower();
    }
    refuseImportProblems(problems, rows.size());

    // The store calls describe on its own thread, one row after another; the events are read
    // here only after the import has finished.
    const bool publish = !checkOnly && rows.size() <= MaxPublishedImportEvents;
    const auto events = std::make_shared<QList<DomainEvent>>();
    const Actor actor = m_actor;
    const ProgressEvent describe = [actor, events, publish](const std::optional<ProgressEntry> &before,
                                                            const ProgressEntry &after) {
        DomainEvent event = DomainEvent::progressUpserted(after, before, actor);
        if (publish)
            events->append(event);
        return event;
    };
    const ProgressBatchOutcome outcome = co_await m_progress.importRows(rows, checkOnly, describe, progress);
    for (const DomainEvent &event : std::as_const(*events))
        m_events.publish(event);
    co_return outcome;
}

QCoro::Task<ProgressEntry> ProgressQueryHandler::get(QString userId, QString lessonId)
{
    checkKey(userId, lessonId);
    const std::optional<ProgressEntry> found = co_await m_progress.find(userId, lessonId);
    if (!found)
        throw NotFoundError(QStringLiteral("Progress"), userId + QLatin1Char(':') + lessonId);
    co_return *found;
}

QCoro::Task<ProgressPage> ProgressQueryHandler::list(ProgressListQuery query)
{
    query.validate();
    query.userId = query.userId.toLower();
    query.lessonId = query.lessonId.toLower();
    co_return co_await m_progress.list(query);
}

QCoro::Task<qint64> ProgressQueryHandler::count(ProgressListQuery query)
{
    query.validate();
    query.userId = query.userId.toLower();
    query.lessonId = query.lessonId.toLower();
    co_return co_await m_progress.count(query);
}

QCoro::Task<QList<LessonProgressStats>> ProgressQueryHandler::lessonStats(QString track)
{
    if (!track.isEmpty())
        if (const QString why = Lesson::trackProblem(track); !why.isEmpty())
            throw ValidationError::field(QStringLiteral("track"), why);
    co_return co_await m_progress.lessonStats(track);
}

QCoro::Task<QList<TrackProgressStats>> ProgressQueryHandler::trackStats()
{
    co_return co_await m_progress.trackStats();
}

QCoro::Task<QList<CompletionsPeriod>> ProgressQueryHandler::completions(CompletionsQuery query)
{
    query.validate();
    query.lessonId = query.lessonId.toLower();
    co_return co_await m_progress.completions(query);
}

} // namespace edge
