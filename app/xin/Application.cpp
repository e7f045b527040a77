#include "Application.h"
#include "CertificateLoader.h"

#include "ChatController.h"
#include "ContactsController.h"
#include "FirstPaintGate.h"
#include "PasswordController.h"
#include "ProfilesController.h"
#include "SaslPinController.h"
#include "StatusController.h"

#include "client/ExtensionRegistry.h"
#include "client/Reconnector.h"
#include "common/ConnectionText.h"
#include "extensions/ArchiveManager.h"
#include "common/AvatarImages.h"
#include "extensions/AvatarManager.h"
#include "extensions/BlockingManager.h"
#include "extensions/ChatManager.h"
#include "extensions/DirectorySearch.h"
#include "extensions/PresenceManager.h"
#include "extensions/RosterManager.h"
#include "extensions/VCardManager.h"
#include "login/LoginDialog.h"
#include "main/MainWindow.h"
#include "main/TrayIcon.h"
#include "models/RosterFilterModel.h"
#include "models/RosterModel.h"
#include "roster/ContactListView.h"
#include "roster/FriendRequestsDialog.h"
#include "stanza/Presence.h"
#include "storage/AccountStore.h"
#include "storage/AvatarStore.h"
#include "storage/Database.h"
#include "storage/MessageStore.h"
#include "storage/RosterStore.h"
#include "storage/VCardStore.h"

#include <QApplication>
#include <QLocale>
#include <QLoggingCategory>
#include <QMenu>
#include <QSystemTrayIcon>
#include <QTime>
#include <QTimer>
#include <QUrl>

#include <algorithm>

using namespace std::chrono_literals;

Q_LOGGING_CATEGORY(lcApp, "xin.app")

namespace {

/// The profile's database, open, or closed where it cannot be (the app then runs without a local cache).
std::unique_ptr<Database> openDatabase(const QString &profileDir)
{
    auto database = std::make_unique<Database>();
    QString error;
    if (!database->open(Database::filePath(profileDir), &error)) {
        qCWarning(lcApp) << "no local cache:" << error;
        return database;
    }
    // A checkpoint in a commit of the UI thread stalled it for up to 200 ms during a message flood.
    database->setBackgroundCheckpoints(true);
    return database;
}
}

Application::Application(const QString &profileDir, RosterPreload *rosterPreload, QObject *parent)
    : QObject(parent)
    , m_profileDir(profileDir)
    , m_account(AccountStore::load(profileDir, &m_accountError, AccountStore::Certificates::Later))
    , m_database(openDatabase(profileDir))
    // With a roster preload running, the certificates wait for it: two workers, two cores.
    , m_certificates(std::make_unique<CertificateLoader>(profileDir, m_account.value_or(AccountStore::Account{}),
                                                         rosterPreload ? CertificateLoader::Start::Later
                                                                       : CertificateLoader::Start::Now))
    , m_client(new XmppClient(this))
    , m_reconnector(new Reconnector(m_client, this))
    , m_main(std::make_unique<MainWindow>())
    , m_passwords(new PasswordController(profileDir, this))
{
    // Automatic reconnection (capped back-off, docs/SECURITY.md rule 10) only once a session has worked: during
    // the first sign-in the user is watching the dialog and decides.
    m_reconnector->setEnabled(false);
    wireClient();
    wireMainWindow();
    createTrayIcon();
    createRoster(rosterPreload);
    wireContacts();
}

Application::~Application()
{
    // The extensions die with m_client, after the members: the stores must not be used past this point.
    delete m_chatController;
    m_chatController = nullptr;
    m_roster->setStore(nullptr);
}

