// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

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

class CertificateLoader;
class FirstPaintGate;
class LoginDialog;
class MainWindow;
class PasswordController;
class Reconnector;
class SaslPinController;
class StatusController;
class TrayIcon;
class QWidget;

/// The session in the app: signing in (from the login dialog or automatically at start), the connection's
/// state and errors as the user sees them, reconnecting after a drop (Reconnector, docs/SECURITY.md
/// rule 10), signing out. Which window is current follows from it: the login dialog until the first
/// connection, then the main window, until the user signs out or the password stops working.
class SessionController : public QObject
{
    Q_OBJECT
public:
    struct Parts
    {
        XmppClient *client;
        MainWindow *main;
        PasswordController *passwords;
        StatusController *status;
        FirstPaintGate *firstPaint;          // the automatic sign-in waits for the contact list's first picture
        CertificateLoader *certificates;     // the saved account's CA file, read on a worker
        std::function<QString()> ownName;   // our nickname once known (ProfilesController), else empty
        QString profileDir;
    };
    explicit SessionController(Parts parts, QObject *parent = nullptr);
    ~SessionController() override;

    /// With the account the profile saved (if any, and why not): signs in at once if it has auto-login and a
    /// remembered password, else shows the login dialog.
    void start(const std::optional<AccountStore::Account> &account, const QString &accountError);
    /// The tray icon names the account too; it may be null (no system tray).
    void setTrayIcon(TrayIcon *tray);

    /// The main window is the current window (from the first connection until signing out).
    bool isSignedIn() const { return m_signedIn; }
    /// The session's configuration: kept in memory even if not saved.
    const ConnectionConfiguration &configuration() const { return m_configuration; }
    /// The login dialog, made when first needed: an automatic sign-in never shows it.
    LoginDialog *login();
    /// The login dialog before the first connection, the main window after.
    QWidget *currentWindow();
    Reconnector *reconnector() const { return m_reconnector; }

    /// The user chose a status in the main window or the tray: offline disconnects, any other connects.
    void changePresence(StatusChoice status, const QString &statusMessage);
    /// Connects again now (the main window's button), cancelling a pending automatic attempt.
    void reconnect(bool acceptWeakerSasl = false);
    void signOut();
    /// The program ends: no more automatic attempts, the windows go.
    void prepareQuit();

Q_SIGNALS:
    /// The main window became the current window.
    void signedIn();
    /// The user signed out; the login dialog is shown.
    void signedOut();
    /// The login dialog was closed before signing in: that ends the program, as QQ's does.
    void quitRequested();

private:
    void wireClient();
    void wireLoginDialog();
    void loadPassword(const AccountStore::Account &account, bool automatic);
    void certificatesLoaded(bool automatic);
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
    void saveAccount(bool withPassword, const char *what);
    void enterMainWindow();
    void stateChanged(XmppClient::State state);
    void connected();
    void errorOccurred(XmppClient::Error error, const QString &description);
    void showLoginDialog(const QString &error);

    Parts m_parts;
    XmppClient *m_client;
    MainWindow *m_main;
    Reconnector *m_reconnector;
    SaslPinController *m_saslPins = nullptr;
    std::unique_ptr<LoginDialog> m_login;
    QPointer<TrayIcon> m_tray;

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
    bool m_signedIn = false;   // the main window is the current window (after the first connection)
};
