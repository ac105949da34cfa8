#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace edge {

// The embedded store's lesson HTML: one file per revision in a folder beside the store file,
// laid out like the Worker's R2 keys, so a key is the same on both stores and is the file's
// path relative to the folder:
//
//     /data/edge-admin.db                                    the store file
//     /data/edge-admin-content/lessons/{id}/{uuid}.html       one revision of a lesson's HTML
//
// A revision file is written once and never changed; lessons.content_key names the current
// one. Synchronous and on the store's own thread (SqliteExecutor), never the UI thread.
// Failures are StoreError naming the path.
class LessonContentFiles
{
public:
    explicit LessonContentFiles(QString folder) : m_folder(std::move(folder)) {}

    // "<store dir>/<store file name without its last suffix>-content": edge-admin.db gives
    // edge-admin-content, beside it.
    static QString folderForStore(const QString &storePath);
    // A fresh key for a new revision: "lessons/{id}/{random uuid}.html" (the Worker's form).
    static QString newKey(const QString &lessonId);

    const QString &folder() const { return m_folder; }
    // The absolute path of a key. Throws StoreError for a key that is not of the form
    // above (a hand-edited row must not point outside the folder).
    QString pathOf(const QString &key) const;

    // Stores a new revision under `key` (which must not exist yet), durably and all at once:
    // a temporary file in the same folder, written, flushed and fsynced, then renamed to the
    // key's name and the folder fsynced. On failure nothing is left behind and StoreError
    // names the path and the reason (disk full, permission denied, ...).
    void write(const QString &key, const QByteArray &html) const;
    // The revision's bytes; nullopt when there is no such file. StoreError when it exists
    // but cannot be read.
    std::optional<QByteArray> read(const QString &key) const;
    // Best effort: false when the file could not be removed (it is then only unreferenced).
    bool remove(const QString &key) const noexcept;
    // Best effort: every revision of a lesson (its lessons/{id} folder), including files a
    // crash left unreferenced.
    bool removeLesson(const QString &lessonId) const noexcept;

private:
    QString lessonFolder(const QString &lessonId) const;

    QString m_folder;
};

} // namespace edge