void Application::start()
{
    const std::optional<AccountStore::Account> &account = m_account;
    if (account) {
        m_configuration = account->configuration;
        m_caFile = account->caFile;
        m_rememberPassword = account->remembersPassword();
        m_passwordFileConsent = account->passwordPlace == AccountStore::PasswordPlace::File;
        m_autoLogin = account->autoLogin;
        m_savedJid = account->configuration.jid.bare();
    }
    // The CA file is read (and the TLS library started) by m_certificates meanwhile, and the password by
    // the keychain (asynchronously, never a nested event loop): an automatic sign-in shows the cached
    // contact list first, before anything the connection needs.
    const bool automatic = account && account->autoLogin && account->remembersPassword();
    m_autoStart = automatic;
    if (automatic)
        enterMainWindow();
    else
        login()->show();
    if (account && account->remembersPassword()) {
        // A password kept in the profile file is known already: the sign-in does not wait for the keychain,
        // which only takes it over. Reaching the keychain (its library, its service) costs the UI thread
        // some 100 ms (bench_roster), so an automatic start asks it once the contact list has been drawn.
        m_passwordPending = m_configuration.password.isEmpty();
        auto loadPassword = [this, account = *account] {
            m_passwords->load(account, [this](const QString &password, const QString &notice) {
                passwordLoaded(password, notice);
            });
        };
        if (automatic)
            m_firstPaint->run(std::move(loadPassword));
        else
            loadPassword();
    }
    const auto certificatesLoaded = [this, automatic] {
        if (!m_certificates->ok()) {
            if (automatic && m_signedIn)
                showLoginDialog(m_certificates->errorString());
            else if (!automatic && m_login && m_login->isVisible())
                login()->showError(m_certificates->errorString());   // reported now, not at the sign-in
            return;
        }
        if (!automatic || !m_signedIn)
            return;   // signed out in the meantime
        m_configuration.extraCaCertificates = m_certificates->account().configuration.extraCaCertificates;
        m_certificatesReady = true;
        autoSignIn();
    };
    if (m_certificates->isFinished())
        QTimer::singleShot(0, this, certificatesLoaded);
    else
        connect(m_certificates.get(), &CertificateLoader::finished, this, certificatesLoaded);
    if (!automatic && !m_accountError.isEmpty())
        login()->showError(m_accountError);
}

void Application::passwordLoaded(const QString &password, const QString &notice)
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

void Application::tell(const QString &notice)
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

void Application::autoSignIn()
{
    if (!m_autoStart || !m_signedIn || !m_certificatesReady || m_passwordPending)
        return;
    m_autoStart = false;
    m_firstPaint->run([this] {
        if (m_signedIn && m_client->state() == XmppClient::State::Disconnected)
            signIn();
    });
}

bool Application::openChat(const QString &address)
{
    // RFC 5122 §2: xmpp:node@domain with an optional ?query (e.g. ?message); percent-encoded UTF-8.
    QString text = address.trimmed();
    if (text.startsWith(u"xmpp:", Qt::CaseInsensitive)) {
        text = text.mid(5);
        if (text.startsWith(u"//"))
            return false;   // an authority part names an account to use: not supported
        text = QUrl::fromPercentEncoding(text.section(u'?', 0, 0).toUtf8());
    }
    const auto jid = Jid::parse(text);
    if (!jid || jid->local().isEmpty())
        return false;
    if (m_signedIn)
        m_chatController->openChat(jid->bare());
    else
        m_chatToOpen = jid->bare();
    return true;
}

// ---------------------------------------------------------------------------------------------------------
// Wiring

void Application::wireClient()
{
    connect(m_client, &XmppClient::stateChanged, this, &Application::stateChanged);
    connect(m_client, &XmppClient::connected, this, &Application::connected);
    connect(m_client, &XmppClient::errorOccurred, this, &Application::errorOccurred);
    // Connected after errorOccurred above: the error is shown first, then the question over it.
    m_saslPins = new SaslPinController(m_client, {[this](const QString &pin) { savePin(pin); },
                                                  [this](bool acceptWeaker) { signInAgain(acceptWeaker); },
                                                  [this] { return currentWindow(); }},
                                       this);
    connect(m_reconnector, &Reconnector::reconnectScheduled, this,
            [this](std::chrono::milliseconds delay) { m_reconnectDelay = delay; });
}

LoginDialog *Application::login()
{
    // Made when first needed: an automatic sign-in never shows it, and building it costs start-up time.
    if (!m_login) {
        m_login = std::make_unique<LoginDialog>();
        m_login->setConfiguration(m_configuration, m_caFile);
        m_login->setRememberPassword(m_rememberPassword);
        m_login->setAutoLogin(m_autoLogin);
        m_passwords->prepare(m_login.get());
        m_login->setPasswordFileConsent(m_passwordFileConsent);
        wireLoginDialog();
    }
    return m_login.get();
}

