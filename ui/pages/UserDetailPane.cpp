#include "UserDetailPane.h"

#include "async/RunTask.h"
#include "common/ErrorText.h"
#include "common/UserFormatting.h"
#include "domain/Text.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QLocale>
#include <QVBoxLayout>

namespace edge::ui {

namespace {
QLabel *valueLabel(const QString &objectName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

QLabel *sectionTitle(const QString &text)
{
    auto *label = new QLabel(text);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}
} // namespace

UserDetailPane::UserDetailPane(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("userDetailPane"));
    m_delay.setSingleShot(true);
    m_delay.setInterval(DashboardDelayMs);
    connect(&m_delay, &QTimer::timeout, this, &UserDetailPane::loadDashboard);

    auto *empty = new QLabel(tr("Select a user to see their details and progress."));
    empty->setObjectName(QStringLiteral("noSelectionLabel"));
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    empty->setEnabled(false);

    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("detailTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    m_email = valueLabel(QStringLiteral("detailEmail"));
    m_username = valueLabel(QStringLiteral("detailUsername"));
    m_role = valueLabel(QStringLiteral("detailRole"));
    m_created = valueLabel(QStringLiteral("detailCreated"));
    m_updated = valueLabel(QStringLiteral("detailUpdated"));
    m_version = valueLabel(QStringLiteral("detailVersion"));
    auto *identity = m_identity = new QFormLayout;
    identity->addRow(tr("Email:"), m_email);
    identity->addRow(tr("Username:"), m_username);
    identity->addRow(tr("Role:"), m_role);
    identity->addRow(tr("Created:"), m_created);
    identity->addRow(tr("Updated:"), m_updated);
    identity->addRow(tr("Version:"), m_version);
    m_sessions = valueLabel(QStringLiteral("detailSessions"));
    m_endSessions = new QPushButton(tr("End all…"));
    m_endSessions->setObjectName(QStringLiteral("endSessionsButton"));
    m_endSessions->setToolTip(tr("Sign this user out on every device"));
    connect(m_endSessions, &QPushButton::clicked, this, &UserDetailPane::endSessionsRequested);
    m_sessionsRow = new QWidget;
    auto *sessionsLayout = new QHBoxLayout(m_sessionsRow);
    sessionsLayout->setContentsMargins(0, 0, 0, 0);
    sessionsLayout->addWidget(m_sessions, 1);
    sessionsLayout->addWidget(m_endSessions);
    identity->addRow(tr("Sign-ins:"), m_sessionsRow);
    identity->setRowVisible(m_sessionsRow, false);

    m_totals = valueLabel(QStringLiteral("detailTotals"));
    m_progressState = new QLabel;
    m_progressState->setObjectName(QStringLiteral("progressState"));
    m_progressState->setEnabled(false);
    m_progress = new QTreeWidget;
    m_progress->setObjectName(QStringLiteral("progressList"));
    m_progress->setRootIsDecorated(false);
    m_progress->setAlternatingRowColors(true);
    m_progress->setHeaderLabels({tr("Lesson"), tr("Score"), tr("Completed"), tr("Updated")});
    m_progress->header()->setStretchLastSection(false);
    m_progress->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int column = 1; column < 4; ++column)
        m_progress->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);

    auto *details = new QWidget;
    auto *layout = new QVBoxLayout(details);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_title);
    layout->addLayout(identity);
    layout->addSpacing(8);
    layout->addWidget(sectionTitle(tr("Progress")));
    layout->addWidget(m_totals);
    layout->addWidget(m_progressState);
    layout->addWidget(m_progress, 1);
    layout->addStretch(); // keeps the details at the top while the progress list is hidden

    m_stack = new QStackedWidget;
    m_stack->addWidget(empty);
    m_stack->addWidget(details);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);
}

void UserDetailPane::setServices(std::shared_ptr<Services> services)
{
    m_services = std::move(services);
    showUser(std::nullopt);
}

std::optional<QString> UserDetailPane::shownUserId() const
{
    if (m_userId.isEmpty())
        return std::nullopt;
    return m_userId;
}

void UserDetailPane::showUserId(const QString &userId)
{
    if (m_user && m_user->id().value() == userId)
        return reload();
    m_user.reset();
    m_userId = userId;
    m_stack->setCurrentIndex(1);
    m_title->setText(tr("Reading…"));
    for (QLabel *label : {m_email, m_username, m_role, m_created, m_updated, m_version})
        label->clear();
    m_progress->clear();
    m_totals->clear();
    showProgressMessage(tr("Loading progress…"));
    ++m_request;
    m_delay.start();
}

