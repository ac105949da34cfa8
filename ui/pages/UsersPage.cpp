#include "UsersPage.h"

#include "async/RunTask.h"
#include "common/ErrorText.h"
#include "common/UserFormatting.h"
#include "dialogs/MessageBoxes.h"
#include "dialogs/UserDialog.h"
#include "application/EventBus.h"
#include "models/UsersTableModel.h"
#include "pages/UserDetailPane.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace edge::ui {

namespace {
QIcon themedIcon(const QString &themeName, const QString &fallback)
{
    return QIcon::fromTheme(themeName, QIcon(fallback));
}

// "New user (Ctrl+N)": the shortcut in the tooltip, as people look for it there.
void setToolTipWithShortcut(QAction *action, const QString &text)
{
    const QString keys = action->shortcut().toString(QKeySequence::NativeText);
    action->setToolTip(keys.isEmpty() ? text : QStringLiteral("%1 (%2)").arg(text, keys));
}
} // namespace

UsersPage::UsersPage(EventBus &events, QWidget *parent)
    : QWidget(parent)
    , m_model(new UsersTableModel(this))
{
    setObjectName(QStringLiteral("usersPage"));
    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(SearchDelayMs);
    connect(&m_searchDelay, &QTimer::timeout, this, &UsersPage::applySearch);
    m_eventRefreshDelay.setSingleShot(true);
    m_eventRefreshDelay.setInterval(0);
    connect(&m_eventRefreshDelay, &QTimer::timeout, this, &UsersPage::refresh);

    buildActions();
    buildLayout();

    connect(&events, &EventBus::published, this, &UsersPage::onDomainEvent);
    connect(m_model, &UsersTableModel::totalCountChanged, this, &UsersPage::showTotal);
    connect(m_model, &UsersTableModel::loadingChanged, m_busy, &QWidget::setVisible);
    connect(m_model, &UsersTableModel::pageArrived, this, &UsersPage::onRowsArrived);
    connect(m_model, &UsersTableModel::loadFailed, this, [this](const QString &message) {
        m_loadError->setText(tr("Could not load users: %1").arg(message));
        m_loadError->show();
        emit statusMessage(m_loadError->text());
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &UsersPage::onCurrentRowChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        m_reselectUserId.clear(); // the user moved on; do not pull the selection back
        onCurrentRowChanged();
    });
    connect(m_table, &QAbstractItemView::activated, this, &UsersPage::editSelectedUser);
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
            &UsersPage::onSortIndicatorChanged);

    setServices(nullptr, tr("No store is open."));
}

void UsersPage::buildActions()
{
    m_newAction = new QAction(themedIcon(QStringLiteral("list-add-user"), QStringLiteral(":/icons/user-new.svg")),
                              tr("&New user…"), this);
    m_newAction->setObjectName(QStringLiteral("newUserAction"));
    m_newAction->setShortcut(QKeySequence::New);
    setToolTipWithShortcut(m_newAction, tr("Create a user"));
    connect(m_newAction, &QAction::triggered, this, &UsersPage::createUser);

    m_editAction = new QAction(themedIcon(QStringLiteral("document-edit"), QStringLiteral(":/icons/user-edit.svg")),
                               tr("&Edit…"), this);
    m_editAction->setObjectName(QStringLiteral("editUserAction"));
    m_editAction->setToolTip(tr("Edit the selected user (Enter or double-click)"));
    connect(m_editAction, &QAction::triggered, this, &UsersPage::editSelectedUser);

    // Delete only where the table has focus: in the search box the key deletes text.
    m_deleteAction = new QAction(themedIcon(QStringLiteral("edit-delete"), QStringLiteral(":/icons/user-delete.svg")),
                                 tr("&Delete…"), this);
    m_deleteAction->setObjectName(QStringLiteral("deleteUserAction"));
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetShortcut);
    setToolTipWithShortcut(m_deleteAction, tr("Delete the selected user"));
    connect(m_deleteAction, &QAction::triggered, this, &UsersPage::deleteSelectedUser);

    m_refreshAction = new QAction(themedIcon(QStringLiteral("view-refresh"), QStringLiteral(":/icons/view-refresh.svg")),
                                  tr("&Refresh"), this);
    m_refreshAction->setObjectName(QStringLiteral("refreshUsersAction"));
    m_refreshAction->setShortcut(Qt::Key_F5);
    setToolTipWithShortcut(m_refreshAction, tr("Read the users again"));
    connect(m_refreshAction, &QAction::triggered, this, &UsersPage::refresh);

    m_findAction = new QAction(tr("&Find"), this);
    m_findAction->setObjectName(QStringLiteral("findUsersAction"));
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    // Window-wide shortcuts while this page is shown (hidden pages' shortcuts are inactive).
    addActions({m_newAction, m_refreshAction, m_findAction});
}

