#include "UserFormatting.h"

#include "domain/Text.h"

#include <QLocale>

namespace edge::ui {

std::optional<User> userFromVariant(const QVariant &value)
{
    if (value.metaType() != QMetaType::fromType<User>())
        return std::nullopt;
    return *static_cast<const User *>(value.constData());
}

QString formatTimestamp(const QDateTime &utc)
{
    if (!utc.isValid())
        return {};
    return utc.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString formatTimestampLong(const QDateTime &utc)
{
    if (!utc.isValid())
        return {};
    // Compact enough for the detail pane, with the zone so nobody mistakes it for UTC.
    return utc.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss t"));
}

QString formatCount(qint64 count)
{
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    return locale.toString(count);
}

QString describeUser(const User &user)
{
    return QStringLiteral("%1 (%2)").arg(withInvisiblesShown(user.username()), user.email().value());
}

} // namespace edge::ui
