#include "UsersPage.h"

#include "application/EventBus.h"
#include "async/RunTask.h"
#include "common/ErrorText.h"
#include "common/PageActions.h"
#include "common/UserFormatting.h"
#include "dialogs/MessageBoxes.h"
#include "dialogs/UserDialog.h"
#include "models/UsersTableModel.h"
#include "pages/LearnerDashboard.h"
#include "pages/UserDetailPane.h"

#include <QAction>
#include <QHeaderView>
#include <QTableView>

namespace edge::ui {

UsersPage::UsersPage(EventBus &events, QWidget *parent)
    : ListPage(tr("Users"), QStringLiteral("users"), new UsersTableModel, parent)
    , m_events(events)
    , m_model(static_cast<UsersTableModel *>(model()))
{
    m_eventRefreshDelay.setSingleShot(true);
    m_eventRefreshDelay.setInterval(0);
    connect(&m_eventRefreshDelay, &QTimer::timeout, this, [this] {
        refreshKeepingSelection(m_deletedUserId);
        m_deletedUserId.clear();
        m_detail->reload();
    });

    buildActions();
    addToolBarActions({m_newAction, m_editAction, m_deleteAction});
    addToolBarSeparator();
    addToolBarActions({m_dashboardAction, m_refreshAction});
    enableSearch(tr("Search email or username (%1)")
                     .arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)));
    setCountText([this](qint64 total) {
        if (total < 0)
            return tr("Counting…");
        if (m_model->search().isEmpty())
            return total == 1 ? tr("1 user") : tr("%1 users").arg(formatCount(total));
        return total == 1 ? tr("1 match") : tr("%1 matches").arg(formatCount(total));
    });
    setLoadErrorText(tr("Could not load users: %1"));

    QHeaderView *header = table()->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(UsersTableModel::EmailColumn, QHeaderView::Stretch);
    header->resizeSection(UsersTableModel::UsernameColumn, 130);
    header->resizeSection(UsersTableModel::RoleColumn, 70);
    header->resizeSection(UsersTableModel::CreatedColumn, 122);
    header->resizeSection(UsersTableModel::UpdatedColumn, 122);
    setInitialSort(UsersTableModel::CreatedColumn, Qt::DescendingOrder);
    table()->setContextMenuPolicy(Qt::ActionsContextMenu);
    table()->addActions({m_editAction, m_dashboardAction, m_deleteAction, m_endSessionsAction});

    m_detail = new UserDetailPane;
    connect(m_detail, &UserDetailPane::endSessionsRequested, this, &UsersPage::endSessionsOfSelectedUser);
    setDetailPane(m_detail, {660, 380}); // room for the progress list's lesson titles

    connect(&events, &EventBus::published, this, &UsersPage::onDomainEvent);
    connect(this, &ListPage::searchChanged, m_model, &UsersTableModel::setSearch);
    connect(this, &ListPage::currentRowChanged, this, &UsersPage::onCurrentRowChanged);
    connect(table(), &QAbstractItemView::activated, this, &UsersPage::editSelectedUser);

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

    m_endSessionsAction = new QAction(tr("End sign-in &sessions…"), this);
    m_endSessionsAction->setObjectName(QStringLiteral("endSessionsAction"));
    m_endSessionsAction->setToolTip(tr("Sign the selected user out on every device"));
    connect(m_endSessionsAction, &QAction::triggered, this, &UsersPage::endSessionsOfSelectedUser);

    m_dashboardAction = new QAction(tr("&Dashboard"), this);
    m_dashboardAction->setObjectName(QStringLiteral("userDashboardAction"));
    m_dashboardAction->setToolTip(tr("The selected user's dashboard: details, totals and every lesson they started"));
    connect(m_dashboardAction, &QAction::triggered, this, &UsersPage::openDashboardOfSelectedUser);

    m_refreshAction = new QAction(themedIcon(QStringLiteral("view-refresh"), QStringLiteral(":/icons/view-refresh.svg")),
                                  tr("&Refresh"), this);
    m_refreshAction->setObjectName(QStringLiteral("refreshUsersAction"));
    m_refreshAction->setShortcut(Qt::Key_F5);
    setToolTipWithShortcut(m_refreshAction, tr("Read the users again"));
    connect(m_refreshAction, &QAction::triggered, this, [this] {
        refreshKeepingSelection();
        m_detail->reload();
    });

    addActions({m_newAction, m_refreshAction});
}

void UsersPage::setServices(std::shared_ptr<Services> services, const QString &noStoreMessage)
{
    m_detail->setServices(services);
    ListPage::setServices(std::move(services), noStoreMessage);
    updateActions();
}

std::optional<User> UsersPage::currentUser() const
{
    const std::optional<QVariant> row = currentRow();
    return row ? std::optional<User>(row->value<User>()) : std::nullopt;
}

void UsersPage::setAccess(const ConsoleAccess &access)
{
    m_access = access;
    m_detail->setSessionsShown(access.role == Role::Admin); // only Workers have sign-ins
    const QString why = access.usersReadOnlyReason();
    setToolTipWithShortcut(m_newAction, why.isEmpty() ? tr("Create a user") : why);
    m_editAction->setToolTip(why.isEmpty() ? tr("Edit the selected user (Enter or double-click)") : why);
    setToolTipWithShortcut(m_deleteAction, why.isEmpty() ? tr("Delete the selected user") : why);
    updateActions();
}

