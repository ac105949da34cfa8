#include "HtmlHighlighter.h"

#include "domain/UnsafeHtml.h"

#include <QRegularExpression>

namespace edge::ui {

HtmlHighlighter::HtmlHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    m_tag.setForeground(QColor(0x1f, 0x4e, 0x9a));
    m_tag.setFontWeight(QFont::DemiBold);
    m_attribute.setForeground(QColor(0x7a, 0x3e, 0x9d));
    m_value.setForeground(QColor(0x2e, 0x7d, 0x32));
    m_entity.setForeground(QColor(0xa6, 0x5d, 0x00));
    m_comment.setForeground(QColor(0x75, 0x75, 0x75));
    m_comment.setFontItalic(true);
    m_unsafe.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    m_unsafe.setUnderlineColor(QColor(0xc6, 0x28, 0x28));
    m_unsafe.setBackground(QColor(0xfd, 0xec, 0xea));
}

void HtmlHighlighter::highlightBlock(const QString &text)
{
    // Comments first: inside one nothing else is coloured.
    int position = 0;
    setCurrentBlockState(Normal);
    if (previousBlockState() == InComment) {
        const int end = int(text.indexOf(QLatin1String("-->")));
        if (end < 0) {
            setFormat(0, int(text.size()), m_comment);
            setCurrentBlockState(InComment);
            return;
        }
        setFormat(0, end + 3, m_comment);
        position = end + 3;
    }
    while (position < text.size()) {
        const int start = int(text.indexOf(QLatin1String("<!--"), position));
        if (start < 0) {
            highlightTags(text, position, int(text.size()));
            break;
        }
        highlightTags(text, position, start);
        const int end = int(text.indexOf(QLatin1String("-->"), start + 4));
        if (end < 0) {
            setFormat(start, int(text.size()) - start, m_comment);
            setCurrentBlockState(InComment);
            break;
        }
        setFormat(start, end + 3 - start, m_comment);
        position = end + 3;
    }
    // Line by line is enough to mark what the save will warn about.
    for (const UnsafeHtmlPart &part : findUnsafeHtml(text))
        setFormat(int(part.start), int(part.length), m_unsafe);
}

void HtmlHighlighter::highlightTags(const QString &text, int from, int to)
{
    static const QRegularExpression tagName(QStringLiteral("</?[A-Za-z][A-Za-z0-9-]*|/?>"));
    static const QRegularExpression attribute(QStringLiteral("\\s([A-Za-z_:][-A-Za-z0-9_:.]*)(\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+))?"));
    static const QRegularExpression entity(QStringLiteral("&(#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);"));
    const QString part = text.mid(from, to - from);
    for (auto it = entity.globalMatch(part); it.hasNext();) {
        const auto match = it.next();
        setFormat(from + int(match.capturedStart()), int(match.capturedLength()), m_entity);
    }
    // Tags: their name, then attributes up to the closing '>' (or the line's end).
    int position = 0;
    while (position < part.size()) {
        const int open = int(part.indexOf(u'<', position));
        if (open < 0 || open + 1 >= part.size() || !(part.at(open + 1).isLetter() || part.at(open + 1) == u'/'))
            break;
        int close = int(part.indexOf(u'>', open));
        if (close < 0)
            close = int(part.size()) - 1;
        const QString tag = part.mid(open, close - open + 1);
        const auto name = tagName.match(tag);
        if (name.hasMatch())
            setFormat(from + open, int(name.capturedLength()), m_tag);
        for (auto it = attribute.globalMatch(tag); it.hasNext();) {
            const auto match = it.next();
            setFormat(from + open + int(match.capturedStart(1)), int(match.capturedLength(1)), m_attribute);
            if (match.capturedLength(3) > 0)
                setFormat(from + open + int(match.capturedStart(3)), int(match.capturedLength(3)), m_value);
        }
        if (part.at(close) == u'>')
            setFormat(from + close, 1, m_tag);
        position = close + 1;
    }
}

} // namespace edge::ui
