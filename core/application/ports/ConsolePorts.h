#pragma once

#include "application/ports/AccountSession.h"
#include "application/ports/ProfileRepository.h"
#include "application/ports/StoreOpener.h"
#include "application/ports/TransferJournal.h"

namespace edge {

// What the console's window needs from the world outside the application layer: opening
// store files, signing in to Workers, the saved connection profiles, and the journal that
// keeps unfinished uploads between runs. The executable's
// composition root builds the real ones; GUI tests pass real ones or fakes.
struct ConsolePorts
{
    StoreOpener &stores;
    AccountSessionFactory &accounts;
    ProfileRepository &profiles;
    TransferJournal &transfers;
};

} // namespace edge