void UsersPage::retryInterruptedWork()
{
    for (UserDialog *dialog : findChildren<UserDialog *>())
        dialog->retryAfterSignIn();
}

void UsersPage::updateActions()
{
    const bool open = services() != nullptr;
    const bool writable = open && m_access.usersWritable();
    const bool hasUser = open && currentUser().has_value();
    m_newAction->setEnabled(writable);
    m_refreshAction->setEnabled(open);
    m_editAction->setEnabled(writable && hasUser);
    m_dashboardAction->setEnabled(hasUser && m_access.progressVisible());
    m_deleteAction->setEnabled(writable && hasUser && !m_deleting);
    // Only Workers have sign-ins (the embedded store's access is whoever opens the file).
    m_endSessionsAction->setVisible(m_access.role.has_value());
    m_endSessionsAction->setEnabled(writable && hasUser && m_access.role.has_value());
}

void UsersPage::onDomainEvent(const DomainEvent &event)
{
    if (event.subjectType != QStringLiteral("user"))
        return;
    if (event.type == QStringLiteral("user.deleted"))
        m_deletedUserId = event.subjectId;
    m_eventRefreshDelay.start();
}

void UsersPage::onCurrentRowChanged()
{
    m_detail->showUser(currentUser());
    updateActions();
}

void UsersPage::openDashboardOfSelectedUser()
{
    const std::optional<User> user = currentUser();
    if (!services() || !user)
        return;
    LearnerDashboard::open(services(), m_events, m_access, user->id().value(), this);
}

void UsersPage::createUser()
{
    if (!services() || !m_access.usersWritable())
        return;
    auto *dialog = UserDialog::forCreate(services(), this);
    dialog->setAccess(m_access);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &UserDialog::saved, this, [this](const User &user) {
        keepSelected(user.id().value()); // show the new user once the table has it
        emit statusMessage(tr("Created %1").arg(describeUser(user)));
    });
    dialog->open();
}

void UsersPage::editSelectedUser()
{
    const std::optional<User> user = currentUser();
    if (!services() || !user || !m_access.usersWritable())
        return;
    auto *dialog = UserDialog::forEdit(services(), *user, this);
    dialog->setAccess(m_access);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &UserDialog::saved, this, [this](const User &saved) {
        keepSelected(saved.id().value());
        emit statusMessage(tr("Saved %1").arg(describeUser(saved)));
    });
    dialog->open();
}

void UsersPage::deleteSelectedUser()
{
    const std::optional<User> user = currentUser();
    if (!services() || !user || m_deleting || !m_access.usersWritable())
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
        services()->deleteUser.execute(DeleteUserCommand{user.id().value()}), this,
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

void UsersPage::endSessionsOfSelectedUser()
{
    const std::optional<User> user = currentUser();
    if (!services() || !user || !m_access.usersWritable())
        return;
    // How many there are first, so the question says what it ends.
    runTask(
        services()->userSessions.list(user->id().value()), this,
        [this, user = *user](QList<SignInSession> sessions) { askToEndSessions(user, sessions); },
        [this, user = *user](const std::exception &error) {
            MessageBoxes::showError(this, tr("End sign-in sessions"),
                                    tr("Could not read the sessions of %1: %2").arg(describeUser(user), errorMessage(error)));
        });
}

void UsersPage::askToEndSessions(const User &user, const QList<SignInSession> &sessions)
{
    if (sessions.isEmpty()) {
        emit statusMessage(tr("%1 is not signed in anywhere").arg(describeUser(user)));
        return;
    }
    QStringList lines;
    for (const SignInSession &session : sessions)
        lines << tr("Signed in %1, ends %2%3")
                     .arg(formatTimestamp(session.createdAt), formatTimestamp(session.expiresAt),
                          session.current ? tr(" (this console)") : QString());
    MessageBoxes::Question question;
    question.icon = QMessageBox::Warning;
    question.title = tr("End sign-in sessions");
    question.text = sessions.size() == 1
        ? tr("Sign %1 out of their 1 session?").arg(describeUser(user))
        : tr("Sign %1 out of all %2 sessions?").arg(describeUser(user)).arg(sessions.size());
    question.informativeText = lines.join(u'\n')
        + tr("\n\nTheir tokens stop working at once and cannot be renewed; they must sign in again.");
    question.buttonTexts = {{QMessageBox::Yes, tr("&End sessions")}, {QMessageBox::No, tr("&Keep")}};
    MessageBoxes::ask(this, question, [this, user](QMessageBox::StandardButton answer) {
        if (answer != QMessageBox::Yes || !services())
            return;
        runTask(
            services()->userSessions.endAll(user.id().value()), this,
            [this, user](int ended) {
                m_detail->reload();
                emit statusMessage(tr("Ended %n sign-in session(s) of %1", nullptr, ended).arg(describeUser(user)));
            },
            [this, user](const std::exception &error) {
                MessageBoxes::showError(this, tr("End sign-in sessions"),
                                        tr("Could not end the sessions of %1: %2").arg(describeUser(user), errorMessage(error)));
            });
    });
}

} // namespace edge::ui
