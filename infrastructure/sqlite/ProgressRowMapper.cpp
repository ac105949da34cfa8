#include "ProgressRowMapper.h"

#include "SqlTimestamps.h"

#include <QVariant>

namespace edge {

namespace {

// The store's form ("2026-01-31T12:00:00.000Z") read directly: a page holds two times a row,
// and the general ISO parser costs more than the rest of the row. Anything else takes it.
QDateTime storeTime(const QVariant &value)
{
    if (value.isNull())
        return {};
    const QString text = value.toString();
    if (text.size() == 24 && text.at(4) == u'-' && text.at(7) == u'-' && text.at(10) == u'T' && text.at(13) == u':'
        && text.at(16) == u':' && text.at(19) == u'.' && text.at(23) == u'Z') {
        bool digits = true;
        const auto number = [&](int from, int length) {
            int n = 0;
            for (int i = from; i < from + length; ++i) {
                const char16_t c = text.at(i).unicode();
                digits = digits && c >= u'0' && c <= u'9';
                n = n * 10 + (c - u'0');
            }
            return n;
        };
        const QDate date(number(0, 4), number(5, 2), number(8, 2));
        const QTime time(number(11, 2), number(14, 2), number(17, 2), number(20, 3));
        if (digits && date.isValid() && time.isValid())
            return QDateTime(date, time, Qt::UTC);
    }
    return fromStoreTimestamp(value);
}

} // namespace

ProgressEntry rowToProgressEntry(const QSqlQuery &query)
{
    ProgressEntry entry;
    entry.userId = query.value(0).toString();
    entry.lessonId = query.value(1).toString();
    entry.completed = query.value(2).toInt() != 0;
    entry.score = query.value(3).toInt();
    entry.completedAt = storeTime(query.value(4));
    entry.updatedAt = storeTime(query.value(5));
    entry.version = query.value(6).toInt();
    entry.userEmail = query.value(7).toString();
    entry.username = query.value(8).toString();
    entry.lessonTitle = query.value(9).toString();
    entry.track = query.value(10).toString();
    return entry;
}

} // namespace edge
