#include "LessonExporter.h"

#include "LessonStoreReads.h"
#include "domain/Errors.h"
#include "domain/Text.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSet>

namespace edge {

namespace {
// ---- writing -------------------------------------------------------------------------------

DomainError fileError(const QString &path, const QString &why)
{
    return DomainError(ErrorKind::Unavailable, QStringLiteral("Cannot write %1: %2").arg(path, why));
}

void writeFileAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw fileError(path, file.errorString());
    if (file.write(bytes) != bytes.size())
        throw fileError(path, file.errorString());
    if (!file.commit())
        throw fileError(path, file.errorString());
}

ConflictError existingFiles(const QStringList &paths)
{
    return ConflictError(
        QStringLiteral("%1 already %2 (nothing was written; allow overwriting to replace %3): %4")
            .arg(paths.size() == 1 ? QStringLiteral("A file") : QStringLiteral("%1 files").arg(paths.size()),
                 paths.size() == 1 ? QStringLiteral("exists") : QStringLiteral("exist"),
                 paths.size() == 1 ? QStringLiteral("it") : QStringLiteral("them"),
                 paths.join(QStringLiteral(", "))),
        {{QStringLiteral("output"), QStringLiteral("already %1 (nothing was written): %2")
                                        .arg(paths.size() == 1 ? QStringLiteral("exists") : QStringLiteral("exist"),
                                             paths.join(QStringLiteral(", ")))}});
}

} // namespace

// ---- exporting -----------------------------------------------------------------------------

QCoro::Task<QString> LessonExporter::exportLesson(QString id, QString path, bool overwrite)
{
    const Lesson lesson = co_await m_queries.get(id);
    QString target = path;
    if (QFileInfo(path).isDir())
        target = QDir(path).filePath(LessonArchive::fileNameFor(lesson.title));
    if (!overwrite && QFileInfo::exists(target))
        throw existingFiles({target});
    const LessonSnapshot snapshot = co_await readLessonSnapshot(m_queries, lesson);
    // Checked again after the reads; QSaveFile replaces by renaming, so a file made by
    // someone else in the instant between this check and the rename would be replaced.
    if (!overwrite && QFileInfo::exists(target))
        throw existingFiles({target});
    writeFileAtomically(target, LessonArchive::toJson(snapshot.lesson, snapshot.content, m_store));
    co_return target;
}

QCoro::Task<QStringList> LessonExporter::exportTrack(QString track, QString folder, bool overwrite,
                                                     ArchiveProgress progress)
{
    track = track.trimmed();
    if (const QString why = Lesson::trackProblem(track); !why.isEmpty())
        throw ValidationError::field(QStringLiteral("track"), why);
    if (QFileInfo(folder).exists() && !QFileInfo(folder).isDir())
        throw ValidationError::field(QStringLiteral("output"),
                                     QStringLiteral("%1 is a file; a track is exported to a folder").arg(folder));

    const QList<Lesson> lessons = co_await lessonsOfTrack(m_queries, track);
    if (lessons.isEmpty())
        throw NotFoundError::withMessage(QStringLiteral("No lessons in track \"%1\"").arg(track));

    QStringList names;
    QStringList paths;
    QStringList existing;
    const QDir dir(folder);
    for (const Lesson &lesson : lessons) {
        names << LessonArchive::fileNameFor(lesson.title, names);
        paths << dir.filePath(names.last());
        if (QFileInfo::exists(paths.last()))
            existing << paths.last();
    }
    if (!overwrite && !existing.isEmpty())
        throw existingFiles(existing);
    if (!QDir().mkpath(folder))
        throw fileError(folder, QStringLiteral("the folder cannot be made"));

    QStringList made; // files this export created (not overwrote), removed again on failure
    std::optional<DomainError> failure;
    for (qsizetype i = 0; i < lessons.size(); ++i) {
        try {
            const LessonSnapshot snapshot = co_await readLessonSnapshot(m_queries, lessons.at(i));
            const bool existed = QFileInfo::exists(paths.at(i));
            if (existed && !overwrite)
                throw existingFiles({paths.at(i)}); // made by someone else since the check
            writeFileAtomically(paths.at(i), LessonArchive::toJson(snapshot.lesson, snapshot.content, m_store));
            if (!existed)
                made << paths.at(i);
        } catch (const DomainError &error) {
            failure = error;
        }
        if (failure)
            break;
        if (progress)
            progress(int(i + 1), int(lessons.size()));
    }
    if (failure) {
        for (const QString &path : std::as_const(made))
            QFile::remove(path);
        throw *failure;
    }
    co_return paths;
}


} // namespace edge
