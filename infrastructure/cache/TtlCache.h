#pragma once

#include "Clock.h"

#include <QHash>

#include <chrono>
#include <memory>
#include <optional>

namespace edge {

// Key-value cache whose entries expire a fixed time after they were stored (KV's
// expirationTtl). Not thread-safe: one owner thread. Expired entries are dropped when
// looked up, and all of them when the cache grows past maxEntries.
template<class Key, class Value>
class TtlCache
{
public:
    TtlCache(std::chrono::milliseconds ttl, std::shared_ptr<const Clock> clock, qsizetype maxEntries = 10000)
        : m_ttl(ttl), m_clock(std::move(clock)), m_maxEntries(maxEntries) {}

    std::optional<Value> get(const Key &key)
    {
        const auto found = m_entries.constFind(key);
        if (found == m_entries.cend())
            return std::nullopt;
        if (m_clock->now() >= found->expiresAt) {
            m_entries.erase(found);
            return std::nullopt;
        }
        return found->value;
    }

    void set(const Key &key, Value value)
    {
        if (m_entries.size() >= m_maxEntries)
            dropExpired();
        if (m_entries.size() >= m_maxEntries)
            m_entries.clear(); // still full of live entries: start over rather than grow
        m_entries.insert(key, Entry{std::move(value), m_clock->now() + m_ttl});
    }

    void remove(const Key &key) { m_entries.remove(key); }
    // Drops every entry whose key matches.
    template<class Predicate>
    void removeIf(Predicate matches)
    {
        m_entries.removeIf([&matches](const auto &entry) { return matches(entry.key()); });
    }
    void clear() { m_entries.clear(); }
    qsizetype size() const { return m_entries.size(); }

private:
    struct Entry
    {
        Value value;
        Clock::TimePoint expiresAt;
    };

    void dropExpired()
    {
        const auto now = m_clock->now();
        m_entries.removeIf([now](const auto &entry) { return now >= entry.value().expiresAt; });
    }

    std::chrono::milliseconds m_ttl;
    std::shared_ptr<const Clock> m_clock;
    qsizetype m_maxEntries;
    QHash<Key, Entry> m_entries;
};

} // namespace edge
