#include "UnsafeHtml.h"

#include <QRegularExpression>

#include <algorithm>

namespace edge {

namespace {
using Option = QRegularExpression::PatternOption;
constexpr auto Options = Option::CaseInsensitiveOption | Option::DotMatchesEverythingOption;

// A whole script element, or an opening tag left unclosed (the browser runs it to the end).
const QRegularExpression &scriptElement()
{
    static const QRegularExpression pattern(QStringLiteral("<script\\b.*?(</script\\s*>|$)"), Options);
    return pattern;
}
// on…= attributes inside a tag, with their quoted or bare value.
const QRegularExpression &eventHandler()
{
    static const QRegularExpression pattern(
        QStringLiteral("(?<=[\\s\"'/])on[a-z]+\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+)"), Options);
    return pattern;
}
// A URL attribute's value that starts with javascript: (spaces and control characters
// before it and inside the scheme are ignored by browsers, so they are here too).
const QRegularExpression &javascriptUrl()
{
    static const QRegularExpression pattern(
        QStringLiteral("(?<=\\s)(href|src|action|formaction|xlink:href)\\s*=\\s*([\"']?)\\s*j\\s*a\\s*v\\s*a\\s*s\\s*c\\s*r\\s*i\\s*p\\s*t\\s*:[^\"'>\\s]*\\2"),
        Options);
    return pattern;
}
const QRegularExpression &tag()
{
    static const QRegularExpression pattern(QStringLiteral("<[a-z][^>]*>?"), Options);
    return pattern;
}

int lineAt(const QString &html, qsizetype offset)
{
    return int(QStringView(html).left(offset).count(u'\n')) + 1;
}

bool inside(const QList<UnsafeHtmlPart> &parts, qsizetype offset)
{
    return std::any_of(parts.cbegin(), parts.cend(), [offset](const UnsafeHtmlPart &part) {
        return offset >= part.start && offset < part.start + part.length;
    });
}
} // namespace

QString UnsafeHtmlPart::description() const
{
    switch (kind) {
    case Kind::Script:
        return QStringLiteral("line %1: a <script> element").arg(line);
    case Kind::EventHandler:
        return QStringLiteral("line %1: an inline event handler (on…= attribute)").arg(line);
    case Kind::JavascriptUrl:
        return QStringLiteral("line %1: a javascript: URL").arg(line);
    }
    return {};
}

QList<UnsafeHtmlPart> findUnsafeHtml(const QString &html)
{
    QList<UnsafeHtmlPart> parts;
    for (auto it = scriptElement().globalMatch(html); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        parts.append({UnsafeHtmlPart::Kind::Script, match.capturedStart(), match.capturedLength(),
                      lineAt(html, match.capturedStart())});
    }
    const QList<UnsafeHtmlPart> scripts = parts;
    // Attributes count only inside tags, so prose that says "onclick=" is left alone.
    for (auto tags = tag().globalMatch(html); tags.hasNext();) {
        const QRegularExpressionMatch tagMatch = tags.next();
        if (inside(scripts, tagMatch.capturedStart()))
            continue;
        const QString tagText = tagMatch.captured();
        const auto addMatches = [&](const QRegularExpression &pattern, UnsafeHtmlPart::Kind kind) {
            for (auto it = pattern.globalMatch(tagText); it.hasNext();) {
                const QRegularExpressionMatch match = it.next();
                const qsizetype start = tagMatch.capturedStart() + match.capturedStart();
                parts.append({kind, start, match.capturedLength(), lineAt(html, start)});
            }
        };
        addMatches(eventHandler(), UnsafeHtmlPart::Kind::EventHandler);
        addMatches(javascriptUrl(), UnsafeHtmlPart::Kind::JavascriptUrl);
    }
    std::sort(parts.begin(), parts.end(),
              [](const UnsafeHtmlPart &a, const UnsafeHtmlPart &b) { return a.start < b.start; });
    // A part inside another (a handler whose value holds a URL) goes with the outer one.
    QList<UnsafeHtmlPart> outermost;
    for (const UnsafeHtmlPart &part : parts) {
        if (outermost.isEmpty() || part.start >= outermost.last().start + outermost.last().length)
            outermost.append(part);
    }
    return outermost;
}

QString withoutUnsafeHtml(const QString &html)
{
    QString cleaned = html;
    const QList<UnsafeHtmlPart> parts = findUnsafeHtml(html);
    // From the end, so earlier offsets stay valid.
    for (auto it = parts.crbegin(); it != parts.crend(); ++it) {
        if (it->kind == UnsafeHtmlPart::Kind::JavascriptUrl) {
            const QString attribute = html.mid(it->start, it->length);
            const qsizetype equals = attribute.indexOf(u'=');
            cleaned.replace(it->start, it->length, attribute.left(equals + 1) + QStringLiteral("\"#\""));
        } else {
            cleaned.remove(it->start, it->length);
        }
    }
    // Attribute removal can leave a space before '>'; harmless, and kept simple.
    return findUnsafeHtml(cleaned).isEmpty() ? cleaned : withoutUnsafeHtml(cleaned);
}

} // namespace edge
