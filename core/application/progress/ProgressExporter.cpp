#include "ProgressExporter.h"

#include "ProgressCsv.h"

#include <QSaveFile>

namespace edge {

namespace {
DomainError cannotWrite(const QIODevice &device, const QString &path)
{
    return DomainError(ErrorKind::Unavailable,
                       QStringLiteral("Cannot write %1: %2")
                           .arg(path.isEmpty() ? QStringLiteral("the export") : path, device.errorString()));
}

void writeAll(QIODevice &device, const QByteArray &bytes, const QString &path)
{
    if (device.write(bytes) != bytes.size())
        throw cannotWrite(device, path);
}
} // namespace

QCoro::Task<ProgressExportResult> ProgressExporter::write(ProgressListQuery query, QIODevice &device,
                                                          ProgressExportProgress progress)
{
    const auto *file = qobject_cast<const QFileDevice *>(&device);
    const QString path = file ? file->fileName() : QString();
    query.pageSize = PageSize;
    query.page = 1;
    query.cursor.clear();
    query.withTotal = true;
    query.validate();

    ProgressExportResult result;
    writeAll(device, ProgressCsv::header(), path);
    QByteArray chunk;
    for (;;) {
        const ProgressPage page = co_await m_queries.list(query);
        if (query.withTotal) {
            result.total = page.total;
            query.withTotal = false; // counted once, at the start
        }
        chunk.clear();
        for (const ProgressEntry &entry : page.items)
            ProgressCsv::appendRow(chunk, entry);
        writeAll(device, chunk, path);
        result.rows += page.items.size();
        if (page.nextCursor.isEmpty() || page.items.isEmpty())
            break;
        if (progress && !progress(result.rows, std::max(result.total, result.rows)))
            co_return result;
        query.cursor = page.nextCursor;
    }
    result.completed = true;
    if (progress)
        progress(result.rows, std::max(result.total, result.rows));
    co_return result;
}

QCoro::Task<ProgressExportResult> ProgressExporter::writeFile(ProgressListQuery query, QString path,
                                                              ProgressExportProgress progress)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw cannotWrite(file, path);
    const ProgressExportResult result = co_await write(std::move(query), file, std::move(progress));
    if (!result.completed) {
        file.cancelWriting();
        co_return result;
    }
    if (!file.commit())
        throw cannotWrite(file, path);
    co_return result;
}

} // namespace edge
