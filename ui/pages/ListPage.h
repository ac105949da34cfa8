#pragma once

#include "pages/ConsolePage.h"

#include <QTimer>

#include <functional>
#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QProgressBar;
class QSplitter;
class QStackedWidget;
class QTableView;
class QToolBar;

namespace edge::ui {

class PagedTableModel;

// The frame every list screen shares, around a PagedTableModel: a toolbar (the screen's
// actions, then a busy indicator, the count and an optional search box), an optional
// filter row, an error banner, the table, an optional detail pane beside it, and a message
// in place of all that when no store is open. It keeps the selected row selected across
// reloads, searches as the user types, and names its children after the page's key
// ("usersTable", "usersTotalLabel", "usersSearchEdit", ...).
//
// A screen derives from it, builds its actions and columns, and calls the set-up methods
// below from its constructor.
class ListPage : public ConsolePage
{
    Q_OBJECT

public:
    // How long typing may pause before the search runs. Terms of three or more characters run
    // as you type (the users' search has a trigram index for them, so each answers in tens of
    // milliseconds, within the gap between two keys; the model's generation counter drops
    // stale answers); one or two characters make the stores scan, so they wait for a pause.
    static constexpr int SearchDelayMs = 250;
    static constexpr int IndexedSearchDelayMs = 0;
    static constexpr int IndexedSearchMinLength = 3;

    ListPage(const QString &title, const QString &key, PagedTableModel *model, QWidget *parent = nullptr);

    void setServices(std::shared_ptr<Services> services, const QString &noStoreMessage) override;
    QByteArray saveState() const override;
    void restoreState(const QByteArray &state) override;

    PagedTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    const std::shared_ptr<Services> &services() const { return m_services; }

signals:
    // The search box's text, trimmed, once typing pauses (or Enter).
    void searchChanged(const QString &text);
    // The current row changed, or its record arrived or changed.
    void currentRowChanged();
    // Rows were selected or deselected (multi-selection screens).
    void selectionChanged();

protected:
    // Set-up, from the screen's constructor.
    void addToolBarActions(const QList<QAction *> &actions);
    void addToolBarSeparator();
    // Where the search box goes: the toolbar's end, or the start of the filter row (for a
    // screen with filters and many actions: search and filters narrow the same list).
    enum class SearchPlace { ToolBar, FilterRow };
    void enableSearch(const QString &placeholder, SearchPlace place = SearchPlace::ToolBar); // Ctrl+F focuses it
    void setFilterBar(QWidget *filters);
    void setDetailPane(QWidget *pane, const QList<int> &sizes);
    // A pane below the table (and the detail pane) across the page's width, e.g. statistics;
    // `sizes`: the table's height and the pane's.
    void setBottomPane(QWidget *pane, const QList<int> &sizes);
    // The count as shown ("1,234 users"); called with -1 while counting.
    void setCountText(std::function<QString(qint64 total)> text);
    // The banner's wording for a failed read: "Could not load users: %1".
    void setLoadErrorText(const QString &text);

    // The record of the current row, if loaded.
    std::optional<QVariant> currentRow() const;
    // Keeps (or moves) the selection to this record's row once the table shows it.
    void keepSelected(const QString &rowId);
    // Forgets what keepSelected() asked for.
    void stopKeepingSelected() { m_keepSelectedId.clear(); }
    QString searchText() const;
    // Reads the count and the visible rows again, keeping the current row selected unless
    // it is `gone` (just deleted).
    void refreshKeepingSelection(const QString &gone = {});
    // The table's header and its sort indicator at start.
    void setInitialSort(int column, Qt::SortOrder order);
    // Lets the user select several rows (Ctrl/Shift+click) for actions on all of them.
    void enableMultiSelection();
    // The records of the selected rows that are loaded, in table order.
    QList<QVariant> selectedRows() const;

private:
    void buildLayout();
    void showTotal(qint64 total);
    void onRowsArrived(int firstRow, int lastRow);
    void onSortIndicatorChanged(int column, Qt::SortOrder order);
    void applySearch();

    PagedTableModel *m_model;
    std::shared_ptr<Services> m_services;
    std::function<QString(qint64)> m_countText;
    QString m_loadErrorText;
    QString m_keepSelectedId;
    QTimer m_searchDelay;
    int m_sortColumn = 0;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;

    QToolBar *m_toolBar = nullptr;
    QAction *m_searchAnchor = nullptr; // the screen's actions go before it
    QLineEdit *m_search = nullptr;
    QLabel *m_total = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_loadError = nullptr;
    QWidget *m_filterSlot = nullptr;
    QSplitter *m_splitter = nullptr;
    QSplitter *m_vertical = nullptr; // with a bottom pane: the table above it
    QTableView *m_table = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_noStore = nullptr;
};

} // namespace edge::ui
