// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SessionController.h"

#include "CertificateLoader.h"
#include "FirstPaintGate.h"
#include "PasswordController.h"
#include "SaslPinController.h"
#include "StatusController.h"

#include "client/Reconnector.h"
#include "common/ConnectionText.h"
#include "login/LoginDialog.h"
#include "main/ConnectionBanner.h"
#include "main/MainWindow.h"
#include "main/TrayIcon.h"

#include <QLoggingCategory>
#include <QTimer>

#include <utility>

Q_LOGGING_CATEGORY(lcSession, "xin.session")

SessionController::SessionController(Parts parts, QObject *parent)
    : QObject(parent)
    , m_parts(std::move(parts))
    , m_client(m_parts.client)
    , m_main(m_parts.main)
    , m_reconnector(new Reconnector(m_client, this))
{
    // Automatic reconnection (capped back-off, docs/SECURITY.md rule 10) only once a session has worked: during
    // the first sign-in the user is watching the dialog and decides.
    m_reconnector->setEnabled(false);
    wireClient();
}

SessionController::~SessionController() = default;

void SessionController::wireClient()
{
    connect(m_client, &XmppClient::stateChanged, this, &SessionController::stateChanged);
    connect(m_client, &XmppClient::connected, this, &SessionController::connected);
    connect(m_client, &XmppClient::errorOccurred, this, &SessionController::errorOccurred);
    // Connected after errorOccurred above: the error is shown first, then the question over it.
    m_saslPins = new SaslPinController(m_client, {[this](const QString &pin) {
        savePin(pin);
    }, [this](bool acceptWeaker) { signInAgain(acceptWeaker); }, [this] { return currentWindow(); }},
                                       this);
    // The banner counts down to the next attempt, with "Reconnect now" (reconnect()).
    ConnectionBanner *banner = m_main->connectionBanner();
    connect(m_reconnector, &Reconnector::reconnectScheduled, banner,
            [banner](std::chrono::milliseconds delay) { banner->showReconnecting(delay); });
    connect(m_reconnector, &Reconnector::waitingForNetwork, banner, &ConnectionBanner::showWaitingForNetwork);
}

void SessionController::setTrayIcon(TrayIcon *tray)
{
    m_tray = tray;
}

// ---------------------------------------------------------------------------------------------------------
// Starting

void SessionController::start(const std::optional<AccountStore::Account> &account, const QString &accountError)
{
    if (account) {
        m_configuration = account->configuration;
        m_caFile = account->caFile;
        m_rememberPassword = account->remembersPassword();
        m_passwordFileConsent = account->passwordPlace == AccountStore::PasswordPlace::File;
        m_autoLogin = account->autoLogin;
        m_savedJid = account->configuration.jid.bare();
    }
    // The CA file is read (and the TLS library started) by the CertificateLoader meanwhile, and the password
    // by the keychain (asynchronously, never a nested event loop): an automatic sign-in shows the cached
    // contact list first, before anything the connection needs.
    const bool automatic = account && account->autoLogin && account->remembersPassword();
    m_autoStart = automatic;
    if (automatic)
        enterMainWindow();
    else
        login()->show();
    if (account && account->remembersPassword())
        loadPassword(*account, automatic);
    CertificateLoader *certificates = m_parts.certificates;
    if (certificates->isFinished())
        QTimer::singleShot(0, this, [this, automatic] { certificatesLoaded(automatic); });
    else
        connect(certificates, &CertificateLoader::finished, this, [this, automatic] { certificatesLoaded(automatic); });
    if (!automatic && !accountError.isEmpty())
        login()->showError(accountError);
}

