#pragma once

#include "application/ports/EventLog.h"
#include "application/ports/LessonRepository.h"
#include "application/ports/ProgressRepository.h"
#include "application/ports/UploadStorage.h"
#include "application/ports/UserRepository.h"

#include <QString>

namespace edge {

// One store the console is connected to: the embedded SQLite file or a Worker. Provides the
// ports every screen and CLI command works through.
class Backend
{
public:
    virtual ~Backend() = default;

    // What the status bar and window title show: the file path or the Worker's URL.
    virtual QString location() const = 0;
    virtual QString kindName() const = 0; // "Embedded store", "Worker"

    virtual UserRepository &users() = 0;
    virtual LessonRepository &lessons() = 0;
    virtual ProgressRepository &progress() = 0;
    // Files (blobs) and their uploads table.
    virtual UploadStorage &uploads() = 0;
    // The audit trail of domain events.
    virtual EventLog &events() = 0;
};

} // namespace edge