void UsersPage::buildLayout()
{
    auto *toolBar = new QToolBar(tr("Users"));
    toolBar->setObjectName(QStringLiteral("usersToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->setIconSize(QSize(16, 16));
    toolBar->addActions({m_newAction, m_editAction, m_deleteAction});
    toolBar->addSeparator();
    toolBar->addAction(m_refreshAction);

    m_search = new QLineEdit;
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setPlaceholderText(tr("Search email or username (%1)")
                                     .arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(260);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_searchDelay.start(); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        applySearch();
        m_table->setFocus(Qt::OtherFocusReason);
    });

    m_busy = new QProgressBar;
    m_busy->setObjectName(QStringLiteral("loadingIndicator"));
    m_busy->setRange(0, 0);
    m_busy->setMaximumSize(60, 12);
    m_busy->setTextVisible(false);
    m_busy->setToolTip(tr("Loading users…"));
    m_busy->hide();

    m_total = new QLabel;
    m_total->setObjectName(QStringLiteral("totalLabel"));
    m_total->setMinimumWidth(110);
    m_total->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    auto *spacer = new QWidget;
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolBar->addWidget(spacer);
    toolBar->addWidget(m_busy);
    toolBar->addWidget(m_total);
    auto *gap = new QWidget;
    gap->setFixedWidth(8);
    toolBar->addWidget(gap);
    toolBar->addWidget(m_search);

    m_loadError = new QLabel;
    m_loadError->setObjectName(QStringLiteral("loadErrorLabel"));
    m_loadError->setWordWrap(true);
    m_loadError->setStyleSheet(QStringLiteral("background: #fdecea; color: #8a1f11; padding: 4px;"));
    m_loadError->hide();

    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("usersTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setCornerButtonEnabled(false);
    // Fixed row heights: a million rows must not be measured one by one.
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSortIndicator(UsersTableModel::CreatedColumn, Qt::DescendingOrder);
    m_sortColumn = UsersTableModel::CreatedColumn;
    m_table->setSortingEnabled(true);
    header->setSectionResizeMode(UsersTableModel::EmailColumn, QHeaderView::Stretch);
    header->resizeSection(UsersTableModel::UsernameColumn, 130);
    header->resizeSection(UsersTableModel::RoleColumn, 70);
    header->resizeSection(UsersTableModel::CreatedColumn, 122);
    header->resizeSection(UsersTableModel::UpdatedColumn, 122);
    header->setMinimumSectionSize(60);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addActions({m_editAction, m_deleteAction});

    m_detail = new UserDetailPane;
    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setObjectName(QStringLiteral("usersSplitter"));
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({660, 380}); // room for the progress list's lesson titles
    m_splitter->setChildrenCollapsible(false);

    m_noStore = new QLabel;
    m_noStore->setObjectName(QStringLiteral("noStoreLabel"));
    m_noStore->setAlignment(Qt::AlignCenter);
    m_noStore->setWordWrap(true);

    auto *content = new QWidget;
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(4);
    contentLayout->addWidget(m_loadError);
    contentLayout->addWidget(m_splitter, 1);

    m_stack = new QStackedWidget;
    m_stack->addWidget(content);
    m_stack->addWidget(m_noStore);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 0, 6, 0);
    layout->setSpacing(2);
    layout->addWidget(toolBar);
    layout->addWidget(m_stack, 1);
}

void UsersPage::setServices(std::shared_ptr<Services> services, const QString &noStoreMessage)
{
    m_services = std::move(services);
    m_reselectUserId.clear();
    m_loadError->hide();
    m_noStore->setText(noStoreMessage);
    m_stack->setCurrentIndex(m_services ? 0 : 1);
    m_detail->setServices(m_services);
    m_model->setServices(m_services);
    updateActions();
}

QByteArray UsersPage::saveState() const
{
    return m_splitter->saveState();
}

void UsersPage::restoreState(const QByteArray &state)
{
    m_splitter->restoreState(state);
}

std::optional<User> UsersPage::currentUser() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? m_model->userAt(current.row()) : std::nullopt;
}