void Application::wireLoginDialog()
{
    connect(m_login.get(), &LoginDialog::loginRequested, this, &Application::loginRequested);
    connect(m_login.get(), &LoginDialog::cancelRequested, this, [this] {
        m_client->disconnectFromHost();
        m_login->setBusy(false);
        m_login->clearMessage();
    });
    // Closing the sign-in window before signing in ends the program, as QQ's does.
    connect(m_login.get(), &LoginDialog::rejected, this, [this] {
        if (!m_signedIn)
            quit();
    });
}

void Application::wireMainWindow()
{
    connect(m_main.get(), &MainWindow::presenceChangeRequested, this, &Application::presenceChangeRequested);
    connect(m_main.get(), &MainWindow::reconnectRequested, this, [this] { reconnect(); });
    connect(m_main.get(), &MainWindow::signOutRequested, this, &Application::signOut);
    connect(m_main.get(), &MainWindow::quitRequested, this, &Application::quit);
}

void Application::createTrayIcon()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new TrayIcon(QApplication::windowIcon(), this);
    m_main->setCloseHidesWindow(true);
    connect(m_tray, &TrayIcon::toggleWindowRequested, this, &Application::toggleCurrentWindow);
    connect(m_tray, &TrayIcon::quitRequested, this, &Application::quit);
    connect(m_tray, &TrayIcon::statusSelected, this, [this](StatusChoice status) {
        if (m_signedIn)
            presenceChangeRequested(status, m_status->message());
        else if (status != StatusChoice::Offline)
            m_status->setWanted(status);   // used once the user signs in
    });
    connect(m_tray->contextMenu(), &QMenu::aboutToShow, this,
            [this] { m_tray->setWindowVisible(currentWindow()->isVisible()); });
    m_tray->show();
}

// ---------------------------------------------------------------------------------------------------------
// Contacts

void Application::createRoster(RosterPreload *preload)
{
    if (m_database->isOpen()) {
        m_rosterStore = std::make_unique<RosterStore>(*m_database, preload);
        m_vCardStore = std::make_unique<VCardStore>(*m_database);
        m_messageStore = std::make_unique<MessageStore>(*m_database);
        // Indexing inside a flood stalled the UI thread when the index merged its segments.
        m_messageStore->setBackgroundIndexing(true);
    }
    m_avatarStore = std::make_unique<AvatarStore>(AvatarStore::directoryFor(m_profileDir));
    m_avatarImages = std::make_unique<AvatarImages>(m_avatarStore.get());

    const auto managers = ExtensionRegistry::install(
        *m_client,
        {m_rosterStore.get(), m_vCardStore.get(), m_avatarStore.get(), m_messageStore.get(),
         m_database->isOpen() ? m_database.get() : nullptr},
        ExtensionRegistry::allFeatures());
    m_certificates->start();   // the roster preload, if any, is done
    m_blocking = managers.blocking;
    m_roster = managers.roster;
    m_vCards = managers.vCards;
    m_presence = managers.presence;
    m_avatars = managers.avatars;
    m_directory = new DirectorySearch(managers.search, this);
    m_chats = managers.chats;
    m_archive = managers.archive;

    m_rosterModel = new RosterModel(m_roster, m_presence, this);
    m_rosterFilter = new RosterFilterModel(this);
    m_rosterFilter->setSourceModel(m_rosterModel);
    m_contactView = new ContactListView;
    m_firstPaint = new FirstPaintGate(m_contactView, this);
    // Into the window before the model: reparenting a populated tree view re-measures every row.
    m_main->setContactView(m_contactView, m_rosterFilter);
    m_friendRequests = std::make_unique<FriendRequestsDialog>();
    m_profiles = new ProfilesController({m_client, m_vCards, m_avatars, m_vCardStore.get(), m_avatarImages.get(),
                                         m_roster, m_rosterModel, m_contactView, m_main.get(), m_friendRequests.get()},
                                        this);
    m_chatController = new ChatController({m_client, m_chats, m_archive, m_messageStore.get(), m_avatarImages.get(),
                                           m_avatars, m_database->isOpen() ? m_database.get() : nullptr, m_rosterModel, m_contactView, m_main.get(), m_profiles},
                                          this);
    m_chatController->setTrayIcon(m_tray);
}

