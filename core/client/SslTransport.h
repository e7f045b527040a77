// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "client/Transport.h"

#include <QList>
#include <QSslCertificate>

class QSslSocket;

/// TCP and TLS through QSslSocket: TLS 1.2 or later, the certificate verified against @p verifyName (the
/// JID's domain, RFC 6125; docs/SECURITY.md rule 2) with the system's CAs plus @p extraCaCertificates,
/// ALPN xmpp-client (XEP-0368 §3). Errors are never ignored: a certificate problem ends the handshake.
class SslTransport : public Transport
{
    Q_OBJECT
public:
    SslTransport(const QString &verifyName, const QList<QSslCertificate> &extraCaCertificates,
                 QObject *parent = nullptr);
    ~SslTransport() override;

    void connectToHost(const QString &host, quint16 port, bool directTls) override;
    bool isOpen() const override;
    void write(const QByteArray &data) override;
    void flush() override;
    qint64 bytesAvailable() const override;
    QByteArray read(qint64 maxBytes) override;
    qint64 discardReceived() override;
    void startTls() override;
    bool isEncrypted() const override;
    std::optional<QSslCertificate> peerCertificate() const override;
    QList<QSslCertificate> peerCertificateChain() const override;
    void disconnectFromHost() override;
    void abort() override;

private:
    QSslSocket *m_socket;
    QString m_verifyName;
};