void UsersPage::setAccess(const ConsoleAccess &access)
{
    m_access = access;
    const QString why = access.usersReadOnlyReason();
    setToolTipWithShortcut(m_newAction, why.isEmpty() ? tr("Create a user") : why);
    m_editAction->setToolTip(why.isEmpty() ? tr("Edit the selected user (Enter or double-click)") : why);
    setToolTipWithShortcut(m_deleteAction, why.isEmpty() ? tr("Delete the selected user") : why);
    updateActions();
}

void UsersPage::retryInterruptedSaves()
{
    for (UserDialog *dialog : findChildren<UserDialog *>())
        dialog->retryAfterSignIn();
}

void UsersPage::updateActions()
{
    const bool open = m_services != nullptr;
    const bool writable = open && m_access.usersWritable();
    const bool hasUser = open && currentUser().has_value();
    m_newAction->setEnabled(writable);
    m_refreshAction->setEnabled(open);
    m_editAction->setEnabled(writable && hasUser);
    m_deleteAction->setEnabled(writable && hasUser && !m_deleting);
    m_search->setEnabled(open);
}

void UsersPage::applySearch()
{
    m_searchDelay.stop();
    if (m_search->text().trimmed() == m_model->search())
        return;
    if (const std::optional<User> user = currentUser())
        m_reselectUserId = user->id().value();
    m_model->setSearch(m_search->text());
}

void UsersPage::refresh()
{
    if (!m_services)
        return;
    m_loadError->hide();
    if (m_reselectUserId.isEmpty()) {
        const std::optional<User> user = currentUser();
        if (user && user->id().value() != m_deletedUserId)
            m_reselectUserId = user->id().value();
    }
    m_deletedUserId.clear();
    m_model->refresh();
    m_detail->reload();
}

void UsersPage::onSortIndicatorChanged(int column, Qt::SortOrder order)
{
    if (!UsersTableModel::isSortable(column)) {
        // The store cannot sort on this column: put the indicator back where it was.
        m_table->horizontalHeader()->setSortIndicator(m_sortColumn, m_sortOrder);
        emit statusMessage(tr("Users cannot be sorted by %1")
                               .arg(m_model->headerData(column, Qt::Horizontal).toString()));
        return;
    }
    m_sortColumn = column;
    m_sortOrder = order;
    if (const std::optional<User> user = currentUser())
        m_reselectUserId = user->id().value();
}

void UsersPage::onDomainEvent(const DomainEvent &event)
{
    if (event.subjectType != QStringLiteral("user"))
        return;
    if (event.type == QStringLiteral("user.deleted")) {
        m_deletedUserId = event.subjectId;
        if (m_reselectUserId == event.subjectId)
            m_reselectUserId.clear();
    }
    m_eventRefreshDelay.start();
}

void UsersPage::onCurrentRowChanged()
{
    m_detail->showUser(currentUser());
    updateActions();
}