void Application::wireContacts()
{
    m_contacts = new ContactsController({m_roster, m_blocking, m_presence, m_directory, m_rosterModel, m_rosterFilter,
                                         m_contactView, m_main.get(), m_profiles, m_friendRequests.get(), m_database.get(),
                                         [this] { return m_configuration.jid.bare(); }},
                                        this);
    m_contacts->setTrayIcon(m_tray);
    m_status = new StatusController(m_client, m_presence, m_main.get(), m_database.get(), this);
    m_status->setTrayIcon(m_tray);
}

// ---------------------------------------------------------------------------------------------------------
// Signing in and out

void Application::loginRequested()
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

    AccountStore::Account account;
    account.configuration = m_configuration;
    account.caFile = m_caFile;
    account.autoLogin = login()->autoLogin();
    QString error;
    // The password is not written here: the keychain gets it once the server accepted it (rememberPassword()).
    if (!AccountStore::save(m_profileDir, account, false, &error))
        qCWarning(lcApp) << "the account was not saved:" << error;   // names the file, never the password
    const auto told = [this](const QString &notice) { tell(notice); };
    // One account per profile: another one's keychain item goes; unticking "Remember password" deletes it.
    const Jid jid = m_configuration.jid.bare();
    if (!m_savedJid.isNull() && m_savedJid != jid)
        m_passwords->forget(m_savedJid, PasswordStore::Scope::KeychainOnly, told);
    m_savedJid = jid;
    if (!m_rememberPassword)
        m_passwords->forget(jid, PasswordStore::Scope::Everywhere, told);
    m_passwordToRemember = m_rememberPassword;

    login()->setBusy(true);
    login()->showProgress(ConnectionText::state(XmppClient::State::Connecting));
    signIn();
}

void Application::rememberPassword()
{
    // Only a password the server accepted is worth remembering.
    if (!std::exchange(m_passwordToRemember, false))
        return;
    m_passwords->remember(m_configuration.jid.bare(), m_configuration.password, m_passwordFileConsent,
                          [this](const QString &notice) { tell(notice); });
}

void Application::signIn(bool acceptWeakerSasl)
{
    ConnectionConfiguration configuration = m_configuration;
    // XEP-0474 §5: the user agreed to a weaker SASL mechanism for this connection only; never saved.
    configuration.acceptWeakerSasl = acceptWeakerSasl;
    m_client->connectToHost(configuration);
}

void Application::savePin(const QString &mechanism)
{
    m_configuration.saslPin = mechanism;
    AccountStore::Account account;
    account.configuration = m_configuration;
    account.caFile = m_caFile;
    account.autoLogin = m_login ? login()->autoLogin() : m_autoLogin;
    QString error;
    if (!AccountStore::save(m_profileDir, account, m_rememberPassword, &error))
        qCWarning(lcApp) << "the SASL pin was not saved:" << error;
}

void Application::signInAgain(bool acceptWeaker)
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

void Application::enterMainWindow()
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
    // Conversations and unread counts after the contact list has painted: a long history must not delay it.
    QTimer::singleShot(100ms, m_chatController, &ChatController::loadHistory);
    if (!m_chatToOpen.isNull()) {
        QTimer::singleShot(150ms, m_chatController, [this, jid = m_chatToOpen] { m_chatController->openChat(jid); });
        m_chatToOpen = Jid();
    }
}

void Application::stateChanged(XmppClient::State state)
{
    if (m_signedIn)
        m_main->setConnectionState(state);
    else if (ConnectionText::isInProgress(state))
        login()->showProgress(ConnectionText::state(state));

    if (state == XmppClient::State::Disconnected) {
        m_status->show(StatusChoice::Offline);
        if (!m_signedIn)
            login()->setBusy(false);
        if (m_quitting)
            QCoreApplication::quit();
    }
}

