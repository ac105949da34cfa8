#pragma once

#include "application/Services.h"
#include "connection/ConsoleAccess.h"

#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QProgressBar;
class QSplitter;
class QStackedWidget;
class QTableView;

namespace edge {
class EventBus;
struct DomainEvent;
} // namespace edge

namespace edge::ui {

class UserDetailPane;
class UsersTableModel;

// Browse, search, create, edit and delete users: a lazily loaded table, a detail pane, a
// toolbar, and keyboard shortcuts (Ctrl+N, Enter, Delete, F5, Ctrl+F). Refreshes live
// from the EventBus when users change in this window.
class UsersPage final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int SearchDelayMs = 250;

    UsersPage(EventBus &events, QWidget *parent = nullptr);

    // Shows the users of this store; nullptr shows `noStoreMessage` instead.
    void setServices(std::shared_ptr<Services> services, const QString &noStoreMessage = {});

    // Read-only for roles that may only look users up: New, Edit and Delete disabled, with
    // a tooltip saying why.
    void setAccess(const ConsoleAccess &access);
    // After a new sign-in: open user dialogs whose save was refused save again.
    void retryInterruptedSaves();

    QByteArray saveState() const;
    void restoreState(const QByteArray &state);

    UsersTableModel *model() const { return m_model; }

signals:
    void statusMessage(const QString &text);

private:
    void buildActions();
    void buildLayout();
    void applySearch();
    void refresh();
    void createUser();
    void editSelectedUser();
    void deleteSelectedUser();
    void deleteUser(const User &user);
    void onDomainEvent(const DomainEvent &event);
    void onCurrentRowChanged();
    void onRowsArrived(int firstRow, int lastRow);
    void onSortIndicatorChanged(int column, Qt::SortOrder order);
    void selectRow(int row);
    void showTotal(qint64 total);
    void updateActions();
    std::optional<User> currentUser() const;

    std::shared_ptr<Services> m_services;
    UsersTableModel *m_model = nullptr;
    QTimer m_searchDelay;
    QTimer m_eventRefreshDelay; // one refresh for a burst of events
    QString m_reselectUserId;   // keep (or move) the selection to this user when it shows up
    QString m_deletedUserId;    // just deleted: nothing to keep selected
    int m_sortColumn = 0;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    bool m_deleting = false;
    ConsoleAccess m_access;

    QAction *m_newAction = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_findAction = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_total = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_loadError = nullptr;
    QStackedWidget *m_stack = nullptr; // the table, or the "no store" message
    QLabel *m_noStore = nullptr;
    QSplitter *m_splitter = nullptr;
    QTableView *m_table = nullptr;
    UserDetailPane *m_detail = nullptr;
};

} // namespace edge::ui
