#pragma once

#include "client/ConnectionConfiguration.h"
#include "client/XmppClient.h"
#include "common/StatusChoice.h"
#include "storage/AccountStore.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <chrono>
#include <functional>
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
class SaslPinController;
class StatusController;
class VCardManager;
class VCardStore;
class Presence;
class BlockingManager;
class ContactListView;
class Database;
class DirectorySearch;
class FriendRequestsDialog;
class LoginDialog;
class PresenceManager;
class RosterFilterModel;
class RosterManager;
class RosterModel;
class RosterStore;
class CertificateLoader;
class RosterPreload;
class Reconnector;
class MainWindow;
class TrayIcon;
class QTimer;
class QWidget;

/// The composition root: builds the client, the windows and the tray icon, and wires them together here
/// and nowhere else. Widgets report intents; this class turns them into client calls and feeds the
/// client's state back to the widgets.
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
    void wireClient();
    LoginDialog *login();
    void wireLoginDialog();
    void wireMainWindow();
    void createTrayIcon();
    void createRoster(RosterPreload *preload);
    void wireContacts();

    void loginRequested();
    /// The remembered password has been read (PasswordController::load()).
    void passwordLoaded(const QString &password, const QString &notice);
    /// An automatic start signs in once both its certificates and its password are there.
    void autoSignIn();
    void rememberPassword();
    /// Shows @p notice (if any) in the window in use.
    void tell(const QString &notice);
    /// Connects with the session's configuration; @p acceptWeakerSasl for this connection only.
    void signIn(bool acceptWeakerSasl = false);
    /// After the user's answer to a SASL mechanism downgrade (SaslPinController).
    void signInAgain(bool acceptWeakerSasl);
    /// Saves @p mechanism as the account's SASL pin (AccountStore key saslPin).
    void savePin(const QString &mechanism);
    void enterMainWindow();
    void stateChanged(XmppClient::State state);
    void connected();
    void errorOccurred(XmppClient::Error error, const QString &description);
    void presenceChangeRequested(StatusChoice status, const QString &statusMessage);
    void reconnect(bool acceptWeakerSasl = false);
    void showLoginDialog(const QString &error);
    void signOut();
    void quit();
    void toggleCurrentWindow();
    QWidget *currentWindow();

    QString m_profileDir;
    // Read first, so that the TLS library starts on a worker while the windows are built (CertificateLoader).
    QString m_accountError;                           // before m_account, whose initialiser writes it
    std::optional<AccountStore::Account> m_account;   // the saved account, its certificates not yet loaded
    std::unique_ptr<Database> m_database;
    std::unique_ptr<CertificateLoader> m_certificates;
    XmppClient *m_client;
    Reconnector *m_reconnector;
    std::unique_ptr<LoginDialog> m_login;
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
    SaslPinController *m_saslPins = nullptr;
    StatusController *m_status = nullptr;
    FirstPaintGate *m_firstPaint = nullptr;   // the sign-in waits for the contact list's first picture
    RosterModel *m_rosterModel = nullptr;
    RosterFilterModel *m_rosterFilter = nullptr;
    ContactListView *m_contactView = nullptr;   // owned by m_main
    std::unique_ptr<FriendRequestsDialog> m_friendRequests;

    ConnectionConfiguration m_configuration;   // of the session: kept in memory even if not saved
    QString m_caFile;
    bool m_rememberPassword = false;
    bool m_passwordFileConsent = false;   // no keychain, and the user agreed to the profile folder
    bool m_passwordToRemember = false;    // asked for at sign-in; remembered once the server took it
    bool m_passwordPending = false;       // the remembered password is being read
    bool m_autoStart = false;             // start() signs in without the login dialog
    bool m_certificatesReady = false;     // of the automatic start
    Jid m_savedJid;                       // the account account.ini holds
    QString m_pendingNotice;              // for the user, once the connection attempt is over
    bool m_autoLogin = false;
    std::chrono::milliseconds m_reconnectDelay{0};
    bool m_signedIn = false;   // the main window is the current window (after the first connection)
    bool m_quitting = false;
    Jid m_chatToOpen;   // asked for before signing in
};
