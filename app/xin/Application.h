// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Jid.h"
#include "storage/AccountStore.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>
#include <optional>

class ArchiveManager;
class ChatController;
class ContactsController;
class FirstPaintGate;
class ChatManager;
class MessageStore;
class AvatarImages;
class AvatarManager;
class AvatarStore;
class PasswordController;
class ProfilesController;
class SessionController;
class StatusController;
class VCardManager;
class VCardStore;
class BlockingManager;
class ContactListView;
class Database;
class DirectorySearch;
class FriendRequestsDialog;
class PresenceManager;
class RosterFilterModel;
class RosterManager;
class RosterModel;
class RosterStore;
class CertificateLoader;
class RosterPreload;
class MainWindow;
class NetworkWatcher;
class SleepMonitor;
class TrayIcon;
class XmppClient;

/// The composition root: builds the client, its managers (ExtensionRegistry), the windows, the tray icon and
/// the controllers, and wires them together here and nowhere else. The controllers hold the logic: the
/// session (SessionController), contacts, chats, profiles, status; widgets report intents to them.
class Application : public QObject
{
    Q_OBJECT

public:
    /// @p profileDir holds every setting and all data of this profile (see AccountStore).
    /// A @p rosterPreload of the profile's database, if given, must outlive the constructor.
    explicit Application(const QString &profileDir, RosterPreload *rosterPreload = nullptr, QObject *parent = nullptr);
    ~Application() override;

    /// Signs in at once if the profile has a saved account with auto-login, else shows the login dialog.
    void start();
    /// Opens a chat with @p address, a JID or an xmpp: URI (RFC 5122, e.g. "xmpp:bob@example.org?message"),
    /// once signed in. False if it is neither.
    bool openChat(const QString &address);

private:
    void wireSession();
    /// Network changes, waking from sleep, and the archive catch-up in the connection banner.
    void wireConnectionWatch();
    void wireMainWindow();
    void createTrayIcon();
    void createRoster(RosterPreload *preload);
    void wireContacts();
    /// The main window became the current window: conversations, and the chat asked for before signing in.
    void signedIn();
    void quit();
    void toggleCurrentWindow();

    QString m_profileDir;
    // Read first, so that the TLS library starts on a worker while the windows are built (CertificateLoader).
    QString m_accountError;                           // before m_account, whose initialiser writes it
    std::optional<AccountStore::Account> m_account;   // the saved account, its certificates not yet loaded
    std::unique_ptr<Database> m_database;
    std::unique_ptr<CertificateLoader> m_certificates;
    XmppClient *m_client;
    std::unique_ptr<MainWindow> m_main;
    QPointer<TrayIcon> m_tray;

    std::unique_ptr<RosterStore> m_rosterStore;
    std::unique_ptr<VCardStore> m_vCardStore;
    std::unique_ptr<MessageStore> m_messageStore;
    std::unique_ptr<AvatarStore> m_avatarStore;
    std::unique_ptr<AvatarImages> m_avatarImages;
    BlockingManager *m_blocking = nullptr;   // owned by m_client, like every extension
    RosterManager *m_roster = nullptr;
    PresenceManager *m_presence = nullptr;
    VCardManager *m_vCards = nullptr;
    AvatarManager *m_avatars = nullptr;
    ProfilesController *m_profiles = nullptr;
    PasswordController *m_passwords;
    DirectorySearch *m_directory = nullptr;
    ChatManager *m_chats = nullptr;
    ArchiveManager *m_archive = nullptr;
    ChatController *m_chatController = nullptr;
    ContactsController *m_contacts = nullptr;
    StatusController *m_status = nullptr;
    FirstPaintGate *m_firstPaint = nullptr;   // the sign-in waits for the contact list's first picture
    RosterModel *m_rosterModel = nullptr;
    RosterFilterModel *m_rosterFilter = nullptr;
    ContactListView *m_contactView = nullptr;   // owned by m_main
    std::unique_ptr<FriendRequestsDialog> m_friendRequests;

    SessionController *m_session = nullptr;
    NetworkWatcher *m_network = nullptr;
    std::unique_ptr<SleepMonitor> m_sleep;
    bool m_quitting = false;
    Jid m_chatToOpen;   // asked for before signing in
};
