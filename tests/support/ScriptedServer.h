// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QList>
#include <QPointer>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpServer>

class QSslSocket;

/// A scripted XMPP server on 127.0.0.1, for what a real server never sends (tests/integration/
/// tst_hostileserver.cpp). On each connection the script runs from its first step: a step waits until the
/// client has sent bytes containing `expect` (counted from the end of the previous match), sends `reply`
/// ("%ID%" becomes the id='...' of the request the match lies in) and then takes its action. Every byte the
/// client sent, decrypted once TLS is up, is kept in received().
class ScriptedServer : public QTcpServer
{
public:
    enum class Action { None, StartTls, Close };
    struct Step
    {
        QByteArray expect;
        QByteArray reply;
        Action action = Action::None;
    };

    /// A certificate and its key from tests/servers/mkcerts.sh, signed by a CA of its own.
    struct Certificate
    {
        QList<QSslCertificate> ca;   // what a client must trust
        QSslCertificate certificate;
        QSslKey key;
        bool isNull() const { return certificate.isNull() || key.isNull(); }
    };
    /// Issues a certificate for @p name whose subjectAltName is @p san (e.g. "IP:127.0.0.1"; empty: the
    /// mkcerts.sh default for the name); a null one (and *error) on failure.
    static Certificate issueCertificate(const QString &name, const QString &san = {}, QString *error = nullptr);

    static const QByteArray StreamHeader;   // from='localhost'
    static QByteArray features(const QByteArray &children);
    /// STARTTLS, PLAIN over TLS, resource binding to @p boundJid: a login a real server would accept.
    static QList<Step> login(const QByteArray &boundJid = "alice@localhost/xin");

    explicit ScriptedServer(QObject *parent = nullptr);
    bool listen();   // 127.0.0.1, a free port

    QList<Step> script;
    Certificate tls;                          // for Action::StartTls
    QSsl::SslProtocol tlsProtocol = QSsl::TlsV1_2OrLater;

    QByteArray received() const { return m_received; }
    int connectionCount() const { return m_connections; }
    /// Steps of the script completed on the latest connection.
    int stepsDone() const { return m_stepsDone; }
    /// Sends @p bytes on the latest connection now.
    void send(const QByteArray &bytes);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void readFrom(QSslSocket *socket);

    QPointer<QSslSocket> m_socket;
    QByteArray m_pending;   // received on the latest connection, not yet matched
    QByteArray m_received;
    int m_connections = 0;
    int m_stepsDone = 0;
};
