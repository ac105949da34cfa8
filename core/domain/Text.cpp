#include "Text.h"

#include <QList>

namespace edge {

namespace {
bool isInvisible(char32_t codePoint)
{
    const QChar::Category category = QChar::category(codePoint);
    return category == QChar::Other_Format || category == QChar::Other_Control;
}
} // namespace

bool hasFormatCharacters(const QString &text)
{
    const QList<uint> codePoints = text.toUcs4();
    return std::any_of(codePoints.cbegin(), codePoints.cend(),
                       [](uint c) { return QChar::category(char32_t(c)) == QChar::Other_Format; });
}

QString formatCharactersProblem(const QString &field)
{
    return QStringLiteral("%1 must not contain invisible formatting characters (Unicode Cf, e.g. bidi "
                          "overrides such as U+202E or zero-width characters)").arg(field);
}

QString withInvisiblesShown(const QString &text)
{
    const QList<uint> codePoints = text.toUcs4();
    if (std::none_of(codePoints.cbegin(), codePoints.cend(), [](uint c) { return isInvisible(char32_t(c)); }))
        return text;
    QString shown;
    for (uint c : codePoints) {
        if (isInvisible(char32_t(c)))
            shown += QStringLiteral("<U+%1>").arg(QString::number(c, 16).toUpper().rightJustified(4, u'0'));
        else
            shown += QString::fromUcs4(reinterpret_cast<const char32_t *>(&c), 1);
    }
    return shown;
}

} // namespace edge
