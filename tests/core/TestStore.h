#pragma once

// Test support: a fresh embedded store in a temporary folder, and direct SQL access to
// check what was really written.

#include "infrastructure/sqlite/EmbeddedBackend.h"
#include "support/Await.h"

#include <QCoro/QCoroTask>
#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>
#include <QVariant>

#include <exception>
#include <memory>
#include <optional>

namespace edge::test {

inline std::unique_ptr<EmbeddedBackend> openStore(const QString &path, OpenMode mode = OpenMode::CreateIfMissing)
{
    return await(openEmbeddedBackend(path, mode));
}

inline QByteArray sha256Of(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

// A separate read connection on the test's thread, to look at the file behind the store.
class SqlPeek
{
public:
    explicit SqlPeek(const QString &path)
        : m_name(QUuid::createUuid().toString())
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.open();
    }
    ~SqlPeek()
    {
        QSqlDatabase::database(m_name).close();
        QSqlDatabase::removeDatabase(m_name);
    }

    QVariant scalar(const QString &sql, const QVariantList &values = {}) const
    {
        QSqlQuery query(QSqlDatabase::database(m_name));
        query.prepare(sql);
        for (const QVariant &value : values)
            query.addBindValue(value);
        if (!query.exec() || !query.next())
            return {};
        return query.value(0);
    }

    QStringList column(const QString &sql) const
    {
        QSqlQuery query(QSqlDatabase::database(m_name));
        QStringList values;
        if (query.exec(sql)) {
            while (query.next())
                values << query.value(0).toString();
        }
        return values;
    }

    bool exec(const QString &sql) const
    {
        QSqlQuery query(QSqlDatabase::database(m_name));
        return query.exec(sql);
    }

    qint64 count(const QString &table) const
    {
        return scalar(QStringLiteral("SELECT COUNT(*) FROM ") + table).toLongLong();
    }

private:
    QString m_name;
};

} // namespace edge::test
