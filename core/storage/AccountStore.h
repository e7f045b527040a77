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
/// | password  | the password, only if the user ticked "Remember password"               | ask the user     |
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
/// password=secret
/// security=required
/// directTls=false
/// autoLogin=true
/// ```
///
/// The file is always created with mode 0600 (it names the account and may hold its password), and the
/// password is written only with the user's consent (SECURITY rule 12). Where an OS keychain exists the
/// password belongs there instead; QtKeychain is not a dependency yet, so this consent-plus-0600 file is
/// the fallback the rule allows.
class AccountStore
{
    Q_DECLARE_TR_FUNCTIONS(AccountStore)

public:
    struct Account {
        ConnectionConfiguration configuration;   // extraCaCertificates: read from caFile (loadCertificates())
        QString caFile;
        bool autoLogin = false;
        bool hasPassword() const { return !configuration.password.isEmpty(); }
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

    /// Writes @p account, creating @p profileDir if needed. The password is written only when
    /// @p rememberPassword is true; otherwise any saved password is removed. The file gets mode 0600.
    static bool save(const QString &profileDir, const Account &account, bool rememberPassword,
                     QString *error = nullptr);

    /// Removes the saved password only (e.g. after the server said it is wrong).
    static bool forgetPassword(const QString &profileDir, QString *error = nullptr);
};
