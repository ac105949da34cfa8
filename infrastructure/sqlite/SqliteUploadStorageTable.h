#pragma once

#include "application/ports/UploadStorage.h"

#include <QSqlDatabase>

#include <optional>

namespace edge {

// The uploads table of the embedded store, synchronous on the SQLite thread: what


class UploadTable
{
public:
    explicit UploadTable(QSqlDatabase &database) : m_database(database) {}

    // A row with where its bytes are (object_key; empty: stored under the key itself).
    struct Row
    {
        Upload upload;
        QString objectKey;
    };

    std::optional<Row> find(const QString &key);
    bool isKeyTaken(const QString &key);
    // Whether a row names this blob (object_key).
    bool isBlobReferenced(const QString &objectKey);
    UploadPage list(const UploadListQuery &query);
    // Inserts the row and its event in one transaction; ConflictError when the key is taken.
    void insert(const Row &row, const DomainEvent &event);
    // Deletes the row and records describe(deleted) in one transaction; NotFoundError when missing.
    Row remove(const QString &key, const UploadEvent &describe);

private:
    QSqlDatabase &m_database;
};

} // namespace edge
