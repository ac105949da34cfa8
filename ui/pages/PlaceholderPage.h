#pragma once

#include "pages/ConsolePage.h"

#include <functional>

namespace edge::ui {

// A page this version does not have yet, saying so plainly instead of showing nothing.
class PlaceholderPage final : public ConsolePage
{
    Q_OBJECT

public:
    using Availability = std::function<bool(const ConsoleAccess &)>;

    PlaceholderPage(const QString &title, const QString &key, const QString &explanation,
                    Availability availableTo, QWidget *parent = nullptr);

    bool isAvailableTo(const ConsoleAccess &access) const override { return m_availableTo(access); }

private:
    Availability m_availableTo;
};

} // namespace edge::ui
