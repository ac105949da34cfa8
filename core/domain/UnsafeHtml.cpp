#include "UnsafeHtml.h"

#include <QRegularExpression>

#include <algorithm>
#include <optional>
#include <tuple>
#include <utility>

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
// A URL attribute with its whole value (quoted values may hold spaces and the other quote).
const QRegularExpression &urlAttribute()
{
    static const QRegularExpression pattern(
        QStringLiteral("(?<=[\\s\"'/])(href|src|action|formaction|xlink:href)\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+)"),
        Options);
    return pattern;
}
// The character reference starting at `at` (an '&') decoded, with the offset after it; none
// when no reference starts there. Numeric ones with any number of digits, and the named
// ones a URL scheme can be spelled with.
std::optional<std::pair<char32_t, qsizetype>> characterReference(QStringView text, qsizetype at)
{
    qsizetype i = at + 1;
    const auto decoded = [&](char32_t c) {
        return std::make_pair(c, i < text.size() && text[i] == u';' ? i + 1 : i);
    };
    if (i < text.size() && text[i] == u'#') {
        const bool hex = ++i < text.size() && (text[i] == u'x' || text[i] == u'X');
        i += hex ? 1 : 0;
        const qsizetype digits = i;
        char32_t c = 0;
        for (; i < text.size(); ++i) {
            const char16_t ch = text[i].unicode();
            const char16_t lower = ch | 0x20;
            const int digit = ch >= u'0' && ch <= u'9'           ? ch - u'0'
                              : hex && lower >= u'a' && lower <= u'f' ? lower - u'a' + 10
                                                                    : -1;
            if (digit < 0)
                break;
            c = std::min<char32_t>(c * (hex ? 16 : 10) + digit, 0x110000);
        }
        if (i == digits)
            return std::nullopt;
        return decoded(c > 0x10FFFF ? char32_t(QChar::ReplacementCharacter) : c);
    }
    for (const auto &[name, c] : {std::pair{QLatin1String("colon"), U':'}, std::pair{QLatin1String("tab"), U'\t'},
                                  std::pair{QLatin1String("newline"), U'\n'}}) {
        if (text.mid(i).startsWith(name, Qt::CaseInsensitive)) {
            i += name.size();
            return decoded(c);
        }
    }
    return std::nullopt;
}
// Whether a URL attribute's value (quotes included) is a javascript: URL as a browser reads
// it: character references decoded (&#106; &#x6A; &colon; &Tab; ...), and spaces and control
// characters, which browsers ignore before the URL and (tabs, newlines) inside the scheme,
// left out. Reads only as far as the scheme.
bool isJavascriptUrl(QStringView value)
{
    const QLatin1String scheme("javascript:");
    QString read;
    qsizetype at = value.startsWith(u'"') || value.startsWith(u'\'') ? 1 : 0;
    while (at < value.size() && read.size() < scheme.size()) {
        char32_t c = value[at].unicode();
        qsizetype next = at + 1;
        if (c == u'&') {
            if (const auto reference = characterReference(value, at))
                std::tie(c, next) = *reference;
        }
        if (c > 0x20)
            read += c > 0xFFFF ? QChar(QChar::ReplacementCharacter) : QChar(char16_t(c));
        at = next;
    }
    return read.compare(scheme, Qt::CaseInsensitive) == 0;
}
// From '<' and a letter to the first '>' that is not inside a quoted attribute value (as
// browsers read it: alt="1 > 0" does not end the tag), or to the end.
const QRegularExpression &tag()
{
    static const QRegularExpression pattern(
        QStringLiteral("<[a-z](?:[^>\"'=]++|=\\s*+\"[^\"]*+\"|=\\s*+'[^']*+'|[=\"'])*+>?"), Options);
    return pattern;
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
        parts.append({UnsafeHtmlPart::Kind::Script, match.capturedStart(), match.capturedLength()});
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
                if (kind == UnsafeHtmlPart::Kind::JavascriptUrl && !isJavascriptUrl(match.capturedView(2)))
                    continue;
                const qsizetype start = tagMatch.capturedStart() + match.capturedStart();
                parts.append({kind, start, match.capturedLength()});
            }
        };
        addMatches(eventHandler(), UnsafeHtmlPart::Kind::EventHandler);
        addMatches(urlAttribute(), UnsafeHtmlPart::Kind::JavascriptUrl);
    }
    std::sort(parts.begin(), parts.end(),
              [](const UnsafeHtmlPart &a, const UnsafeHtmlPart &b) { return a.start < b.start; });
    // A part inside another (a handler whose value holds a URL) goes with the outer one.
    QList<UnsafeHtmlPart> outermost;
    for (const UnsafeHtmlPart &part : parts) {
        if (outermost.isEmpty() || part.start >= outermost.last().start + outermost.last().length)
            outermost.append(part);
    }
    // Line numbers in one pass over the text, in order (not a count from the top per part).
    int line = 1;
    qsizetype counted = 0;
    for (UnsafeHtmlPart &part : outermost) {
        line += int(QStringView(html).mid(counted, part.start - counted).count(u'\n'));
        counted = part.start;
        part.line = line;
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
