#include "ProgressQueries.h"

// Implemented with the progress handlers (work in progress).
