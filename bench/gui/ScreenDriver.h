#pragma once

#include <QString>

class QLabel;
class QLineEdit;
class QScrollBar;
class QTableView;

namespace edge::ui {
class ListPage;
class MainWindow;
class PagedTableModel;
} // namespace edge::ui

namespace guibench {

// One list screen of the console window as a user meets it: its navigation entry, table,
// model, search box and count label, found by the page's key ("users", "activity", ...).
class Screen
{
public:
    // Throws std::runtime_error naming the key when the window has no such list page.
    Screen(edge::ui::MainWindow &window, const QString &key);

    const QString &key() const { return m_key; }
    edge::ui::PagedTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QScrollBar *scrollBar() const;
    QLineEdit *searchEdit() const { return m_search; } // nullptr: the screen has no search
    QLabel *countLabel() const { return m_count; }

    // Clicks its entry in the navigation list.
    void show();
    // Every row in the viewport is a real row (none shows "Loading…"), and there is at
    // least one, or the list is counted and empty. Reads the model without asking for pages.
    bool visibleRowsReal() const;
    // How many rows the viewport shows.
    int visibleRowCount() const;
    // Counted, and the label shows the count (not "Counting…").
    bool counted() const;

private:
    edge::ui::MainWindow &m_window;
    QString m_key;
    edge::ui::ListPage *m_page = nullptr;
    edge::ui::PagedTableModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_count = nullptr;
};

} // namespace guibench
