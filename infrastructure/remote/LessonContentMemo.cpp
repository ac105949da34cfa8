#include "LessonContentMemo.h"

namespace edge::remote {

LessonContentMemo::LessonContentMemo(qsizetype maxEntries, qsizetype maxBytes)
    : m_maxEntries(std::max<qsizetype>(1, maxEntries))
    , m_maxBytes(std::max<qsizetype>(0, maxBytes))
{
}

std::optional<LessonContent> LessonContentMemo::get(const QString &id)
{
    const auto found = m_entries.constFind(id);
    if (found == m_entries.cend())
        return std::nullopt;
    m_order.removeOne(id);
    m_order.append(id);
    return *found;
}

void LessonContentMemo::put(const QString &id, LessonContent content)
{
    remove(id);
    if (content.html.size() > m_maxBytes)
        return; // would push out everything else and still not fit
    m_bytes += content.html.size();
    m_entries.insert(id, std::move(content));
    m_order.append(id);
    evictBeyondLimits();
}

void LessonContentMemo::remove(const QString &id)
{
    const auto found = m_entries.constFind(id);
    if (found == m_entries.cend())
        return;
    m_bytes -= found->html.size();
    m_entries.erase(found);
    m_order.removeOne(id);
}

void LessonContentMemo::advance(const QString &id, int from, int to)
{
    const auto found = m_entries.find(id);
    if (found != m_entries.end() && found->version == from)
        found->version = to;
}

void LessonContentMemo::evictBeyondLimits()
{
    while (!m_order.isEmpty() && (m_entries.size() > m_maxEntries || m_bytes > m_maxBytes))
        remove(m_order.first());
}

} // namespace edge::remote
