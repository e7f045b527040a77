// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QProcessEnvironment>
#include <QString>

#include <memory>
#include <optional>

class QProcess;
class QTemporaryDir;

/// A private Secret Service for tests, so that QtKeychain and libsecret store into a real keychain without
/// touching the user's: a dbus-daemon with a session-bus configuration of its own and a
/// gnome-keyring-daemon (secrets component only) whose login keyring, in a temporary directory, is created
/// and unlocked with a throw-away password fed on its stdin.
///
/// start() points DBUS_SESSION_BUS_ADDRESS of this process at the private bus (and QTKEYCHAIN_BACKEND at
/// libsecret); call it before the first keychain job, as GLib keeps the first session-bus connection it
/// makes. It fails, with a sentence naming the missing piece, rather than let a test pass without a keychain.
///
/// stop() and the destructor end both daemons by their PIDs (SIGTERM, then SIGKILL); each also dies with the
/// thread that started it (setpriv --pdeathsig), should the test crash.
class KeychainService
{
public:
    KeychainService();
    ~KeychainService();
    KeychainService(const KeychainService &) = delete;
    KeychainService &operator=(const KeychainService &) = delete;

    bool start(QString *error);
    void stop();

    QString busAddress() const { return m_address; }
    /// What `secret-tool lookup` finds for the item QtKeychain stores under @p service and @p key (its
    /// attributes "server" and "user"): the secret, or nothing. Independent of QtKeychain.
    std::optional<QString> lookup(const QString &service, const QString &key) const;
    /// Deletes that item behind QtKeychain's back (`secret-tool clear`), as the user could in the keychain's
    /// own manager.
    bool clear(const QString &service, const QString &key) const;

private:
    bool startBus(QString *error);
    bool startKeyring(QString *error);
    bool waitForSecretsName(QString *error);
    QProcessEnvironment environment() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_bus;
    std::unique_ptr<QProcess> m_keyring;
    QString m_address;
};
