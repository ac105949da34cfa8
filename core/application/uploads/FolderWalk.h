#pragma once

#include <QDir>
#include <QDirIterator>
#include <QList>
#include <QString>

namespace edge {

// A file found in a folder and the key it goes to.
struct FoundFile
{
    QString path;
    QString key;
    qint64 size = 0; // as listed: the upload checks it again when it starts
};

// Walks a folder a batch at a time: each next() runs on a pool thread (one at a time, so the
// iterator is never used by two threads at once) and yields regular files (symbolic links not
// followed) keyed by their path relative to the folder's parent.
class FolderWalk
{
public:
    static constexpr int BatchSize = 200;

    FolderWalk(const QString &folder, QString keyPrefix);

    // The next batch of at most BatchSize files; empty at the end. Touches the disk: call
    // it on a pool thread.
    QList<FoundFile> next();

private:
    QDir m_root;
    QString m_prefix;
    QDirIterator m_it;
};

} // namespace edge
