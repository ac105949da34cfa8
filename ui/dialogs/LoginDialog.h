#pragma once

#include "application/ports/AccountSession.h"

#include <QDialog>
#include <QPointer>

#include <exception>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace edge::ui {

// Signing in to a Worker: email (pre-filled from the profile), password (never echoed),
// a "Signing in…" state while the request runs, and errors in words people can act on
// (wrong password, too many attempts and when to retry, server unreachable, TLS refused).
// Stays open on failure with the email kept; accepts once signed in.
class LoginDialog final : public QDialog
{
    Q_OBJECT

public:
    // `reason` is shown above the form, e.g. why signing in again is needed.
    LoginDialog(AccountSession &session, const QString &email, const QString &reason,
                QWidget *parent);

    bool isSigningIn() const { return m_signingIn; }
    // The text shown for a failed sign-in (public for tests and the CLI's wording).
    static QString failureText(const std::exception &error, const QUrl &server);

signals:
    void signedIn(const edge::SignInResult &result);

private:
    void signIn();
    void setSigningIn(bool signingIn);
    void updateButtons();

    QPointer<AccountSession> m_session;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_signingInLabel = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    bool m_signingIn = false;
};

} // namespace edge::ui
