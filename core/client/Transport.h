// SPDX-FileCopyrightText: 2026 The Xin developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslError>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class ConnectionConfiguration;

/// The byte stream an XmppClient speaks over: TCP with TLS in the app (SslTransport), memory in unit tests
/// (tests/support FakeTransport). It knows nothing of XML; the client reads what arrived when told
/// readyRead(), and writes whole pieces of XML.
///
/// Every signal may be emitted from inside a call the client makes (a write may report an error, say); the
/// client copes with that, so a transport need not defer them.
class Transport : public QObject
{
    Q_OBJECT
public:
    /// What went wrong, as far as the client's error handling cares (XmppClient::Error is built from it).
    enum class Error {
        HostNotFound,
        ConnectionRefused,
        NetworkError,        // unreachable network, connect timeout
        RemoteHostClosed,    // the peer closed the connection
        TlsHandshakeFailed,  // see sslErrors() emitted before, if it was the certificate
        Other,
    };
    Q_ENUM(Error)

    explicit Transport(QObject *parent = nullptr) : QObject(parent) { }

    /// Opens a connection; with @p directTls (XEP-0368) TLS starts right away and encrypted() follows
    /// connected(). The certificate is verified against the name the transport was made for, never @p host.
    virtual void connectToHost(const QString &host, quint16 port, bool directTls) = 0;
    /// Whether the connection is open (connected() was emitted and it has not closed since).
    virtual bool isOpen() const = 0;
    virtual void write(const QByteArray &data) = 0;
    /// Pushes written data out now, for a last word before closing.
    virtual void flush() = 0;
    virtual qint64 bytesAvailable() const = 0;
    virtual QByteArray read(qint64 maxBytes) = 0;
    /// Drops everything received and not read yet; returns how many bytes that was.
    virtual qint64 discardReceived() = 0;

    /// Starts the TLS handshake on the open connection (STARTTLS, RFC 6120 §5.4.3.3): encrypted() or
    /// sslErrors() and errorOccurred(TlsHandshakeFailed) follow.
    virtual void startTls() = 0;
    virtual bool isEncrypted() const = 0;
    /// The server's certificate once encrypted; none if the transport has no certificate to offer.
    virtual std::optional<QSslCertificate> peerCertificate() const = 0;
    virtual QList<QSslCertificate> peerCertificateChain() const = 0;

    /// Closes after what was written has been sent; disconnected() follows.
    virtual void disconnectFromHost() = 0;
    /// Closes at once, dropping anything unsent; no signal follows.
    virtual void abort() = 0;

Q_SIGNALS:
    void connected();
    void encrypted();
    void readyRead();
    void disconnected();
    void errorOccurred(Transport::Error error, const QString &description);
    /// The certificate did not verify; the handshake fails (errorOccurred(TlsHandshakeFailed)) after this.
    void sslErrors(const QList<QSslError> &errors);
};

/// Makes the transport for one connection attempt (XmppClient::setTransportFactory).
using TransportFactory = std::function<std::unique_ptr<Transport>(const ConnectionConfiguration &)>;
