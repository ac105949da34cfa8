#pragma once

#include "connection/ConsoleAccess.h"
#include "infrastructure/remote/ProfileRepository.h"
#include "infrastructure/remote/RemoteSession.h"
#include "infrastructure/remote/TokenStore.h"

#include <QObject>
#include <QPointer>
#include <QSettings>

#include <optional>

class QWidget;

namespace edge::ui {

class LoginDialog;
class StoreSession;

// Which store the window works on and who is signed in to it: connects to a profile
// (embedded: opens the file; remote: resumes the stored token, else asks to sign in),
// signs out, and asks for a new sign-in when the Worker refuses the token mid-work. The
// window only listens to accessChanged() and asks for summary() and access(): it never
// handles sessions itself.
class ConnectionController final : public QObject
{
    Q_OBJECT

public:
    // `window` parents the dialogs this opens.
    ConnectionController(StoreSession &session, QWidget *window);
    ~ConnectionController() override;

    remote::ProfileRepository &profiles() { return m_profiles; }
    remote::TokenStore &tokens() { return m_tokens; }

    const ConsoleAccess &access() const { return m_access; }
    bool isRemote() const { return m_remote && m_remote->isSignedIn(); }
    std::optional<User> account() const;
    QString activeProfileName() const { return m_activeProfile; }
    // For the status bar: "Worker https://… — signed in as ada@x.io (Admin)" or
    // "Embedded store: /path"; empty when nothing is open.
    QString summary() const;
    // For the window title: "Production (ada@x.io, Admin)" or the store's file name.
    QString titleText() const;

    // File › Connect…: the profiles dialog; its Connect switches to the chosen profile.
    void showProfiles();
    void connectTo(const remote::ConnectionProfile &profile);
    // The last profile used, if any; false when there is none to connect to.
    bool connectToLastUsed();
    // File › Sign out: revokes the token on the Worker, deletes it here, closes the store
    // and offers to sign in again.
    void signOut();

signals:
    void accessChanged();
    void statusMessage(const QString &text);
    // Worth telling but not worth stopping for (no keychain: signed in for this run only).
    void notice(const QString &text);
    // A sign-in after an expiry succeeded: interrupted work may be retried.
    void signedInAgain();

private:
    void resumeOrSignIn(remote::RemoteSession *session, const remote::ConnectionProfile &profile);
    void askToSignIn(remote::RemoteSession *session, const remote::ConnectionProfile &profile,
                     const QString &reason);
    void onSignedIn(remote::RemoteSession *session, const remote::ConnectionProfile &profile,
                    const remote::SignInResult &result);
    void finishSignIn(remote::RemoteSession *session, const remote::ConnectionProfile &profile, const User &user);
    void useRemote(remote::RemoteSession *session, const remote::ConnectionProfile &profile, const User &user);
    void onSessionExpired();
    void onStoreOpened();
    void dropRemote();

    StoreSession &m_session;
    QWidget *m_window;
    QSettings m_settings;
    remote::ProfileRepository m_profiles;
    remote::TokenStore m_tokens;
    ConsoleAccess m_access;
    QPointer<remote::RemoteSession> m_remote;      // the signed-in Worker, if any
    QPointer<remote::RemoteSession> m_connecting;  // a connection not yet signed in
    std::optional<remote::ConnectionProfile> m_remoteProfile;
    QPointer<LoginDialog> m_loginDialog;
    QString m_activeProfile;
    QString m_pendingEmbeddedPath; // opening for this profile...
    QString m_pendingEmbeddedName; // ...called this
    bool m_adoptingRemote = false;
};

} // namespace edge::ui
