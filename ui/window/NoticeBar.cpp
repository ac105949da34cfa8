#include "NoticeBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace edge::ui {

NoticeBar::NoticeBar(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("noticeBar"));
    setStyleSheet(QStringLiteral("#noticeBar { background: #fff4ce; border-bottom: 1px solid #e0c97a; }"
                                 "#noticeBar QLabel { color: #5c4400; }"));
    m_text = new QLabel;
    m_text->setObjectName(QStringLiteral("noticeText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *close = new QToolButton;
    close->setObjectName(QStringLiteral("noticeCloseButton"));
    close->setText(tr("Dismiss"));
    close->setAutoRaise(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(m_text, 1);
    layout->addWidget(close);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void NoticeBar::showNotice(const QString &text)
{
    m_text->setText(text);
    show();
}

QString NoticeBar::text() const
{
    return isVisible() ? m_text->text() : QString();
}

} // namespace edge::ui
