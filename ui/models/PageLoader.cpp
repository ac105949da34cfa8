#include "PageLoader.h"

#include "async/RunTask.h"
#include "common/ErrorText.h"

namespace edge::ui {

PageLoader::PageLoader(RowSource &source, int pageSize, QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_pageSize(pageSize)
{
}

void PageLoader::setServices(std::shared_ptr<Services> services)
{
    m_services = std::move(services);
}

void PageLoader::restart(quint64 generation)
{
    m_generation = generation;
    m_queue.clear();
    m_runningPages.clear();
}

bool PageLoader::isPending(int page) const
{
    return m_runningPages.contains(page) || m_queue.contains(page);
}

bool PageLoader::isBusy() const
{
    return m_runningPageCount > 0 || m_runningCounts > 0 || !m_queue.isEmpty();
}

void PageLoader::requestPage(int page)
{
    if (!m_services || page < 0 || m_runningPages.contains(page))
        return;
    m_queue.removeOne(page);
    m_queue.prepend(page);
    while (m_queue.size() > MaxQueued)
        m_queue.removeLast();
    startQueued();
}

void PageLoader::startQueued()
{
    while (m_runningPageCount < MaxInFlight && !m_queue.isEmpty()) {
        const int page = m_queue.takeFirst();
        const quint64 generation = m_generation;
        m_runningPages.insert(page);
        ++m_runningPageCount;
        // The callbacks hold the services: a store closed meanwhile stays alive until its
        // last answer is in (and is then simply stale).
        runTask(
            m_source.fetchPage(*m_services, page, m_pageSize), this,
            [this, generation, page, keep = m_services](QList<QVariant> rows) {
                finishPage(generation == m_generation, page);
                emit pageLoaded(generation, page, rows);
            },
            [this, generation, page, keep = m_services](const std::exception &error) {
                finishPage(generation == m_generation, page);
                emit loadFailed(generation, page, errorMessage(error));
            });
    }
    reportBusy();
}

void PageLoader::reportBusy()
{
    if (isBusy() != m_wasBusy)
        emit busyChanged(m_wasBusy = isBusy());
}

void PageLoader::requestCount()
{
    if (!m_services)
        return;
    const quint64 generation = m_generation;
    ++m_runningCounts;
    runTask(
        m_source.count(*m_services), this,
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

void PageLoader::finishPage(bool ofThisGeneration, int page)
{
    --m_runningPageCount;
    if (ofThisGeneration)
        m_runningPages.remove(page);
    startQueued();
}

void PageLoader::finishCount()
{
    --m_runningCounts;
    reportBusy();
}

} // namespace edge::ui
