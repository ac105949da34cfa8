#include "FolderWalk.h"

namespace edge {

FolderWalk::FolderWalk(const QString &folder, QString keyPrefix)
    : m_root(folder)
    , m_prefix(std::move(keyPrefix) + m_root.dirName() + QLatin1Char('/'))
    , m_it(folder, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories)
{
}

QList<FoundFile> FolderWalk::next()
{
    QList<FoundFile> batch;
    while (batch.size() < BatchSize && m_it.hasNext()) {
        const QString path = m_it.next();
        batch.append(FoundFile{path, m_prefix + m_root.relativeFilePath(path), m_it.fileInfo().size()});
    }
    return batch;
}

} // namespace edge
