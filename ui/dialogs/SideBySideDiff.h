#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace edge::ui {

// Two versions of a text side by side, read-only, the lines that differ highlighted and the
// two sides scrolling together. For long texts (lesson HTML) in the conflict dialog.
class SideBySideDiff final : public QWidget
{
    Q_OBJECT

public:
    SideBySideDiff(const QString &leftTitle, const QString &left, const QString &rightTitle,
                   const QString &right, QWidget *parent = nullptr);

    int changedLines() const { return m_changedLines; }

private:
    QPlainTextEdit *m_left = nullptr;
    QPlainTextEdit *m_right = nullptr;
    int m_changedLines = 0;
};

} // namespace edge::ui
