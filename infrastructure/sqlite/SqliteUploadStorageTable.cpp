#include "SqliteUploadStorageTable.h"

#include "SqlEventLog.h"
#include "SqlStatements.h"
#include "SqlTimestamps.h"
#include "SqlTransaction.h"
#include "domain/Errors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlRecord>

namespace edge {

namespace {
const QString Columns = QStringLiteral("key, size, content_type, original_name, sha256, uploaded_by, created_at, object_key");

UploadTable::Row rowFrom(const QSqlQuery &query)
{
    UploadTable::Row row;
    row.upload.key = query.value(0).toString();
    row.upload.size = query.value(1).toLongLong();
    row.upload.contentType = query.value(2).toString();
    row.upload.originalName = query.value(3).toString();
    row.upload.sha256 = query.value(4).toString();
    row.upload.uploadedBy = query.value(5).toString();
    row.upload.createdAt = fromStoreTimestamp(query.value(6));
    row.objectKey = query.value(7).toString();
    return row;
}

struct SortColumn
{
    QString column;
    QString name; // in the cursor, so a cursor of another sort is refused
    bool numeric = false;
};

SortColumn sortColumnOf(UploadSort sort)
{
    switch (sort) {
    case UploadSort::CreatedAt: return {QStringLiteral("created_at"), QStringLiteral("createdAt")};
    case UploadSort::Key: return {QStringLiteral("key"), QStringLiteral("key")};
    case UploadSort::Name: return {QStringLiteral("original_name"), QStringLiteral("name")};
    case UploadSort::Size: return {QStringLiteral("size"), QStringLiteral("size"), true};
    case UploadSort::ContentType: return {QStringLiteral("content_type"), QStringLiteral("contentType")};
    }
    return {QStringLiteral("created_at"), QStringLiteral("createdAt")};
}

ValidationError badCursor(const QString &problem = QStringLiteral("is not a cursor returned by this list"))
{
    return ValidationError(QStringLiteral("cursor %1").arg(problem), {{QStringLiteral("cursor"), problem}});
}

// What a cursor belongs to: the sort, its direction and the filters (the Worker's cursor).
QJsonArray filtersOf(const UploadListQuery &q)
{
    return QJsonArray{q.prefix, q.search, q.contentType};
}

bool isDefaultList(const SortColumn &sort, const UploadListQuery &q)
{
    return sort.name == QLatin1String("createdAt") && q.descending && q.prefix.isEmpty() && q.search.isEmpty()
           && q.contentType.isEmpty();
}

// The default list (newest first, no filter) keeps the Worker's first form [createdAt, key];
// any other adds the sort, the direction and the filters, so a cursor only continues the
// list it came from (as the Worker's UploadsController).
QString encodeCursor(const SortColumn &sort, const UploadListQuery &q, const QVariant &value, const QString &key)
{
    QJsonArray parts{sort.numeric ? QJsonValue(value.toDouble()) : QJsonValue(value.toString()), key};
    if (!isDefaultList(sort, q))
        parts << sort.name << (q.descending ? QStringLiteral("desc") : QStringLiteral("asc")) << filtersOf(q);
    const QByteArray json = QJsonDocument(parts).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(json.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::pair<QVariant, QString> decodeCursor(const SortColumn &sort, const UploadListQuery &q)
{
    const auto decoded = QByteArray::fromBase64Encoding(q.cursor.toLatin1(), QByteArray::Base64UrlEncoding
                                                                                 | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        throw badCursor();
    const QJsonArray parts = QJsonDocument::fromJson(*decoded).array();
    if ((parts.size() != 2 && parts.size() != 5) || !parts[1].isString()
        || (sort.numeric ? !parts[0].isDouble() : !parts[0].isString()))
        throw badCursor();
    // A short cursor also continues a prefix list in the default order (the only form once).
    const bool legacy = parts.size() == 2 && sort.name == QLatin1String("createdAt") && q.descending
                        && q.search.isEmpty() && q.contentType.isEmpty();
    const bool same = parts.size() == 5 && parts[2].toString() == sort.name
                      && parts[3].toString() == (q.descending ? QLatin1String("desc") : QLatin1String("asc"))
                      && parts[4].toArray() == filtersOf(q);
    if (!legacy && !same)
        throw badCursor(QStringLiteral("belongs to another sort, order or filter: ask for the first page again without it"));
    return {sort.numeric ? QVariant(qint64(parts[0].toDouble())) : QVariant(parts[0].toString()), parts[1].toString()};
}

// The smallest string greater than every string starting with prefix in SQLite's BINARY
// order (memcmp of UTF-8, which orders by code point), or none (a prefix of U+10FFFF only):
// the last code point below U+10FFFF goes up by one, skipping the surrogates. The same as
// the Worker's prefixUpperBound, so both stores list the same keys.
std::optional<QString> prefixUpperBound(const QString &prefix)
{
    QList<uint> points = prefix.toUcs4();
    while (!points.isEmpty() && points.back() == 0x10ffff)
        points.removeLast();
    if (points.isEmpty())
        return std::nullopt;
    uint next = points.back() + 1;
    if (next >= 0xd800 && next <= 0xdfff)
        next = 0xe000;
    points.back() = next;
    return QString::fromUcs4(reinterpret_cast<const char32_t *>(points.constData()), points.size());
}

// Conditions for column starting with prefix, as a range an index can serve.
QStringList startsWith(const QString &column, const QString &prefix, QVariantList &values)
{
    values << prefix;
    const auto upper = prefixUpperBound(prefix);
    if (!upper)
        return {QStringLiteral("%1 >= ?").arg(column)};
    values << *upper;
    return {QStringLiteral("%1 >= ?").arg(column), QStringLiteral("%1 < ?").arg(column)};
}
} // namespace

std::optional<UploadTable::Row> UploadTable::find(const QString &key)
{
    QSqlQuery query = prepareSql(m_database, QStringLiteral("SELECT %1 FROM uploads WHERE key = ?").arg(Columns));
    query.addBindValue(key);
    execPrepared(query);
    if (!query.next())
        return std::nullopt;
    return rowFrom(query);
}

bool UploadTable::isKeyTaken(const QString &key)
{
    QSqlQuery query = prepareSql(m_database, QStringLiteral("SELECT COUNT(*) FROM uploads WHERE key = ?"));
    query.addBindValue(key);
    return scalar(query) > 0;
}

bool UploadTable::isBlobReferenced(const QString &objectKey)
{
    QSqlQuery query = prepareSql(m_database, QStringLiteral("SELECT COUNT(*) FROM uploads WHERE object_key = ?"));
    query.addBindValue(objectKey);
    return scalar(query) > 0;
}

UploadPage UploadTable::list(const UploadListQuery &q)
{
    const SortColumn sort = sortColumnOf(q.sort);
    QStringList where;
    QVariantList values;
    if (!q.prefix.isEmpty()) {
        // A key range, not LIKE: keys are case-sensitive and % and _ are literal.
        where << startsWith(QStringLiteral("key"), q.prefix, values);
    }
    if (!q.search.isEmpty()) {
        // lower() folds ASCII only, here and in D1 alike.
        where << QStringLiteral("(instr(lower(key), lower(?)) > 0 OR instr(lower(original_name), lower(?)) > 0)");
        values << q.search << q.search;
    }
    if (q.contentType.endsWith(QLatin1Char('/'))) {
        where << startsWith(QStringLiteral("content_type"), q.contentType, values);
    } else if (!q.contentType.isEmpty()) {
        // Exact, parameters allowed: "text/plain" lists "text/plain; charset=utf-8" too.
        values << q.contentType;
        const QStringList withParameters = startsWith(QStringLiteral("content_type"), q.contentType + QLatin1Char(';'), values);
        where << QStringLiteral("(content_type = ? OR (%1))").arg(withParameters.join(QStringLiteral(" AND ")));
    }
    if (!q.cursor.isEmpty()) {
        const auto [value, key] = decodeCursor(sort, q);
        const QString op = q.descending ? QStringLiteral("<") : QStringLiteral(">");
        // One row value, which the sort's index (column, key) is entered at; the same
        // condition spelt with OR makes SQLite scan the index from the top.
        where << QStringLiteral("(%1, key) %2 (?, ?)").arg(sort.column, op);
        values << value << key;
    }
    const QString direction = q.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    const QString sql = QStringLiteral("SELECT %1, %2 FROM uploads %3 ORDER BY %2 %4, key %4 LIMIT ?")
                            .arg(Columns, sort.column,
                                 where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND ")),
                                 direction);
    QSqlQuery query = prepareSql(m_database, sql);
    bindAll(query, values);
    query.addBindValue(q.limit + 1);
    execPrepared(query);
    UploadPage page;
    QVariant lastValue;
    while (query.next()) {
        if (page.items.size() == q.limit) {
            page.nextCursor = encodeCursor(sort, q, lastValue, page.items.back().key);
            break;
        }
        page.items << rowFrom(query).upload;
        lastValue = query.value(8);
    }
    return page;
}

void UploadTable::insert(const Row &row, const DomainEvent &event)
{
    SqlTransaction transaction(m_database, SqlTransaction::Kind::Write);
    if (isKeyTaken(row.upload.key))
        throw ConflictError(QStringLiteral("An upload with key %1 already exists").arg(row.upload.key),
                            {{QStringLiteral("key"), QStringLiteral("is already taken")}});
    QSqlQuery insert = prepareSql(m_database, QStringLiteral(
        "INSERT INTO uploads (key, size, content_type, original_name, sha256, uploaded_by, created_at, object_key) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(row.upload.key);
    insert.addBindValue(row.upload.size);
    insert.addBindValue(row.upload.contentType);
    insert.addBindValue(row.upload.originalName);
    insert.addBindValue(nullIfEmpty(row.upload.sha256));
    insert.addBindValue(nullIfEmpty(row.upload.uploadedBy));
    insert.addBindValue(toStoreTimestamp(row.upload.createdAt));
    insert.addBindValue(nullIfEmpty(row.objectKey));
    execPrepared(insert);
    recordEvent(m_database, event);
    transaction.commit();
}

UploadTable::Row UploadTable::remove(const QString &key, const UploadEvent &describe)
{
    SqlTransaction transaction(m_database, SqlTransaction::Kind::Write);
    std::optional<Row> row = find(key);
    if (!row)
        throw NotFoundError(QStringLiteral("Upload"), key);
    QSqlQuery remove = prepareSql(m_database, QStringLiteral("DELETE FROM uploads WHERE key = ?"));
    remove.addBindValue(key);
    execPrepared(remove);
    recordEvent(m_database, describe(row->upload));
    transaction.commit();
    return *row;
}

} // namespace edge
