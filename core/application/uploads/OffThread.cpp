#include "OffThread.h"

namespace edge {

namespace {
// Two files at once with their hashes and parts in flight: mostly waiting on the disk.
constexpr int TransferThreads = 8;
} // namespace

QThreadPool *transferPool()
{
    static QThreadPool *pool = [] {
        auto *created = new QThreadPool; // lives until exit: jobs may still hold it then
        created->setMaxThreadCount(TransferThreads);
        return created;
    }();
    return pool;
}

} // namespace edge
