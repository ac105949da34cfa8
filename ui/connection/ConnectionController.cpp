#include "ConnectionController.h"

#include "async/RunTask.h"
#include "common/ErrorText.h"
#include "dialogs/LoginDialog.h"
#include "dialogs/MessageBoxes.h"
#include "dialogs/ProfilesDialog.h"
#include "session/StoreSession.h"

#include <QDir>
#include <QFileInfo>
#include <QWidget>

namespace edge::ui {

ConnectionController::ConnectionController(StoreSession &session, ConsolePorts ports, QWidget *window)
    : QObject(window)
    , m_session(session)
    , m_ports(ports)
    , m_window(window)
{
    connect(&m_session, &StoreSession::opened, this, &ConnectionController::onStoreOpened);
    connect(&m_ports.accounts, &AccountSessionFactory::keychainUnavailable, this, [this](const QString &reason) {
        emit notice(tr("No keychain is available (%1): your sign-in is kept for this run only, "
                       "and you will be asked to sign in again next time.").arg(reason));
    });
}

ConnectionController::~ConnectionController() = default;

std::optional<User> ConnectionController::account() const
{
    return isRemote() ? m_remote->currentUser() : std::nullopt;
}

QString ConnectionController::summary() const
{
    if (!m_session.isOpen())
        return {};
    if (const std::optional<User> user = account())
        return tr("Worker %1 — signed in as %2 (%3)")
            .arg(m_session.location(), user->email().value(), roleDisplayName(user->role()));
    return tr("%1: %2").arg(m_session.kindName(), QDir::toNativeSeparators(m_session.location()));
}

QString ConnectionController::titleText() const
{
    if (!m_session.isOpen())
        return {};
    if (const std::optional<User> user = account())
        return tr("%1 (%2, %3)").arg(m_activeProfile, user->email().value(), roleDisplayName(user->role()));
    return QFileInfo(m_session.location()).fileName();
}

void ConnectionController::showProfiles()
{
    auto *dialog = new ProfilesDialog(m_ports.profiles, m_activeProfile, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ProfilesDialog::connectRequested, this, &ConnectionController::connectTo);
    dialog->open();
}

namespace {
// Whether the last thing connected was a profile (else a store opened by path, which the
// window's recent-stores list remembers): ProfileRepository cannot forget its last profile.
const QString ResumeProfileKey = QStringLiteral("connection/resumeProfile");
} // namespace

bool ConnectionController::connectToLastUsed()
{
    const std::optional<ConnectionProfile> last = m_ports.profiles.lastUsed();
    if (!last || !m_settings.value(ResumeProfileKey, false).toBool())
        return false;
    connectTo(*last);
    return true;
}

void ConnectionController::connectTo(const ConnectionProfile &profile)
{
    if (profile.kind == ProfileKind::Embedded) {
        m_pendingEmbeddedPath = QFileInfo(profile.storePath).absoluteFilePath();
        m_pendingEmbeddedName = profile.name;
        m_session.open(profile.storePath, OpenMode::OpenExisting);
        return;
    }
    m_pendingEmbeddedPath.clear();
    if (m_connecting && m_connecting != m_remote)
        m_connecting->deleteLater();
    AccountSession *session = m_ports.accounts.create(profile, this);
    m_connecting = session;
    resumeOrSignIn(session, profile);
}

// A token kept from an earlier sign-in is tried first: no dialog while it is still valid.
void ConnectionController::resumeOrSignIn(AccountSession *session, const ConnectionProfile &profile)
{
    emit statusMessage(tr("Connecting to %1…").arg(profile.baseUrl.toDisplayString()));
    auto resume = session->resume();
    runTask(
        std::move(resume), session,
        [this, session, profile](std::optional<User> user) {
            if (session != m_connecting)
                return;
            if (user)
                useRemote(session, profile, *user);
            else
                askToSignIn(session, profile, {});
        },
        [this, session, profile](const std::exception &error) {
            if (session != m_connecting)
                return;
            askToSignIn(session, profile, tr("Could not use the saved sign-in: %1").arg(errorMessage(error)));
        });
}

void ConnectionController::askToSignIn(AccountSession *session, const ConnectionProfile &profile,
                                       const QString &reason)
{
    if (m_loginDialog)
        return; // one sign-in at a time
    QString email = profile.accountEmail;
    if (session == m_remote && m_remoteProfile && account())
        email = account()->email().value();
    auto *dialog = new LoginDialog(*session, email, reason, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_loginDialog = dialog;
    connect(dialog, &LoginDialog::signedIn, this,
            [this, session, profile](const SignInResult &result) { onSignedIn(session, profile, result); });
    connect(dialog, &QDialog::rejected, this, [this, session, profile] {
        if (session == m_remote && !session->isSignedIn()) {
            // Expired and not renewed: nothing more can be done on this store.
            dropRemote();
            m_access = ConsoleAccess::embedded();
            m_session.close();
            emit statusMessage(tr("Signed out of %1").arg(profile.name));
            emit accessChanged();
        } else if (session != m_remote) {
            m_connecting = nullptr;
            session->deleteLater();
        }
    });
    dialog->open();
}

void ConnectionController::onSignedIn(AccountSession *session, const ConnectionProfile &profile,
                                      const SignInResult &result)
{
    if (result.persistence == TokenPersistence::MemoryOnly && !result.notSavedReason.isEmpty())
        emit notice(tr("Signed in, but no keychain is available (%1): the sign-in is kept for this "
                       "run only.").arg(result.notSavedReason));
    finishSignIn(session, profile, result.user);
}

void ConnectionController::finishSignIn(AccountSession *session, const ConnectionProfile &profile, const User &user)
{
    const bool renewal = session == m_remote && m_session.isOpen();
    if (renewal && m_session.services() && m_session.services()->actor().id == user.id().value()) {
        // Same person again: the store's services keep working with the new token.
        m_access = ConsoleAccess::forRole(user.role());
        emit accessChanged();
        emit statusMessage(tr("Signed in again as %1").arg(user.email().value()));
        emit signedInAgain();
        return;
    }
    useRemote(session, profile, user);
}

void ConnectionController::useRemote(AccountSession *session, const ConnectionProfile &profile, const User &user)
{
    if (m_remote && m_remote != session)
        m_remote->deleteLater();
    m_remote = session;
    m_connecting = nullptr;
    m_remoteProfile = profile;
    m_activeProfile = profile.name;
    m_access = ConsoleAccess::forRole(user.role());
    connect(session, &AccountSession::sessionExpired, this, &ConnectionController::onSessionExpired,
            Qt::UniqueConnection);
    m_adoptingRemote = true;
    m_session.adopt(session->makeBackend(), session->actor());
    m_adoptingRemote = false;
    try {
        m_ports.profiles.setLastUsed(profile.name);
        m_settings.setValue(ResumeProfileKey, true);
    } catch (const std::exception &) {
        // Only a convenience for the next start.
    }
    emit accessChanged();
}

void ConnectionController::onSessionExpired()
{
    auto *session = qobject_cast<AccountSession *>(sender());
    if (!session || session != m_remote || !m_remoteProfile)
        return;
    emit statusMessage(tr("Your sign-in has expired"));
    askToSignIn(session, *m_remoteProfile,
                tr("Your sign-in to %1 has expired or was revoked. Sign in again to go on: "
                   "nothing you typed is lost.").arg(m_remoteProfile->name));
}

// Any store opened by path (File › Open, a profile, the command line) is embedded: full
// access, and a remote sign-in in use before is let go (its token stays for next time).
void ConnectionController::onStoreOpened()
{
    if (m_adoptingRemote)
        return;
    dropRemote();
    m_access = ConsoleAccess::embedded();
    m_activeProfile.clear();
    bool fromProfile = false;
    if (!m_pendingEmbeddedPath.isEmpty() && m_session.location() == m_pendingEmbeddedPath) {
        m_activeProfile = m_pendingEmbeddedName;
        try {
            m_ports.profiles.setLastUsed(m_pendingEmbeddedName);
            fromProfile = true;
        } catch (const std::exception &) {
        }
    }
    m_settings.setValue(ResumeProfileKey, fromProfile);
    m_pendingEmbeddedPath.clear();
    emit accessChanged();
}

void ConnectionController::dropRemote()
{
    if (m_remote)
        m_remote->deleteLater();
    m_remote = nullptr;
    m_remoteProfile.reset();
}

void ConnectionController::signOut()
{
    if (!m_remote || !m_remoteProfile)
        return;
    AccountSession *session = m_remote;
    const ConnectionProfile profile = *m_remoteProfile;
    emit statusMessage(tr("Signing out of %1…").arg(profile.name));
    const auto signedOut = [this, session, profile](const QString &problem) {
        m_session.close();
        m_activeProfile.clear();
        m_access = ConsoleAccess::embedded();
        emit accessChanged();
        if (!problem.isEmpty())
            emit notice(problem);
        emit statusMessage(tr("Signed out of %1").arg(profile.name));
        // The same session object is reused for the next sign-in (or dropped on Cancel).
        m_remote = nullptr;
        m_remoteProfile.reset();
        m_connecting = session;
        askToSignIn(session, profile, tr("You are signed out."));
    };
    auto logout = session->logout();
    runTask(
        std::move(logout), session, [signedOut] { signedOut({}); },
        [signedOut](const std::exception &error) {
            signedOut(tr("Signed out here and the saved sign-in was deleted, but the server could "
                         "not be told: %1").arg(errorMessage(error)));
        });
}

} // namespace edge::ui