void UserDetailPane::setRecentProgressShown(bool shown)
{
    m_recentShown = shown;
    showProgressMessage(m_progressState->text());
}

void UserDetailPane::showUser(const std::optional<User> &user)
{
    const bool sameUser = user && m_user && user->id() == m_user->id();
    const bool changed = !sameUser || !(*user == *m_user);
    m_user = user;
    m_userId = user ? user->id().value() : QString();
    if (!user) {
        ++m_request;
        m_delay.stop();
        m_stack->setCurrentIndex(0);
        return;
    }
    m_stack->setCurrentIndex(1);
    showIdentity(*user);
    if (!sameUser) {
        m_progress->clear();
        m_totals->clear();
        showProgressMessage(tr("Loading progress…"));
    }
    if (changed)
        reload();
}

void UserDetailPane::reload()
{
    if (m_userId.isEmpty())
        return;
    ++m_request;
    m_delay.start();
}

void UserDetailPane::showIdentity(const User &user)
{
    m_title->setText(withInvisiblesShown(user.username()));
    m_email->setText(user.email().value());
    m_username->setText(withInvisiblesShown(user.username()));
    m_role->setText(roleDisplayName(user.role()));
    m_created->setText(formatTimestampLong(user.createdAt()));
    m_updated->setText(formatTimestampLong(user.updatedAt()));
    m_version->setText(QString::number(user.version()));
}

void UserDetailPane::loadDashboard()
{
    if (m_userId.isEmpty() || !m_services)
        return;
    const quint64 request = ++m_request;
    runTask(
        m_services->userDashboard.execute(m_userId), this,
        [this, request, keep = m_services](UserDashboard dashboard) {
            if (request == m_request)
                showDashboard(dashboard);
        },
        [this, request](const std::exception &error) {
            if (request == m_request)
                showProgressMessage(tr("Could not read progress: %1").arg(errorMessage(error)));
        });
    if (m_sessionsShown)
        loadSessions(request);
}

void UserDetailPane::setSessionsShown(bool shown)
{
    m_sessionsShown = shown;
    m_identity->setRowVisible(m_sessionsRow, shown);
    reload();
}

void UserDetailPane::loadSessions(quint64 request)
{
    m_sessions->setText(tr("Reading…"));
    m_endSessions->setEnabled(false);
    runTask(
        m_services->userSessions.list(m_userId), this,
        [this, request, keep = m_services](QList<SignInSession> sessions) {
            if (request != m_request)
                return;
            m_sessions->setText(sessions.isEmpty() ? tr("none live")
                                                   : tr("%n live, the newest from %1", nullptr, int(sessions.size()))
                                                         .arg(formatTimestamp(sessions.first().createdAt)));
            m_endSessions->setEnabled(!sessions.isEmpty());
        },
        [this, request](const std::exception &error) {
            if (request == m_request)
                m_sessions->setText(tr("could not be read: %1").arg(errorMessage(error)));
        });
}

void UserDetailPane::showDashboard(const UserDashboard &dashboard)
{
    m_user = dashboard.user; // the freshest copy
    m_userId = dashboard.user.id().value();
    showIdentity(dashboard.user);
    const UserTotals &totals = dashboard.totals;
    m_totals->setText(tr("%1 lessons, %2 completed, average score %3")
                          .arg(totals.lessons)
                          .arg(totals.completed)
                          .arg(QLocale().toString(totals.averageScore, 'f', 1)));
    m_progress->clear();
    for (const ProgressEntry &entry : dashboard.recentProgress) {
        auto *item = new QTreeWidgetItem(m_progress);
        item->setText(0, entry.lessonTitle.isEmpty() ? entry.lessonId : entry.lessonTitle);
        item->setToolTip(0, item->text(0));
        item->setText(1, QString::number(entry.score));
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(2, entry.completed ? tr("Yes") : tr("No"));
        // The date is enough in a narrow pane; the tooltip has the time.
        item->setText(3, QLocale().toString(entry.updatedAt.toLocalTime().date(), QLocale::ShortFormat));
        item->setToolTip(3, formatTimestampLong(entry.updatedAt));
    }
    if (dashboard.recentProgress.isEmpty())
        showProgressMessage(tr("No progress yet"));
    else
        showProgressMessage(QString());
    emit dashboardShown(dashboard);
}

void UserDetailPane::showProgressMessage(const QString &message)
{
    m_progressState->setText(message);
    m_progressState->setVisible(!message.isEmpty() && m_recentShown);
    m_progress->setVisible(message.isEmpty() && m_recentShown);
}

} // namespace edge::ui
