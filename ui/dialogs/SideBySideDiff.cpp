#include "SideBySideDiff.h"

#include "common/LineDiff.h"

#include <QGridLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>

namespace edge::ui {

namespace {
QPlainTextEdit *makeSide(const QString &objectName, const QString &text, const QList<bool> &changed,
                         const QColor &colour)
{
    auto *edit = new QPlainTextEdit;
    edit->setObjectName(objectName);
    edit->setReadOnly(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setPlainText(text);
    QList<QTextEdit::ExtraSelection> marks;
    for (QTextBlock block = edit->document()->begin(); block.isValid(); block = block.next()) {
        if (block.blockNumber() >= changed.size() || !changed.at(block.blockNumber()))
            continue;
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(block);
        mark.format.setBackground(colour);
        mark.format.setProperty(QTextFormat::FullWidthSelection, true);
        marks.append(mark);
    }
    edit->setExtraSelections(marks);
    return edit;
}
} // namespace

SideBySideDiff::SideBySideDiff(const QString &leftTitle, const QString &left, const QString &rightTitle,
                               const QString &right, QWidget *parent)
    : QWidget(parent)
{
    const QStringList leftLines = left.split(u'\n');
    const QStringList rightLines = right.split(u'\n');
    const LineDiff diff = diffLines(leftLines, rightLines);
    m_changedLines = std::max(diff.changedLeft(), diff.changedRight());
    m_left = makeSide(QStringLiteral("theirText"), left, diff.leftChanged, QColor(255, 221, 221));
    m_right = makeSide(QStringLiteral("myText"), right, diff.rightChanged, QColor(221, 244, 221));

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(leftTitle), 0, 0);
    layout->addWidget(new QLabel(rightTitle), 0, 1);
    layout->addWidget(m_left, 1, 0);
    layout->addWidget(m_right, 1, 1);

    // Scrolling one side scrolls the other, so the same region stays in view.
    for (auto [from, to] : {std::pair{m_left, m_right}, std::pair{m_right, m_left}}) {
        QPlainTextEdit *other = to;
        connect(from->verticalScrollBar(), &QScrollBar::valueChanged, other->verticalScrollBar(), &QScrollBar::setValue);
        connect(from->horizontalScrollBar(), &QScrollBar::valueChanged, other->horizontalScrollBar(),
                &QScrollBar::setValue);
    }
}

} // namespace edge::ui
