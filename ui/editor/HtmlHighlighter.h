#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace edge::ui {

// Colours HTML source: tags, attribute names and values, entities, and comments (which may
// span lines). Parts a learner's browser should never receive (script elements, on…=
// handlers, javascript: URLs) are underlined in red, so they stand out before saving.
class HtmlHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit HtmlHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;

private:
    enum State { Normal = -1, InComment = 1 };
    void highlightTags(const QString &text, int from, int to);

    QTextCharFormat m_tag;
    QTextCharFormat m_attribute;
    QTextCharFormat m_value;
    QTextCharFormat m_entity;
    QTextCharFormat m_comment;
    QTextCharFormat m_unsafe;
};

} // namespace edge::ui
