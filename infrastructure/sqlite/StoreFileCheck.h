#pragma once

#include "infrastructure/sqlite/EmbeddedStore.h"

#include <QString>

namespace edge {

// What the file system says about a store path, before SQLite touches it.
enum class StoreFileState { Missing, Empty, SqliteDatabase };

// Refuses (StoreError, message naming the path and the problem) a path that is a folder,
// cannot be read, is read-only or sits in a read-only folder, is not an SQLite database
// (first 16 bytes), or is missing when it must exist. Reads at most 16 bytes; writes nothing.
StoreFileState checkStoreFile(const QString &path, OpenMode mode);

} // namespace edge
