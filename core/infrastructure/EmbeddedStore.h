#pragma once

#include "application/Backend.h"

#include <QCoro/QCoroTask>
#include <QString>

#include <memory>

namespace edge {

enum class OpenMode {
    OpenExisting,    // the file must exist (File > Open, a path given on the command line)
    CreateIfMissing, // make a new store when there is none (default store, File > New, CLI)
};

// Opens the SQLite file as a store: checks it is a usable SQLite database, applies pending
// migrations (each in its own transaction, recorded in d1_migrations as wrangler does) and
// returns a Backend whose repositories run on a thread of their own.
// Throws StoreError with a message for people when the file is not an SQLite database,
// cannot be read or written, or was migrated by a newer console; the file is then left
// byte-for-byte untouched.
QCoro::Task<std::unique_ptr<Backend>> openEmbeddedStore(QString path, OpenMode mode);

// The default store: edge-admin.db in the app data location (QStandardPaths).
QString defaultStorePath();

} // namespace edge
