// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "login/LoginDialog.h"

#include "common/AvatarWidget.h"
#include "common/Glyphs.h"
#include "common/MessageLabel.h"
#include "login/LoginBanner.h"
#include "login/ServerSettingsWidget.h"
#include "storage/AccountStore.h"

#include <QCheckBox>
#include <QDir>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

constexpr int formWidth = 300;

}   // namespace

LoginDialog::LoginDialog(QWidget *parent)
    : QDialog(parent)
    , m_avatar(new AvatarWidget(76, this))
    , m_jid(new QLineEdit(this))
    , m_jidError(new MessageLabel(this))
    , m_password(new QLineEdit(this))
    , m_passwordError(new MessageLabel(this))
    , m_remember(new QCheckBox(tr("Remember password"), this))
    , m_autoLogin(new QCheckBox(tr("Sign in automatically"), this))
    , m_passwordPlace(new MessageLabel(this))
    , m_fileConsent(new QCheckBox(tr("Save it in the profile folder"), this))
    , m_advancedButton(new QToolButton(this))
    , m_serverSettings(new ServerSettingsWidget(this))
    , m_status(new MessageLabel(this))
    , m_loginButton(new QPushButton(tr("Sign in"), this))
{
    setUpWidgets();
    createLayout();
    connectWidgets();
    updateAvatar();
    updatePasswordPlace();
    validate();
}

