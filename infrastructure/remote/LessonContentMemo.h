#pragma once

#include "application/lessons/LessonQueries.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace edge::remote {

// The last HTML seen per lesson, with the lesson version it belongs to: what lets
// HttpLessonRepository ask the Worker "If-None-Match" and take a 304 (no body) instead of
// the same bytes again. Bounded in lessons and in bytes; the least recently used lesson
// goes first, and HTML larger than the whole budget is never kept. One owner thread.
class LessonContentMemo
{
public:
    LessonContentMemo(qsizetype maxEntries, qsizetype maxBytes);

    // The remembered content of a lesson (marks it recently used), nullopt when none.
    std::optional<LessonContent> get(const QString &id);
    // Replaces what is remembered of the lesson.
    void put(const QString &id, LessonContent content);
    void remove(const QString &id);
    // A metadata-only change moved the lesson from version `from` to `to`: HTML remembered
    // for `from` is the HTML of `to` as well. Anything else remembered stays as it is.
    void advance(const QString &id, int from, int to);

    qsizetype size() const { return m_entries.size(); }
    qsizetype bytes() const { return m_bytes; }

private:
    void evictBeyondLimits();

    qsizetype m_maxEntries;
    qsizetype m_maxBytes;
    qsizetype m_bytes = 0;
    QHash<QString, LessonContent> m_entries;
    QStringList m_order; // least recently used first
};

} // namespace edge::remote
