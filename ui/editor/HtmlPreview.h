#pragma once

#include <QTextBrowser>

namespace edge::ui {

// The lesson as a reader sees it, roughly (QTextBrowser renders a subset of HTML). It never
// fetches anything: no network, no local files, no following links; images show as their
// alt text. Scripts are never run (QTextBrowser has no script engine).
class HtmlPreview final : public QTextBrowser
{
    Q_OBJECT

public:
    explicit HtmlPreview(QWidget *parent = nullptr);

    // Shows the HTML, keeping the scroll position where it can.
    void showHtml(const QString &html);

protected:
    QVariant loadResource(int type, const QUrl &name) override;
};

} // namespace edge::ui
