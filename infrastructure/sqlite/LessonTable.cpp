#include "LessonTable.h"

#include "LessonContentFiles.h"
#include "LessonListSql.h"
#include "LessonRowMapper.h"
#include "SqlEventLog.h"
#include "SqlStatements.h"
#include "SqlTimestamps.h"
#include "SqlTransaction.h"
#include "application/lessons/LessonHandlers.h" // staleLessonConflict
#include "domain/Errors.h"

namespace edge {

namespace {
// A revision replaced by another process between reading the row and reading its file is
// gone: read the row again (it names the new revision), as the Worker does with R2.
constexpr int ContentReadAttempts = 3;
} // namespace

std::optional<LessonTable::StoredLesson> LessonTable::selectOne(const QString &id)
{
    QSqlQuery query = prepareSql(m_database, QStringLiteral("SELECT %1 FROM lessons WHERE id = ?").arg(LessonColumns));
    query.addBindValue(id);
    execPrepared(query);
    if (!query.next())
        return std::nullopt;
    return StoredLesson{rowToLesson(query), rowContentKey(query)};
}

LessonTable::StoredLesson LessonTable::requireVersion(const QString &id, int expectedVersion)
{
    std::optional<StoredLesson> stored = selectOne(id);
    if (!stored)
        throw NotFoundError(QStringLiteral("Lesson"), id);
    if (stored->lesson.version != expectedVersion)
        throw staleLessonConflict(stored->lesson, expectedVersion);
    return std::move(*stored);
}

std::optional<Lesson> LessonTable::findById(const QString &id)
{
    if (std::optional<StoredLesson> stored = selectOne(id))
        return stored->lesson;
    return std::nullopt;
}

LessonPage LessonTable::list(const LessonListQuery &query)
{
    query.validate();
    const OrderedListing listing = lessonListing(query);
    // One snapshot for the page and its total, as D1's batch() gives the Worker.
    SqlTransaction read(m_database, SqlTransaction::Kind::Read);

    LessonPage page;
    page.page = query.page;
    page.pageSize = query.pageSize;
    page.items = m_pager.page<Lesson>(listing, qint64(query.page - 1) * query.pageSize, query.pageSize, rowToLesson);
    if (query.withTotal) {
        page.total = m_pager.count(listing);
        page.totalPages = int((page.total + query.pageSize - 1) / query.pageSize);
    }
    read.commit();
    return page;
}

qint64 LessonTable::count(const LessonListQuery &query)
{
    return m_pager.count(lessonListing(query));
}

qint64 LessonTable::progressCount(const QString &id)
{
    QSqlQuery count = prepareSql(m_database, QStringLiteral("SELECT COUNT(*) FROM progress WHERE lesson_id = ?"));
    count.addBindValue(id);
    return scalar(count);
}

Lesson LessonTable::insert(const Lesson &lesson, const DomainEvent &event)
{
    Lesson stored = lesson;
    stored.hasContent = false; // content arrives through putContent, as its own revision
    SqlTransaction write(m_database, SqlTransaction::Kind::Write);
    QSqlQuery insert = prepareSql(m_database, QStringLiteral(
        "INSERT INTO lessons (id, title, track, difficulty, status, content_key, version, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)"));
    insert.addBindValue(stored.id);
    insert.addBindValue(stored.title);
    insert.addBindValue(stored.track);
    insert.addBindValue(stored.difficulty);
    insert.addBindValue(lessonStatusToString(stored.status));
    insert.addBindValue(stored.version);
    insert.addBindValue(toStoreTimestamp(stored.createdAt));
    insert.addBindValue(toStoreTimestamp(stored.updatedAt));
    execPrepared(insert);
    recordEvent(m_database, event);
    write.commit();
    return stored;
}

Lesson LessonTable::update(const LessonWrite &change)
{
    SqlTransaction write(m_database, SqlTransaction::Kind::Write);
    const QString id = change.lesson.id;
    const StoredLesson current = requireVersion(id, change.expectedVersion);

    QSqlQuery update = prepareSql(m_database, QStringLiteral(
        "UPDATE lessons SET title = ?, track = ?, difficulty = ?, status = ?, version = ?, updated_at = ? "
        "WHERE id = ? AND version = ?"));
    update.addBindValue(change.lesson.title);
    update.addBindValue(change.lesson.track);
    update.addBindValue(change.lesson.difficulty);
    update.addBindValue(lessonStatusToString(change.lesson.status));
    update.addBindValue(change.lesson.version);
    update.addBindValue(toStoreTimestamp(change.lesson.updatedAt));
    update.addBindValue(id);
    update.addBindValue(change.expectedVersion);
    execPrepared(update);
    recordEvent(m_database, change.event);
    write.commit();

    // What is stored now: the metadata written, the row's own creation time and content.
    Lesson stored = change.lesson;
    stored.createdAt = current.lesson.createdAt;
    stored.hasContent = current.lesson.hasContent;
    return stored;
}

Lesson LessonTable::remove(const QString &id, const LessonEvent &describe)
{
    SqlTransaction write(m_database, SqlTransaction::Kind::Write);
    const std::optional<StoredLesson> current = selectOne(id);
    if (!current)
        throw NotFoundError(QStringLiteral("Lesson"), id);
    QSqlQuery remove = prepareSql(m_database, QStringLiteral("DELETE FROM lessons WHERE id = ?"));
    remove.addBindValue(id);
    execPrepared(remove); // progress rows go with it (ON DELETE CASCADE, foreign_keys on)
    recordEvent(m_database, describe(current->lesson));
    write.commit();

    // After the row is gone: a file left behind is harmless, a row without its file is not.
    // The lesson's folder holds every revision (the current one, any a crash left behind);
    // a key outside it (a hand-made row) is left alone, as it may be another lesson's.
    m_files.removeLesson(id);
    return current->lesson;
}

LessonContent LessonTable::content(const QString &id)
{
    for (int attempt = 1;; ++attempt) {
        const std::optional<StoredLesson> stored = selectOne(id);
        if (!stored)
            throw NotFoundError(QStringLiteral("Lesson"), id);
        if (stored->contentKey.isEmpty())
            return LessonContent{QByteArray(), stored->lesson.version};
        if (std::optional<QByteArray> html = m_files.read(stored->contentKey))
            return LessonContent{*html, stored->lesson.version};
        if (attempt < ContentReadAttempts)
            continue;
        throw StoreError(QStringLiteral("The content of lesson \"%1\" is missing: %2 does not exist")
                             .arg(stored->lesson.title, m_files.pathOf(stored->contentKey)));
    }
}

Lesson LessonTable::putContent(const QString &id, const QByteArray &html, int expectedVersion,
                               const LessonEvent &describe)
{
    // Checked before anything is written, so a stale or missing lesson costs no file; checked
    // again under the write lock below, which is what decides.
    requireVersion(id, expectedVersion);

    // 1. The new revision, complete and synced under its final name (no row names it yet).
    const QString key = LessonContentFiles::newKey(id);
    m_files.write(key, html);

    // 2. The row moves to it, with the event, in one transaction (the commit point).
    QString previousKey;
    Lesson stored;
    try {
        SqlTransaction write(m_database, SqlTransaction::Kind::Write);
        const StoredLesson current = requireVersion(id, expectedVersion);
        previousKey = current.contentKey;
        stored = current.lesson.bumped();
        stored.hasContent = true;
        QSqlQuery update = prepareSql(m_database, QStringLiteral(
            "UPDATE lessons SET content_key = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?"));
        update.addBindValue(key);
        update.addBindValue(stored.version);
        update.addBindValue(toStoreTimestamp(stored.updatedAt));
        update.addBindValue(id);
        update.addBindValue(expectedVersion);
        execPrepared(update);
        recordEvent(m_database, describe(stored));
        write.commit();
    } catch (...) {
        m_files.remove(key); // not committed: the row and the old file are as they were
        throw;
    }

    // 3. The replaced revision is no longer referenced (best effort).
    if (!previousKey.isEmpty() && previousKey != key)
        m_files.remove(previousKey);
    return stored;
}

} // namespace edge