void LoginDialog::setUpWidgets()
{
    setObjectName(u"loginDialog"_s);
    setWindowTitle(tr("Xin: sign in"));

    m_avatar->setObjectName(u"loginAvatar"_s);
    m_avatar->setRingVisible(true);
    m_jid->setObjectName(u"jidEdit"_s);
    m_jid->setPlaceholderText(tr("Address, e.g. alice@example.org"));
    m_jid->setClearButtonEnabled(true);
    m_jidError->setObjectName(u"jidError"_s);
    m_password->setObjectName(u"passwordEdit"_s);
    m_password->setPlaceholderText(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_passwordError->setObjectName(u"passwordError"_s);
    m_remember->setObjectName(u"rememberPasswordCheck"_s);
    m_remember->setToolTip(tr("Keeps the password in this computer's keychain"));
    m_passwordPlace->setObjectName(u"passwordPlaceLabel"_s);
    m_fileConsent->setObjectName(u"passwordFileConsentCheck"_s);
    m_fileConsent->hide();
    m_autoLogin->setObjectName(u"autoLoginCheck"_s);
    m_advancedButton->setObjectName(u"advancedButton"_s);
    m_advancedButton->setText(tr("Advanced"));
    m_advancedButton->setCheckable(true);
    m_advancedButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_advancedButton->setIcon(Glyphs::chevronRight(QColor(0x7a, 0x84, 0x93)));
    m_advancedButton->setIconSize(QSize(14, 14));
    m_serverSettings->setObjectName(u"serverSettings"_s);
    m_serverSettings->hide();
    m_status->setObjectName(u"statusLabel"_s);
    m_status->setAlignment(Qt::AlignCenter);
    m_loginButton->setObjectName(u"loginButton"_s);
    m_loginButton->setDefault(true);
    m_loginButton->setMinimumHeight(38);
    m_loginButton->setCursor(Qt::PointingHandCursor);
}

void LoginDialog::createLayout()
{
    auto *checks = new QHBoxLayout;
    checks->addWidget(m_remember);
    checks->addStretch();
    checks->addWidget(m_autoLogin);

    auto *form = new QVBoxLayout;
    form->setSpacing(6);
    form->addWidget(m_jid);
    form->addWidget(m_jidError);
    form->addWidget(m_password);
    form->addWidget(m_passwordError);
    form->addLayout(checks);
    form->addWidget(m_passwordPlace);
    form->addWidget(m_fileConsent);
    form->addWidget(m_advancedButton, 0, Qt::AlignLeft);

    auto *formWidget = new QWidget(this);
    formWidget->setFixedWidth(formWidth);
    formWidget->setLayout(form);
    form->setContentsMargins(0, 0, 0, 0);

    auto *row = new QHBoxLayout;
    row->setSpacing(20);
    row->addStretch();
    row->addWidget(m_avatar, 0, Qt::AlignTop);
    row->addWidget(formWidget);
    row->addStretch();

    auto *body = new QVBoxLayout;
    body->setContentsMargins(28, 22, 28, 24);
    body->setSpacing(10);
    body->addLayout(row);
    body->addWidget(m_serverSettings);
    body->addWidget(m_status);
    body->addWidget(m_loginButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(new LoginBanner(this));
    layout->addLayout(body);
    layout->setSizeConstraint(QLayout::SetFixedSize);   // the dialog grows and shrinks with "Advanced"
}

void LoginDialog::connectWidgets()
{
    connect(m_jid, &QLineEdit::textChanged, this, &LoginDialog::validate);
    connect(m_jid, &QLineEdit::textChanged, this, &LoginDialog::updateAvatar);
    connect(m_password, &QLineEdit::textEdited, this, [this] { m_passwordTouched = true; });
    connect(m_password, &QLineEdit::textChanged, this, &LoginDialog::validate);
    connect(m_serverSettings, &ServerSettingsWidget::edited, this, &LoginDialog::validate);
    connect(m_advancedButton, &QToolButton::toggled, this, &LoginDialog::setAdvancedVisible);
    connect(m_loginButton, &QPushButton::clicked, this, &LoginDialog::buttonClicked);
    // QQ's rule: signing in automatically needs the saved password, and forgetting it stops auto sign-in.
    connect(m_autoLogin, &QCheckBox::toggled, this, [this](bool on) {
        if (on)
            m_remember->setChecked(true);
    });
    connect(m_remember, &QCheckBox::toggled, this, [this](bool on) {
        if (!on) {
            m_autoLogin->setChecked(false);
            m_fileConsent->setChecked(false);   // consent is asked again, never remembered past a "no"
        }
    });
    connect(m_remember, &QCheckBox::toggled, this, &LoginDialog::updatePasswordPlace);
    connect(m_fileConsent, &QCheckBox::toggled, this, &LoginDialog::updatePasswordPlace);
}

void LoginDialog::setConfiguration(const ConnectionConfiguration &configuration, const QString &caFile)
{
    m_jid->setText(configuration.jid.isNull() ? QString() : configuration.jid.toString());
    m_resource = configuration.resource;
    m_password->setText(configuration.password);
    m_serverSettings->load(configuration, caFile);
    // Open "Advanced" when something in it differs from the defaults, so the user sees what is in use.
    const bool custom = !configuration.host.isEmpty() || configuration.port || configuration.directTls
                     || configuration.securityMode != ConnectionConfiguration::SecurityMode::Required
                     || !caFile.isEmpty();
    m_advancedButton->setChecked(custom);
    validate();
}

ConnectionConfiguration LoginDialog::configuration() const
{
    ConnectionConfiguration configuration;
    configuration.jid = Jid::parse(m_jid->text().trimmed()).value_or(Jid());
    configuration.password = m_password->text();
    configuration.resource = configuration.jid.isFull() ? QString() : m_resource;
    m_serverSettings->apply(configuration);
    return configuration;
}

QString LoginDialog::caFile() const
{
    return m_serverSettings->caFile();
}

bool LoginDialog::rememberPassword() const
{
    return m_remember->isChecked();
}

void LoginDialog::setRememberPassword(bool remember)
{
    m_remember->setChecked(remember);
}

bool LoginDialog::autoLogin() const
{
    return m_autoLogin->isChecked();
}

void LoginDialog::setAutoLogin(bool autoLogin)
{
    m_autoLogin->setChecked(autoLogin);
}

void LoginDialog::setKeychainAvailable(bool available)
{
    m_keychainAvailable = available;
    updatePasswordPlace();
}

void LoginDialog::setProfileDir(const QString &profileDir)
{
    m_profileDir = profileDir;
    updatePasswordPlace();
}

bool LoginDialog::passwordFileConsent() const
{
    return !m_keychainAvailable && m_remember->isChecked() && m_fileConsent->isChecked();
}

void LoginDialog::setPasswordFileConsent(bool consent)
{
    m_fileConsent->setChecked(consent);
}

void LoginDialog::offerSavedPassword(const QString &password)
{
    if (m_passwordTouched || !m_password->text().isEmpty() || m_busy)
        return;
    m_password->setText(password);
}

void LoginDialog::updatePasswordPlace()
{
    // docs/SECURITY.md rule 12: the user learns where a remembered password lives before it is saved, and
    // without a keychain it reaches the profile folder only if they agree here.
    const bool remember = m_remember->isChecked();
    m_fileConsent->setVisible(remember && !m_keychainAvailable);
    QString text;
    if (!remember)
        text.clear();
    else if (m_keychainAvailable)
        text = tr("The password is kept in this computer's keychain.");
    else if (!m_fileConsent->isChecked())
        text = tr("No keychain is available on this computer; save the password in the profile folder, "
                  "readable only by you?");
    else
        text = tr("The password is kept in %1, readable only by you.")
                   .arg(QDir::toNativeSeparators(QDir(AccountStore::filePath(m_profileDir)).absolutePath()));
    m_passwordPlace->showMessage(text, MessageLabel::Kind::Info);
}

bool LoginDialog::isInputValid() const
{
    const auto jid = Jid::parse(m_jid->text().trimmed());
    return jid && !jid->local().isEmpty() && !m_password->text().isEmpty() && m_serverSettings->isValid();
}

void LoginDialog::validate()
{
    const QString text = m_jid->text().trimmed();
    QString jidMessage;
    QString domain;
    if (!text.isEmpty()) {
        QString reason;
        const auto jid = Jid::parse(text, &reason);
        if (!jid)
            jidMessage = reason.isEmpty() ? tr("This is not a valid address.")
                                          : tr("Not a valid address: %1").arg(reason);
        else if (jid->local().isEmpty())
            jidMessage = tr("Enter your whole address, e.g. alice@%1.").arg(jid->domain());
        else
            domain = jid->domain();
    }
    m_jidError->showMessage(jidMessage);
    m_serverSettings->setDomain(domain);

    const bool passwordMissing = m_password->text().isEmpty();
    m_passwordError->showMessage(passwordMissing && m_passwordTouched ? tr("Enter your password.") : QString());

    m_loginButton->setEnabled(m_busy || isInputValid());
}

void LoginDialog::updateAvatar()
{
    const auto jid = Jid::parse(m_jid->text().trimmed());
    if (jid && !jid->local().isEmpty()) {
        m_avatar->setName(jid->local());
        m_avatar->setColourKey(jid->bareString());
    } else {
        m_avatar->setName(u"信"_s);
        m_avatar->setColourKey(QString());
    }
}

void LoginDialog::buttonClicked()
{
    if (m_busy) {
        Q_EMIT cancelRequested();
        return;
    }
    if (!isInputValid())
        return;
    clearMessage();
    Q_EMIT loginRequested();
}

void LoginDialog::setAdvancedVisible(bool visible)
{
    m_advancedButton->setIcon(visible ? Glyphs::chevronDown(QColor(0x7a, 0x84, 0x93))
                                      : Glyphs::chevronRight(QColor(0x7a, 0x84, 0x93)));
    m_serverSettings->setVisible(visible);
}

void LoginDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget *field :
         std::initializer_list<QWidget *>{m_jid, m_password, m_remember, m_autoLogin, m_fileConsent, m_serverSettings})
        field->setEnabled(!busy);
    m_loginButton->setText(busy ? tr("Cancel") : tr("Sign in"));
    m_loginButton->setProperty("busy", busy);
    m_loginButton->style()->unpolish(m_loginButton);
    m_loginButton->style()->polish(m_loginButton);
    if (!busy && m_password->isEnabled() && m_password->text().isEmpty())
        m_password->setFocus();
    validate();
}

void LoginDialog::showProgress(const QString &text)
{
    m_status->showMessage(text, MessageLabel::Kind::Progress);
}

void LoginDialog::showError(const QString &text)
{
    m_status->showMessage(text, MessageLabel::Kind::Error);
}

void LoginDialog::clearMessage()
{
    m_status->clearMessage();
}
