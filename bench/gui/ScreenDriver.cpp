#include "ScreenDriver.h"

#include "models/PagedTableModel.h"
#include "pages/ListPage.h"
#include "window/MainWindow.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QScrollBar>
#include <QTableView>

#include <stdexcept>

namespace guibench {

Screen::Screen(edge::ui::MainWindow &window, const QString &key)
    : m_window(window)
    , m_key(key)
{
    for (edge::ui::ConsolePage *page : window.pages()) {
        if (page->key() == key)
            m_page = qobject_cast<edge::ui::ListPage *>(page);
    }
    if (!m_page)
        throw std::runtime_error("the window has no list page called " + key.toStdString());
    m_model = m_page->model();
    m_table = m_page->table();
    m_search = m_page->findChild<QLineEdit *>(key + QStringLiteral("SearchEdit"));
    if (m_search && m_search->placeholderText().isEmpty())
        m_search = nullptr; // built by every list page, shown only where enableSearch() was called
    m_count = m_page->findChild<QLabel *>(key + QStringLiteral("TotalLabel"));
}

QScrollBar *Screen::scrollBar() const
{
    return m_table->verticalScrollBar();
}

void Screen::show()
{
    auto *navigation = m_window.findChild<QListWidget *>(QStringLiteral("navigationList"));
    const int row = int(m_window.pages().indexOf(m_page));
    if (!navigation || row < 0)
        throw std::runtime_error("no navigation entry for " + m_key.toStdString());
    navigation->setCurrentRow(row);
}

int Screen::visibleRowCount() const
{
    return m_table->viewport()->height() / std::max(1, m_table->verticalHeader()->defaultSectionSize());
}

bool Screen::visibleRowsReal() const
{
    const int rows = m_model->rowCount();
    if (rows == 0)
        return m_model->totalCount() == 0;
    const int first = m_table->rowAt(0);
    if (first < 0)
        return false;
    int last = m_table->rowAt(m_table->viewport()->height() - 1);
    if (last < 0)
        last = rows - 1;
    for (int row = first; row <= last; ++row) {
        if (!m_model->rowAt(row))
            return false;
    }
    return true;
}

bool Screen::counted() const
{
    if (m_model->isCounted() && m_model->totalCount() < 0)
        return false;
    return m_count && !m_count->text().isEmpty() && m_count->text() != QStringLiteral("Counting…");
}

} // namespace guibench
