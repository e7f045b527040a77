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
/// "Advanced" section for the server settings. It validates as the user types and only then enables
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
    void validate();
    void updateAvatar();
    void buttonClicked();
    void setAdvancedVisible(bool visible);

    AvatarWidget *m_avatar;
    QLineEdit *m_jid;
    MessageLabel *m_jidError;
    QLineEdit *m_password;
    MessageLabel *m_passwordError;
    QCheckBox *m_remember;
    QCheckBox *m_autoLogin;
    QToolButton *m_advancedButton;
    ServerSettingsWidget *m_serverSettings;
    MessageLabel *m_status;
    QPushButton *m_loginButton;
    QString m_resource;   // kept from setConfiguration(): the form has no field for it
    bool m_passwordTouched = false;
    bool m_busy = false;
};
