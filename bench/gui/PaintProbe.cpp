#include "PaintProbe.h"

#include <QCoreApplication>
#include <QEvent>
#include <QWidget>

namespace guibench {

PaintProbe::PaintProbe(QWidget *widget, std::function<bool()> ready, std::function<double()> now)
    : QObject(widget)
    , m_widget(widget)
    , m_ready(std::move(ready))
    , m_now(std::move(now))
{
    widget->installEventFilter(this);
}

bool PaintProbe::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_widget || event->type() != QEvent::Paint || fired() || !m_ready())
        return false;
    // Filters run newest first, so the view's own viewport filter (which paints) has not
    // seen this event yet: hand it on now, then note the time.
    m_widget->removeEventFilter(this);
    QCoreApplication::sendEvent(m_widget, event);
    m_at = m_now();
    return true;
}

} // namespace guibench
