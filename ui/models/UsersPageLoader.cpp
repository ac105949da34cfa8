#include "UsersPageLoader.h"

#include "async/RunTask.h"
#include "common/ErrorText.h"

namespace edge::ui {

UsersPageLoader::UsersPageLoader(QObject *parent) : QObject(parent)
{
}

void UsersPageLoader::setServices(std::shared_ptr<Services> services)
{
    m_services = std::move(services);
}

void UsersPageLoader::restart(quint64 generation, const UserListQuery &query)
{
    m_generation = generation;
    m_query = query;
    m_query.pageSize = PageSize;
    m_query.withTotal = false; // counted once per generation, by requestCount()
    m_queue.clear();
    m_runningPages.clear();
}

bool UsersPageLoader::isPending(int page) const
{
    return m_runningPages.contains(page) || m_queue.contains(page);
}

bool UsersPageLoader::isBusy() const
{
    return m_runningPageCount > 0 || m_runningCounts > 0 || !m_queue.isEmpty();
}

void UsersPageLoader::requestPage(int page)
{
    if (!m_services || page < 0 || m_runningPages.contains(page))
        return;
    m_queue.removeOne(page);
    m_queue.prepend(page);
    while (m_queue.size() > MaxQueued)
        m_queue.removeLast();
    startQueued();
}

void UsersPageLoader::startQueued()
{
    while (m_runningPageCount < MaxInFlight && !m_queue.isEmpty()) {
        const int page = m_queue.takeFirst();
        UserListQuery query = m_query;
        query.page = page + 1; // the API's pages are 1-based
        const quint64 generation = m_generation;
        m_runningPages.insert(page);
        ++m_runningPageCount;
        // The callbacks hold the services: a store closed meanwhile stays alive until its
        // last answer is in (and is then simply stale).
        runTask(
            m_services->listUsers.execute(query), this,
            [this, generation, page, keep = m_services](UserPage result) {
                finishPage(generation == m_generation, page);
                emit pageLoaded(generation, page, result.items);
            },
            [this, generation, page, keep = m_services](const std::exception &error) {
                finishPage(generation == m_generation, page);
                emit loadFailed(generation, page, errorMessage(error));
            });
    }
    reportBusy();
}

void UsersPageLoader::reportBusy()
{
    if (isBusy() != m_wasBusy)
        emit busyChanged(m_wasBusy = isBusy());
}

void UsersPageLoader::requestCount()
{
    if (!m_services)
        return;
    const quint64 generation = m_generation;
    ++m_runningCounts;
    runTask(
        m_services->listUsers.count(m_query.search), this,
        [this, generation, keep = m_services](qint64 total) {
            finishCount();
            emit countLoaded(generation, total);
        },
        [this, generation, keep = m_services](const std::exception &error) {
            finishCount();
            emit loadFailed(generation, -1, errorMessage(error));
        });
    reportBusy();
}

void UsersPageLoader::finishPage(bool ofThisGeneration, int page)
{
    --m_runningPageCount;
    if (ofThisGeneration)
        m_runningPages.remove(page);
    startQueued();
}

void UsersPageLoader::finishCount()
{
    --m_runningCounts;
    reportBusy();
}

} // namespace edge::ui
