#include "LoginDialog.h"

#include "async/RunTask.h"
#include "common/ErrorText.h"
#include "domain/Email.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace edge::ui {

LoginDialog::LoginDialog(AccountSession &session, const QString &email, const QString &reason,
                         QWidget *parent)
    : QDialog(parent)
    , m_session(&session)
{
    setObjectName(QStringLiteral("loginDialog"));
    setWindowTitle(tr("Sign in to %1").arg(session.profileName()));

    auto *server = new QLabel(tr("<b>%1</b><br><span style='color: palette(placeholder-text)'>%2</span>")
                                  .arg(session.profileName().toHtmlEscaped(),
                                       session.baseUrl().toDisplayString().toHtmlEscaped()));
    server->setObjectName(QStringLiteral("loginServerLabel"));
    server->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *reasonLabel = new QLabel(reason);
    reasonLabel->setObjectName(QStringLiteral("loginReasonLabel"));
    reasonLabel->setWordWrap(true);
    reasonLabel->setStyleSheet(QStringLiteral("background: #fff4ce; color: #5c4400; padding: 6px;"));
    reasonLabel->setVisible(!reason.isEmpty());

    m_email = new QLineEdit(email);
    m_email->setObjectName(QStringLiteral("loginEmailEdit"));
    m_email->setPlaceholderText(tr("name@example.com"));
    m_password = new QLineEdit;
    m_password->setObjectName(QStringLiteral("loginPasswordEdit"));
    m_password->setEchoMode(QLineEdit::Password);

    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("loginError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();

    m_signingInLabel = new QLabel(tr("Signing in…"));
    m_signingInLabel->setObjectName(QStringLiteral("signingInLabel"));
    m_signingInLabel->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setObjectName(QStringLiteral("signInButton"));
    ok->setText(tr("&Sign in"));

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(tr("&Email:"), m_email);
    form->addRow(tr("&Password:"), m_password);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_signingInLabel);
    bottom->addStretch();
    bottom->addWidget(m_buttons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(server);
    layout->addWidget(reasonLabel);
    layout->addSpacing(6);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addLayout(bottom);
    setMinimumWidth(420);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &LoginDialog::signIn);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &LoginDialog::reject);
    connect(m_email, &QLineEdit::textChanged, this, &LoginDialog::updateButtons);
    connect(m_password, &QLineEdit::textChanged, this, &LoginDialog::updateButtons);
    (email.isEmpty() ? m_email : m_password)->setFocus();
    updateButtons();
}

void LoginDialog::updateButtons()
{
    const bool complete = Email::problem(m_email->text().trimmed()).isEmpty() && !m_password->text().isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(complete && !m_signingIn);
}

void LoginDialog::setSigningIn(bool signingIn)
{
    m_signingIn = signingIn;
    m_signingInLabel->setVisible(signingIn);
    m_email->setEnabled(!signingIn);
    m_password->setEnabled(!signingIn);
    updateButtons();
}

void LoginDialog::signIn()
{
    if (m_signingIn || !m_session || !m_buttons->button(QDialogButtonBox::Ok)->isEnabled())
        return;
    m_error->hide();
    setSigningIn(true);
    auto login = m_session->login(m_email->text().trimmed(), m_password->text());
    runTask(
        std::move(login), this,
        [this](SignInResult result) {
            setSigningIn(false);
            m_password->clear();
            emit signedIn(result);
            accept();
        },
        [this](const std::exception &error) {
            setSigningIn(false);
            m_error->setText(failureText(error, m_session ? m_session->baseUrl() : QUrl()));
            m_error->show();
            m_password->selectAll();
            m_password->setFocus();
        });
}

QString LoginDialog::failureText(const std::exception &error, const QUrl &server)
{
    const DomainError *domain = asDomainError(error);
    const QString detail = errorMessage(error);
    if (!domain)
        return detail;
    switch (domain->kind()) {
    case ErrorKind::Unauthorized:
        return tr("Wrong email or password.");
    case ErrorKind::RateLimited:
        return tr("Too many sign-in attempts. Wait before trying again.\n%1").arg(detail);
    case ErrorKind::Unavailable: {
        const bool tls = detail.contains(QLatin1String("TLS")) || detail.contains(QLatin1String("SSL"))
                         || detail.contains(QLatin1String("certificate"), Qt::CaseInsensitive);
        if (tls)
            return tr("The secure connection to %1 was refused (TLS): the server's certificate "
                      "is not trusted. Check the address; never work around this.\n%2")
                .arg(server.host(), detail);
        return tr("Cannot reach the server at %1. Check the address and your network.\n%2")
            .arg(server.toDisplayString(), detail);
    }
    default:
        return detail;
    }
}

} // namespace edge::ui
