// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "client/ConnectionConfiguration.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

/// The saved account of a profile directory: what the login dialog remembers and what auto-login uses.
///
/// File format: PROFILE_DIR/account.ini, QSettings IniFormat, every key in the group [account]:
///
/// | key       | value                                                                   | absent means     |
/// |-----------|-------------------------------------------------------------------------|------------------|
/// | jid       | the bare JID, e.g. alice@example.org (required)                         | no saved account |
/// | passwordIn| keychain or file: where the remembered password is (see below)           | not remembered   |
/// | password  | the password, only with passwordIn=file (see below)                      | ask the user     |
/// | resource  | the resource asked for when binding                                     | server chooses   |
/// | host      | host name or IP address to connect to instead of the SRV lookup          | SRV lookup       |
/// | port      | 1..65535                                                                | 5222/5223 or SRV |
/// | security  | required, ifpossible or disabled (the last two on loopback hosts only)   | required         |
/// | directTls | true or false: XEP-0368 TLS from the first byte instead of STARTTLS      | false            |
/// | caFile    | PEM file with extra trusted CA certificates; relative to PROFILE_DIR     | system CAs only  |
/// | autoLogin | true or false: sign in at start without showing the login dialog         | false            |
/// | saslPin   | the strongest SASL mechanism used so far; a weaker one is refused          | nothing pinned   |
///
/// Example:
/// ```ini
/// [account]
/// jid=alice@example.org
/// passwordIn=keychain
/// security=required
/// directTls=false
/// autoLogin=true
/// ```
///
/// Where "Remember password" keeps the password (docs/SECURITY.md rule 12): in the OS keychain
/// (PasswordStore: service "Xin", key "<bare JID> <absolute profile path>"), marked passwordIn=keychain and
/// never written here. Only where no keychain is available, and only after the user agreed, it is the
/// password key, marked passwordIn=file. A password key without passwordIn was written by an older Xin:
/// PasswordStore moves it into the keychain at the next start, or tells the user once that it stays.
/// The file is always created with mode 0600 (it names the account and may hold its password).
class AccountStore
{
    Q_DECLARE_TR_FUNCTIONS(AccountStore)

public:
    /// Where the remembered password is.
    enum class PasswordPlace {
        None,         // not remembered
        Keychain,     // in the OS keychain (PasswordStore); configuration.password is empty after load()
        File,         // the password key, the user having agreed (no keychain was available)
        LegacyFile,   // the password key written by an older Xin, before the keychain; not announced yet
    };

    struct Account
    {
        ConnectionConfiguration configuration;   // extraCaCertificates: read from caFile (loadCertificates())
        QString caFile;
        bool autoLogin = false;
        PasswordPlace passwordPlace = PasswordPlace::None;
        /// A password from the file (passwordPlace File or LegacyFile); a keychain's comes from PasswordStore.
        bool hasPassword() const { return !configuration.password.isEmpty(); }
        bool remembersPassword() const { return passwordPlace != PasswordPlace::None; }
    };

    /// The file inside @p profileDir that holds the account.
    static QString filePath(const QString &profileDir);

    /// Reads the saved account. std::nullopt with an empty *error when there is none; std::nullopt with a
    /// sentence naming the file and the bad key when the file cannot be used.
    /// With Certificates::Later the caFile is not read yet: loadCertificates() does that before connecting.
    /// Parsing a certificate starts the TLS library (tens of milliseconds), which a start showing the cached
    /// contact list first should not wait for.
    enum class Certificates { Now, Later };
    static std::optional<Account> load(const QString &profileDir, QString *error = nullptr,
                                       Certificates certificates = Certificates::Now);
    /// Reads @p account's caFile (relative to @p profileDir) into its configuration's extraCaCertificates.
    /// Fails closed: false with a sentence in *error when the file holds no PEM certificate.
    static bool loadCertificates(const QString &profileDir, Account &account, QString *error = nullptr);

    /// Writes @p account, creating @p profileDir if needed. The password is written (passwordIn=file) only
    /// when @p passwordInFile is true, which only the user's consent may make it; otherwise a password in
    /// the file is removed, and a passwordIn=keychain mark is kept (PasswordStore owns it). Mode 0600.
    static bool save(const QString &profileDir, const Account &account, bool passwordInFile, QString *error = nullptr);

    /// Changes only the password keys: Keychain marks the password as in the keychain and removes it from
    /// the file; File writes @p password (the caller has the user's consent); None removes both.
    /// LegacyFile counts as File. False with a sentence in *error when the file cannot be written.
    static bool setPasswordPlace(const QString &profileDir, PasswordPlace place, const QString &password = {},
                                 QString *error = nullptr);

    /// Removes the saved password and its mark only (e.g. after the server said it is wrong).
    static bool forgetPassword(const QString &profileDir, QString *error = nullptr);
};
