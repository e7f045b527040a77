// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "stanza/Jid.h"
#include "storage/AccountStore.h"

#include <QObject>
#include <QString>

#include <functional>

/// The remembered password of a profile's account (docs/SECURITY.md rule 12): in the OS keychain through
/// QtKeychain (Windows Credential Manager, macOS Keychain, the Secret Service on Linux), and in the profile's
/// account.ini (mode 0600) only where no keychain is available and the user agreed.
///
/// Keychain item: service "Xin", key "<bare JID> <absolute profile path>", e.g.
/// "alice@example.org /home/alice/.local/share/Xin" (two profiles may hold the same account).
/// account.ini says where the password is (AccountStore, key passwordIn).
///
/// Every call is asynchronous, never a nested event loop: @p done runs later on @p context's thread, and not
/// at all once @p context is gone (the file is still updated). The password never reaches a log.
class PasswordStore : public QObject
{
    Q_OBJECT

public:
    using Place = AccountStore::PasswordPlace;

    struct Result
    {
        Place place = Place::None;
        QString password;        // load(): the remembered password; empty when there is none
        QString keychainError;   // the keychain could not be used, and why (never a secret); empty if it was
        QString fileError;       // account.ini could not be changed, and why
        bool movedToKeychain = false;   // load(): account.ini's password went into the keychain
        bool plainFileNotice = false;   // load(): no keychain, an older Xin's password stays in account.ini:
                                        // tell the user (once: the file now says passwordIn=file)
        bool keychainAvailable() const { return keychainError.isEmpty(); }
    };
    using Callback = std::function<void(const Result &)>;

    explicit PasswordStore(const QString &profileDir, QObject *parent = nullptr);

    static QString service();
    /// The keychain key of @p account in this profile.
    QString key(const Jid &account) const;

    /// Reads the password @p account (as AccountStore::load() gave it) remembers. One in account.ini moves
    /// into the keychain when there is one (and leaves the file); otherwise it stays, and an older Xin's is
    /// announced once.
    void load(const AccountStore::Account &account, QObject *context, Callback done);
    /// Remembers @p password: in the keychain; where there is none, in account.ini if @p fileConsent, else
    /// nowhere (Result::place None, keychainError says why). account.ini must hold the account already.
    void save(const Jid &account, const QString &password, bool fileConsent, QObject *context, Callback done);

    enum class Scope { Everywhere, KeychainOnly };
    /// Forgets the password of @p account: deletes the keychain item and, with Scope::Everywhere, the
    /// password keys of account.ini (KeychainOnly: the profile now holds another account).
    void forget(const Jid &account, Scope scope, QObject *context, Callback done);

    /// Whether a keychain answers, by reading an item that does not exist (Result::keychainError).
    void probe(QObject *context, Callback done);

private:
    enum class Op { Read, Write, Delete };
    /// Runs one QtKeychain job for @p key; @p finished gets the result with place and password filled for a
    /// read (Keychain or None) and keychainError set when no keychain could be used.
    void run(Op op, const QString &key, const QString &password, std::function<void(Result)> finished);
    void moveToKeychain(const AccountStore::Account &account, QObject *context, Callback done);
    void setFilePlace(Place place, const QString &password, Result &result);

    QString m_profileDir;
};