void SessionController::loadPassword(const AccountStore::Account &account, bool automatic)
{
    // A password kept in the profile file is known already: the sign-in does not wait for the keychain,
    // which only takes it over. Reaching the keychain (its library, its service) costs the UI thread
    // some 100 ms (bench_roster), so an automatic start asks it once the contact list has been drawn.
    m_passwordPending = m_configuration.password.isEmpty();
    auto load = [this, account] {
        m_parts.passwords->load(account, [this](const QString &password, const QString &notice) {
            passwordLoaded(password, notice);
        });
    };
    if (automatic)
        m_parts.firstPaint->run(std::move(load));
    else
        load();
}

void SessionController::certificatesLoaded(bool automatic)
{
    const CertificateLoader *certificates = m_parts.certificates;
    if (!certificates->ok()) {
        if (automatic && m_signedIn)
            showLoginDialog(certificates->errorString());
        else if (!automatic && m_login && m_login->isVisible())
            login()->showError(certificates->errorString());   // reported now, not at the sign-in
        return;
    }
    if (!automatic || !m_signedIn)
        return;   // signed out in the meantime
    m_configuration.extraCaCertificates = certificates->account().configuration.extraCaCertificates;
    m_certificatesReady = true;
    autoSignIn();
}

void SessionController::passwordLoaded(const QString &password, const QString &notice)
{
    m_passwordPending = false;
    if (m_configuration.password.isEmpty())   // unless the user typed one meanwhile
        m_configuration.password = password;
    if (m_login)
        m_login->offerSavedPassword(password);
    if (m_autoStart && m_signedIn && password.isEmpty()) {
        showLoginDialog(notice);   // nothing to sign in with: the dialog asks, and says why
        return;
    }
    tell(notice);
    autoSignIn();
}

void SessionController::tell(const QString &notice)
{
    if (notice.isEmpty())
        return;
    // While a connection is under way its progress fills the status area: the notice waits until it ends.
    if (!m_signedIn && !login()->isBusy())
        login()->showError(notice);
    else if (m_signedIn && m_client->isConnected())
        m_main->showError(notice);
    else
        m_pendingNotice = notice;
}

void SessionController::autoSignIn()
{
    if (!m_autoStart || !m_signedIn || !m_certificatesReady || m_passwordPending)
        return;
    m_autoStart = false;
    m_parts.firstPaint->run([this] {
        if (m_signedIn && m_client->state() == XmppClient::State::Disconnected)
            signIn();
    });
}

// ---------------------------------------------------------------------------------------------------------
// The login dialog

LoginDialog *SessionController::login()
{
    // Made when first needed: an automatic sign-in never shows it, and building it costs start-up time.
    if (!m_login) {
        m_login = std::make_unique<LoginDialog>();
        m_login->setConfiguration(m_configuration, m_caFile);
        m_login->setRememberPassword(m_rememberPassword);
        m_login->setAutoLogin(m_autoLogin);
        m_parts.passwords->prepare(m_login.get());
        m_login->setPasswordFileConsent(m_passwordFileConsent);
        wireLoginDialog();
    }
    return m_login.get();
}

void SessionController::wireLoginDialog()
{
    connect(m_login.get(), &LoginDialog::loginRequested, this, &SessionController::loginRequested);
    connect(m_login.get(), &LoginDialog::cancelRequested, this, [this] {
        m_client->disconnectFromHost();
        m_login->setBusy(false);
        m_login->clearMessage();
    });
    connect(m_login.get(), &LoginDialog::rejected, this, [this] {
        if (!m_signedIn)
            Q_EMIT quitRequested();
    });
}

QWidget *SessionController::currentWindow()
{
    return m_signedIn ? static_cast<QWidget *>(m_main) : static_cast<QWidget *>(login());
}

// ---------------------------------------------------------------------------------------------------------
// Signing in and out

