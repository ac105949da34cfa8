#include "PlaceholderPage.h"

#include <QLabel>
#include <QVBoxLayout>

namespace edge::ui {

PlaceholderPage::PlaceholderPage(const QString &title, const QString &key, const QString &explanation,
                                 Availability availableTo, QWidget *parent)
    : ConsolePage(title, key, parent)
    , m_availableTo(std::move(availableTo))
{
    auto *heading = new QLabel(title);
    heading->setObjectName(QStringLiteral("placeholderTitle"));
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    heading->setFont(font);
    heading->setAlignment(Qt::AlignCenter);

    auto *text = new QLabel(explanation);
    text->setObjectName(QStringLiteral("placeholderText"));
    text->setAlignment(Qt::AlignCenter);
    text->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch();
    layout->addWidget(heading);
    layout->addWidget(text);
    layout->addStretch(2);
}

} // namespace edge::ui
