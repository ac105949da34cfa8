#include "LessonHandlers.h"

#include "domain/UserId.h"

#include <QUuid>

namespace edge {

namespace {
void throwIfProblems(const QMap<QString, QString> &problems)
{
    if (problems.isEmpty())
        return;
    throw ValidationError(QStringList(problems.values()).join(QStringLiteral("; ")), problems);
}

QString statusProblem(const QString &status)
{
    try {
        parseLessonStatus(status);
        return {};
    } catch (const ValidationError &error) {
        return error.message();
    }
}
} // namespace

QMap<QString, QString> lessonFieldProblems(const QString &title, const QString &track, int difficulty,
                                           const QString &status)
{
    QMap<QString, QString> problems;
    const auto add = [&problems](const char *field, const QString &problem) {
        if (!problem.isEmpty())
            problems.insert(QString::fromLatin1(field), problem);
    };
    add("title", Lesson::titleProblem(title));
    add("track", Lesson::trackProblem(track));
    add("difficulty", Lesson::difficultyProblem(difficulty));
    add("status", statusProblem(status));
    return problems;
}

QString parseLessonId(const QString &text)
{
    // Lesson ids are UUIDs like user ids, with the same rule.
    if (const QString why = UserId::problem(text, QStringLiteral("lesson")); !why.isEmpty())
        throw ValidationError::field(QStringLiteral("id"), why);
    return text.toLower();
}

ConflictError staleLessonConflict(const Lesson &stored, int baseVersion)
{
    return ConflictError(QStringLiteral("\"%1\" was changed by someone else (now version %2, you edited "
                                        "version %3)")
                             .arg(stored.title)
                             .arg(stored.version)
                             .arg(baseVersion),
                         {}, QVariant::fromValue(stored));
}

QCoro::Task<Lesson> LessonCommandHandler::create(CreateLessonCommand command)
{
    throwIfProblems(lessonFieldProblems(command.title, command.track, command.difficulty, command.status));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    Lesson lesson;
    lesson.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    lesson.title = command.title.trimmed();
    lesson.track = command.track.trimmed();
    lesson.difficulty = command.difficulty;
    lesson.status = parseLessonStatus(command.status);
    lesson.createdAt = now;
    lesson.updatedAt = now;
    const Lesson stored = co_await m_lessons.insert(lesson, DomainEvent::lessonCreated(lesson, m_actor));
    m_events.publish(DomainEvent::lessonCreated(stored, m_actor));
    co_return stored;
}

QCoro::Task<Lesson> LessonCommandHandler::update(UpdateLessonCommand command)
{
    command.id = parseLessonId(command.id);
    if (command.baseVersion < 1)
        throw ValidationError::field(QStringLiteral("version"),
                                     QStringLiteral("Version must be 1 or more (got %1)").arg(command.baseVersion));
    const Lesson base = co_await baseOf(command);
    // Unset fields keep the base's value, so one rule set checks the result.
    const QString title = command.title.value_or(base.title);
    const QString track = command.track.value_or(base.track);
    const int difficulty = command.difficulty.value_or(base.difficulty);
    const QString status = command.status.value_or(lessonStatusToString(base.status));
    throwIfProblems(lessonFieldProblems(title, track, difficulty, status));

    Lesson next = base;
    next.title = title.trimmed();
    next.track = track.trimmed();
    next.difficulty = difficulty;
    next.status = parseLessonStatus(status);
    QStringList changed;
    if (next.title != base.title)
        changed << QStringLiteral("title");
    if (next.track != base.track)
        changed << QStringLiteral("track");
    if (next.difficulty != base.difficulty)
        changed << QStringLiteral("difficulty");
    if (next.status != base.status)
        changed << QStringLiteral("status");
    if (changed.isEmpty())
        co_return base; // nothing to store, nothing happened

    next = next.bumped();
    const LessonWrite write{next, command.baseVersion, changed, DomainEvent::lessonUpdated(next, changed, m_actor)};
    const Lesson stored = co_await m_lessons.update(write);
    m_events.publish(DomainEvent::lessonUpdated(stored, changed, m_actor));
    co_return stored;
}

QCoro::Task<Lesson> LessonCommandHandler::baseOf(const UpdateLessonCommand &command)
{
    if (command.base) {
        if (command.base->id != command.id || command.base->version != command.baseVersion)
            throw ValidationError(QStringLiteral("The lesson an update is based on must be the one it "
                                                 "names, at its version"));
        co_return *command.base;
    }
    const std::optional<Lesson> stored = co_await m_lessons.findById(command.id);
    if (!stored)
        throw NotFoundError(QStringLiteral("Lesson"), command.id);
    if (stored->version != command.baseVersion)
        throw staleLessonConflict(*stored, command.baseVersion);
    co_return *stored;
}

QCoro::Task<Lesson> LessonCommandHandler::setStatus(Lesson lesson, LessonStatus status)
{
    UpdateLessonCommand command;
    command.id = lesson.id;
    command.baseVersion = lesson.version;
    command.status = lessonStatusToString(status);
    command.base = lesson;
    // Publishing changes one field and means the same on any version: if the lesson moved on
    // since it was read (its HTML saved, say), the status is set on the current version,
    // once; everything else someone saved stays as they saved it.
    std::optional<Lesson> current;
    try {
        co_return co_await update(command);
    } catch (const ConflictError &conflict) {
        if (!conflict.fieldErrors().isEmpty() || !conflict.current().canConvert<Lesson>())
            throw;
        current = conflict.current().value<Lesson>();
    }
    if (current->status == status)
        co_return *current;
    command.baseVersion = current->version;
    command.base = *current;
    co_return co_await update(command);
}

QCoro::Task<Lesson> LessonCommandHandler::duplicate(QString id)
{
    id = parseLessonId(id);
    const std::optional<Lesson> original = co_await m_lessons.findById(id);
    if (!original)
        throw NotFoundError(QStringLiteral("Lesson"), id);
    LessonContent content;
    if (original->hasContent)
        content = co_await m_lessons.content(id, original->version);

    // The copy's title must obey the title rule too: shorten the original to make room.
    const QString suffix = QStringLiteral(" (copy)");
    QList<uint> codePoints = original->title.toUcs4();
    const qsizetype room = Lesson::TitleMaxLength - suffix.size();
    if (codePoints.size() > room)
        codePoints.resize(room);
    CreateLessonCommand command{QString::fromUcs4(reinterpret_cast<const char32_t *>(codePoints.constData()),
                                                  codePoints.size()).trimmed() + suffix,
                                original->track, original->difficulty, QStringLiteral("draft")};
    Lesson copy = co_await create(command);
    if (content.html.isEmpty())
        co_return copy;
    bool copied = false;
    // Named: GCC 12 destroys a braced temporary inside co_await twice (a double free).
    const PutLessonContentCommand put{copy.id, content.html, copy.version};
    try {
        copy = co_await putContent(put);
        copied = true;
    } catch (const DomainError &) {
    }
    if (!copied) {
        co_await remove(copy.id); // no copy without its content
        throw DomainError(ErrorKind::Unavailable,
                          QStringLiteral("The copy of \"%1\" could not get its content, so it was not kept")
                              .arg(original->title));
    }
    co_return copy;
}

QCoro::Task<Lesson> LessonCommandHandler::remove(QString id)
{
    id = parseLessonId(id);
    const Actor actor = m_actor;
    LessonEvent describe = [actor](const Lesson &deleted) { return DomainEvent::lessonDeleted(deleted, actor); };
    const Lesson deleted = co_await m_lessons.remove(id, describe);
    m_events.publish(describe(deleted));
    co_return deleted;
}

QCoro::Task<Lesson> LessonCommandHandler::putContent(PutLessonContentCommand command)
{
    command.id = parseLessonId(command.id);
    if (command.baseVersion < 1)
        throw ValidationError::field(QStringLiteral("version"),
                                     QStringLiteral("Version must be 1 or more (got %1)").arg(command.baseVersion));
    if (const QString why = Lesson::contentProblem(command.html); !why.isEmpty())
        throw ValidationError::field(QStringLiteral("content"), why);
    const Actor actor = m_actor;
    const qsizetype bytes = command.html.size();
    LessonEvent describe = [actor, bytes](const Lesson &stored) {
        return DomainEvent::lessonContentUpdated(stored, bytes, actor);
    };
    const Lesson stored = co_await m_lessons.putContent(command.id, command.html, command.baseVersion, describe);
    m_events.publish(describe(stored));
    co_return stored;
}

QCoro::Task<Lesson> LessonQueryHandler::get(QString id)
{
    id = parseLessonId(id);
    const std::optional<Lesson> lesson = co_await m_lessons.findById(id);
    if (!lesson)
        throw NotFoundError(QStringLiteral("Lesson"), id);
    co_return *lesson;
}

QCoro::Task<LessonPage> LessonQueryHandler::list(LessonListQuery query)
{
    query.validate();
    co_return co_await m_lessons.list(query);
}

QCoro::Task<qint64> LessonQueryHandler::count(LessonListQuery query)
{
    query.validate();
    co_return co_await m_lessons.count(query);
}

QCoro::Task<qint64> LessonQueryHandler::progressCount(QString id)
{
    co_return co_await m_lessons.progressCount(parseLessonId(id));
}

QCoro::Task<LessonContent> LessonQueryHandler::content(QString id, int knownVersion)
{
    co_return co_await m_lessons.content(parseLessonId(id), knownVersion);
}

} // namespace edge