void SessionController::loginRequested()
{
    // The dialog knows nothing of the SASL pin: the same account keeps it (XEP-0474 §5).
    const QString saslPin = m_configuration.saslPin;
    const Jid previous = m_configuration.jid.bare();
    m_configuration = login()->configuration();
    if (m_configuration.jid.bare() == previous)
        m_configuration.saslPin = saslPin;
    m_caFile = login()->caFile();
    m_rememberPassword = login()->rememberPassword();
    m_passwordFileConsent = login()->passwordFileConsent();
    m_autoStart = false;

    // The password is not written here: the keychain gets it once the server accepted it (rememberPassword()).
    saveAccount(false, "the account was not saved:");
    const auto told = [self = QPointer(this)](const QString &notice) {
        if (self)   // the keychain may answer after the session is gone
            self->tell(notice);
    };
    // One account per profile: another one's keychain item goes; unticking "Remember password" deletes it.
    const Jid jid = m_configuration.jid.bare();
    if (!m_savedJid.isNull() && m_savedJid != jid)
        m_parts.passwords->forget(m_savedJid, PasswordStore::Scope::KeychainOnly, told);
    m_savedJid = jid;
    if (!m_rememberPassword)
        m_parts.passwords->forget(jid, PasswordStore::Scope::Everywhere, told);
    m_passwordToRemember = m_rememberPassword;

    login()->setBusy(true);
    login()->showProgress(ConnectionText::state(XmppClient::State::Connecting));
    signIn();
}

void SessionController::saveAccount(bool withPassword, const char *what)
{
    AccountStore::Account account;
    account.configuration = m_configuration;
    account.caFile = m_caFile;
    account.autoLogin = m_login ? login()->autoLogin() : m_autoLogin;
    QString error;
    if (!AccountStore::save(m_parts.profileDir, account, withPassword, &error))
        qCWarning(lcSession) << what << error;   // names the file, never the password
}

void SessionController::rememberPassword()
{
    // Only a password the server accepted is worth remembering.
    if (!std::exchange(m_passwordToRemember, false))
        return;
    m_parts.passwords->remember(m_configuration.jid.bare(), m_configuration.password, m_passwordFileConsent,
                                [self = QPointer(this)](const QString &notice) {
        if (self)
            self->tell(notice);
    });
}

void SessionController::signIn(bool acceptWeakerSasl)
{
    ConnectionConfiguration configuration = m_configuration;
    // XEP-0474 §5: the user agreed to a weaker SASL mechanism for this connection only; never saved.
    configuration.acceptWeakerSasl = acceptWeakerSasl;
    m_client->connectToHost(configuration);
}

void SessionController::savePin(const QString &mechanism)
{
    m_configuration.saslPin = mechanism;
    saveAccount(m_rememberPassword, "the SASL pin was not saved:");
}

void SessionController::signInAgain(bool acceptWeaker)
{
    if (m_client->state() != XmppClient::State::Disconnected)
        return;
    if (m_signedIn) {
        reconnect(acceptWeaker);   // restarts the reconnector too
        return;
    }
    login()->setBusy(true);
    login()->showProgress(ConnectionText::state(XmppClient::State::Connecting));
    signIn(acceptWeaker);
}

void SessionController::enterMainWindow()
{
    m_signedIn = true;
    m_main->setOwnJid(m_configuration.jid.bare());
    if (m_main->displayName().isEmpty())
        m_main->setDisplayName(m_configuration.jid.local());
    if (m_tray)
        m_tray->setAccount(m_configuration.jid.bareString());
    if (m_login) {
        login()->setBusy(false);
        login()->clearMessage();
        login()->hide();
    }
    m_main->show();
    m_reconnector->setEnabled(true);
    Q_EMIT signedIn();
}

void SessionController::stateChanged(XmppClient::State state)
{
    if (m_signedIn)
        m_main->setConnectionState(state);
    else if (ConnectionText::isInProgress(state))
        login()->showProgress(ConnectionText::state(state));

    if (state == XmppClient::State::Disconnected) {
        m_parts.status->show(StatusChoice::Offline);
        if (!m_signedIn)
            login()->setBusy(false);
    }
}

