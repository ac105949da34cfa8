#include "LessonImporter.h"

#include "LessonStoreReads.h"
#include "domain/Errors.h"
#include "domain/Text.h"

#include <QSet>

namespace edge {

namespace {
// ---- importing -----------------------------------------------------------------------------

struct Matched
{
    QList<std::optional<Lesson>> targets; // per lesson of the batch
    QList<ArchiveProblem> problems;
};

QCoro::Task<Matched> matchTargets(LessonQueryHandler &queries, LessonBatch batch)
{
    Matched matched;
    matched.problems = LessonArchive::duplicateProblems(batch.lessons);
    QHash<QString, QHash<QString, QList<Lesson>>> byTrack; // track -> title -> lessons
    for (const ArchivedLesson &lesson : batch.lessons) {
        if (byTrack.contains(lesson.track))
            continue;
        const QList<Lesson> stored = co_await lessonsOfTrack(queries, lesson.track);
        QHash<QString, QList<Lesson>> byTitle;
        for (const Lesson &each : stored)
            byTitle[each.title].append(each);
        byTrack.insert(lesson.track, byTitle);
    }
    for (const ArchivedLesson &lesson : batch.lessons) {
        const QList<Lesson> candidates = byTrack.value(lesson.track).value(lesson.title);
        if (candidates.size() > 1) {
            QStringList ids;
            for (const Lesson &candidate : candidates)
                ids << candidate.id;
            matched.problems.append({lesson.file, lesson.titleLine, QStringLiteral("title"),
                                     QStringLiteral("the store holds %1 lessons titled \"%2\" in track \"%3\" (%4); "
                                                    "cannot tell which one to update")
                                         .arg(candidates.size())
                                         .arg(withInvisiblesShown(lesson.title), lesson.track,
                                              ids.join(QStringLiteral(", ")))});
        }
        matched.targets.append(candidates.isEmpty() ? std::nullopt : std::optional<Lesson>(candidates.first()));
    }
    co_return matched;
}

bool sameMetadata(const ArchivedLesson &file, const Lesson &stored)
{
    return file.title == stored.title && file.track == stored.track && file.difficulty == stored.difficulty
        && file.status == lessonStatusToString(stored.status);
}

// One entry per lesson this import wrote to, with what it needs to put things back.
struct JournalEntry
{
    bool created = false;
    QString file;
    Lesson before;           // updated: as it was
    QByteArray beforeContent;
    Lesson after;            // the last version this import produced
    bool metadataWritten = false;
    bool contentWritten = false;
};

QString describe(const Lesson &lesson)
{
    return QStringLiteral("\"%1\" (%2)").arg(withInvisiblesShown(lesson.title), lesson.id);
}

// Whether a lesson should get its content before its metadata: a lesson that ends up
// published gets its new content first (learners never see the new state with the old
// text or no text); one that ends up a draft is unpublished first.
bool contentFirst(const QString &finalStatus)
{
    return finalStatus == QLatin1String("published");
}

QCoro::Task<ImportedLesson> applyOne(LessonCommandHandler &commands, LessonQueryHandler &queries,
                                     ArchivedLesson file, std::optional<Lesson> target, QList<JournalEntry> &journal)
{
    if (!target) {
        const bool publishAfterContent = file.status == QLatin1String("published") && !file.content.isEmpty();
        CreateLessonCommand create;
        create.title = file.title;
        create.track = file.track;
        create.difficulty = file.difficulty;
        create.status = publishAfterContent ? QStringLiteral("draft") : file.status;
        Lesson lesson = co_await commands.create(create);
        const qsizetype entry = journal.size();
        journal.append({true, file.file, {}, {}, lesson, true, false});
        if (!file.content.isEmpty()) {
            const PutLessonContentCommand put{lesson.id, file.content, lesson.version};
            lesson = co_await commands.putContent(put);
            journal[entry].after = lesson;
            journal[entry].contentWritten = true;
        }
        if (publishAfterContent) {
            lesson = co_await commands.setStatus(lesson, LessonStatus::Published);
            journal[entry].after = lesson;
        }
        co_return ImportedLesson{file.file, ImportedLesson::Action::Create, lesson.id, lesson.version};
    }

    const LessonSnapshot stored = co_await readLessonSnapshot(queries, *target);
    const bool metadataChanges = !sameMetadata(file, stored.lesson);
    const bool contentChanges = stored.content != file.content;
    if (!metadataChanges && !contentChanges)
        co_return ImportedLesson{file.file, ImportedLesson::Action::Unchanged, stored.lesson.id, stored.lesson.version};

    Lesson lesson = stored.lesson;
    const qsizetype entry = journal.size();
    journal.append({false, file.file, stored.lesson, stored.content, lesson, false, false});
    const std::array<bool, 2> steps{contentFirst(file.status), !contentFirst(file.status)};
    for (const bool contentStep : steps) {
        if (contentStep && contentChanges) {
            const PutLessonContentCommand put{lesson.id, file.content, lesson.version};
            lesson = co_await commands.putContent(put);
            journal[entry].after = lesson;
            journal[entry].contentWritten = true;
        } else if (!contentStep && metadataChanges) {
            UpdateLessonCommand update;
            update.id = lesson.id;
            update.baseVersion = lesson.version;
            update.difficulty = file.difficulty;
            update.status = file.status;
            update.base = lesson;
            lesson = co_await commands.update(update);
            journal[entry].after = lesson;
            journal[entry].metadataWritten = true;
        }
    }
    co_return ImportedLesson{file.file, ImportedLesson::Action::Update, lesson.id, lesson.version};
}

// Puts back what the journal says this import did, newest first. Every step is a
// compare-and-swap on the version this import produced, so a lesson someone else changed
// since is left as they made it (and reported), never overwritten.
//
// Where this can still fail, and then says so in report.notUndone:
// - the undo's own writes can fail (the Worker unreachable, the sign-in expired, a role
//   taken away): the lesson stays as the import left it;
// - someone else changed the lesson after this import did: it is kept as they made it;
// - deleting a created lesson checks its version first, but the delete itself carries no
//   version, so a change made between that check and the delete is lost with the lesson;
// - a lesson that had no content before gets empty content back (the port cannot remove
//   content), and every restored lesson ends at a higher version than it had (versions only
//   move forward), with audit events for both the import and the undo.
QCoro::Task<void> undo(LessonCommandHandler &commands, LessonQueryHandler &queries, QList<JournalEntry> journal,
                       ImportReport &report)
{
    for (qsizetype i = journal.size() - 1; i >= 0; --i) {
        const JournalEntry &entry = journal.at(i);
        if (entry.created) {
            QString failed;
            bool deleted = false;
            bool changed = false;
            Lesson now;
            try {
                now = co_await queries.get(entry.after.id);
                if (now.version == entry.after.version) {
                    co_await commands.remove(entry.after.id);
                    deleted = true;
                } else {
                    changed = true;
                }
            } catch (const NotFoundError &) {
                deleted = true; // already gone
            } catch (const DomainError &error) {
                failed = error.message();
            }
            if (deleted)
                report.undone << QStringLiteral("deleted %1, which this import had created").arg(describe(entry.after));
            else if (changed)
                report.notUndone << QStringLiteral("kept %1, created by this import: changed by someone else since "
                                                   "(now version %2)")
                                        .arg(describe(entry.after))
                                        .arg(now.version);
            else
                report.notUndone << QStringLiteral("could not delete %1, created by this import: %2")
                                        .arg(describe(entry.after), failed);
            continue;
        }

        if (!entry.contentWritten && !entry.metadataWritten)
            continue; // its first write failed: nothing to put back
        Lesson lesson = entry.after;
        bool contentRestored = !entry.contentWritten;
        bool metadataRestored = !entry.metadataWritten;
        QString failed;
        const QString beforeStatus = lessonStatusToString(entry.before.status);
        try {
            const std::array<bool, 2> steps{contentFirst(beforeStatus), !contentFirst(beforeStatus)};
            for (const bool contentStep : steps) {
                if (contentStep && !contentRestored) {
                    const PutLessonContentCommand put{lesson.id, entry.beforeContent, lesson.version};
                    lesson = co_await commands.putContent(put);
                    contentRestored = true;
                } else if (!contentStep && !metadataRestored) {
                    UpdateLessonCommand update;
                    update.id = lesson.id;
                    update.baseVersion = lesson.version;
                    update.title = entry.before.title;
                    update.track = entry.before.track;
                    update.difficulty = entry.before.difficulty;
                    update.status = beforeStatus;
                    update.base = lesson;
                    lesson = co_await commands.update(update);
                    metadataRestored = true;
                }
            }
        } catch (const ConflictError &error) {
            failed = QStringLiteral("changed by someone else since this import (%1)").arg(error.message());
        } catch (const DomainError &error) {
            failed = error.message();
        }
        if (failed.isEmpty()) {
            report.undone << QStringLiteral("put back %1 as it was at version %2 (now version %3)")
                                 .arg(describe(entry.before))
                                 .arg(entry.before.version)
                                 .arg(lesson.version);
        } else {
            QStringList parts;
            if (!contentRestored)
                parts << QStringLiteral("content");
            if (!metadataRestored)
                parts << QStringLiteral("metadata");
            report.notUndone << QStringLiteral("could not put back the %1 of %2 (version %3 before the import): %4")
                                    .arg(parts.join(QStringLiteral(" and ")), describe(entry.before))
                                    .arg(entry.before.version)
                                    .arg(failed);
        }
    }
}

void count(ImportReport &report, const ImportedLesson &lesson)
{
    report.lessons.append(lesson);
    switch (lesson.action) {
    case ImportedLesson::Action::Create: ++report.created; break;
    case ImportedLesson::Action::Update: ++report.updated; break;
    case ImportedLesson::Action::Unchanged: ++report.unchanged; break;
    }
}
} // namespace

// ---- importing -----------------------------------------------------------------------------

QCoro::Task<ImportReport> LessonImporter::plan(LessonBatch batch)
{
    ImportReport report;
    report.total = int(batch.lessons.size());
    if (!batch.isValid()) {
        report.outcome = ImportReport::Outcome::Refused;
        report.problems = batch.problems;
        co_return report;
    }
    try {
        const Matched matched = co_await matchTargets(m_queries, batch);
        if (!matched.problems.isEmpty()) {
            report.outcome = ImportReport::Outcome::Refused;
            report.problems = matched.problems;
            co_return report;
        }
        for (qsizetype i = 0; i < batch.lessons.size(); ++i) {
            const ArchivedLesson &file = batch.lessons.at(i);
            const std::optional<Lesson> &target = matched.targets.at(i);
            if (!target) {
                count(report, {file.file, ImportedLesson::Action::Create, {}, 0});
                continue;
            }
            const LessonSnapshot stored = co_await readLessonSnapshot(m_queries, *target);
            const bool same = sameMetadata(file, stored.lesson) && stored.content == file.content;
            count(report, {file.file, same ? ImportedLesson::Action::Unchanged : ImportedLesson::Action::Update,
                           stored.lesson.id, stored.lesson.version});
        }
    } catch (const DomainError &error) {
        report.outcome = ImportReport::Outcome::Failed;
        report.failure = error;
    }
    co_return report;
}

QCoro::Task<ImportReport> LessonImporter::apply(LessonBatch batch, ImportOptions options)
{
    ImportReport report;
    report.total = int(batch.lessons.size());
    if (!batch.isValid()) {
        report.outcome = ImportReport::Outcome::Refused;
        report.problems = batch.problems;
        report.failure = ValidationError(QStringLiteral("The files have problems; nothing was written"));
        co_return report;
    }

    Matched matched;
    try {
        matched = co_await matchTargets(m_queries, batch);
    } catch (const DomainError &error) {
        report.outcome = ImportReport::Outcome::Failed; // only reads so far: nothing written
        report.failure = error;
    }
    if (report.failure)
        co_return report;
    if (!matched.problems.isEmpty()) {
        report.outcome = ImportReport::Outcome::Refused;
        report.problems = matched.problems;
        report.failure = ConflictError(QStringLiteral("The store's lessons do not match the files one to one; "
                                                      "nothing was written"));
        co_return report;
    }

    QList<JournalEntry> journal;
    for (qsizetype i = 0; i < batch.lessons.size(); ++i) {
        if (options.cancel && options.cancel->load()) {
            report.outcome = ImportReport::Outcome::Cancelled;
            break;
        }
        try {
            const ImportedLesson done =
                co_await applyOne(m_commands, m_queries, batch.lessons.at(i), matched.targets.at(i), journal);
            count(report, done);
        } catch (const DomainError &error) {
            report.failure = error;
        } catch (const std::exception &error) {
            report.failure = DomainError(ErrorKind::Internal, QString::fromLocal8Bit(error.what()));
        }
        if (report.failure) {
            report.outcome = ImportReport::Outcome::Failed;
            report.failedFile = batch.lessons.at(i).file;
            break;
        }
        if (options.progress)
            options.progress(int(i + 1), report.total);
    }
    if (report.outcome != ImportReport::Outcome::Completed)
        co_await undo(m_commands, m_queries, journal, report);
    co_return report;
}

QString summary(const ImportReport &report)
{
    return QStringLiteral("%1 created, %2 updated, %3 unchanged").arg(report.created).arg(report.updated).arg(report.unchanged);
}

} // namespace edge
