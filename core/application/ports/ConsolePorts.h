#pragma once

#include "application/ports/AccountSession.h"
#include "application/ports/ProfileRepository.h"
#include "application/ports/StoreOpener.h"

namespace edge {

// What the console's window needs from the world outside the application layer: opening
// store files, signing in to Workers, and the saved connection profiles. The executable's
// composition root builds the real ones; GUI tests pass real ones or fakes.
struct ConsolePorts
{
    StoreOpener &stores;
    AccountSessionFactory &accounts;
    ProfileRepository &profiles;
};

} // namespace edge
