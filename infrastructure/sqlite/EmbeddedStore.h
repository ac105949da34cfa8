#pragma once

#include "application/ports/StoreOpener.h"

#include <QCoro/QCoroTask>
#include <QString>

#include <memory>

namespace edge {

// Opens the SQLite file as a store: checks it is a usable SQLite database, applies pending
// migrations (each in its own transaction, recorded in d1_migrations as wrangler does) and
// returns a Backend whose repositories run on a thread of their own.
// Throws StoreError with a message for people when the file is not an SQLite database,
// cannot be read or written, or was migrated by a newer console; the file is then left
// byte-for-byte untouched.
QCoro::Task<std::unique_ptr<Backend>> openEmbeddedStore(QString path, OpenMode mode);

// The default store: edge-admin.db in the app data location (QStandardPaths).
QString defaultStorePath();

// The StoreOpener port over openEmbeddedStore(), for the composition root.
class SqliteStoreOpener final : public StoreOpener
{
public:
    QCoro::Task<std::unique_ptr<Backend>> open(QString path, OpenMode mode) override
    {
        return openEmbeddedStore(std::move(path), mode);
    }
    QString defaultStorePath() const override { return edge::defaultStorePath(); }
};

} // namespace edge
