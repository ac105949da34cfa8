#include "SqlTimestamps.h"

namespace edge {

namespace {

// The number in text[from, from + digits), or -1 when a character there is not a digit.
int digitsAt(QStringView text, qsizetype from, qsizetype digits)
{
    int number = 0;
    for (qsizetype i = from; i < from + digits; ++i) {
        const char16_t c = text[i].unicode();
        if (c < u'0' || c > u'9')
            return -1;
        number = number * 10 + (c - u'0');
    }
    return number;
}

// "2026-01-31T12:00:00.000Z" exactly, else a null QDateTime.
QDateTime fromCanonical(QStringView text)
{
    if (text.size() != 24 || text[4] != u'-' || text[7] != u'-' || text[10] != u'T' || text[13] != u':'
        || text[16] != u':' || text[19] != u'.' || text[23] != u'Z')
        return {};
    const int year = digitsAt(text, 0, 4), month = digitsAt(text, 5, 2), day = digitsAt(text, 8, 2);
    const int hour = digitsAt(text, 11, 2), minute = digitsAt(text, 14, 2), second = digitsAt(text, 17, 2);
    const int millisecond = digitsAt(text, 20, 3);
    const QDate date(year, month, day);
    const QTime time(hour, minute, second, millisecond);
    if (!date.isValid() || !time.isValid())
        return {};
    return QDateTime(date, time, Qt::UTC);
}

} // namespace

QDateTime fromStoreTimestamp(const QVariant &value)
{
    if (value.isNull())
        return {};
    const QString text = value.toString();
    if (QDateTime canonical = fromCanonical(text); canonical.isValid())
        return canonical;
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC() : QDateTime();
}

} // namespace edge
