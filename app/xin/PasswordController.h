// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Jid.h"
#include "storage/AccountStore.h"
#include "storage/PasswordStore.h"

#include <QObject>
#include <QString>

#include <functional>

class LoginDialog;

/// The remembered password in the sign-in (docs/SECURITY.md rule 12), between the composition root and
/// PasswordStore: reads it at start without blocking the UI thread, remembers or forgets it as the login
/// dialog says, and tells the dialog whether a keychain exists. What the user must hear comes out as a
/// sentence (empty when there is nothing to say); the password itself is never logged.
class PasswordController : public QObject
{
    Q_OBJECT

public:
    using Notice = std::function<void(const QString &notice)>;

    explicit PasswordController(const QString &profileDir, QObject *parent = nullptr);

    /// Reads the password @p account remembers; @p done gets it (empty when there is none) and a notice.
    void load(const AccountStore::Account &account, std::function<void(const QString &, const QString &)> done);
    /// Names the profile folder in @p dialog and tells it whether a keychain answers.
    void prepare(LoginDialog *dialog);
    /// Remembers @p password of @p account: in the keychain, else in the profile folder if @p fileConsent.
    void remember(const Jid &account, const QString &password, bool fileConsent, Notice done);
    /// Forgets the password of @p account (see PasswordStore::forget()).
    void forget(const Jid &account, PasswordStore::Scope scope, Notice done);

private:
    QString passwordFile() const;

    PasswordStore m_store;
    QString m_profileDir;
    AccountStore::PasswordPlace m_place = AccountStore::PasswordPlace::None;   // as last read or written
};
