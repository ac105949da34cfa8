#pragma once

#include "domain/Progress.h"

#include <QString>

#include <optional>

namespace edge {

// An admin sets (corrects) one learner's progress on one lesson, creating the row if there is
// none. With baseVersion (> 0) the change applies only to that version of the row, otherwise
// ConflictError carries the row as it is now; `base` is the row as the caller saw it at that
// version (then nothing is read before the write). Without baseVersion the change applies to
// whatever is stored.
struct SetProgressCommand
{
    QString userId;
    QString lessonId;
    ProgressChange change;
    int baseVersion = 0;
    std::optional<ProgressEntry> base = std::nullopt;
};

// An admin resets one learner's progress on one lesson: the row is deleted (the learner starts
// the lesson afresh). NotFoundError when there is no row.
struct ResetProgressCommand
{
    QString userId;
    QString lessonId;
};

} // namespace edge
