#include "LessonContentFiles.h"

#include "domain/Errors.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QUuid>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>
#endif

namespace edge {

namespace {
Q_LOGGING_CATEGORY(lcContentFiles, "edge.sqlite.content")

// What a key may look like: the Worker's layout, with segments that cannot climb out of the
// folder ("." and ".." are not made of these characters alone followed by .html).
const QRegularExpression &keyPattern()
{
    static const QRegularExpression pattern(QStringLiteral("^lessons/([A-Za-z0-9_-]+)/[A-Za-z0-9_-]+\\.html$"));
    return pattern;
}

bool isSafeSegment(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]+$"));
    return pattern.match(text).hasMatch();
}

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

StoreError writeFailure(const QString &path, const QString &why)
{
    return StoreError(QStringLiteral("Cannot store the lesson content in %1: %2").arg(native(path), why));
}

// Why mkpath() could not make `folder`, as far as can be told: the nearest thing on the way
// that exists is a file, or a folder that cannot be written.
QString whyNoFolder(const QString &folder)
{
    QFileInfo blocker(folder);
    while (!blocker.exists() && !blocker.isRoot())
        blocker.setFile(blocker.absolutePath());
    if (blocker.exists() && !blocker.isDir())
        return QStringLiteral("%1 is a file, not a folder").arg(native(blocker.absoluteFilePath()));
    if (blocker.exists() && !blocker.isWritable())
        return QStringLiteral("the folder %1 is not writable").arg(native(blocker.absoluteFilePath()));
    return QStringLiteral("the folder cannot be created");
}

// A full disk first accepts part of a write and only refuses the rest: writing on until every
// byte is taken or refused is what brings out the reason ("No space left on device").
void writeAll(QFile &file, const QByteArray &bytes)
{
    for (qint64 written = 0; written < bytes.size();) {
        const qint64 now = file.write(bytes.constData() + written, bytes.size() - written);
        if (now <= 0)
            throw writeFailure(file.fileName(), file.errorString());
        written += now;
    }
}

// The data reaches the disk before the rename that publishes it.
void syncFile(QFile &file)
{
#ifdef Q_OS_UNIX
    if (::fsync(file.handle()) != 0)
        throw writeFailure(file.fileName(), qt_error_string(errno));
#else
    Q_UNUSED(file) // Linux is the console's platform; elsewhere flush() is all there is
#endif
}

// The rename (a directory entry) reaches the disk before the row that names the file.
void syncFolder(const QString &folder)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        throw writeFailure(folder, qt_error_string(errno));
    const int result = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    // Some file systems cannot sync a directory at all (EINVAL): nothing more to be had there.
    if (result != 0 && error != EINVAL)
        throw writeFailure(folder, qt_error_string(error));
#else
    Q_UNUSED(folder)
#endif
}

bool renameNew(const QString &from, const QString &to, QString *why)
{
#ifdef Q_OS_UNIX
    // Plain rename(2): atomic within a folder, and never QFile's copy-and-delete fallback.
    if (::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0)
        return true;
    *why = qt_error_string(errno);
    return false;
#else
    QFile file(from);
    if (file.rename(to))
        return true;
    *why = file.errorString();
    return false;
#endif
}
} // namespace

QString LessonContentFiles::folderForStore(const QString &storePath)
{
    const QFileInfo store(storePath);
    return store.absoluteDir().filePath(store.completeBaseName() + QStringLiteral("-content"));
}

QString LessonContentFiles::newKey(const QString &lessonId)
{
    return QStringLiteral("lessons/%1/%2.html").arg(lessonId, QUuid::createUuid().toString(QUuid::WithoutBraces));
}

QString LessonContentFiles::pathOf(const QString &key) const
{
    if (!keyPattern().match(key).hasMatch())
        throw StoreError(QStringLiteral("The store names lesson content \"%1\", which is not a content key of the "
                                        "form lessons/<id>/<name>.html")
                             .arg(key.left(120)));
    return m_folder + QLatin1Char('/') + key;
}

QString LessonContentFiles::lessonFolder(const QString &lessonId) const
{
    return m_folder + QStringLiteral("/lessons/") + lessonId;
}

void LessonContentFiles::write(const QString &key, const QByteArray &html) const
{
    const QString path = pathOf(key);
    const QString folder = QFileInfo(path).absolutePath();

    // Folders made now must reach the disk too, each as an entry of its parent.
    QStringList toSync{folder};
    if (!QFileInfo(folder).isDir()) {
        for (QString made = folder; !QFileInfo::exists(made) && made.size() >= m_folder.size();
             made = QFileInfo(made).absolutePath())
            toSync << QFileInfo(made).absolutePath();
        if (!QDir().mkpath(folder) || !QFileInfo(folder).isDir())
            throw writeFailure(folder, whyNoFolder(folder));
    }

    // Beside its final name, so the rename is atomic; a crash before it leaves only a .tmp
    // file that no row names.
    const QString temporary = path + QStringLiteral(".tmp");
    QFile file(temporary);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly | QIODevice::Unbuffered))
        throw writeFailure(temporary, file.errorString());
    try {
        writeAll(file, html);
        syncFile(file);
        file.close();
        if (file.error() != QFileDevice::NoError)
            throw writeFailure(temporary, file.errorString());
        QString why;
        if (!renameNew(temporary, path, &why))
            throw writeFailure(path, why);
    } catch (...) {
        file.close();
        QFile::remove(temporary);
        throw;
    }
    try {
        for (const QString &made : std::as_const(toSync))
            syncFolder(made);
    } catch (...) {
        QFile::remove(path);
        throw;
    }
}

std::optional<QByteArray> LessonContentFiles::read(const QString &key) const
{
    const QString path = pathOf(key);
    QFile file(path);
    if (!file.exists())
        return std::nullopt;
    if (!file.open(QIODevice::ReadOnly))
        throw StoreError(QStringLiteral("Cannot read the lesson content %1: %2").arg(native(path), file.errorString()));
    QByteArray html = file.readAll();
    if (file.error() != QFileDevice::NoError)
        throw StoreError(QStringLiteral("Cannot read the lesson content %1: %2").arg(native(path), file.errorString()));
    return html;
}

bool LessonContentFiles::remove(const QString &key) const noexcept
{
    try {
        const QString path = pathOf(key);
        if (QFile::remove(path) || !QFileInfo::exists(path))
            return true;
        qCWarning(lcContentFiles) << "Could not remove the unreferenced lesson content" << native(path);
        return false;
    } catch (...) {
        return false; // not a key of ours: nothing of ours to remove
    }
}

bool LessonContentFiles::removeLesson(const QString &lessonId) const noexcept
{
    if (!isSafeSegment(lessonId))
        return false;
    try {
        QDir folder(lessonFolder(lessonId));
        if (!folder.exists() || folder.removeRecursively())
            return true;
        qCWarning(lcContentFiles) << "Could not remove the content folder of a deleted lesson"
                                  << native(folder.absolutePath());
        return false;
    } catch (...) {
        return false;
    }
}

} // namespace edge
