#include "RetryPolicy.h"

#include <QLocale>
#include <QRandomGenerator>

#include <algorithm>

namespace edge::remote {

using std::chrono::milliseconds;

static std::optional<QDateTime> parseHttpDate(const QByteArray &value)
{
    const QString text = QString::fromLatin1(value).simplified();
    const QLocale c = QLocale::c();
    // IMF-fixdate (what servers send today), then the obsolete asctime form.
    for (const QString &format : {QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"),
                                  QStringLiteral("ddd MMM d hh:mm:ss yyyy")}) {
        QDateTime parsed = c.toDateTime(text, format);
        if (parsed.isValid()) {
            parsed.setTimeSpec(Qt::UTC); // HTTP dates are always GMT
            return parsed;
        }
    }
    // Obsolete RFC 850 ("Sunday, 06-Nov-94 08:49:37 GMT"). Its two-digit year reads as 19yy,
    // which would not match the weekday, so the weekday is dropped and the century fixed.
    const qsizetype comma = text.indexOf(QLatin1String(", "));
    if (comma > 0) {
        QDateTime parsed = c.toDateTime(text.mid(comma + 2), QStringLiteral("dd-MMM-yy hh:mm:ss 'GMT'"));
        if (parsed.isValid()) {
            if (parsed.date().year() < 1970)
                parsed = parsed.addYears(100);
            parsed.setTimeSpec(Qt::UTC);
            return parsed;
        }
    }
    return std::nullopt;
}

std::optional<milliseconds> parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    const bool allDigits = std::all_of(trimmed.begin(), trimmed.end(),
                                       [](char c) { return c >= '0' && c <= '9'; });
    if (allDigits) {
        bool ok = false;
        const qint64 seconds = trimmed.toLongLong(&ok);
        if (!ok) // more digits than fit: the server means "a very long time"
            return milliseconds::max();
        return milliseconds(seconds * 1000);
    }
    const std::optional<QDateTime> when = parseHttpDate(trimmed);
    if (!when)
        return std::nullopt;
    return milliseconds(std::max<qint64>(0, now.msecsTo(*when)));
}

milliseconds backoffDelay(int failedAttempts, milliseconds base, milliseconds cap,
                          QRandomGenerator &random)
{
    const int doublings = std::clamp(failedAttempts - 1, 0, 30);
    const qint64 exponential = std::min<qint64>(cap.count(), base.count() << doublings);
    const qint64 half = exponential / 2;
    return milliseconds(half + static_cast<qint64>(random.bounded(double(exponential - half + 1))));
}

} // namespace edge::remote
