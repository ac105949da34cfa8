#pragma once

#include "CliCommon.h"

#include <QCoro/QCoroTask>

namespace edge::cli {

// lessons list | show | add | update | publish | unpublish | delete | content get|put |
// export | import, on an embedded store or a Worker, through the application layer's lesson
// handlers and LessonArchive (the .lesson.json files).
QCoro::Task<int> lessonsCommand(Invocation invocation);

} // namespace edge::cli
