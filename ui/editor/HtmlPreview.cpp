#include "HtmlPreview.h"

#include <QScrollBar>

namespace edge::ui {

HtmlPreview::HtmlPreview(QWidget *parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setPlaceholderText(tr("The preview of the HTML appears here."));
}

void HtmlPreview::showHtml(const QString &html)
{
    const int scroll = verticalScrollBar()->value();
    setHtml(html);
    verticalScrollBar()->setValue(scroll);
}

QVariant HtmlPreview::loadResource(int, const QUrl &)
{
    return {}; // nothing is fetched: a preview must not reach the network or the disk
}

} // namespace edge::ui
