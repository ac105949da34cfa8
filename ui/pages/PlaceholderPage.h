#pragma once

#include <QWidget>

namespace edge::ui {

// A page this version does not have yet, saying so plainly instead of showing nothing.
class PlaceholderPage final : public QWidget
{
    Q_OBJECT

public:
    PlaceholderPage(const QString &title, const QString &explanation, QWidget *parent = nullptr);
};

} // namespace edge::ui