void UsersPage::onRowsArrived(int firstRow, int lastRow)
{
    m_loadError->hide();
    if (!m_reselectUserId.isEmpty()) {
        const QModelIndex found = m_model->indexOfUser(m_reselectUserId);
        if (found.isValid()) {
            m_reselectUserId.clear();
            if (found.row() != m_table->currentIndex().row())
                selectRow(found.row());
        }
    }
    const int current = m_table->currentIndex().row();
    if (current >= firstRow && current <= lastRow)
        onCurrentRowChanged(); // its user just arrived, or changed
}

void UsersPage::selectRow(int row)
{
    const QString keep = m_reselectUserId;
    m_table->setCurrentIndex(m_model->index(row, 0)); // selects the row (SelectRows)
    m_table->scrollTo(m_model->index(row, 0));
    m_reselectUserId = keep;
}

void UsersPage::showTotal(qint64 total)
{
    if (!m_services) {
        m_total->clear();
    } else if (total < 0) {
        m_total->setText(tr("Counting…"));
    } else if (m_model->search().isEmpty()) {
        m_total->setText(total == 1 ? tr("1 user") : tr("%1 users").arg(formatCount(total)));
    } else {
        m_total->setText(total == 1 ? tr("1 match") : tr("%1 matches").arg(formatCount(total)));
    }
}

void UsersPage::createUser()
{
    if (!m_services || !m_access.usersWritable())
        return;
    auto *dialog = UserDialog::forCreate(m_services, this);
    dialog->setAccess(m_access);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &UserDialog::saved, this, [this](const User &user) {
        m_reselectUserId = user.id().value(); // show the new user once the table has it
        emit statusMessage(tr("Created %1").arg(describeUser(user)));
    });
    dialog->open();
}

void UsersPage::editSelectedUser()
{
    const std::optional<User> user = currentUser();
    if (!m_services || !user || !m_access.usersWritable())
        return;
    auto *dialog = UserDialog::forEdit(m_services, *user, this);
    dialog->setAccess(m_access);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &UserDialog::saved, this, [this](const User &saved) {
        m_reselectUserId = saved.id().value();
        emit statusMessage(tr("Saved %1").arg(describeUser(saved)));
    });
    dialog->open();
}

void UsersPage::deleteSelectedUser()
{
    const std::optional<User> user = currentUser();
    if (!m_services || !user || m_deleting || !m_access.usersWritable())
        return;
    MessageBoxes::Question question;
    question.icon = QMessageBox::Warning;
    question.title = tr("Delete user");
    question.text = tr("Delete the user %1?").arg(describeUser(*user));
    question.informativeText = tr("Their progress is deleted with them. This cannot be undone.");
    question.buttons = QMessageBox::Yes | QMessageBox::No;
    question.defaultButton = QMessageBox::No;
    question.buttonTexts = {{QMessageBox::Yes, tr("&Delete")}, {QMessageBox::No, tr("&Keep")}};
    MessageBoxes::ask(this, question, [this, user = *user](QMessageBox::StandardButton answer) {
        if (answer == QMessageBox::Yes)
            deleteUser(user);
    });
}

void UsersPage::deleteUser(const User &user)
{
    m_deleting = true;
    updateActions();
    emit statusMessage(tr("Deleting %1…").arg(describeUser(user)));
    runTask(
        m_services->deleteUser.execute(DeleteUserCommand{user.id().value()}), this,
        [this, user] {
            m_deleting = false;
            updateActions();
            emit statusMessage(tr("Deleted %1").arg(describeUser(user)));
        },
        [this, user](const std::exception &error) {
            m_deleting = false;
            updateActions();
            const QString why = dynamic_cast<const ForbiddenError *>(&error)
                ? m_access.forbiddenMessage(tr("deleting users"))
                : errorMessage(error);
            MessageBoxes::showError(this, tr("Delete user"),
                                    tr("Could not delete %1: %2").arg(describeUser(user), why));
        });
}

} // namespace edge::ui
