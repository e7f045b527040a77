// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QList>
#include <QProcessEnvironment>
#include <QSslCertificate>
#include <QString>
#include <QStringList>

#include <memory>

class QProcess;
class QTemporaryDir;

/// A throwaway ejabberd 24.12 on 127.0.0.1 for integration tests (configuration: tests/servers/ejabberd.yml
/// with ejabberdctl.cfg and inetrc). For what Prosody cannot do: XEP-0055 user search on search.localhost,
/// SCRAM-SHA-512, built-in SASL2/Bind2. It takes 2-4 s to start: start one per test class.
///
/// start() makes a temporary directory under /tmp (the ejabberd user must reach it), a throwaway CA and
/// certificate (tests/servers/mkcerts.sh), picks free loopback ports for c2s, Direct TLS, HTTPS and the
/// Erlang distribution (a fixed distribution port: no epmd is started), and runs `ejabberdctl foreground`
/// as the ejabberd user (setpriv; so the test must run as root or as ejabberd) with a node name of its own,
/// so that several servers can run side by side. It returns once the c2s port answers with
/// <stream:features> and the users are registered by in-band registration (XEP-0077) over Direct TLS.
///
/// stop() and the destructor send SIGTERM to the Erlang VM (beam.smp, PID from ejabberd's pid file), then
/// SIGKILL. A watchdog shell between the test and ejabberdctl does the same when the test process ends
/// without stopping it (a crash, a failed QVERIFY in the constructor path): nothing outlives the test.
///
/// Set XIN_TEST_KEEP_SERVERS=1 to keep the directory (logs, spool) after the test.
class EjabberdServer
{
public:
    struct Options
    {
        QStringList users;                           // "name:password", registered in-band after the start
        QString scramHash = QStringLiteral("sha256");  // sha | sha256 | sha512: the one hash stored per account
        int startTimeoutMs = 60000;
    };

    EjabberdServer();
    ~EjabberdServer();
    EjabberdServer(const EjabberdServer &) = delete;
    EjabberdServer &operator=(const EjabberdServer &) = delete;

    bool start(const Options &options, QString *error = nullptr);
    bool start(QString *error = nullptr);  // default Options
    /// Ends the server (SIGTERM, up to 5 s, then SIGKILL). The directory and its logs stay until the next
    /// start() or the destruction.
    void stop();
    bool isRunning() const;

    /// Registers users ("name:password") by XEP-0077 in-band registration on one Direct TLS stream.
    bool addUsers(const QStringList &users, QString *error = nullptr);
    bool addUser(const QString &name, const QString &password, QString *error = nullptr);

    const Options &options() const { return m_options; }
    QString domain() const { return QStringLiteral("localhost"); }
    QString searchService() const { return QStringLiteral("search.localhost"); }  // mod_vcard, XEP-0055
    QString host() const { return QStringLiteral("127.0.0.1"); }
    quint16 c2sPort() const { return m_c2sPort; }              // STARTTLS required
    quint16 directTlsPort() const { return m_directTlsPort; }  // XEP-0368
    quint16 httpsPort() const { return m_httpsPort; }          // XEP-0363 uploads on upload.localhost
    quint16 distributionPort() const { return m_distPort; }    // Erlang distribution, 127.0.0.1
    QString nodeName() const { return m_nodeName; }            // e.g. xt3f9a0c12@localhost

    QString directory() const;
    QString caCertificatePath() const;
    QList<QSslCertificate> caCertificates() const;  // what a client must trust
    QSslCertificate serverCertificate() const;
    QString logPath() const;                        // ejabberd.log
    QByteArray logTail(int lines = 40) const;       // of ejabberd.log and, if not empty, its console output
    qint64 pid() const;                             // of beam.smp; 0 when not running
    qint64 startupMilliseconds() const { return m_startupMs; }  // process start to <stream:features>; -1 if none

private:
    bool startOnce(QString *error, bool *portClash);
    bool waitUntilReady(QString *error);
    void signalVm(int signal) const;
    QString failure(const QString &message) const;

    Options m_options;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;  // the watchdog shell; ejabberdctl and beam.smp run below it
    QProcessEnvironment m_environment;
    QString m_ejabberdctl;
    QString m_nodeName;
    qint64 m_vmPid = 0;
    quint16 m_c2sPort = 0;
    quint16 m_directTlsPort = 0;
    quint16 m_httpsPort = 0;
    quint16 m_distPort = 0;
    qint64 m_startupMs = -1;
};
