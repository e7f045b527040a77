// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "client/ConnectionConfiguration.h"

#include <QDialog>

class AvatarWidget;
class MessageLabel;
class QCheckBox;
class QLineEdit;
class QPushButton;
class QToolButton;
class ServerSettingsWidget;

/// The QQ-style sign-in window: address, password, "remember password", "sign in automatically", and an
/// "Advanced" section for the server settings. Under "Remember password" it says where the password will be
/// kept: the computer's keychain, or, where there is none, the profile folder, only if the user agrees there. It validates as the user types and only then enables
/// "Sign in"; it never connects by itself but says loginRequested() and shows the progress it is told.
class LoginDialog : public QDialog
{
    Q_OBJECT

public:
    explicit LoginDialog(QWidget *parent = nullptr);

    /// Fills the form, e.g. from the saved account.
    void setConfiguration(const ConnectionConfiguration &configuration, const QString &caFile);
    /// What the user entered; meaningful when isInputValid().
    ConnectionConfiguration configuration() const;
    QString caFile() const;

    bool rememberPassword() const;
    void setRememberPassword(bool remember);
    bool autoLogin() const;
    void setAutoLogin(bool autoLogin);

    /// Whether an OS keychain answers (PasswordStore::probe()); assumed until told otherwise. Without one,
    /// "Remember password" asks whether to save the password in the profile folder instead.
    void setKeychainAvailable(bool available);
    bool isKeychainAvailable() const { return m_keychainAvailable; }
    /// The profile folder the password file would be in, named in the question.
    void setProfileDir(const QString &profileDir);
    /// True only when there is no keychain and the user ticked both "Remember password" and the consent to
    /// keep the password in the profile folder (docs/SECURITY.md rule 12).
    bool passwordFileConsent() const;
    void setPasswordFileConsent(bool consent);
    /// Fills in the remembered password once read from the keychain, unless the user typed one meanwhile.
    void offerSavedPassword(const QString &password);

    bool isInputValid() const;

    /// While busy the form is read-only and the button cancels.
    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }
    void showProgress(const QString &text);
    void showError(const QString &text);
    void clearMessage();

Q_SIGNALS:
    void loginRequested();
    void cancelRequested();

private:
    // The constructor's steps.
    void setUpWidgets();   // object names, texts, initial states
    void createLayout();
    void connectWidgets();

    void validate();
    void updateAvatar();
    void buttonClicked();
    void setAdvancedVisible(bool visible);
    void updatePasswordPlace();

    AvatarWidget *m_avatar;
    QLineEdit *m_jid;
    MessageLabel *m_jidError;
    QLineEdit *m_password;
    MessageLabel *m_passwordError;
    QCheckBox *m_remember;
    QCheckBox *m_autoLogin;
    MessageLabel *m_passwordPlace;
    QCheckBox *m_fileConsent;
    QToolButton *m_advancedButton;
    ServerSettingsWidget *m_serverSettings;
    MessageLabel *m_status;
    QPushButton *m_loginButton;
    QString m_resource;   // kept from setConfiguration(): the form has no field for it
    bool m_passwordTouched = false;
    bool m_busy = false;
    bool m_keychainAvailable = true;
    QString m_profileDir;
};
