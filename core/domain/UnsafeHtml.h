#pragma once

#include <QList>
#include <QString>

namespace edge {

// What a learner's browser should never receive in a lesson: script elements, inline event
// handlers (onclick=…) and javascript: URLs. Found by a tolerant scan of the markup (no
// full HTML parser), erring on the side of reporting.
struct UnsafeHtmlPart
{
    enum class Kind { Script, EventHandler, JavascriptUrl };
    Kind kind;
    qsizetype start = 0;  // UTF-16 offset into the HTML
    qsizetype length = 0; // what removing it takes out
    int line = 1;         // 1-based, for messages

    QString description() const; // "line 3: <script> element"
};

QList<UnsafeHtmlPart> findUnsafeHtml(const QString &html);
// The HTML with every part findUnsafeHtml() reports taken out (script elements whole,
// handler attributes whole, javascript: URLs replaced by "#"). Everything else is kept
// byte for byte.
QString withoutUnsafeHtml(const QString &html);

} // namespace edge
