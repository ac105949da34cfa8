#include "ConsolePage.h"

namespace edge::ui {

ConsolePage::ConsolePage(QString title, QString key, QWidget *parent)
    : QWidget(parent)
    , m_title(std::move(title))
    , m_key(std::move(key))
{
    setObjectName(m_key + QStringLiteral("Page"));
}

void ConsolePage::setServices(std::shared_ptr<Services>, const QString &)
{
}

void ConsolePage::setAccess(const ConsoleAccess &)
{
}

} // namespace edge::ui