void SessionController::connected()
{
    if (!m_signedIn)
        enterMainWindow();
    m_main->setConnectionState(XmppClient::State::Connected);
    rememberPassword();
    tell(std::exchange(m_pendingNotice, QString()));

    const Jid jid = m_client->jid();
    const QString ownName = m_parts.ownName ? m_parts.ownName() : QString();
    m_main->setOwnJid(jid.bare());
    m_main->setDisplayName(ownName.isEmpty() ? jid.local() : ownName);
    if (m_tray)
        m_tray->setAccount(jid.bareString());

    // RFC 6121 §4.2: the PresenceManager has sent the initial presence, the one the user wants (or the
    // automatic away state if the user is still idle); it also asks the server for our contacts'.
    m_parts.status->showOwnPresence();
}

void SessionController::errorOccurred(XmppClient::Error error, const QString &description)
{
    const QString sentence = ConnectionText::error(error, description, m_configuration.jid.domain(),
                                                   m_client->sslErrors());
    if (!m_signedIn) {
        login()->showError(sentence);
        return;
    }
    // A password that stopped working needs the sign-in window, not a "try again" button.
    if (error == XmppClient::Error::AuthenticationFailed) {
        showLoginDialog(sentence);
        return;
    }
    // Once the connection is down the Reconnector decides (resume at once, or back off) and the banner adds
    // the countdown to this sentence (reconnectScheduled above).
    m_main->showError(sentence);
}

void SessionController::changePresence(StatusChoice status, const QString &statusMessage)
{
    StatusController *statusController = m_parts.status;
    if (status == StatusChoice::Offline) {
        statusController->setMessage(statusMessage);
        m_reconnector->setEnabled(false);
        m_client->disconnectFromHost();
        statusController->show(StatusChoice::Offline);
        if (m_client->state() == XmppClient::State::Disconnected)
            m_main->setConnectionState(XmppClient::State::Disconnected);   // no countdown to an attempt now
        return;
    }
    statusController->setWanted(status, statusMessage);   // sends it when connected
    if (m_client->isConnected()) {
        statusController->show(status);
    } else if (m_client->state() == XmppClient::State::Disconnected) {
        reconnect();
    }
    // Otherwise a connection attempt is under way; connected() sends the wanted status.
}

void SessionController::reconnect(bool acceptWeakerSasl)
{
    if (m_parts.status->wanted() == StatusChoice::Offline)
        m_parts.status->setWanted(StatusChoice::Online);
    // "Reconnect now" while an automatic attempt waits: that attempt goes now, and the back-off keeps
    // counting (docs/SECURITY.md rule 10), so a server that keeps dropping us is still not hammered.
    if (m_reconnector->isEnabled() && m_reconnector->isWaiting() && !acceptWeakerSasl) {
        m_reconnector->reconnectNow();
        return;
    }
    // Restarting the reconnector cancels a pending automatic attempt so the two do not race.
    m_reconnector->setEnabled(false);
    m_reconnector->setEnabled(true);
    if (m_client->state() == XmppClient::State::Disconnected)
        signIn(acceptWeakerSasl);
}

void SessionController::showLoginDialog(const QString &error)
{
    m_signedIn = false;
    m_reconnector->setEnabled(false);
    m_main->hide();

    ConnectionConfiguration form = m_configuration;
    if (!m_rememberPassword)
        form.password.clear();
    login()->setConfiguration(form, m_caFile);
    login()->setRememberPassword(m_rememberPassword);
    login()->setPasswordFileConsent(m_passwordFileConsent);
    login()->setBusy(false);
    if (error.isEmpty())
        login()->clearMessage();
    else
        login()->showError(error);
    login()->show();
    login()->raise();
    login()->activateWindow();
}

void SessionController::signOut()
{
    m_reconnector->setEnabled(false);
    m_client->disconnectFromHost();
    Q_EMIT signedOut();
    showLoginDialog(QString());
}

void SessionController::prepareQuit()
{
    m_reconnector->setEnabled(false);
    m_main->hide();
    if (m_login)
        login()->hide();
}
