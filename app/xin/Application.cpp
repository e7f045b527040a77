// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Application.h"
#include "CertificateLoader.h"

#include "ChatController.h"
#include "ContactsController.h"
#include "FirstPaintGate.h"
#include "PasswordController.h"
#include "ProfilesController.h"
#include "SessionController.h"
#include "SleepMonitor.h"
#include "StatusController.h"

#include "client/ExtensionRegistry.h"
#include "client/NetworkWatcher.h"
#include "extensions/ArchiveManager.h"
#include "common/AvatarImages.h"
#include "extensions/AvatarManager.h"
#include "extensions/BlockingManager.h"
#include "extensions/ChatManager.h"
#include "extensions/DirectorySearch.h"
#include "extensions/PresenceManager.h"
#include "extensions/RosterManager.h"
#include "extensions/VCardManager.h"
#include "main/ConnectionBanner.h"
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
    , m_main(std::make_unique<MainWindow>())
    , m_passwords(new PasswordController(profileDir, this))
{
    createTrayIcon();
    createRoster(rosterPreload);
    wireContacts();
    wireSession();
    wireMainWindow();
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
    m_session->start(m_account, m_accountError);
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
    if (m_session->isSignedIn())
        m_chatController->openChat(jid->bare());
    else
        m_chatToOpen = jid->bare();
    return true;
}

// ---------------------------------------------------------------------------------------------------------
// Wiring

void Application::wireSession()
{
    m_session = new SessionController({m_client, m_main.get(), m_passwords, m_status, m_firstPaint,
                                       m_certificates.get(), [this] { return m_profiles->ownName(); }, m_profileDir},
                                      this);
    m_session->setTrayIcon(m_tray);
    connect(m_session, &SessionController::signedIn, this, &Application::signedIn);
    connect(m_session, &SessionController::signedOut, this, [this] {
        m_directory->reset();   // the next account may be on another server
        m_chatController->hideWindows();
    });
    connect(m_session, &SessionController::quitRequested, this, &Application::quit);
    connect(m_client, &XmppClient::stateChanged, this, [this](XmppClient::State state) {
        if (m_quitting && state == XmppClient::State::Disconnected)
            QCoreApplication::quit();
    });
    wireConnectionWatch();
}

void Application::wireConnectionWatch()
{
    // A network change or waking from sleep proves the link at once, or brings a waiting reconnection now.
    m_network = new NetworkWatcher(m_client, m_session->reconnector(), this);
    // The network backend and the system bus are reached once the contact list has been drawn (start-up).
    m_firstPaint->run([this] {
        m_network->start();
        m_sleep = SleepMonitor::create();
        if (m_sleep)
            connect(m_sleep.get(), &SleepMonitor::wokeUp, m_network, &NetworkWatcher::wokeUp);
    });
    // The banner tells how far the catch-up after a (re)connection is, then "Up to date".
    ConnectionBanner *banner = m_main->connectionBanner();
    connect(m_archive, &ArchiveManager::catchUpProgress, banner, &ConnectionBanner::showCatchUp);
    connect(m_archive, &ArchiveManager::catchUpFinished, banner, [this, banner](bool ok) {
        if (ok)
            banner->showUpToDate();
        else
            banner->setState(m_client->state());   // the gap, if any, is told in the chats (historyGap)
    });
}

void Application::wireMainWindow()
{
    connect(m_main.get(), &MainWindow::presenceChangeRequested, m_session, &SessionController::changePresence);
    connect(m_main.get(), &MainWindow::reconnectRequested, m_session, [this] { m_session->reconnect(); });
    connect(m_main.get(), &MainWindow::signOutRequested, m_session, &SessionController::signOut);
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
        if (m_session->isSignedIn())
            m_session->changePresence(status, m_status->message());
        else if (status != StatusChoice::Offline)
            m_status->setWanted(status);   // used once the user signs in
    });
    connect(m_tray->contextMenu(), &QMenu::aboutToShow, this,
            [this] { m_tray->setWindowVisible(m_session->currentWindow()->isVisible()); });
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

    const auto managers = ExtensionRegistry::install(*m_client,
                                                     {m_rosterStore.get(), m_vCardStore.get(), m_avatarStore.get(),
                                                      m_messageStore.get(),
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
                                           m_avatars, m_database->isOpen() ? m_database.get() : nullptr, m_rosterModel,
                                           m_contactView, m_main.get(), m_profiles},
                                          this);
    m_chatController->setTrayIcon(m_tray);
}

void Application::wireContacts()
{
    m_contacts = new ContactsController({m_roster, m_blocking, m_presence, m_directory, m_rosterModel, m_rosterFilter,
                                         m_contactView, m_main.get(), m_profiles, m_friendRequests.get(),
                                         m_database.get(), [this] { return m_session->configuration().jid.bare(); }},
                                        this);
    m_contacts->setTrayIcon(m_tray);
    m_status = new StatusController(m_client, m_presence, m_main.get(), m_database.get(), this);
    m_status->setTrayIcon(m_tray);
}

// ---------------------------------------------------------------------------------------------------------
// Signing in and out

void Application::signedIn()
{
    // Conversations and unread counts after the contact list has painted: a long history must not delay it.
    QTimer::singleShot(100ms, m_chatController, &ChatController::loadHistory);
    if (!m_chatToOpen.isNull()) {
        QTimer::singleShot(150ms, m_chatController, [this, jid = m_chatToOpen] { m_chatController->openChat(jid); });
        m_chatToOpen = Jid();
    }
}

void Application::quit()
{
    if (m_quitting)
        return;
    m_quitting = true;
    m_session->prepareQuit();
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

void Application::toggleCurrentWindow()
{
    // As in QQ: while the tray blinks, a click opens the chat that waits.
    if (m_session->isSignedIn() && m_chatController && m_chatController->openUnreadChat())
        return;
    QWidget *window = m_session->currentWindow();
    if (window->isVisible() && !window->isMinimized()) {
        window->hide();
    } else {
        window->showNormal();
        window->raise();
        window->activateWindow();
    }
}
