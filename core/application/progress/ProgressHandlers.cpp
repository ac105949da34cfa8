#include "ProgressHandlers.h"

// Implemented in the next commits (work in progress).
