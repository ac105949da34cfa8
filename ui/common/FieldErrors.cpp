#include "FieldErrors.h"

#include <QLabel>
#include <QVBoxLayout>

namespace edge::ui {

QLabel *makeFieldErrorLabel(const QString &objectName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #c0392b; font-size: small;"));
    label->setVisible(false);
    return label;
}

QWidget *withErrorBelow(QWidget *input, QLabel *error)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(input);
    layout->addWidget(error);
    return box;
}

} // namespace edge::ui
