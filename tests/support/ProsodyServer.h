// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "ServerProcess.h"
#include "stanza/RosterItem.h"

#include <QByteArray>
#include <QList>
#include <QProcessEnvironment>
#include <QSslCertificate>
#include <QString>
#include <QStringList>

#include <memory>

class QProcess;
class QTemporaryDir;

/// A throwaway Prosody 13 on 127.0.0.1 for integration tests (configuration: tests/servers/prosody.cfg.lua).
///
/// start() makes a temporary directory (under /tmp when running as root, so that the prosody user can reach
/// it), puts a throwaway CA and server certificate in it, picks free loopback ports, registers the users
/// (prosodyctl), starts `prosody -F` (as the prosody user when running as root) and returns once the c2s
/// port answers a stream header with <stream:features>. The certificates come from tests/servers/mkcerts.sh,
/// run once per test process and name in a temporary directory of their own: all servers of a process share
/// one CA. Nothing else is written outside the temporary directories.
///
/// stop() and the destructor end the process by its PID (SIGTERM, then SIGKILL). The server also dies with
/// the thread that started it (parent-death signal), so start and destroy it in one long-lived thread.
///
/// Set XIN_TEST_KEEP_SERVERS=1 to keep the directory (configuration, data, prosody.log) after the test.
class ProsodyServer
{
public:
    struct Options
    {
        bool tls = true;  // false: no certificate, no STARTTLS, no Direct TLS, all SASL mechanisms in the clear
        QString certificateName = QStringLiteral("localhost");  // the name the server certificate is for
        QStringList users;       // "name:password", registered before the start
        QString authentication;  // internal_hashed (empty = default) | internal_plain
        QString passwordHash;    // SHA-1 (empty = default) | SHA-256; used by internal_hashed
        QString logLevel;        // debug | info (empty = default) | warn | error
        QString archiveStorage;  // the MAM archive: internal (empty = default, files) | memory | off (no MAM)
        QString componentSecret; // non-empty: an XEP-0114 component bots.<domain> on componentPort()
        /// XEP-0198 §5: how long a dropped session can be resumed (mod_smacks' smacks_hibernation_time);
        /// 0: the configuration's 600 s. A few seconds lets a test outlast the window.
        int smacksHibernationSeconds = 0;
        int startTimeoutMs = 30000;
    };

    ProsodyServer();
    ~ProsodyServer();
    ProsodyServer(const ProsodyServer &) = delete;
    ProsodyServer &operator=(const ProsodyServer &) = delete;

    bool start(const Options &options, QString *error = nullptr);
    bool start(QString *error = nullptr);  // default Options
    /// Ends the server (SIGTERM, up to 5 s, then SIGKILL). The directory and its log stay until the next
    /// start() or the destruction.
    void stop();
    /// Kills the server with SIGKILL (a crash: no clean shutdown, no stream closed), keeping its directory,
    /// data and ports for restart().
    void kill();
    /// Starts the server again after kill() or stop(): the same directory, data, users and ports. Returns
    /// once the c2s port answers, as start() does.
    bool restart(QString *error = nullptr);
    bool isRunning() const;

    /// Registers a user with prosodyctl (after start(), also while it runs); an existing user gets the new
    /// password.
    bool addUser(const QString &name, const QString &password, QString *error = nullptr);
    /// Writes @p user's roster straight into Prosody's storage (each item "both", its name and groups):
    /// thousands of contacts in a moment. Prosody reads it at the user's next login, so this works while
    /// the server runs, before that user first signs in.
    bool seedRoster(const QString &user, const QList<RosterItem> &items, QString *error = nullptr);

    const Options &options() const { return m_options; }
    QString domain() const { return QStringLiteral("localhost"); }
    QString host() const { return QStringLiteral("127.0.0.1"); }
    quint16 c2sPort() const { return m_c2sPort; }              // STARTTLS (plain c2s without TLS)
    quint16 directTlsPort() const { return m_directTlsPort; }  // XEP-0368; 0 without TLS
    quint16 httpPort() const { return m_httpPort; }
    quint16 httpsPort() const { return m_httpsPort; }          // XEP-0363 uploads; 0 without TLS
    quint16 componentPort() const { return m_componentPort; }  // XEP-0114; 0 without Options::componentSecret
    QString componentDomain() const { return QStringLiteral("bots.") + domain(); }

    QString directory() const;
    QString caCertificatePath() const;      // empty without TLS
    QList<QSslCertificate> caCertificates() const;  // what a client must trust
    QString serverCertificatePath() const;  // empty without TLS
    QSslCertificate serverCertificate() const;
    QString logPath() const;
    QByteArray logTail(int lines = 40) const;  // of prosody.log and, if not empty, its console output
    qint64 pid() const;                        // 0 when not running
    qint64 startupMilliseconds() const { return m_startupMs; }  // process start to <stream:features>; -1 if none

private:
    bool startOnce(QString *error, bool *portClash);
    bool launch(QString *error, bool *portClash);
    bool waitUntilReady(QString *error);
    bool registerUsers(const QStringList &users, QString *error);
    QStringList asServerUser(const QString &program, const QStringList &arguments) const;
    void fixOwnership() const;
    QString failure(const QString &message) const;

    Options m_options;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    QProcessEnvironment m_environment;
    QString m_configPath;
    QString m_certificatePath;
    quint16 m_c2sPort = 0;
    quint16 m_directTlsPort = 0;
    quint16 m_httpPort = 0;
    quint16 m_httpsPort = 0;
    quint16 m_componentPort = 0;
    qint64 m_startupMs = -1;
};