void Application::connected()
{
    if (!m_signedIn)
        enterMainWindow();
    m_main->setConnectionState(XmppClient::State::Connected);
    rememberPassword();
    tell(std::exchange(m_pendingNotice, QString()));

    const Jid jid = m_client->jid();
    m_main->setOwnJid(jid.bare());
    m_main->setDisplayName(m_profiles->ownName().isEmpty() ? jid.local() : m_profiles->ownName());
    if (m_tray)
        m_tray->setAccount(jid.bareString());

    // RFC 6121 §4.2: the PresenceManager has sent the initial presence, the one the user wants (or the
    // automatic away state if the user is still idle); it also asks the server for our contacts'.
    m_status->showOwnPresence();
}

void Application::errorOccurred(XmppClient::Error error, const QString &description)
{
    QString sentence = ConnectionText::error(error, description, m_configuration.jid.domain(), m_client->sslErrors());
    if (!m_signedIn) {
        login()->showError(sentence);
        return;
    }
    // A password that stopped working needs the sign-in window, not a "try again" button.
    if (error == XmppClient::Error::AuthenticationFailed) {
        showLoginDialog(sentence);
        return;
    }
    if (m_reconnector->isScheduled()) {
        const auto seconds = int(std::chrono::ceil<std::chrono::seconds>(m_reconnectDelay).count());
        const QString retry = seconds < 60
            ? tr("Trying again in %n second(s).", "", seconds)
            : tr("Trying again at %1.").arg(QLocale().toString(QTime::currentTime().addSecs(seconds), QLocale::ShortFormat));
        sentence = tr("%1 %2", "two sentences in a row; Chinese needs no space").arg(sentence, retry);
    }
    m_main->showError(sentence);
}

void Application::presenceChangeRequested(StatusChoice status, const QString &statusMessage)
{
    if (status == StatusChoice::Offline) {
        m_status->setMessage(statusMessage);
        m_reconnector->setEnabled(false);
        m_client->disconnectFromHost();
        m_status->show(StatusChoice::Offline);
        return;
    }
    m_status->setWanted(status, statusMessage);   // sends it when connected
    if (m_client->isConnected()) {
        m_status->show(status);
    } else if (m_client->state() == XmppClient::State::Disconnected) {
        reconnect();
    }
    // Otherwise a connection attempt is under way; connected() sends the wanted status.
}

void Application::reconnect(bool acceptWeakerSasl)
{
    // Restarting the reconnector cancels a pending automatic attempt so the two do not race.
    m_reconnector->setEnabled(false);
    m_reconnector->setEnabled(true);
    if (m_status->wanted() == StatusChoice::Offline)
        m_status->setWanted(StatusChoice::Online);
    if (m_client->state() == XmppClient::State::Disconnected)
        signIn(acceptWeakerSasl);
}

void Application::showLoginDialog(const QString &error)
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

void Application::signOut()
{
    m_reconnector->setEnabled(false);
    m_client->disconnectFromHost();
    m_directory->reset();   // the next account may be on another server
    m_chatController->hideWindows();
    showLoginDialog(QString());
}

void Application::quit()
{
    if (m_quitting)
        return;
    m_quitting = true;
    m_reconnector->setEnabled(false);
    m_main->hide();
    if (m_login)
        login()->hide();
    m_chatController->hideWindows();
    if (m_tray)
        m_tray->hide();
    if (m_client->state() == XmppClient::State::Disconnected) {
        QCoreApplication::quit();
        return;
    }
    // Close the stream politely (RFC 6120 §4.4), but do not let a silent server keep us alive.
    m_client->disconnectFromHost();
    QTimer::singleShot(3s, qApp, &QCoreApplication::quit);
}

// ---------------------------------------------------------------------------------------------------------
// Windows and status

QWidget *Application::currentWindow()
{
    return m_signedIn ? static_cast<QWidget *>(m_main.get()) : static_cast<QWidget *>(login());
}

void Application::toggleCurrentWindow()
{
    // As in QQ: while the tray blinks, a click opens the chat that waits.
    if (m_signedIn && m_chatController && m_chatController->openUnreadChat())
        return;
    QWidget *window = currentWindow();
    if (window->isVisible() && !window->isMinimized()) {
        window->hide();
    } else {
        window->showNormal();
        window->raise();
        window->activateWindow();
    }
}
