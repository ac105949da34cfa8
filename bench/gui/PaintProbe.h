#pragma once

#include <QObject>

#include <functional>

class QWidget;

namespace guibench {

// Notes when a widget first finishes painting while `ready()` holds (a table's viewport
// painting real rows): it lets that paint event through the widget's own handlers itself,
// so the time is taken after the rows were drawn, then steps aside.
class PaintProbe final : public QObject
{
    Q_OBJECT

public:
    PaintProbe(QWidget *widget, std::function<bool()> ready, std::function<double()> now);

    bool fired() const { return m_at >= 0; }
    double at() const { return m_at; } // what now() said after that paint; -1 before

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *m_widget;
    std::function<bool()> m_ready;
    std::function<double()> m_now;
    double m_at = -1;
};

} // namespace guibench
