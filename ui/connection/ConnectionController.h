#pragma once

#include "application/ports/ConsolePorts.h"
#include "connection/ConsoleAccess.h"

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
    // `window` parents the dialogs this opens; `ports` outlive the controller.
    ConnectionController(StoreSession &session, ConsolePorts ports, QWidget *window);
    ~ConnectionController() override;

    ProfileRepository &profiles() { return m_ports.profiles; }

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
    void connectTo(const ConnectionProfile &profile);
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
    void resumeOrSignIn(AccountSession *session, const ConnectionProfile &profile);
    void askToSignIn(AccountSession *session, const ConnectionProfile &profile,
                     const QString &reason);
    void onSignedIn(AccountSession *session, const ConnectionProfile &profile,
                    const SignInResult &result);
    void finishSignIn(AccountSession *session, const ConnectionProfile &profile, const User &user);
    void useRemote(AccountSession *session, const ConnectionProfile &profile, const User &user);
    void onSessionExpired();
    void onStoreOpened();
    void dropRemote();

    StoreSession &m_session;
    ConsolePorts m_ports;
    QWidget *m_window;
    QSettings m_settings;
    ConsoleAccess m_access;
    QPointer<AccountSession> m_remote;      // the signed-in Worker, if any
    QPointer<AccountSession> m_connecting;  // a connection not yet signed in
    std::optional<ConnectionProfile> m_remoteProfile;
    QPointer<LoginDialog> m_loginDialog;
    QString m_activeProfile;
    QString m_pendingEmbeddedPath; // opening for this profile...
    QString m_pendingEmbeddedName; // ...called this
    bool m_adoptingRemote = false;
};

} // namespace edge::ui
