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

// Opens embedded store files (one SQLite file each). Implemented by the SQLite
// infrastructure; the UI gets one from the composition root and never sees SQL.
class StoreOpener
{
public:
    virtual ~StoreOpener() = default;

    // Throws StoreError with a message for people when the file cannot be used as a store
    // (then the file is left byte-for-byte untouched).
    virtual QCoro::Task<std::unique_ptr<Backend>> open(QString path, OpenMode mode) = 0;
    // The store used when nothing else was chosen (created on first run).
    virtual QString defaultStorePath() const = 0;
};

} // namespace edge
