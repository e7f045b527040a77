// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "PasswordController.h"

#include "login/LoginDialog.h"

#include <QDir>
#include <QPointer>

using Place = AccountStore::PasswordPlace;

PasswordController::PasswordController(const QString &profileDir, QObject *parent)
    : QObject(parent)
    , m_store(profileDir)
    , m_profileDir(profileDir)
{ }

QString PasswordController::passwordFile() const
{
    return QDir::toNativeSeparators(QDir(AccountStore::filePath(m_profileDir)).absolutePath());
}

void PasswordController::load(const AccountStore::Account &account,
                              std::function<void(const QString &, const QString &)> done)
{
    const Place asked = account.passwordPlace;
    m_store.load(account, this, [this, asked, done = std::move(done)](const PasswordStore::Result &result) {
        m_place = result.place;
        QString notice;
        if (result.plainFileNotice) {
            notice = tr("No keychain is available on this computer, so your saved password stays in %1, readable "
                        "only by you. Untick \"Remember password\" when you next sign in to remove it.")
                         .arg(passwordFile());
        } else if (asked == Place::Keychain && result.place == Place::None) {
            notice = result.keychainAvailable()
                       ? tr("Your saved password is no longer in this computer's keychain. Enter it to sign in.")
                       : tr("Your saved password could not be read from this computer's keychain (%1). Enter it to "
                            "sign in.")
                             .arg(result.keychainError);
        }
        done(result.password, notice);
    });
}

void PasswordController::prepare(LoginDialog *dialog)
{
    dialog->setProfileDir(m_profileDir);
    m_store.probe(dialog, [dialog = QPointer(dialog)](const PasswordStore::Result &result) {
        if (dialog)
            dialog->setKeychainAvailable(result.keychainAvailable());
    });
}

void PasswordController::remember(const Jid &account, const QString &password, bool fileConsent, Notice done)
{
    m_store.save(account, password, fileConsent, this,
                 [this, done = std::move(done)](const PasswordStore::Result &result) {
        m_place = result.place;
        if (!result.fileError.isEmpty())
            done(tr("The password was not remembered: %1").arg(result.fileError));
        else if (result.place == Place::None)
            done(tr("The password was not remembered: no keychain is available on this computer (%1).")
                     .arg(result.keychainError));
        else
            done(QString());
    });
}

void PasswordController::forget(const Jid &account, PasswordStore::Scope scope, Notice done)
{
    const bool wasInKeychain = m_place == Place::Keychain;
    if (scope == PasswordStore::Scope::Everywhere)
        m_place = Place::None;
    m_store.forget(account, scope, this, [wasInKeychain, done = std::move(done)](const PasswordStore::Result &result) {
        if (!result.fileError.isEmpty())
            done(tr("The saved password could not be removed: %1").arg(result.fileError));
        else if (wasInKeychain && !result.keychainAvailable())
            done(tr("The saved password could not be removed from this computer's keychain (%1).")
                     .arg(result.keychainError));
        else
            done(QString());
    });
}
